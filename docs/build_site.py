"""Write the course as a web site that needs no kernel and no network: every notebook with its
stored outputs as an HTML page, an index that is the course map, the math set by a copy of
MathJax in the site's own folder, the figures inside the pages, and the solutions' code left
out (their checks are shown).

    python docs/build_site.py [OUT]      (default build/site; make site)

Open OUT/index.html in a browser, on a phone, or print it.
"""

import re
import sys
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from nbconvert.filters import markdown2html
from offline import MATHJAX_URL, NOTEBOOKS, ROOT, copy_mathjax, title, without_kernel


def course_map(start_here) -> str:
    """The course map of 00_start_here as HTML, every notebook a link to its page."""
    cell = next(c for c in start_here.cells if c.cell_type == "markdown" and "## The map of the course" in c.source)
    text = re.sub(r"\(([\w-]+)\.ipynb\)", r"(\1.html)", cell.source)
    text = text.replace("| 00 · Start here (this one) |", "| [00 · Start here](00_start_here.html) |")
    html = markdown2html(text.replace("## The map of the course", "## The course map"))
    return re.sub(r'<a class="anchor-link".*?</a>', "", html)


def index_page(start_here) -> str:
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>bpnb: backpropagation, taught in notebooks</title>
<style>
  body {{ font: 1rem/1.5 sans-serif; max-width: 62rem; margin: 0 auto; padding: 1rem; color: #222; }}
  table {{ border-collapse: collapse; }} td, th {{ border-bottom: 1px solid #ddd; padding: 0.35rem 0.6rem;
  text-align: left; vertical-align: top; }} td:last-child {{ white-space: nowrap; }}
</style>
</head>
<body>
<h1>bpnb: backpropagation, taught in notebooks</h1>
<p>The course to read: every notebook with its outputs, figures and math, without a kernel and
without a network. To run the code, change it and do the exercises, open the notebooks in
JupyterLab.</p>
{course_map(start_here)}
</body>
</html>
"""


def build(out: Path) -> list:
    """Write the site into `out`; returns the pages written."""
    out.mkdir(parents=True, exist_ok=True)
    copy_mathjax(out)
    exporter = HTMLExporter(template_name="bpnb_site", extra_template_basedirs=[str(ROOT / "docs" / "site_template")],
                            mathjax_url=MATHJAX_URL)
    pages = []
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        page = without_kernel(nb, ".html", solutions="noted")
        html, _ = exporter.from_notebook_node(page, resources={"metadata": {"name": title(nb, path)}})
        page = out / (path.stem + ".html")
        page.write_text(html, encoding="utf-8")
        pages.append(page)
    start_here = nbformat.read(NOTEBOOKS[0], as_version=4)
    (out / "index.html").write_text(index_page(start_here), encoding="utf-8")
    return [out / "index.html", *pages]


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("build/site")
    print(f"wrote {len(build(out))} pages into {out}; open {out / 'index.html'}")
