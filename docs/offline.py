"""What the offline site and the offline slides share: the course's notebooks made ready for a
page that has no kernel (links to pages, a sentence instead of each explorer's widget), and
MathJax copied next to the pages."""

import copy
import re
import shutil
from pathlib import Path

import jupyter_server_mathjax
import nbformat

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
MATHJAX_URL = "mathjax/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full,Safe"
WIDGET = "application/vnd.jupyter.widget-view+json"
EXPLORER_NOTE = ("(An interactive explorer: it runs in the notebook, in JupyterLab. "
                 "The still figure below shows its starting state.)")
SOLUTION_NOTE = "Solution: its code is left out here (it is in the notebook, folded); its check follows."


def is_solution(cell) -> bool:
    return cell.cell_type == "code" and bool(cell.metadata.get("jupyter", {}).get("source_hidden"))


def without_kernel(nb, suffix: str, solutions: str):
    """A copy of a course notebook for a page without a kernel: links to `NN_name{suffix}`
    instead of notebooks, no Colab badge, a sentence instead of each explorer's widget, and each solution's
    code "noted" (left out, with a sentence saying so; its check's output stays) or "skipped"
    (left out with its output, as slides do)."""
    nb = copy.deepcopy(nb)
    cells = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = re.sub(r"\(([\w-]+)\.ipynb\)", rf"(\1{suffix})", cell.source)
            cell.source = re.sub(r"\n\[!\[Open in Colab\]\([^)]*\)\]\([^)]*\)\n", "", cell.source)  # a network image
        if is_solution(cell):
            if solutions == "skipped":
                continue
            cells.append(nbformat.v4.new_markdown_cell(f"*{SOLUTION_NOTE}*"))
            cell.transient = {"remove_source": True}
        for output in cell.get("outputs", []):
            if WIDGET in output.get("data", {}):
                output.data = {"text/plain": EXPLORER_NOTE}
        cells.append(cell)
    nb.cells = cells
    nb.metadata.pop("widgets", None)
    return nb


def copy_mathjax(out: Path) -> None:
    shutil.copytree(Path(jupyter_server_mathjax.__file__).parent / "static", out / "mathjax", dirs_exist_ok=True)


def title(nb, path: Path) -> str:
    """The notebook's first heading, or its file name."""
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell.source.startswith("# "):
            return cell.source.splitlines()[0][2:].strip()
    return path.stem
