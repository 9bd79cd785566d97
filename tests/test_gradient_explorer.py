"""The gradient explorer, driven headless: every control changes what is drawn, the numbers
are the package's own (`Network.gradients`, `Network.fit`), states round-trip, the picture
drawn over the still parts is the full drawing, and bad arguments are named."""

import io
import json
import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from drawing import drawn  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from PIL import Image  # noqa: E402

from bpnb import Network, data, widgets  # noqa: E402
from bpnb.notation import MINUS  # noqa: E402
from bpnb.widgets import _gradients  # noqa: E402


def shown(explorer):
    """The pixels of the PNG the explorer shows: (h, w, 3)."""
    return np.asarray(Image.open(io.BytesIO(explorer.image.value)).convert("RGB"))


def full_drawing(explorer):
    """The pixels of the current state drawn anew, all at once, on a figure of its own: (h, w, 3)."""
    fig = Figure(figsize=explorer._figsize, dpi=explorer._dpi)
    FigureCanvasAgg(fig)
    artists = explorer._build(fig)
    artists["setting"].set_visible(False)  # the live figure says the previous setting under the picture
    explorer._update(artists)
    fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba())[..., :3]


def norms_of(net, X, y):
    dW, _ = net.gradients(X, y)
    return np.array([np.linalg.norm(g) for g in dW])


def test_the_explorer_opens_on_a_deep_sigmoid_network_whose_gradient_vanishes():
    e = widgets.gradient_explorer()
    text = ("Gradient explorer: depth=8, activation='sigmoid', init='uniform', init_scale=1, batch_size=16, "
            "width=16, data='moons', epochs=20")
    bundle = e._repr_mimebundle_()
    assert repr(e) == bundle["text/plain"] == text and "application/vnd.jupyter.widget-view+json" in bundle
    assert bytes(e.image.value).startswith(b"\x89PNG")
    d = data.make_moons(128, noise=0.15, seed=0)
    net = Network([2] + [16] * 8 + [1], seed=0)  # the textbook's uniform weights, as the explorer's
    expected = norms_of(net, d.X, d.y)
    np.testing.assert_array_equal(e.run["norms"], expected)
    assert len(expected) == 9 and expected[0] / expected[-1] < 1e-4  # the gradient vanishes toward the inputs
    ratio = f"{expected[0] / expected[-1]:.1e}".split("e")
    assert f"layer 1's gradient is {ratio[0]}e{int(ratio[1])}".replace("-", MINUS) in e.description
    assert "the line falls towards the inputs: layer 1's gradient is" in e.description
    assert "per layer down: the gradient vanishes" in e.description
    assert "from 0.186 to 0.125, 50% misclassified: it ends on the dotted line" in e.description
    assert "the network has learned nothing of its inputs" in e.description
    assert "previous setting: none yet" in e.status.value
    np.testing.assert_array_equal(e._artists["lines"]["now", "norms"].get_ydata(), expected)


def test_the_training_is_network_fits():
    e = widgets.gradient_explorer(depth=3, activation="tanh", init="xavier", batch_size=32, epochs=12)
    d = data.make_moons(128, noise=0.15, seed=0)
    net = Network([2, 16, 16, 16, 1], activation="tanh", init="xavier", seed=0)
    start = net.loss(d.X, d.y)
    history = net.fit(d.X, d.y, lr=0.05, epochs=12, update=32, shuffle_seed=0)
    np.testing.assert_array_equal(e.run["errors"], np.array([start, *history.loss]) / 128)
    assert e.run["wrong"] == history.misclassified[-1]
    assert f"from {start / 128:.3f} to {history.loss[-1] / 128:.3f}" in e.description


@pytest.mark.parametrize("name, values", [
    ("depth", [2, 12, 5]),
    ("activation", ["tanh", "relu", "sigmoid"]),
    ("init", ["xavier", "he", "uniform"]),
    ("init_scale", [4.0, 0.25, 2.0]),
    ("batch_size", [8, 128, 64]),
])
def test_every_control_changes_the_drawing_the_picture_and_the_words(name, values):
    e = widgets.gradient_explorer()
    for value in values:
        before, png, caption, status = drawn(e.figure), bytes(e.image.value), e.caption.value, e.status.value
        e.controls[name].value = value
        assert e.state[name] == value and e.run["state"][name] == value
        assert drawn(e.figure) != before, f"figure unchanged after {name} = {value!r}"
        assert bytes(e.image.value) != png, f"image unchanged after {name} = {value!r}"
        assert e.caption.value != caption and e.status.value != status


