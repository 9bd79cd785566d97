"""The offline site and slides in Chromium with every request beyond their own files refused:
the math is set (no raw $ left in the prose), the figures show, reveal.js starts, no solution
is on a slide. Screenshots of the index, of one notebook's page and of one slide go to
test-artifacts/browser/. (make test-browser installs the decks' scripts first.)"""

import sys
from pathlib import Path

import pytest
from conftest import SCREENSHOTS

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import nbformat  # noqa: E402
from site_build import ROOT, load_builder  # noqa: E402


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    load_builder().build(out)
    return out


def offline(page) -> list:
    """Refuse every request that is not for a local file; returns the list of those refused."""
    refused = []

    def route(r):
        if r.request.url.startswith("file:"):
            r.continue_()
        else:
            refused.append(r.request.url)
            r.abort()
    page.route("**/*", route)
    return refused


def test_the_index_and_a_notebook_page_read_offline(site, page):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    refused = offline(page)
    page.goto((site / "index.html").as_uri())
    pages = sorted(p.name for p in site.glob("[0-9][0-9]_*.html"))
    assert page.eval_on_selector_all("table a", "links => links.map(a => a.getAttribute('href'))") == pages
    page.screenshot(path=str(SCREENSHOTS / "site-1-index.png"), full_page=True)

    page.goto((site / "04_backward_pass.html").as_uri())
    page.wait_for_function("() => window.MathJax && MathJax.Hub && MathJax.Hub.queue.pending === 0 "
                           "&& document.querySelectorAll('.MathJax, .MathJax_Display').length > 0", timeout=30000)
    prose = " ".join(page.locator(".jp-MarkdownOutput").all_inner_texts())
    assert "Err" in prose and "$" not in prose, "math left unset"
    assert page.locator(".MathJax, .MathJax_Display").count() > 100
    widths = page.eval_on_selector_all(".jp-OutputArea-output img", "imgs => imgs.map(i => i.naturalWidth)")
    assert len(widths) == 5 and min(widths) > 100
    page.screenshot(path=str(SCREENSHOTS / "site-2-backward-pass.png"))
    assert refused == []


@pytest.fixture(scope="module")
def decks(tmp_path_factory):
    out = tmp_path_factory.mktemp("slides")
    load_builder("build_slides").build(out)
    return out


def test_a_deck_runs_offline_with_its_math_and_without_solutions(decks, page):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    refused = offline(page)
    page.goto((decks / "04_backward_pass.slides.html").as_uri() + "#/2")
    page.wait_for_selector(".reveal.ready", timeout=30000)
    page.wait_for_function("() => window.MathJax && MathJax.Hub && MathJax.Hub.queue.pending === 0", timeout=30000)
    slide = page.locator("section.present").last
    assert "the error term of an output unit" in slide.inner_text().lower()  # the theme sets headings in capitals
    prose = " ".join(slide.locator(".jp-MarkdownOutput").all_inner_texts())
    assert slide.locator(".MathJax, .MathJax_Display").count() > 5 and "$" not in prose
    page.screenshot(path=str(SCREENSHOTS / "slides-1-output-error.png"))
    html = (decks / "04_backward_pass.slides.html").read_text()
    solutions = [c for c in nbformat.read(ROOT / "notebooks" / "04_backward_pass.ipynb", as_version=4).cells
                 if c.metadata.get("jupyter", {}).get("source_hidden")]
    returns = [line.strip() for c in solutions for line in c.source.splitlines() if line.strip().startswith("return ")]
    assert returns and not [line for line in returns if line in html]
    assert refused == []
