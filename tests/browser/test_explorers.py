"""The course's explorers as a learner meets them: JupyterLab in headless Chromium, Run All,
no error, then a slider moved or a button pressed, each changing the picture. Screenshots are
kept in test-artifacts/browser/. The steps are the fixture `learner`'s (see conftest.py)."""

import pytest


@pytest.mark.parametrize("notebook, explorer_class, slider, presses, name", [
    ("01_the_sigmoid_neuron.ipynb", "bpnb-neuron-explorer", "w₁", 5, "neuron"),
    ("02_training_one_neuron.ipynb", "bpnb-lr-explorer", "rate", 10, "lr"),
])
def test_a_slider_changes_the_picture(learner, notebook, explorer_class, slider, presses, name):
    explorer = learner.open_and_run_all(notebook, explorer_class)
    picture = explorer.locator(".widget-image").first
    before = learner.screenshot(picture, f"{name}-1-after-run-all.png")
    learner.press_arrow_right(explorer.locator(".widget-slider", has_text=slider).locator(".noUi-handle"), presses)
    learner.changed_picture(picture, before, f"{name}-2-after-slider.png")
    learner.screenshot(explorer, f"{name}-3-with-controls.png")


def test_playground_slider_and_train(learner):
    playground = learner.open_and_run_all("06_matrix_form_and_deeper_nets.ipynb", "bpnb-playground")
    picture = playground.locator(".widget-image").first
    before = learner.screenshot(picture, "playground-1-after-run-all.png")

    learner.press_arrow_right(playground.locator(".widget-slider", has_text="noise").locator(".noUi-handle"), 4)
    after_slider = learner.changed_picture(picture, before, "playground-2-after-noise-slider.png")

    playground.get_by_role("button", name="Train").click()
    learner.page.wait_for_function(  # training over: Stop is disabled again
        """() => document.querySelector('.bpnb-playground button[title="stop training"]').disabled""",
        timeout=60_000,
    )
    learner.changed_picture(picture, after_slider, "playground-3-after-train.png")
    learner.screenshot(playground, "playground-4-with-controls.png")


def test_backprop_stepper_next_and_back(learner):
    stepper = learner.open_and_run_all("04_backward_pass.ipynb", "bpnb-backprop-stepper")
    picture = stepper.locator(".widget-image").first
    before = learner.screenshot(picture, "stepper-1-after-run-all.png")
    stepper.get_by_role("button", name="Next").click()
    learner.changed_picture(picture, before, "stepper-2-after-next.png")
    stepper.get_by_role("button", name="Back").click()
    learner.same_picture(picture, before, "Back returns to the very same picture")
    learner.screenshot(stepper, "stepper-3-with-controls.png")
