"""A JupyterLab server on a free local port, a headless Chromium page, and the steps of a
learner: open a notebook, run all, move a control, look. Run with `make test-browser`."""

import json
import os
import re
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
            str(tmp_path / "profile"), executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS,
            viewport={"width": 1400, "height": 1000},
        )
        yield context.pages[0] if context.pages else context.new_page()
        context.close()


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


def open_and_run_all(page, lab, notebook: Path, explorer_class: str):
    """Open a copy of `notebook` (outputs cleared) in JupyterLab, Run All, wait until every
    cell has run, check that none shows an error, and return the explorer's element."""
    base, folder = lab
    name = copy_without_outputs(notebook, folder)
    page.goto(f"{base}/lab/tree/{name}?token={TOKEN}&reset")
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


def changed_picture(page, picture, previous: bytes, filename: str, timeout_ms: int = 15_000) -> bytes:
    """Wait until the picture differs from `previous`; save the new one and return it."""
    for _ in range(timeout_ms // 250):
        now = picture.screenshot()
        if now != previous:
            page.wait_for_timeout(500)  # let the last redraw land
            return picture.screenshot(path=str(SCREENSHOTS / filename))
        page.wait_for_timeout(250)
    raise AssertionError(f"the picture did not change ({filename})")


def press_arrow_right(page, slider_handle, times: int) -> None:
    slider_handle.focus()
    for _ in range(times):
        slider_handle.press("ArrowRight")
    page.wait_for_timeout(300)
