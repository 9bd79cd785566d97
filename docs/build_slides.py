"""The lecture: a reveal.js deck per notebook, from the notebook itself, that loads nothing from
the network (reveal.js, require.js, jQuery and MathJax are copied next to the decks).

    python docs/build_slides.py [OUT]     (default build/slides; make slides)
    python docs/build_slides.py --mark    give every cell without one a slide type (see below)

Each cell's `slideshow.slide_type` says where it goes: a heading starts a slide ("# ", "## ")
or a slide below it ("### "), code appears as a fragment of the slide it is on, and
solutions and the "without a running kernel" notes are skipped. Change a cell's type in
JupyterLab (the property inspector) to change the deck; --mark keeps every type that is set.
"""

import json
import shutil
import sys
from pathlib import Path

import nbformat
from nbconvert import SlidesExporter
from offline import MATHJAX_URL, NOTEBOOKS, ROOT, copy_mathjax, is_solution, title, without_kernel

VENDOR = ROOT / "build" / "slides-vendor" / "node_modules"  # make slides installs them there
VENDORED = {"reveal.js": "reveal.js", "requirejs": "require.js", "jquery": "dist/jquery.min.js"}


def slide_type(cell) -> str:
    """The slide type a cell gets when it has none."""
    text = cell.source.lstrip()
    if is_solution(cell) or text.startswith("Without a running kernel"):
        return "skip"
    if cell.cell_type == "markdown":
        if text.startswith(("# ", "## ")):
            return "slide"
        return "subslide" if text.startswith("### ") else "-"
    return "fragment"


def mark(paths) -> int:
    """Give every cell of the notebooks at `paths` that has no slide type its `slide_type`;
    returns how many cells were marked. Nothing else in the files changes."""
    marked = 0
    for path in paths:
        nb = json.loads(Path(path).read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            show = cell["metadata"].setdefault("slideshow", {})
            if "slide_type" not in show:
                show["slide_type"] = slide_type(nbformat.from_dict(cell | {"source": "".join(cell["source"])}))
                marked += 1
        Path(path).write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return marked


def build(out: Path) -> list:
    """Write a deck per notebook into `out`; returns the decks written."""
    missing = [name for name in VENDORED if not (VENDOR / name).exists()]
    if missing:
        raise SystemExit(f"the slides need {', '.join(missing)} in {VENDOR}: run `make slides`, which installs them")
    out.mkdir(parents=True, exist_ok=True)
    copy_mathjax(out)
    for name in VENDORED:
        shutil.copytree(VENDOR / name, out / "vendor" / name, dirs_exist_ok=True)
    exporter = SlidesExporter(
        template_name="bpnb_slides", extra_template_basedirs=[str(ROOT / "docs" / "site_template")],
        mathjax_url=MATHJAX_URL, reveal_url_prefix="vendor/reveal.js", reveal_scroll=True, reveal_theme="white",
        require_js_url="vendor/requirejs/require.js", jquery_url="vendor/jquery/dist/jquery.min.js",
    )
    decks = []
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        deck, _ = exporter.from_notebook_node(without_kernel(nb, ".slides.html", solutions="skipped"),
                                              resources={"metadata": {"name": title(nb, path)}})
        decks.append(out / f"{path.stem}.slides.html")
        decks[-1].write_text(deck, encoding="utf-8")
    return decks


if __name__ == "__main__":
    if sys.argv[1:] == ["--mark"]:
        print(f"marked {mark(NOTEBOOKS)} cells")
    else:
        out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("build/slides")
        print(f"wrote {len(build(out))} decks into {out}")
