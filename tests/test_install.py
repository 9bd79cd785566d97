"""bpnb installs anywhere: from the Binder specification, with a normal (not editable)
install, in a fresh environment, and the course then runs from a folder outside the
repository, its data read from the installed package."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def pins(path: Path) -> dict:
    lines = [line.strip() for line in path.read_text().splitlines() if line.strip() and not line.startswith("#")]
    return {name.lower().replace("_", "-"): version for name, version in (line.split("==") for line in lines)}


def test_binder_pins_agree_with_constraints():
    binder, constraints = pins(ROOT / "binder" / "requirements.txt"), pins(ROOT / "constraints.txt")
    for name, version in binder.items():
        assert constraints.get(name) == version, f"{name}: binder pins {version}, constraints.txt {constraints.get(name)}"
    for needed in ("numpy", "matplotlib", "ipywidgets", "tqdm", "jupyterlab", "ipykernel"):
        assert needed in binder
    assert (ROOT / "binder" / "runtime.txt").read_text().strip() == "python-3.11"  # Binder reads an exact version
    post_build = (ROOT / "binder" / "postBuild").read_text()
    assert "pip install --no-deps ." in post_build and "-e" not in post_build.split()


@pytest.fixture(scope="module")
def binder_env(tmp_path_factory):
    """A fresh virtual environment made as Binder makes it: requirements, then postBuild."""
    env_dir = tmp_path_factory.mktemp("binder") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(env_dir)], check=True)
    python = env_dir / "bin" / "python"
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, "-r", str(ROOT / "binder" / "requirements.txt")], check=True)
    env = dict(os.environ, PATH=f"{env_dir / 'bin'}:{os.environ['PATH']}", VIRTUAL_ENV=str(env_dir))
    subprocess.run(["bash", str(ROOT / "binder" / "postBuild")], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    return python, env


def test_a_normal_install_reads_its_data_from_the_package(binder_env, tmp_path):
    python, env = binder_env
    probe = ("import json, bpnb, importlib.metadata as m; d = bpnb.data.load('diabetes'); "
             "print(json.dumps([bpnb.__file__, str(bpnb.data.DATA_DIR), d.X.shape[0], m.requires('bpnb')]))")
    out = subprocess.run([str(python), "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True, check=True)
    module, data_dir, rows, requires = json.loads(out.stdout)
    assert "site-packages" in module and not module.startswith(str(ROOT))
    assert data_dir.endswith(os.path.join("bpnb", "datasets")) and "site-packages" in data_dir
    assert rows == 768
    assert not any(re.match(r"jupyterlab\b", r) for r in requires if "extra ==" not in r)


@pytest.mark.parametrize("notebook", ["00_start_here", "07_diabetes_case_study"])
def test_the_course_runs_outside_the_repository(binder_env, tmp_path, notebook):
    python, env = binder_env
    copy = tmp_path / f"{notebook}.ipynb"
    copy.write_bytes((ROOT / "notebooks" / f"{notebook}.ipynb").read_bytes())
    run_env = dict(env, PYTHONHASHSEED="0", IPYKERNEL_CELL_NAME="<IPY-INPUT>", MPLBACKEND="agg")
    subprocess.run([str(python), "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute", "--inplace",
                    "--ExecutePreprocessor.kernel_name=python3", str(copy)],
                   cwd=tmp_path, env=run_env, check=True, capture_output=True)
    cells = json.loads(copy.read_text())["cells"]
    errors = [o for c in cells if c["cell_type"] == "code" for o in c["outputs"] if o["output_type"] == "error"]
    assert errors == []
