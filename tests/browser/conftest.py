"""A JupyterLab server on a free local port and a headless Chromium page, for tests that use
the course as a learner does. Run with `make test-browser`."""

import json
import os
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
