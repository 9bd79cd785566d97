"""`make lab`, the README's first command, starts a server that answers and prints its
address, as root too (containers, department servers, CI), and passes LAB_ARGS on."""

import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "make-lab-test"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_lab(tmp_path):
    port = free_port()
    runtime = tmp_path / "runtime"
    runtime.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "BROWSER")}
    env.update(HOME=str(runtime), JUPYTER_RUNTIME_DIR=str(runtime), JUPYTER_CONFIG_DIR=str(runtime),
               JUPYTERLAB_WORKSPACES_DIR=str(runtime), JUPYTER_DATA_DIR=str(runtime / "data"))
    lab_args = f"--no-browser --port={port} --ServerApp.port_retries=0 --IdentityProvider.token={TOKEN} --LabApp.news_url="
    process = subprocess.Popen(["make", "--no-print-directory", "lab", f"LAB_ARGS={lab_args}"],
                               cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               start_new_session=True)
    return process, port


def wait_for_address(process, port, seconds=90) -> str:
    deadline, seen = time.monotonic() + seconds, []
    os.set_blocking(process.stdout.fileno(), False)
    while time.monotonic() < deadline and process.poll() is None:
        line = process.stdout.readline()
        if not line:
            time.sleep(0.1)
            continue
        seen.append(line)
        match = re.search(rf"http://(localhost|127\.0\.0\.1):{port}/lab\S*", line)
        if match:
            return match.group(0)
    raise AssertionError("make lab printed no address:\n" + "".join(seen[-30:]))


def stop(process):
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


def answers(url: str, process, seconds: float = 15) -> int:
    """The status a URL answers with, asked again for a few seconds while the server is still
    running (on a loaded machine it can print its address a moment before it accepts)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=20) as reply:
                return reply.status
        except urllib.error.URLError:
            if time.monotonic() > deadline or process.poll() is not None:
                raise
            time.sleep(0.5)


def check_lab(tmp_path):
    process, port = start_lab(tmp_path)
    try:
        address = wait_for_address(process, port)  # its token is shown masked, as "token=..."
        assert answers(f"http://127.0.0.1:{port}/api/status?token={TOKEN}", process) == 200
        with urllib.request.urlopen(address.split("?")[0] + f"?token={TOKEN}", timeout=20) as reply:
            assert reply.status == 200 and "JupyterLab" in reply.read().decode()
    finally:
        stop(process)


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_lab_starts_a_server_and_prints_its_address(tmp_path):
    check_lab(tmp_path)  # as whoever runs the tests: root in CI


@pytest.mark.parametrize("uid, allowed", [(0, True), (1000, False)])
def test_make_lab_allows_root_only_for_root(tmp_path, uid, allowed):
    fake = tmp_path / "id"  # an `id` that answers as the given user
    fake.write_text(f"#!/bin/sh\necho {uid}\n")
    fake.chmod(0o755)
    env = dict(os.environ, PATH=f"{tmp_path}:{os.environ['PATH']}")
    command = subprocess.run(["make", "--no-print-directory", "-n", "lab", "LAB_ARGS=--port 9000 --ip 0.0.0.0"],
                             cwd=ROOT, env=env, capture_output=True, text=True, check=True).stdout.splitlines()[-1]
    assert command.split()[:2] == [".venv/bin/jupyter", "lab"]
    assert ("--allow-root" in command.split()) == allowed
    assert command.endswith("--port 9000 --ip 0.0.0.0 notebooks/00_start_here.ipynb")


def test_make_lab_opens_the_student_edition_when_asked():
    command = subprocess.run(["make", "--no-print-directory", "-n", "lab", "EDITION=student"], cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout.splitlines()[-1]
    assert command.endswith(" student/00_start_here.ipynb")
