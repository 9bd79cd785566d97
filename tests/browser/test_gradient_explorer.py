"""The gradient explorer of notebook 09 as a learner meets it: JupyterLab in headless Chromium,
Run All, no error, then the depth slider moved and a units button pressed, each changing the
picture and its words. Screenshots are kept in test-artifacts/browser/. The steps are the
fixture `learner`'s (see conftest.py)."""


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
    learner.changed_picture(picture, after_slider, "gradients-3-after-tanh.png")
    assert "9 hidden layers of ReLU units" in previous.inner_text()
    assert "for 9 hidden layers of 16 tanh units" in explorer.locator(".widget-html", has_text="Figure, in words").inner_text()
    learner.screenshot(explorer, "gradients-4-with-controls.png")