def test_the_previous_setting_stays_dashed_beside_the_new_one():
    e = widgets.gradient_explorer()
    first = e.run
    e.controls["activation"].value = "tanh"
    assert e.previous is first
    lines = e._artists["lines"]
    np.testing.assert_array_equal(lines["previous", "norms"].get_ydata(), first["norms"])
    np.testing.assert_array_equal(lines["previous", "errors"].get_ydata(), first["errors"])
    assert lines["previous", "norms"].get_linestyle() == "--" and lines["previous", "norms"].get_marker() == "s"
    assert lines["now", "norms"].get_linestyle() == "-" and lines["now", "norms"].get_marker() == "o"
    assert "previous setting: 8 hidden layers of sigmoid units, uniform (textbook) × 1, batch 16" in e.status.value
    assert "Dashed with hollow squares, the previous setting (8 hidden layers, sigmoid" in e.description


def test_large_tanh_weights_make_the_gradient_explode_toward_the_inputs():
    e = widgets.gradient_explorer(depth=12, activation="tanh", init="uniform", init_scale=4.0)
    norms = e.run["norms"]
    assert norms[0] / norms[-1] > 10 and "the line climbs towards the inputs" in e.description
    assert "per layer down: the gradient explodes" in e.description
    assert "layer 1 / output layer:" in e._artists["ratio"].get_text()


def test_a_saturated_output_unit_is_said_and_drawn_in_the_band_under_the_axis():
    e = widgets.gradient_explorer(activation="relu", init="he", init_scale=4.0)
    assert np.all(e.run["norms"] == 0) and e.run["saturated"]
    assert ("every layer's gradient is exactly 0, drawn as ▼ in the grey band under the axis: the output unit is "
            "saturated") in e.description
    assert "from 0.250 to 0.250, 50% misclassified: the error does not move" in e.description
    assert e._artists["ratio"].get_text() == "every layer's gradient: 0\n(the output unit is saturated)"
    assert e._artists["final"].get_text().endswith("\nthe error has not moved")
    below = e._artists["lines"]["now", "below"]
    assert below.get_marker() == "v" and list(below.get_xdata()) == list(range(1, 10))
    low = _gradients.NORM_RANGE[0]
    middle = low / 10 ** (_gradients.BAND / 2)
    assert set(below.get_ydata()) == {middle} and e._artists["norm_ax"].get_ylim()[0] < middle < low
    line = e._artists["lines"]["now", "norms"]
    assert set(line.get_ydata()) == {middle} and line.get_markevery() == [False] * 9  # the line, not its circles


def test_gradients_below_the_axis_but_not_zero_are_said_with_their_size():
    e = widgets.gradient_explorer(activation="relu", init="he", init_scale=2.0)
    norms = e.run["norms"]
    assert 0 < norms.max() < _gradients.NORM_RANGE[0]
    largest = f"{norms.max():.1e}".split("e")
    assert (f"every layer's gradient is below 1e{MINUS}8 (the largest is {largest[0]}e{int(largest[1])}"
            .replace("-", MINUS)) in e.description
    assert e._artists["ratio"].get_text() == "every layer's gradient below 10⁻⁸\n(the output unit is saturated)"
    e.controls["init_scale"].value = 4.0
    assert "the previous setting (8 hidden layers, ReLU, He × 2, batch 16): every gradient below 1e−8" in e.description
    assert "He × 2, batch 16; every gradient below 1e−8, E = 0.250" in e.status.value
    e.controls["init_scale"].value = 1.0
    assert "He × 4, batch 16): every gradient 0, error 0.250 before training" in e.description
    assert "He × 4, batch 16; every gradient 0, E = 0.250" in e.status.value
    assert "no share" not in e.description and "undefined" not in e.status.value


def test_a_level_line_whose_error_does_not_move_is_not_called_healthy():
    # the 4-layer sigmoid network of notebook 09: layer 1 gets a fair share, but every gradient is small
    e = widgets.gradient_explorer(depth=4)
    norms = e.run["norms"]
    assert 0.1 < norms[0] / norms[-1] < 10 and norms.max() < 0.2
    assert "the line is about level: layer 1's gradient is 0.2 of the output layer's (layer 5)" in e.description
    assert f"In size the gradients go from {norms.min():.2g} (layer 1) to {norms.max():.2g} (layer 5)" in e.description
    assert ("from 0.125 to 0.125, 50% misclassified: the error does not move, and it stays on the dotted line"
            in e.description)
    assert "learned nothing of its inputs, level as its gradient line is" in e.description
    assert "largest: 0.15 (layer 5)" in e._artists["ratio"].get_text()
    assert e._artists["final"].get_text().endswith("\nthe error has not moved")


