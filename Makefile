# Two commands for everyone: `make lab` starts the course, `make test` runs every test.
# Both create .venv on first use and install the project into it; a second run reuses it
# unless pyproject.toml or this Makefile changed.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(abspath $(VENV))/bin
STAMP  := $(VENV)/.installed
# nbgrader runs `alembic` by name, so the environment's bin must come first on PATH.
export PATH := $(BIN):$(PATH)

LAB_ARGS    ?=
# JupyterLab refuses to run as root unless told; containers and CI machines often are root.
ROOT_FLAG   := $(if $(filter 0,$(shell id -u)),--allow-root,)
PYTEST_ARGS ?=

.PHONY: lab test install clean

install: $(STAMP)

$(STAMP): pyproject.toml Makefile
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[test,hub]"
	@touch $@

lab: $(STAMP)
	cd notebooks && $(BIN)/jupyter lab 00_start_here.ipynb $(ROOT_FLAG) $(LAB_ARGS)

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache
