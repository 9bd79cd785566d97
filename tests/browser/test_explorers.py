"""The course's explorers as a learner meets them: JupyterLab in headless Chromium, Run All,
no error, then a slider moved or a button pressed, each changing the picture. Screenshots are
kept in test-artifacts/browser/."""

import pytest
from conftest import ROOT, SCREENSHOTS, changed_picture, open_and_run_all, press_arrow_right

NOTEBOOKS = ROOT / "notebooks"


@pytest.fixture(autouse=True)
def screenshots_folder():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)


def test_playground_slider_and_train(lab, page):
    playground = open_and_run_all(page, lab, NOTEBOOKS / "06_matrix_form_and_deeper_nets.ipynb", "bpnb-playground")
    picture = playground.locator(".widget-image").first
    before = picture.screenshot(path=str(SCREENSHOTS / "playground-1-after-run-all.png"))

    press_arrow_right(page, playground.locator(".widget-slider", has_text="noise").locator(".noUi-handle"), 4)
    after_slider = changed_picture(page, picture, before, "playground-2-after-noise-slider.png")

    playground.get_by_role("button", name="Train").click()
    page.wait_for_function(  # training over: Stop is disabled again
        """() => document.querySelector('.bpnb-playground button[title="stop training"]').disabled""",
        timeout=60_000,
    )
    changed_picture(page, picture, after_slider, "playground-3-after-train.png")
    playground.screenshot(path=str(SCREENSHOTS / "playground-4-with-controls.png"))


def test_neuron_explorer_slider(lab, page):
    explorer = open_and_run_all(page, lab, NOTEBOOKS / "01_the_sigmoid_neuron.ipynb", "bpnb-neuron-explorer")
    picture = explorer.locator(".widget-image").first
    before = picture.screenshot(path=str(SCREENSHOTS / "neuron-1-after-run-all.png"))
    press_arrow_right(page, explorer.locator(".widget-slider").first.locator(".noUi-handle"), 5)  # w1
    changed_picture(page, picture, before, "neuron-2-after-w1-slider.png")
    explorer.screenshot(path=str(SCREENSHOTS / "neuron-3-with-controls.png"))


def test_backprop_stepper_next_and_back(lab, page):
    stepper = open_and_run_all(page, lab, NOTEBOOKS / "04_backward_pass.ipynb", "bpnb-backprop-stepper")
    picture = stepper.locator(".widget-image").first
    before = picture.screenshot(path=str(SCREENSHOTS / "stepper-1-after-run-all.png"))
    stepper.get_by_role("button", name="Next").click()
    changed_picture(page, picture, before, "stepper-2-after-next.png")
    stepper.get_by_role("button", name="Back").click()
    page.wait_for_timeout(500)
    assert picture.screenshot() == before  # Back returns to the very same picture
    stepper.screenshot(path=str(SCREENSHOTS / "stepper-3-with-controls.png"))


def test_lr_explorer_slider(lab, page):
    explorer = open_and_run_all(page, lab, NOTEBOOKS / "02_training_one_neuron.ipynb", "bpnb-lr-explorer")
    picture = explorer.locator(".widget-image").first
    before = picture.screenshot(path=str(SCREENSHOTS / "lr-1-after-run-all.png"))
    press_arrow_right(page, explorer.locator(".widget-slider", has_text="rate").locator(".noUi-handle"), 10)
    changed_picture(page, picture, before, "lr-2-after-rate-slider.png")
    explorer.screenshot(path=str(SCREENSHOTS / "lr-3-with-controls.png"))