def test_a_network_that_learns_is_said_to_and_one_hidden_layer_is_singular():
    e = widgets.gradient_explorer(depth=1)
    assert "for 1 hidden layer of 16 sigmoid units" in e.description
    assert "learned nothing" not in e.description and "not move" not in e.description
    assert "The dotted line at 0.125 is the error of an output of 0.5 for every tuple." in e.description
    e.controls["depth"].value = 2
    assert "the previous setting (1 hidden layer, sigmoid" in e.description
    assert "previous setting: 1 hidden layer of sigmoid units" in e.status.value


def test_an_error_above_the_lower_top_gets_the_higher_one_and_its_first_point_shows():
    e = widgets.gradient_explorer(activation="tanh", init_scale=4.0)
    errors = e.run["errors"]
    assert errors[0] > _gradients.ERROR_TOPS[0]
    assert e._artists["error_ax"].get_ylim() == (0, _gradients.ERROR_TOPS[1])
    assert e._artists["lines"]["now", "errors"].get_ydata()[0] == errors[0]
    e.controls["activation"].value = "relu"  # the previous setting keeps the higher top
    assert e._artists["error_ax"].get_ylim() == (0, _gradients.ERROR_TOPS[1])
    e.controls["init"].value = "he"  # both below the lower top again
    assert e._artists["error_ax"].get_ylim() == (0, _gradients.ERROR_TOPS[0])


def test_the_legend_names_the_triangles_beyond_the_axis():
    e = widgets.gradient_explorer()
    (legend,) = e.figure.legends
    labels = [t.get_text() for t in legend.get_texts()]
    assert "▼ ▲ in a grey band (hollow: previous): a norm below 10⁻⁸ (or 0), above 10⁴" in labels
    ticks = [t.get_text() for t in e._artists["norm_ax"].yaxis.get_ticklabels()]
    assert ticks[0] == "< 10⁻⁸" and ticks[-1] == "> 10⁴"


def test_a_diverged_run_is_said_and_no_warning_escapes(monkeypatch):
    fit = Network.fit

    def diverging(self, *args, **kwargs):
        history = fit(self, *args, **{**kwargs, "epochs": 3})
        history.stop_reason = "diverged: the loss was not finite in epoch 4"
        warnings.warn(history.stop_reason, RuntimeWarning, stacklevel=2)
        return history

    monkeypatch.setattr(Network, "fit", diverging)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        e = widgets.gradient_explorer()
    assert "and then training diverged (epoch 4)" in e.description
    assert len(e.run["errors"]) == 4


def test_state_round_trips():
    e = widgets.gradient_explorer(width=12, n=100, epochs=15, lr=0.1, seed=3)
    for name, value in (("depth", 5), ("activation", "relu"), ("init", "he"), ("init_scale", 0.5),
                        ("batch_size", 32)):
        e.controls[name].value = value
    state = json.loads(json.dumps(e.state))
    assert state == {"depth": 5, "activation": "relu", "init": "he", "init_scale": 0.5, "batch_size": 32,
                     "width": 12, "data": "moons", "n": 100, "epochs": 15, "lr": 0.1, "seed": 3}
    again = widgets.gradient_explorer(**state)
    assert again.state == e.state and repr(again) == repr(e)
    np.testing.assert_array_equal(again.run["norms"], e.run["norms"])
    np.testing.assert_array_equal(again.run["errors"], e.run["errors"])
    assert again.batch_sizes == (8, 16, 32, 64, 100)


def test_the_picture_drawn_over_the_still_parts_is_the_full_drawing():
    e = widgets.gradient_explorer()
    assert np.array_equal(shown(e), full_drawing(e))
    for name, value in (("depth", 12), ("activation", "tanh"), ("init_scale", 8.0), ("activation", "relu"),
                        ("init", "he"), ("init_scale", 4.0), ("init_scale", 2.0), ("batch_size", 128), ("depth", 1)):
        e.controls[name].value = value
        assert np.array_equal(shown(e), full_drawing(e)), (name, value)


def test_the_still_figure_is_the_live_one_and_says_the_previous_setting():
    open_before = plt.get_fignums()
    e = widgets.gradient_explorer()
    e.controls["init"].value = "xavier"
    assert plt.get_fignums() == open_before  # the live figure is not a pyplot figure
    fig = e.static_figure()
    assert fig is not e.figure and drawn(fig) == drawn(e.figure)
    words = [t.get_text() for t in fig.texts if t.get_visible()]
    assert any(w.startswith("previous setting: 8 hidden layers of sigmoid units") for w in words)
    assert not any(t.get_visible() and t.get_text().startswith("previous") for t in e.figure.texts)
    plt.close(fig)
    assert plt.get_fignums() == open_before


def test_every_answer_is_timed():
    e = widgets.gradient_explorer(depth=2, epochs=5)
    e.timing.clear()
    e.controls["depth"].value = 3
    assert e.timing["train"] > 0 and e.timing["draw"] > 0


def test_a_value_that_is_not_finite_set_from_code_is_refused():
    e = widgets.gradient_explorer()
    e.controls["init_scale"].value = float("nan")
    assert e.controls["init_scale"].value == 1.0 and e.state == widgets.gradient_explorer(**e.state).state


@pytest.mark.parametrize("kwargs, error, name", [
    ({"depth": 13}, ValueError, "depth"),
    ({"depth": 2.5}, TypeError, "depth"),
    ({"activation": "softmax"}, ValueError, "activation"),
    ({"init": "glorot"}, ValueError, "init"),
    ({"init_scale": 0.1}, ValueError, "init_scale"),
    ({"init_scale": "2"}, TypeError, "init_scale"),
    ({"batch_size": 7}, ValueError, "batch_size"),
    ({"width": 64}, ValueError, "width"),
    ({"data": "iris"}, ValueError, "data"),
    ({"n": 4}, ValueError, "n"),
    ({"epochs": 0}, ValueError, "epochs"),
    ({"epochs": 51}, ValueError, "epochs"),
    ({"lr": 0.0}, ValueError, "lr"),
    ({"seed": -1}, ValueError, "seed"),
    ({"seed": None}, TypeError, "seed"),
])
def test_a_bad_argument_is_named(kwargs, error, name):
    with pytest.raises(error, match=name):
        widgets.gradient_explorer(**kwargs)


def test_the_batch_sizes_offered_end_with_epoch_updating():
    e = widgets.gradient_explorer()
    assert e.batch_sizes == (8, 16, 32, 64, 128)
    labels = [label for label, _ in e.controls["batch_size"].options]
    assert labels == ["8", "16", "32", "64", "128 (epoch)"]
    with pytest.raises(ValueError, match=r"batch_size must be one of \(8, 16, 32, 64, 128\)"):
        widgets.gradient_explorer(batch_size=100)


def test_the_error_curves_start_at_epoch_0_and_mark_the_error_of_an_output_of_one_half():
    from bpnb import plots
    ax = plots.plot_error_curves({"a": [0.2, 0.125, 0.125], "b": [0.19, 0.125, 0.125]}, chance=0.125)
    a, b, dotted = ax.lines
    assert list(a.get_xdata()) == [0, 1, 2] and ax.get_xlabel() == "epoch (0: before training)"
    assert a.get_markevery() == (0, 1) and b.get_markevery() == (0, 1)
    assert dotted.get_linestyle() == ":" and list(dotted.get_ydata()) == [0.125, 0.125]
    assert [t.get_text() for t in ax.get_legend().get_texts()][-1] == "E = 0.125: an output of 0.5 for every tuple"
    plt.close(ax.figure)
    ax = plots.plot_error_curves({"a": np.ones(60), "b": np.ones(60)})
    assert [line.get_markevery() for line in ax.lines] == [(0, 6), (3, 6)]  # markers take turns on curves that meet
    plt.close(ax.figure)


def test_a_scale_between_the_sliders_steps_is_written_as_its_readout():
    e = widgets.gradient_explorer(init_scale=2 ** 1.75)
    e.controls["depth"].value = 4
    assert "with the uniform (textbook) initialization scaled by 3.36, on 128 moons tuples" in e.description
    assert "uniform (textbook) × 3.36, batch 16)" in e.description and "3.3635" not in e.description
    assert "uniform (textbook) × 3.36, batch 16;" in e.status.value
