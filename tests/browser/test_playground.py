"""The playground as a learner meets it: JupyterLab in headless Chromium, Run All, no error,
then a slider moved and Train pressed, each changing the picture. Screenshots are kept in
test-artifacts/browser/."""

import re

from conftest import ROOT, SCREENSHOTS, TOKEN, copy_without_outputs

NOTEBOOK = ROOT / "notebooks" / "06_matrix_form_and_deeper_nets.ipynb"
PLAYGROUND = ".bpnb-playground"


def test_run_all_then_move_a_slider_and_train(lab, page):
    base, folder = lab
    name = copy_without_outputs(NOTEBOOK, folder)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.goto(f"{base}/lab/tree/{name}?token={TOKEN}&reset")
    page.get_by_text(re.compile(r"\(ipykernel\) \| Idle")).wait_for(timeout=60_000)

    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name=re.compile("^Run All Cells")).click()
    playground = page.locator(PLAYGROUND)
    playground.wait_for(timeout=120_000)
    page.wait_for_function(  # every code cell has run: no prompt still shows [*] or [ ]
        """() => [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
                 .every(p => /\\[\\d+\\]/.test(p.textContent))""",
        timeout=120_000,
    )
    errors = page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
    assert errors.count() == 0, errors.first.inner_text()

    picture = playground.locator(".widget-image").first
    picture.scroll_into_view_if_needed()
    before = picture.screenshot(path=str(SCREENSHOTS / "1-playground-after-run-all.png"))

    noise = playground.locator(".widget-slider", has_text="noise").locator(".noUi-handle")
    noise.focus()
    for _ in range(4):
        noise.press("ArrowRight")
    page.wait_for_timeout(300)
    picture.wait_for()
    after_slider = _changed_picture(page, picture, before, "2-playground-after-noise-slider.png")

    playground.get_by_role("button", name="Train").click()
    playground.get_by_role("button", name="Train").wait_for(timeout=60_000)
    page.wait_for_function(  # training over: Stop is disabled again
        f"""() => document.querySelector('{PLAYGROUND} button[title="stop training"]').disabled""",
        timeout=60_000,
    )
    _changed_picture(page, picture, after_slider, "3-playground-after-train.png")
    page.screenshot(path=str(SCREENSHOTS / "4-notebook.png"), full_page=True)


def _changed_picture(page, picture, previous: bytes, filename: str, timeout_ms: int = 15_000) -> bytes:
    """Wait until the picture differs from `previous`; save and return the new screenshot."""
    for _ in range(timeout_ms // 250):
        now = picture.screenshot()
        if now != previous:
            page.wait_for_timeout(500)  # let the last redraw land
            return picture.screenshot(path=str(SCREENSHOTS / filename))
        page.wait_for_timeout(250)
    raise AssertionError(f"the playground's picture did not change ({filename})")
