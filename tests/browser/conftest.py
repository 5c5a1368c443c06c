"""Fixtures for the browser tests: one JupyterLab server and one Chromium per test session.

The server runs on 127.0.0.1 with a free port, without a token, with its own temporary
config, data, runtime, settings and workspace folders, and serves a temporary copy of
``notebooks/``, so a test can never change the real notebooks or the learner's setup.

Chromium is Debian's ``chromium`` package driven by Playwright (Playwright's own browser
download is not used). When it is missing the browser tests are skipped with a reason,
unless ``CC_REQUIRE_BROWSER=1`` (set by CI), in which case they fail instead.
"""
from __future__ import annotations

import http.cookiejar
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CC_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = ROOT / "screenshots" / "browser"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
# Announcements and update checks would reach the network and pop up over the notebook.
DISABLED_LAB_PLUGINS = {
    "@jupyterlab/apputils-extension:announcements": True,
}


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "browser: drives JupyterLab in a real Chromium (needs /usr/bin/chromium and playwright)")


def _missing_browser() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not os.access(CHROMIUM, os.X_OK):
        return f"{CHROMIUM} not found: install Debian's chromium (`.ci/install-browser` or apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[test]')"
    return None


def pytest_collection_modifyitems(config, items):
    reason = _missing_browser()
    if reason is None:
        return
    if os.environ.get("CC_REQUIRE_BROWSER") == "1":
        return  # CI: the lab_server fixture fails each test with the reason instead
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.skip(reason=reason))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class LabServer:
    url: str
    root_dir: Path
    log_path: Path
    home: Path  # COMPLIANCE_COURSE_HOME of the server and its kernels

    def api(self, method: str, path: str) -> object:
        """Call the REST API; writes carry the XSRF cookie and header the server asks for."""
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        headers = {}
        if method != "GET":
            opener.open(f"{self.url}/lab", timeout=10).read()  # sets the _xsrf cookie
            headers = {"X-XSRFToken": next(c.value for c in jar if c.name == "_xsrf")}
        request = urllib.request.Request(f"{self.url}{path}", method=method, headers=headers)
        with opener.open(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def log_tail(self, chars: int = 4000) -> str:
        return self.log_path.read_text(errors="replace")[-chars:]

    def session_ids(self) -> set[str]:
        return {session["id"] for session in self.api("GET", "/api/sessions") or []}

    def end_sessions(self, *, path: str | None = None, keep: set[str] = frozenset()) -> None:
        """Shut down the sessions (and their kernels) of ``path``, or every one not in ``keep``.

        Tests run notebooks side by side, so a test ends only what it started."""
        for session in self.api("GET", "/api/sessions") or []:
            if session["id"] in keep or (path is not None and session["path"] != path):
                continue
            self.api("DELETE", f"/api/sessions/{session['id']}")


def _wait_until_up(proc: subprocess.Popen, url: str, log_path: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"{url}/api/status", timeout=2) as response:
                if response.status == 200:
                    return
        except (OSError, urllib.error.URLError):
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            tail = log_path.read_text(errors="replace")[-3000:]
            pytest.fail(f"JupyterLab did not start (exit code {proc.poll()}):\n{tail}")
        time.sleep(0.3)


def _stop(proc: subprocess.Popen) -> None:
    """SIGTERM the server's process group (the server shuts its kernels down), SIGKILL if it hangs."""
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:  # kernels are in the same process group
        try:
            os.killpg(proc.pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.2)
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _start_lab(base: Path, *, learner: bool):
    """Start a token-less JupyterLab on loopback serving a temporary copy of notebooks/ under ``base``.

    ``learner``: configured as ``make lab`` configures it for learners (deploy/lab/learner on
    JUPYTER_CONFIG_PATH); otherwise as the instructor's Lab, with nbgrader's exchange in ``base``.
    Returns (process, LabServer, open log file)."""
    root_dir = base / "notebooks"
    shutil.copytree(ROOT / "notebooks", root_dir,
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints", "*.responses.json*"))
    dirs = {name: base / name for name in ("config", "data", "runtime", "settings", "workspaces", "home")}
    for path in dirs.values():
        path.mkdir()
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(dirs["config"]),
        "JUPYTER_DATA_DIR": str(dirs["data"]),
        "JUPYTER_RUNTIME_DIR": str(dirs["runtime"]),
        "JUPYTERLAB_SETTINGS_DIR": str(dirs["settings"]),
        "JUPYTERLAB_WORKSPACES_DIR": str(dirs["workspaces"]),
        "COMPLIANCE_COURSE_HOME": str(dirs["home"]),
        # nbgrader runs `alembic` by name
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    if learner:
        env["JUPYTER_CONFIG_PATH"] = str(ROOT / "deploy" / "lab" / "learner")
    else:
        # nbgrader's exchange in the temporary folder, so the Assignment List has somewhere to look.
        (base / "exchange").mkdir()
        (dirs["config"] / "nbgrader_config.py").write_text(
            f"c = get_config()\nc.Exchange.root = {str(base / 'exchange')!r}\n")
        (dirs["config"] / "labconfig").mkdir()
        (dirs["config"] / "labconfig" / "page_config.json").write_text(
            json.dumps({"disabledExtensions": DISABLED_LAB_PLUGINS}))
    port = _free_port()
    args = [
        sys.executable, "-m", "jupyterlab", "--no-browser",
        "--ip=127.0.0.1", f"--port={port}", "--ServerApp.port_retries=0",
        "--IdentityProvider.token=", "--PasswordIdentityProvider.hashed_password=",
        f"--ServerApp.root_dir={root_dir}",
        f"--LabApp.user_settings_dir={dirs['settings']}",
        f"--LabApp.workspaces_dir={dirs['workspaces']}",
        # as the Makefile's LAB_QUIET
        "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.expose_app_in_browser=True",
    ]
    if os.getuid() == 0:
        args.append("--allow-root")
    log_path = base / "jupyterlab.log"
    log = log_path.open("w")
    proc = subprocess.Popen(args, cwd=root_dir, env=env, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    server = LabServer(url=url, root_dir=root_dir, log_path=log_path, home=dirs["home"])
    try:
        _wait_until_up(proc, url, log_path)
    except BaseException:
        _stop(proc)
        log.close()
        raise
    return proc, server, log


def _require_browser() -> None:
    reason = _missing_browser()
    if reason:
        pytest.fail(f"CC_REQUIRE_BROWSER=1 but {reason}")


def _running_lab(tmp_path_factory, name: str, *, learner: bool) -> Iterator[LabServer]:
    """The body of a Lab fixture: start the server in a fresh temporary folder, yield it, stop it."""
    _require_browser()
    proc, server, log = _start_lab(tmp_path_factory.mktemp(name), learner=learner)
    try:
        yield server
    finally:
        _stop(proc)
        log.close()


@pytest.fixture(scope="package")
def lab_server(tmp_path_factory) -> Iterator[LabServer]:
    """A token-less JupyterLab on loopback serving a temporary copy of notebooks/."""
    yield from _running_lab(tmp_path_factory, "lab", learner=False)


@pytest.fixture(scope="package")
def learner_lab(tmp_path_factory) -> Iterator[LabServer]:
    """JupyterLab as `make lab` configures it for learners (deploy/lab/learner on
    JUPYTER_CONFIG_PATH), token-less on loopback, serving a temporary copy of notebooks/.
    Started only when a test asks for it."""
    yield from _running_lab(tmp_path_factory, "learner-lab", learner=True)


@pytest.fixture(scope="package")
def browser():
    """One headless Chromium for all the browser tests (Debian's, not Playwright's download).

    Every browser test uses this one: Playwright's sync API runs one event loop per process,
    so a second ``sync_playwright()`` at the same time fails. Package scope: Playwright is stopped
    when the browser tests end, because its loop, left running, breaks every later test that calls
    ``asyncio.run`` (the hub and contents-manager tests)."""
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


WIDE = {"width": 1400, "height": 900}  # the window the readability and practice tests look in


def new_context(browser, viewport: dict | None = None):
    """A fresh browser profile (cookies, storage, cache) in a window of its own (1280x900 unless told)."""
    context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900}, service_workers="block")
    context.set_default_timeout(30_000)
    return context


@pytest.fixture(scope="package")
def browser_context(browser):
    context = new_context(browser)
    try:
        yield context
    finally:
        context.close()


def module_notebooks() -> list[tuple[str, str]]:
    """(module id, notebook file) for every notebook in course_data/modules.yaml that exists."""
    import yaml

    modules = yaml.safe_load((ROOT / "course_data" / "modules.yaml").read_text(encoding="utf-8"))["modules"]
    return [(m["id"], m["notebook"]) for m in modules if (ROOT / "notebooks" / m["notebook"]).exists()]


NOTEBOOKS = module_notebooks()

# How many notebooks run ahead of the one under test. Measured on a 2-core machine (37 tests):
# 0 → 175 s, 1 → 147 s, 2 → 166 s. One keeps both cores busy (a kernel runs while the browser
# is tested on the other notebook); more only queue for the CPU.
RUN_AHEAD = int(os.environ.get("CC_BROWSER_RUN_AHEAD", "1"))


class NotebookRunner:
    """Opens the course notebooks in order and starts Run All a little ahead of their tests.

    Each notebook gets a browser window of its own (a context: Chromium stops drawing in a
    tab that is not in front, and JupyterLab's window naming clashes between tabs of one
    profile that open together). When a notebook's tests begin, the next ``ahead`` notebooks
    are opened and started, so their kernels start, import and run while the browser is being
    tested on this one. A notebook that cannot be opened or started fails its own tests only.
    """

    def __init__(self, browser, base_url: str, notebooks: list[str], ahead: int):
        self.browser, self.base_url, self.notebooks, self.ahead = browser, base_url, notebooks, ahead
        self.started: dict[str, object] = {}  # notebook -> NotebookPage, or the exception it raised

    def _start(self, notebook: str) -> None:
        from .lab_driver import NotebookPage

        if notebook in self.started:
            return
        nb = NotebookPage.start(new_context(self.browser), self.base_url, notebook)
        try:
            nb.wait_loaded()
            nb.start_run_all()
            self.started[notebook] = nb
        except Exception as exc:  # noqa: BLE001 - reported by this notebook's own tests
            self.started[notebook] = exc
            nb.page.context.close()

    def finished(self, notebook: str):
        """The notebook once Run All has finished; the next ones are started before waiting."""
        self._start(notebook)
        i = self.notebooks.index(notebook)
        for following in self.notebooks[i + 1:i + 1 + self.ahead]:
            self._start(following)
        nb = self.started[notebook]
        if isinstance(nb, Exception):
            raise nb
        nb.page.bring_to_front()  # started in the background: Chromium may hold back drawing until it is in front
        nb.wait_for_run()
        return nb

    def close(self, notebook: str | None = None) -> None:
        """Close the window of one notebook, or of every one started (closing twice is harmless)."""
        for name, nb in self.started.items():
            if (notebook is None or name == notebook) and not isinstance(nb, Exception):
                nb.page.context.close()


@pytest.fixture(scope="package")
def notebook_runner(browser, lab_server, request):
    # Only the notebooks this session tests (``-k soc2`` runs ahead of nothing it will not use).
    selected = {item.callspec.params["notebook_page"] for item in request.session.items
                if "notebook_page" in getattr(getattr(item, "callspec", None), "params", {})}
    runner = NotebookRunner(browser, lab_server.url, [nb for _, nb in NOTEBOOKS if nb in selected], RUN_AHEAD)
    yield runner
    runner.close()


@pytest.fixture(scope="package", params=[nb for _, nb in NOTEBOOKS], ids=[mid for mid, _ in NOTEBOOKS])
def notebook_page(request, notebook_runner, lab_server):
    """One course notebook after Run → Run All Cells has finished in JupyterLab.

    Session-scoped and parametrised: pytest runs every test of one notebook together, then
    closes its window and shuts its kernel down.
    """
    try:
        nb = notebook_runner.finished(request.param)
        nb.module = dict((notebook, mid) for mid, notebook in NOTEBOOKS)[request.param]
        yield nb
    finally:
        notebook_runner.close(request.param)
        lab_server.end_sessions(path=request.param)


@pytest.fixture
def learner_window(browser, learner_lab):
    """A 1400x900 window of its own on the learner Lab; its kernels are shut down afterwards."""
    before = learner_lab.session_ids()
    context = new_context(browser, WIDE)
    yield context
    context.close()
    learner_lab.end_sessions(keep=before)


@pytest.fixture
def page(browser_context, lab_server):
    """A new tab; afterwards it is closed and the kernels it started are shut down."""
    before = lab_server.session_ids()
    tab = browser_context.new_page()
    yield tab
    tab.close()
    lab_server.end_sessions(keep=before)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """On a failed browser test, keep a screenshot of what the browser showed."""
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.failed or not item.get_closest_marker("browser"):
        return
    funcargs = getattr(item, "funcargs", {})
    tab = funcargs.get("page") or getattr(funcargs.get("notebook_page"), "page", None)
    if tab is None or tab.is_closed():
        return
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"FAILED-{_safe(item.name)}.png"
    try:
        tab.screenshot(path=path)
        report.sections.append(("browser", f"screenshot of the failure: {path}"))
    except Exception:  # a crashed tab cannot be photographed; the failure itself is reported
        pass


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in name)


@pytest.fixture(scope="package")
def screenshot_dir() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS

