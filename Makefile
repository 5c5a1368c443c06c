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

.PHONY: lab lab-instructor test install clean notebooks notebooks-check exams-build exams-release exams-collect exams-grade exams-feedback exams-report exams-certificates exams-verify

install: $(STAMP)

$(STAMP): pyproject.toml Makefile
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[test,hub]"
	@touch $@

# Learners get no news pop-up and none of nbgrader's instructor tools (Formgrader, Create
# Assignment, Validate); instructors get them with `make lab-instructor`. deploy/lab/README.md.
LAB_QUIET := --LabApp.news_url=None --LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate
LAB_CONFIG = JUPYTER_CONFIG_PATH="$(abspath deploy/lab/$(1))$(if $(JUPYTER_CONFIG_PATH),:$(JUPYTER_CONFIG_PATH))"

lab: $(STAMP)
	cd notebooks && $(call LAB_CONFIG,learner) $(BIN)/jupyter lab 00_start_here.ipynb $(LAB_QUIET) $(ROOT_FLAG) $(LAB_ARGS)

lab-instructor: $(STAMP)
	cd notebooks && $(call LAB_CONFIG,instructor) $(BIN)/jupyter lab 00_start_here.ipynb $(LAB_QUIET) $(ROOT_FLAG) $(LAB_ARGS)

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Every notebook from its text source course_data/lessons/<module>.md (README "Adding content").
notebooks: $(STAMP)
	$(BIN)/python -m compliance_course.lessons build

notebooks-check: $(STAMP)
	$(BIN)/python -m compliance_course.lessons build --check

clean:
	rm -rf $(VENV) .pytest_cache

# ---- Instructors: certification exams (see autograder/README.md) -------------------------
# Extra options go in ARGS, e.g. `make exams-release ARGS=--exchange`,
# `make exams-collect ARGS="--exam hipaa_exam --zips ~/returned"`, `make exams-report ARGS="--threshold 0.85"`.
ARGS ?=
GRADING := $(BIN)/python -m compliance_course.grading

exams-build: $(STAMP)         ## build exam source notebooks from the exam bank
	$(GRADING) build $(ARGS)
exams-release: $(STAMP)       ## student versions without answers; one zip per exam
	$(GRADING) release $(ARGS)
exams-collect: $(STAMP)       ## from the exchange (--exchange) or returned zips (--exam X --zips DIR)
	$(GRADING) collect $(ARGS)
exams-grade: $(STAMP)         ## mark every submission from its saved answers (no learner code runs)
	$(GRADING) grade $(ARGS)
exams-feedback: $(STAMP)      ## HTML feedback, only for fully graded submissions
	$(GRADING) feedback $(ARGS)
exams-report: $(STAMP)        ## grades, completion records, item analysis
	$(GRADING) report $(ARGS)
exams-certificates: $(STAMP)  ## certificates for every pass
	$(GRADING) certificates $(ARGS)
exams-verify: $(STAMP)        ## verify certificate files: make exams-verify ARGS="path/to/cert.html"
	$(GRADING) verify $(ARGS)
