"""A JupyterLab server on a free local port, a headless Chromium page, and the steps of a
learner: open a notebook, run all, move a control, look. The tests get them as the fixture
`learner`. Run with `make test-browser`."""

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "browser"
TOKEN = "bpnb-browser-test"
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium() -> str:
    """Chromium's path: the environment variable CHROMIUM, else `chromium` on the PATH."""
    path = os.environ.get("CHROMIUM") or shutil.which("chromium")
    if not path:
        pytest.fail("the browser tests need Chromium: run them with `make test-browser`, which installs it, "
                    "or set CHROMIUM to the path of a Chromium executable")
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    """Start JupyterLab on a folder of its own; yield (base URL, folder)."""
    root = tmp_path_factory.mktemp("lab")
    settings = root / ".settings" / "@jupyterlab"
    for extension, name, values in [
        ("apputils-extension", "notification", {"fetchNews": "false"}),  # no news toast over the outputs
        ("notebook-extension", "tracker", {"windowingMode": "none"}),  # every cell in the page, even out of view
    ]:
        (settings / extension).mkdir(parents=True, exist_ok=True)
        (settings / extension / f"{name}.jupyterlab-settings").write_text(json.dumps(values))
    port = free_port()
    env = os.environ | {
        "JUPYTERLAB_SETTINGS_DIR": str(root / ".settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(root / ".workspaces"),
        "PYTHONHASHSEED": "0",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--allow-root", f"--port={port}",
         "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={TOKEN}", "--LabApp.news_url=",
         f"--ServerApp.root_dir={root}"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(f"{base}/api/status?token={TOKEN}", timeout=1)
            break
        except OSError:
            time.sleep(0.25)
    else:
        server.kill()
        pytest.fail("JupyterLab did not start within 30 s")
    yield base, root
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture
def page(tmp_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=chromium(), args=CHROMIUM_FLAGS,
            viewport={"width": 1400, "height": 1000},
        )
        yield context.pages[0] if context.pages else context.new_page()
        context.close()


@pytest.fixture
def learner(lab, page):
    """A learner at the JupyterLab server, in a Chromium page; screenshots go to SCREENSHOTS."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return Learner(page, lab)


class Learner:
    """The steps of a learner in JupyterLab: open a course notebook and run it all, move a
    slider, press a button, and look at the picture."""

    def __init__(self, page, lab) -> None:
        self.page, (self.base, self.folder) = page, lab

    def open_and_run_all(self, notebook: str, explorer_class: str):
        """Open a copy of notebooks/`notebook` (outputs cleared) in JupyterLab, Run All, wait
        until every cell has run, check that none shows an error, and return the explorer's
        element (the one with CSS class `explorer_class`)."""
        page = self.page
        name = copy_without_outputs(ROOT / "notebooks" / notebook, self.folder)
        page.goto(f"{self.base}/lab/tree/{name}?token={TOKEN}&reset")
        # the toolbar may say idle while the status bar still says "Initializing": wait for the latter
        page.get_by_text(re.compile(r"\(ipykernel\) \| Idle")).wait_for(timeout=60_000)
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.get_by_role("menuitem", name=re.compile("^Run All Cells")).click()
        explorer = page.locator(f".{explorer_class}")
        explorer.wait_for(timeout=120_000)
        page.wait_for_function(  # every code cell has run: no prompt shows [*] or [ ] (collapsed ones show none)
            """() => [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
                     .every(p => !/\\[[ *]\\]/.test(p.textContent))""",
            timeout=120_000,
        )
        errors = page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
        assert errors.count() == 0, errors.first.inner_text()
        explorer.scroll_into_view_if_needed()
        return explorer

    def screenshot(self, element, filename: str) -> bytes:
        """The element's picture, kept as SCREENSHOTS/`filename`."""
        return element.screenshot(path=str(SCREENSHOTS / filename))

    def changed_picture(self, picture, previous: bytes, filename: str, timeout_ms: int = 15_000) -> bytes:
        """Wait until the picture differs from `previous` and has settled (the same in two
        looks a quarter second apart); keep the new one as `filename` and return it."""
        return self._poll(picture, lambda now: now != previous, f"the picture did not change ({filename})",
                          timeout_ms, filename)

    def same_picture(self, picture, expected: bytes, what: str, timeout_ms: int = 15_000) -> None:
        """Wait until the picture is `expected` again, byte for byte."""
        self._poll(picture, lambda now: now == expected, f"the picture is not the same again ({what})", timeout_ms)

    def _poll(self, picture, good, failure: str, timeout_ms: int, filename: str | None = None) -> bytes:
        last = None
        for _ in range(timeout_ms // 250):
            now = picture.screenshot()
            if good(now) and now == last:
                return self.screenshot(picture, filename) if filename else now
            last = now
            self.page.wait_for_timeout(250)
        raise AssertionError(failure)

    def press_arrow_right(self, slider_handle, times: int) -> None:
        slider_handle.focus()
        for _ in range(times):
            slider_handle.press("ArrowRight")


def copy_without_outputs(notebook: Path, folder: Path) -> str:
    """Copy a course notebook into the server's folder with its outputs cleared, so stored
    widget state cannot fake a pass and the committed file is never touched."""
    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, folder / notebook.name)
    return notebook.name
