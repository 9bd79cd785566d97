"""The course executed notebook by notebook, each in a fresh kernel: its wall time, kernel
start included, and the kernel's peak memory (resident set, VmHWM). Not a test.

    .venv/bin/python benchmarks/bench_course.py      (or: make bench-course)
"""

import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
SETTINGS = {"PYTHONHASHSEED": "0", "IPYKERNEL_CELL_NAME": "<IPY-INPUT>", "OPENBLAS_NUM_THREADS": "1",
            "OMP_NUM_THREADS": "1", "MPLBACKEND": "module://matplotlib_inline.backend_inline"}


def peak_mb(pid: int) -> float:
    """The peak resident memory of a process, from /proc (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def run(path: Path) -> tuple:
    """(seconds, peak MB of the kernel) for one notebook, executed in a temporary copy."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    started = time.perf_counter()
    with client.setup_kernel():
        pid = client.km.provisioner.process.pid
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
        peak = peak_mb(pid)
    return time.perf_counter() - started, peak


def main() -> None:
    os.environ.update(SETTINGS)
    total = 0.0
    print(f"{'notebook':36} {'seconds':>8} {'peak MB':>8}")
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        seconds, peak = run(path)
        total += seconds
        print(f"{path.stem:36} {seconds:8.1f} {peak:8.0f}")
    print(f"{'the whole course':36} {total:8.1f}")
    print(f"({os.cpu_count()} cores, Python {sys.version.split()[0]})")


if __name__ == "__main__":
    main()
