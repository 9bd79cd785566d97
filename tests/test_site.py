"""make site: every notebook as a page that loads nothing from the network, with its figures
inside, its math for a local MathJax, and no solution code; an index that is the course map."""

import re

import nbformat
import pytest
from site_build import ROOT, load_builder

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    load_builder().build(out)
    return out


def test_every_notebook_has_a_page_and_the_index_links_to_each(site):
    index = (site / "index.html").read_text()
    for path in NOTEBOOKS:
        assert (site / f"{path.stem}.html").exists()
        assert f'href="{path.stem}.html"' in index
    assert ".ipynb" not in index


def test_no_page_loads_anything_from_the_network(site):
    for page in site.glob("*.html"):
        html = page.read_text()
        sources = re.findall(r'<(?:script|link|img|iframe)[^>]*?(?:src|href)="([^"]+)"', html)
        remote = [s for s in sources if re.match(r"(https?:)?//", s)]
        assert not remote, f"{page.name} loads {remote}"
    assert (site / "mathjax" / "MathJax.js").exists()


def test_figures_are_inside_the_pages_and_solutions_are_left_out(site):
    path = ROOT / "notebooks" / "04_backward_pass.ipynb"
    nb = nbformat.read(path, as_version=4)
    html = (site / "04_backward_pass.html").read_text()
    figures = sum("image/png" in o.get("data", {}) for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert figures > 0 and html.count('src="data:image/png;base64,') == figures
    solutions = [c for c in nb.cells if c.metadata.get("jupyter", {}).get("source_hidden")]
    assert solutions
    for cell in solutions:
        body = [line for line in cell.source.splitlines() if line.strip().startswith("return ")]
        assert body and all(line.strip() not in html for line in body), "a solution's code is on the page"
    assert html.count("its code is left out here") == len(solutions)
    assert "04_backward_pass.ipynb" not in html and 'href="05_training_loop.html"' in html
