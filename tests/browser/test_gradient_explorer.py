"""The gradient explorer of notebook 09 as a learner meets it: JupyterLab in headless Chromium,
Run All, no error, then the depth slider moved and a units button pressed, each changing the
picture and its words, and last a start whose every gradient is 0, said in words and drawn in the
band under the axis. Screenshots are kept in test-artifacts/browser/. The steps are the
fixture `learner`'s (see conftest.py)."""

import re


def test_gradient_explorer_depth_slider_and_units(learner):
    explorer = learner.open_and_run_all("09_vanishing_and_exploding_gradients.ipynb", "bpnb-gradient-explorer")
    picture = explorer.locator(".widget-image").first
    before = learner.screenshot(picture, "gradients-1-after-run-all.png")
    previous = explorer.get_by_text("previous setting:")
    assert "8 hidden layers of sigmoid units" in previous.inner_text()  # the notebook switched to ReLU units

    learner.press_arrow_right(explorer.locator(".widget-slider", has_text="hidden layers").locator(".noUi-handle"), 1)
    after_slider = learner.changed_picture(picture, before, "gradients-2-after-depth-slider.png")
    assert explorer.locator(".widget-readout", has_text="9").count() == 1
    assert "8 hidden layers of ReLU units" in previous.inner_text()  # the setting before the slider moved

    explorer.get_by_role("button", name="tanh").click()
    after_tanh = learner.changed_picture(picture, after_slider, "gradients-3-after-tanh.png")
    assert "9 hidden layers of ReLU units" in previous.inner_text()
    assert "for 9 hidden layers of 16 tanh units" in explorer.locator(".widget-html", has_text="Figure, in words").inner_text()
    learner.screenshot(explorer, "gradients-4-with-controls.png")

    explorer.get_by_role("button", name="ReLU", exact=True).click()
    explorer.get_by_role("button", name="He", exact=True).click()
    scale = explorer.locator(".widget-slider", has_text="init scale")
    for step in range(1, 9):  # one key press at a time, each answered before the next: the scale from 1 to 4
        learner.press_arrow_right(scale.locator(".noUi-handle"), 1)
        scale.locator(".widget-readout", has_text=f"{2 ** (step / 4):.3g}").wait_for(timeout=15_000)
    words = explorer.locator(".widget-html", has_text="Figure, in words")
    words.get_by_text(re.compile(r"He × 3\.36, batch 16\)")).wait_for(timeout=15_000)  # the step before 4
    text = words.inner_text()
    assert "with the He initialization scaled by 4," in text
    assert "every layer's gradient is exactly 0, drawn as ▼ in the grey band under the axis" in text
    assert re.search(r"from (0\.\d+) to \1, \d+% misclassified: the error does not move", text), text
    assert "He × 3.36, batch 16): every gradient 0" in text
    learner.changed_picture(picture, after_tanh, "gradients-5-every-gradient-below-the-axis.png")
