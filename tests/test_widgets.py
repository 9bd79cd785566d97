"""The explorers of bpnb.widgets, driven headless: every control changes what is drawn, the
stepper shows train_case's numbers, states round-trip, bad arguments are named."""

import io
import json
import re
import subprocess
import sys
import threading
from decimal import ROUND_HALF_UP, Decimal
from html import escape

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from drawing import drawn  # noqa: E402

from bpnb import Network, widgets  # noqa: E402
from bpnb.stepping import plain  # noqa: E402


def texts(fig):
    return [t.get_text() for ax in fig.axes for t in ax.texts]


def assert_changes(explorer, control, values):
    """Each value, set in turn, changes the figure's data, the PNG shown and its description."""
    for value in values:
        before, png, caption = drawn(explorer.figure), bytes(explorer.image.value), explorer.caption.value
        control.value = value
        explorer.wait()  # a training explorer trains in the background
        assert drawn(explorer.figure) != before, f"figure unchanged after setting {value!r}"
        assert bytes(explorer.image.value) != png, f"image unchanged after setting {value!r}"
        assert explorer.caption.value != caption, f"description unchanged after setting {value!r}"


def assert_displays_as(explorer, text):
    bundle = explorer._repr_mimebundle_()
    assert bundle["text/plain"] == text == repr(explorer)
    assert "\n" not in text
    assert "application/vnd.jupyter.widget-view+json" in bundle


# --- the neuron explorer ------------------------------------------------------------------

def test_neuron_explorer_opens_with_its_defaults():
    e = widgets.neuron_explorer()
    assert_displays_as(e, "Neuron explorer: w1=1.0, w2=1.0, theta=-1.5, points='and'")
    curve, plane = e.figure.axes
    I, O = e.outputs()
    np.testing.assert_allclose(I, [-1.5, -0.5, -0.5, 0.5])
    assert [line.get_ydata()[0] for line in curve.lines if len(line.get_ydata()) == 1] == pytest.approx(O)
    assert "0.622" in e.table.value and "0.182" in e.table.value
    assert bytes(e.image.value).startswith(b"\x89PNG")
    assert "4 of 4 points are classified as their target" in e.description
    assert escape(e.description) in e.caption.value


def test_every_neuron_control_changes_the_drawing():
    e = widgets.neuron_explorer()
    for name, values in [("w1", [-6.0, 6.0, 2.3]), ("w2", [-6.0, 6.0, 0.0]), ("theta", [-6.0, 6.0, 0.4]),
                         ("points", ["or", "nand", "xor", "and"])]:
        assert_changes(e, e.controls[name], values)


def test_the_decision_line_is_where_the_output_is_one_half():
    e = widgets.neuron_explorer(w1=2.0, w2=-1.0, theta=0.5)
    line = next(line for line in e.figure.axes[1].lines if line.get_label().startswith("decision line"))
    x1, x2 = line.get_xdata(), line.get_ydata()
    np.testing.assert_allclose(2.0 * x1 - 1.0 * x2 + 0.5, 0, atol=1e-12)
    e.controls["w1"].value, e.controls["w2"].value = 0.0, 0.0  # no line: O is the same everywhere
    assert len(line.get_xdata()) == 0
    assert "no decision line" in e.description


def test_class_is_shown_by_marker_as_well_as_colour():
    e = widgets.neuron_explorer(points="xor")
    points = [line for line in e.figure.axes[1].lines if line.get_linestyle() == "None"]
    markers = [p.get_marker() for p in points]
    assert markers == ["o", "^", "^", "o"]
    assert len({p.get_color() for p in points}) == 2


def test_neuron_state_round_trips():
    e = widgets.neuron_explorer(w1=2.5, w2=-1.0, theta=0.3, points="xor")
    e.controls["theta"].value = -0.8
    state = json.loads(json.dumps(e.state))
    again = widgets.neuron_explorer(**state)
    assert again.state == e.state == {"w1": 2.5, "w2": -1.0, "theta": -0.8, "points": "xor"}
    assert again.image.value == e.image.value


def test_a_starting_value_beyond_the_sliders_widens_them():
    e = widgets.neuron_explorer(w1=9.5)
    assert e.controls["w1"].max >= 9.5 and e.state["w1"] == 9.5


@pytest.mark.parametrize("kwargs, error, name", [
    ({"points": "iris"}, ValueError, "points"),
    ({"w1": "1"}, TypeError, "w1"),
    ({"theta": float("nan")}, ValueError, "theta"),
    ({"w2": True}, TypeError, "w2"),
])
def test_neuron_explorer_names_a_bad_argument(kwargs, error, name):
    with pytest.raises(error, match=name):
        widgets.neuron_explorer(**kwargs)


# --- the backprop stepper -----------------------------------------------------------------

def textbook_trace():
    net = Network.from_weights(widgets.TEXTBOOK_WEIGHTS, widgets.TEXTBOOK_BIASES)
    return net.train_case([1, 0, 1], 1, 0.9)


def test_the_stepper_opens_on_the_textbook_example():
    s = widgets.backprop_stepper()
    assert_displays_as(s, "Backprop stepper: x=(1, 0, 1), t=1, lr=0.9, network [3, 2, 1], step 1 of 19")
    assert "step 1 of 19" in s.counter.value
    assert s.controls["back"].disabled and not s.controls["next"].disabled
    assert s.controls["weights"].value.startswith("w14 = 0.2, w15 = -0.3, w24 = 0.4")


def test_every_number_the_stepper_shows_is_train_cases():
    s = widgets.backprop_stepper()
    trace = textbook_trace()
    expected = {}
    for layer, numbers in enumerate(trace.unit_numbers[1:]):
        for b, j in enumerate(numbers):
            expected[f"I{j}"] = trace.net_inputs[layer][b]
            expected[f"O{j}"] = trace.outputs[layer + 1][b]
            expected[f"Err{j}"] = trace.errors[layer][b]
            expected[f"θ{j}"] = trace.biases_after[layer][b]
    for layer, W in enumerate(trace.weights_after):
        for a, i in enumerate(trace.unit_numbers[layer]):
            for b, j in enumerate(trace.unit_numbers[layer + 1]):
                expected[f"w{i}{j}"] = W[a, b]
    shown = {}
    for step in s.steps[1:-1]:
        shown.update(step.values)
    assert shown.keys() == expected.keys()
    for name, value in shown.items():
        assert value == expected[name], name  # exactly: the stepper takes them from the trace
    # ... and the formulas print them, rounded
    formulas = " ".join(plain(step.formula) for step in s.steps).replace("≈", "=")
    for name in ("I4", "I5", "I6", "O4", "O5", "O6"):
        assert f"= {expected[name]:.3f}".replace("-", "−") in formulas, name
    for name in ("Err6", "Err5", "Err4", "w46", "w56", "w14", "w35", "θ6", "θ4"):
        assert f"= {expected[name]:.4f}".replace("-", "−") in formulas, name


def test_the_formulas_read_as_the_textbook_writes_them():
    s = widgets.backprop_stepper()
    by_title = {step.title: plain(step.formula) for step in s.steps}
    assert by_title["Forward: the net input and output of unit 4"].splitlines()[0] == (
        "I₄ = w₁₄ O₁ + w₂₄ O₂ + w₃₄ O₃ + θ₄ = 0.2·1 + 0.4·0 + (−0.5)·1 + (−0.4) = −0.700")
    # O6 with four decimals: the product of the numbers written is 0.1312 (with 0.474 it is 0.1311,
    # the book's value, as notebook 04 shows)
    assert by_title["Backward: the error term of output unit 6"] == (
        "Err₆ = O₆ (1 − O₆) (T₆ − O₆) = 0.4739·(1 − 0.4739)·(1 − 0.4739) = 0.1312")
    assert by_title["Backward: the error term of hidden unit 4, from the error terms above it"] == (
        "Err₄ = O₄ (1 − O₄) (Err₆ w₄₆) = 0.3318·(1 − 0.3318)·(0.1312·(−0.3)) = −0.0087")
    assert by_title["Update: the weight from unit 4 to unit 6"].splitlines() == [
        "Δw₄₆ = l Err₆ O₄ = 0.9·0.1312·0.3318 = 0.0392", "w₄₆ = −0.3 + 0.0392 = −0.2608"]
    # 0.9·(−0.0087) is −0.0078; the exact change, from Err4 = −0.00873..., is −0.0079
    assert by_title["Update: the weight from unit 1 to unit 4"].splitlines()[0] == (
        "Δw₁₄ = l Err₄ O₁ = 0.9·(−0.0087)·1 ≈ −0.0079")
    assert by_title["Update: the bias of unit 6"].splitlines()[1] == "θ₆ = 0.1 + 0.1181 = 0.2181"
    # the order: inputs, forward 4 5 6, backward 6 5 4, weights as the textbook's table, biases 6 5 4
    order = [tuple(step.values) for step in s.steps]
    assert order[1:7] == [("I4", "O4"), ("I5", "O5"), ("I6", "O6"), ("Err6",), ("Err5",), ("Err4",)]
    assert [o[0] for o in order[7:18]] == ["w46", "w56", "w14", "w15", "w24", "w25", "w34", "w35", "θ6", "θ5", "θ4"]


def test_next_reveals_values_and_highlights_the_unit():
    s = widgets.backprop_stepper()
    boxes = lambda: [t for t in texts(s.figure) if t.startswith("I") and "\nO" in t]  # I and O under each unit
    assert len(boxes()) == 3 and all(box.count("= ?") == 2 for box in boxes())
    s.controls["next"].click()
    assert s.step == 2 and "step 2 of 19" in s.counter.value
    first, *others = boxes()
    assert "I₄ = −0.700" in first and "0.332" in first and all(box.count("= ?") == 2 for box in others)
    assert "I₄ = w₁₄" in plain(s.formula.value.replace("<sub>", "_{").replace("</sub>", "}"))
    circles = [p for p in s.figure.axes[0].patches if hasattr(p, "center")]
    assert circles[3].get_facecolor() != circles[4].get_facecolor()  # unit 4 lit, unit 5 not
    assert "unit(s) 4 are highlighted" in s.description


def test_back_after_next_returns_to_the_same_drawing():
    s = widgets.backprop_stepper()
    for k in (1, 4, 7, 10, 18):  # start, forward, backward, updates, the last update
        s.go(k)
        before, png, formula = drawn(s.figure), bytes(s.image.value), s.formula.value
        s.controls["next"].click()
        assert s.step == k + 1 and bytes(s.image.value) != png and drawn(s.figure) != before
        s.controls["back"].click()
        assert s.step == k
        assert drawn(s.figure) == before and bytes(s.image.value) == png and s.formula.value == formula
    s.go(len(s.steps))
    assert s.controls["next"].disabled and "is now" in s.formula.value  # the output after the step
    s.controls["next"].click()  # at the end: nothing moves
    assert s.step == len(s.steps) == 19
    s.controls["restart"].click()
    assert s.step == 1 and s.controls["back"].disabled


def test_the_settings_change_the_step_and_bad_text_is_explained():
    s = widgets.backprop_stepper(step=2)
    assert_changes(s, s.controls["x"], ["-2, 0.5, 1", "1, 0, 1"])
    assert_changes(s, s.controls["weights"],
                   ["w34 = -3, θ4 = 1.5", "theta4 = -0.4, w14 = 0.2, w34 = -0.5"])
    assert s.state["weights"] == widgets.TEXTBOOK_WEIGHTS and s.state["biases"] == widgets.TEXTBOOK_BIASES
    s.go(5)  # Err6 depends on the target and the output
    assert s.current.values.keys() == {"Err6"}
    assert_changes(s, s.controls["t"], ["0", "1"])
    s.go(9)  # an update depends on the learning rate
    assert_changes(s, s.controls["lr"], [1e-3, 100.0, 0.9])
    png = s.image.value
    for bad in ("1, 0", "a, b, c"):
        s.controls["x"].value = bad
        assert "inputs x must be 3" in s.message.value and s.image.value == png
    s.controls["weights"].value = "w17 = 0.3"
    assert "no w17" in s.message.value
    s.controls["t"].value = "2"
    assert "between 0 and 1" in s.message.value
    assert s.state["x"] == [1.0, 0.0, 1.0] and s.state["t"] == 1.0


def test_randomize_draws_a_reproducible_sequence():
    a, b = widgets.backprop_stepper(seed=3), widgets.backprop_stepper(seed=3)
    drawn_a = []
    for _ in range(3):
        png = a.image.value
        a.controls["randomize"].click()
        assert a.image.value != png
        drawn_a.append(a.state["weights"])
    for expected in drawn_a:
        b.controls["randomize"].click()
        assert b.state["weights"] == expected
    assert drawn_a[0] != drawn_a[1] != drawn_a[2]
    assert all(abs(w) <= 0.5 and round(w, 1) == w for W in drawn_a[0] for row in W for w in row)
    b.controls["textbook"].click()
    assert b.state["weights"] == widgets.TEXTBOOK_WEIGHTS


def test_stepper_state_round_trips():
    s = widgets.backprop_stepper(x=(0, 1, 1), t=0, lr=0.5, seed=1)
    s.controls["randomize"].click()
    s.go(9)
    state = json.loads(json.dumps(s.state))
    again = widgets.backprop_stepper(**state)
    assert again.state == s.state and again.step == 9
    assert again.image.value == s.image.value


def test_the_step_asked_for_is_the_step_shown():
    s = widgets.backprop_stepper(step=5)
    assert_displays_as(s, "Backprop stepper: x=(1, 0, 1), t=1, lr=0.9, network [3, 2, 1], step 5 of 19")
    assert s.step == 5 == s.state["step"] and "step 5 of 19" in s.counter.value
    assert s.current.title == "Backward: the error term of output unit 6"
    assert s.figure.axes[0].get_title().startswith("Step 5 of 19: backward")
    assert s.description.startswith("Step 5 of 19 (backward pass)")
    assert widgets.backprop_stepper(**s.state).step == 5


def written_relations(formula):
    """Each "... = a = b" or "... ≈ b" of a formula: (the arithmetic as written, "=" or "≈",
    the result as written)."""
    for line in plain(formula).splitlines():
        parts = re.split(r" ([=≈]) ", line)
        if len(parts) >= 5 and re.fullmatch(r"−?\d+\.\d+", parts[-1]):
            yield parts[-3], parts[-2], parts[-1]


def by_hand(written, decimals):
    """The arithmetic as written, done exactly (in decimals; with e^x, in floats) and rounded
    as by hand, halves away from zero."""
    python = written.replace("·", "*").replace("−", "-")
    if "e^(" in python:
        value = Decimal(repr(float(eval(python.replace("e^(", "exp("), {"exp": np.exp, "__builtins__": {}}))))
    else:
        value = eval(re.sub(r"\d+(\.\d+)?", lambda m: f"D('{m.group()}')", python), {"D": Decimal, "__builtins__": {}})
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


@pytest.mark.parametrize("kwargs", [{}, {"x": (0.37, -1.2, 0.55), "t": (0.3, 1), "lr": 0.73, "seed": 4},
                                    {"x": (2, -1), "t": 0, "lr": 7.5, "seed": 9}])
def test_an_equals_sign_holds_for_the_numbers_as_written(kwargs):
    """"=" only where the arithmetic of the rounded numbers gives the rounded result; "≈" where
    it does not (the exact result comes from the unrounded numbers)."""
    s = widgets.backprop_stepper(**kwargs)
    relations = [r for step in s.steps if step.phase not in ("start", "done") for r in written_relations(step.formula)]
    phases = [step.phase for step in s.steps]
    assert len(relations) == 2 * phases.count("forward") + phases.count("backward") + 2 * phases.count("update")
    for written, sign, result in relations:
        decimals = len(result.split(".")[1])
        agrees = by_hand(written, decimals) == Decimal(result.replace("−", "-"))
        assert agrees == (sign == "="), f"{written} {sign} {result}"


def test_the_stepper_walks_any_small_network():
    s = widgets.backprop_stepper(x=(0.5, -1.0), t=(1, 0), seed=0)
    assert s.trace.unit_numbers[-1].tolist() == [5, 6]
    assert len(s.steps) == 1 + 4 + 4 + (2 * 2 + 2 * 2) + 4 + 1
    hidden_error = next(step for step in s.steps if step.title.startswith("Backward: the error term of hidden unit 4"))
    assert "(Err₅ w₄₅ + Err₆ w₄₆)" in plain(hidden_error.formula)


@pytest.mark.parametrize("kwargs, error, name", [
    ({"x": "abc"}, TypeError, "x"),
    ({"x": (1, 0), "weights": widgets.TEXTBOOK_WEIGHTS, "biases": widgets.TEXTBOOK_BIASES}, ValueError, "x"),
    ({"lr": -1}, ValueError, "lr"),
    ({"lr": 500}, ValueError, "lr must lie between 0.001 and 100; got 500"),  # the field's range
    ({"t": 2}, ValueError, "t"),
    ({"t": (1, 0), "weights": widgets.TEXTBOOK_WEIGHTS, "biases": widgets.TEXTBOOK_BIASES}, ValueError,
     r"t must have 1 value, one per output unit; got 2$"),
    ({"t": [[1]]}, ValueError, "t must be a number or a flat list"),
    ({"weights": widgets.TEXTBOOK_WEIGHTS}, ValueError, "biases"),
    ({"step": 99}, ValueError, "step must lie between 1 and 19, the number of steps; got 99"),
    ({"step": 0}, ValueError, "step must be a whole number >= 1; got 0"),  # counted as the counter counts
    ({"seed": -1}, ValueError, "seed"),
])
def test_stepper_names_a_bad_argument(kwargs, error, name):
    with pytest.raises(error, match=name):
        widgets.backprop_stepper(**kwargs)


def test_the_stepper_takes_the_textbook_network_only_for_its_shape():
    assert widgets.backprop_stepper(x=(0, 1, 1), t=0).state["weights"] == widgets.TEXTBOOK_WEIGHTS
    s = widgets.backprop_stepper(x=(1, 0, 1), t=(1, 0), seed=5)  # 3 inputs but 2 outputs: random weights
    assert s.model.net.layer_sizes == [3, 2, 2] and s.state["t"] == [1.0, 0.0]
    again = widgets.backprop_stepper(x=(1, 0, 1), t=(1, 0), seed=5)
    assert again.state["weights"] == s.state["weights"] != widgets.TEXTBOOK_WEIGHTS
    assert all(abs(w) <= 0.5 for W in s.state["weights"] for row in W for w in row)


# --- the learning-rate explorer -------------------------------------------------------------

def loss_lines(explorer):
    return {line.get_label().split(":")[0]: line for line in explorer.figure.axes[0].lines}


def test_lr_explorer_keeps_the_previous_curve_faintly():
    e = widgets.lr_explorer(epochs=100)
    assert_displays_as(e, "Learning-rate explorer: lr=0.5, update='epoch', schedule=None, data='xor', epochs=100")
    assert set(loss_lines(e)) == {"now"}
    first = loss_lines(e)["now"].get_ydata().copy()
    e.controls["lr"].value = 5.0
    e.wait()
    lines = loss_lines(e)
    np.testing.assert_array_equal(lines["previous"].get_ydata(), first)
    assert lines["previous"].get_linestyle() == "--" and lines["now"].get_linestyle() == "-"
    assert lines["previous"].get_alpha() < 1 and lines["previous"].get_linewidth() < lines["now"].get_linewidth()
    assert "lr=0.5" in lines["previous"].get_label() and "lr=5" in lines["now"].get_label()
    assert lines["now"].get_ydata()[-1] < first[-1]  # a larger rate learns xor faster here
    assert "Dashed and lighter, the previous setting" in e.description


def test_every_lr_control_changes_the_drawing():
    e = widgets.lr_explorer(epochs=30)
    for name, values in [("lr", [0.001, 100.0, 2.0]), ("update", ["case", "mini-batch", "epoch"]),
                         ("schedule", ["1/t", None]), ("data", ["and", "or", "xor-cloud", "moons", "circles", "xor"]),
                         ("epochs", [10, 1000, 30])]:
        assert_changes(e, e.controls[name], values)


def test_the_largest_rate_trains_every_epoch_with_a_finite_error():
    e = widgets.lr_explorer(lr=100.0, data="moons", update="case", epochs=200, hidden=(12, 12))
    h = e.run["history"]
    assert h.epochs == 200 and h.stop_reason == "epoch limit (200) reached"
    assert np.all(np.isfinite(h.loss)) and len(loss_lines(e)["now"].get_ydata()) == 200
    assert e.status.value.startswith("after 200 epochs: error E = ")


def test_lr_state_round_trips():
    e = widgets.lr_explorer(lr=0.2, update="mini-batch", schedule="1/t", data="and", epochs=50, seed=4)
    e.controls["lr"].value = 3.0
    e.wait()
    state = json.loads(json.dumps(e.state))
    again = widgets.lr_explorer(**state)
    assert again.state == e.state
    np.testing.assert_array_equal(loss_lines(again)["now"].get_ydata(), loss_lines(e)["now"].get_ydata())


@pytest.mark.parametrize("kwargs, error, name", [
    ({"lr": 0}, ValueError, "lr"),
    ({"lr": 1000.0}, ValueError, "lr"),
    ({"update": "batch"}, ValueError, "update"),
    ({"schedule": "exp"}, ValueError, "schedule"),
    ({"data": "iris"}, ValueError, "data"),
    ({"epochs": 2.5}, TypeError, "epochs"),
    ({"epochs": 5}, ValueError, "epochs must lie between 10 and 2000"),  # the slider starts at 10
    ({"epochs": 2001}, ValueError, "epochs must lie between 10 and 2000"),
    ({"seed": None}, TypeError, "seed"),  # every run starts from the same weights
    ({"hidden": "3"}, TypeError, "hidden"),
])
def test_lr_explorer_names_a_bad_argument(kwargs, error, name):
    with pytest.raises(error, match=name):
        widgets.lr_explorer(**kwargs)


# --- the playground -----------------------------------------------------------------------

def curves(ground):
    return {line.get_label(): line.get_ydata() for line in ground.figure.axes[1].lines}


def test_playground_trains_and_draws_its_progress():
    p = widgets.playground(epochs=30)
    assert_displays_as(p, "Playground: data='xor', hidden=(4,), lr=0.3, update='mini-batch', 0 epochs trained")
    assert all(len(y) == 0 for y in curves(p).values())
    png = p.image.value
    p.train(block=True)
    assert p.history.epochs == 30 == p.progress.value
    lines = curves(p)
    assert len(lines["training (solid)"]) == 30 and len(lines["test (dashed)"]) == 30
    np.testing.assert_allclose(lines["training (solid)"], np.array(p.history.loss) / len(p.X_train))
    assert p.image.value != png
    assert "30 epochs trained" in p.status.value and "30 epochs trained" in repr(p)
    p.controls["step"].click()
    assert p.history.epochs == 31 and len(curves(p)["training (solid)"]) == 31
    p.controls["reset"].click()
    assert p.history.epochs == 0 and p.image.value == png


def test_playground_trains_in_the_background_and_stops():
    p = widgets.playground(epochs=40, update="epoch")
    p.controls["train"].click()
    p.wait(timeout=30)
    assert not p.running and p.history.epochs == 40
    assert not p.controls["train"].disabled and p.controls["stop"].disabled
    p.controls["epochs"].value = 100_000
    p.train()
    p.stop()
    p.wait(timeout=30)
    assert 0 < p.history.epochs - 40 < 100_000
    assert not p.controls["data"].disabled


def test_the_playground_status_line_counts_the_epochs_the_bar_shows():
    """After Step, during a background run (between its chunks), after it and after Stop, the
    status line says as many epochs trained as the bar reads."""
    p = widgets.playground(epochs=50, update="epoch")
    for k in (1, 2, 3):
        p.controls["step"].click()
        assert p.progress.value == k == p.history.epochs and f"{k} epochs trained" in p.status.value
    seen, fit = [], p._fit

    def watched(epochs):  # in the training thread, before each chunk
        seen.append((p.progress.value, p.status.value))
        return fit(epochs)
    p._fit = watched
    p.train()
    p.wait(timeout=30)
    assert len(seen) >= 2
    for bar, status in seen:
        assert status.startswith("<i>training…</i> ") and f" {bar} epochs trained" in status, (bar, status)
    assert p.progress.value == p.progress.max == 53 == p.history.epochs
    assert p.status.value.startswith("53 epochs trained")
    p.controls["epochs"].value = 100_000
    p.train()
    p.stop()
    p.wait(timeout=30)
    assert p.status.value.startswith(f"{p.progress.value} epochs trained") and p.progress.value == p.history.epochs > 53


def test_playground_training_continues_the_same_network():
    whole = widgets.playground(epochs=4, update="epoch")
    whole.train(block=True)
    parts = widgets.playground(epochs=4, update="epoch")
    for _ in range(4):
        parts.step()
    np.testing.assert_allclose(parts.history.loss, whole.history.loss, rtol=1e-12)


def test_playground_training_does_not_depend_on_the_clock():
    """Mini-batches are shuffled by the seed and the epoch alone: blocking, in the background
    (in chunks timed by the clock) and one Step at a time all give the same numbers."""
    make = lambda: widgets.playground(data="xor", hidden=(3,), lr=0.3, epochs=30, seed=0, update="mini-batch")
    runs = []
    for _ in range(2):
        p = make()
        p.train(block=True)
        runs.append(p)
    background = make()
    background.train()
    background.wait(timeout=60)
    stepped = make()
    for _ in range(30):
        stepped.step()
    for p in (runs[1], background, stepped):
        assert p.history.epochs == 30
        assert p.history.loss == runs[0].history.loss and p.history.val_loss == runs[0].history.val_loss
        for W, V in zip(p.net.weights, runs[0].net.weights):
            np.testing.assert_array_equal(W, V)
    other_seed = widgets.playground(data="xor", hidden=(3,), lr=0.3, epochs=30, seed=1, update="mini-batch")
    other_seed.controls["seed"].value = 0  # the same data and start as seed 0: only the shuffling could differ
    other_seed.train(block=True)
    assert other_seed.history.loss == runs[0].history.loss


def test_training_in_parts_with_a_seed_shuffles_as_training_at_once():
    from bpnb.network import History
    from bpnb.widgets._explorer import _fit_more

    X, y = np.random.default_rng(0).normal(size=(30, 2)), np.arange(30) % 2
    nets, histories = [], []
    for parts in ((25,), (10, 1, 14), (1,) * 25):
        net, history = Network([2, 3, 1], init_range=(-1, 1), seed=0), History()
        for epochs in parts:
            _fit_more(net, history, X, y, lr=0.5, epochs=epochs, update=4, seed=7)
        nets.append(net)
        histories.append(history)
    assert histories[0].loss == histories[1].loss == histories[2].loss
    unshuffled = Network([2, 3, 1], init_range=(-1, 1), seed=0).fit(X, y, lr=0.5, epochs=25, update=4)
    assert unshuffled.loss != histories[0].loss  # the seed does shuffle


def test_the_playground_fields_keep_epochs_and_seed_in_range():
    p = widgets.playground(epochs=3)
    for name, bad, clamped in (("epochs", -5, 1), ("epochs", 0, 1), ("seed", -3, 0)):
        p.controls[name].value = bad
        assert p.controls[name].value == clamped == p.state[name]
    p.train(block=True)
    assert p.history.epochs == 1 == p.progress.value == p.progress.max
    assert not p.controls["train"].disabled and p.controls["stop"].disabled


def enabled(ground):
    return {name for name, control in ground.controls.items() if not control.disabled}


class BrokenProgress:
    """A progress bar that refuses every new maximum, as IntProgress does below its minimum."""

    value, min = 0, 0

    @property
    def max(self):
        return 10

    @max.setter
    def max(self, value):
        raise ValueError("setting max < min")


def test_a_failure_as_training_starts_gives_the_controls_back(monkeypatch):
    p = widgets.playground()
    every_but_stop = enabled(p)
    monkeypatch.setattr(p, "progress", BrokenProgress())
    with pytest.raises(ValueError, match="max < min"):
        p.train(block=True)
    assert enabled(p) == every_but_stop
    assert "Training stopped by an error: ValueError: setting max &lt; min" in p.status.value


def test_an_error_in_background_training_is_shown(monkeypatch):
    p = widgets.playground(epochs=50)
    every_but_stop = enabled(p)

    def fail(epochs):
        raise RuntimeError("the network broke")
    monkeypatch.setattr(p, "_fit", fail)
    p.train()
    p.wait(timeout=30)
    assert not p.running and enabled(p) == every_but_stop
    assert p.status.value == ('<span style="color:#B00000">Training stopped by an error: '
                              "RuntimeError: the network broke</span>")


@pytest.mark.parametrize("name, value", [("data", "moons"), ("seed", 3), ("noise", 0.3), ("hidden", "2, 2")])
def test_changing_the_data_or_layers_stops_a_background_run(name, value):
    p = widgets.playground(epochs=100_000, update="case")
    p.train()
    p.controls[name].value = value  # (the control is disabled in the browser; a program may still set it)
    p.wait(timeout=30)
    assert not p.running and p.history.epochs == 0 and p.progress.value == 0
    fresh = widgets.playground(**p.state)
    np.testing.assert_array_equal(p.X_train, fresh.X_train)
    for W, V in zip(p.net.weights, fresh.net.weights):
        np.testing.assert_array_equal(W, V)
    assert p.image.value == fresh.image.value and "0 epochs trained" in p.status.value


def test_every_playground_setting_changes_the_drawing():
    p = widgets.playground()
    for name, values in [("data", ["moons", "spirals", "xor"]), ("noise", [0.0, 0.5]),
                         ("train_fraction", [0.1, 0.9]), ("hidden", ["1", "12, 12, 12, 12", "4"]), ("seed", [1, 0])]:
        assert_changes(p, p.controls[name], values)


def test_the_training_settings_change_the_next_training():
    p = widgets.playground(epochs=2)
    for name, values in [("lr", [0.001, 100.0, 0.3]), ("update", ["case", "epoch", "mini-batch"])]:
        runs = []
        for value in values:
            p.reset()
            p.controls[name].value = value
            p.train(block=True)
            runs.append(curves(p)["training (solid)"])
        assert all(not np.array_equal(a, b) for a, b in zip(runs, runs[1:])), name


def test_playground_reports_bad_hidden_text_without_raising():
    p = widgets.playground()
    png = p.image.value
    p.controls["hidden"].value = "4, x"
    assert "hidden must be" in p.status.value and p.image.value == png and p.state["hidden"] == [4]


def test_playground_state_round_trips():
    p = widgets.playground(data="moons", noise=0.2, train_fraction=0.6, hidden=(3, 2), lr=1.0, update="case",
                           epochs=5, seed=2)
    p.controls["noise"].value = 0.3
    state = json.loads(json.dumps(p.state))
    again = widgets.playground(**state)
    assert again.state == p.state and again.image.value == p.image.value


@pytest.mark.parametrize("kwargs, error, name", [
    ({"data": "iris"}, ValueError, "data"),
    ({"noise": -0.1}, ValueError, "noise"),
    ({"train_fraction": 1.5}, ValueError, "train_fraction"),
    ({"hidden": "4"}, TypeError, "hidden"),
    ({"hidden": (0,)}, ValueError, "hidden"),
    ({"lr": "fast"}, TypeError, "lr"),
    ({"update": "full"}, ValueError, "update"),
    ({"epochs": 0}, ValueError, "epochs"),
    ({"epochs": 100_001}, ValueError, "epochs must lie between 1 and 100000"),
    ({"seed": None}, TypeError, "seed"),
    ({"seed": -1}, ValueError, "seed"),
    ({"seed": 2**31}, ValueError, "seed must lie between 0 and"),
    ({"batch_size": 0}, ValueError, "batch_size"),
])
def test_playground_names_a_bad_argument(kwargs, error, name):
    with pytest.raises(error, match=name):
        widgets.playground(**kwargs)


# --- all explorers ------------------------------------------------------------------------

def moved(explorer, **values):
    """The explorer after its controls were set to `values`, in turn."""
    for name, value in values.items():
        explorer.controls[name].value = value
        explorer.wait()
    return explorer


@pytest.mark.parametrize("make", [
    lambda: moved(widgets.neuron_explorer(), w1=-2.0, points="xor"),
    lambda: widgets.backprop_stepper(step=8),
    lambda: moved(widgets.lr_explorer(epochs=20), lr=3.0, data="moons"),  # with the previous run's curve
    lambda: moved(widgets.playground(epochs=20), data="moons", hidden="3, 2"),
])
def test_static_figures_show_the_current_state_and_nothing_leaks(make):
    open_before = plt.get_fignums()
    explorer = make()
    assert plt.get_fignums() == open_before  # the live figure is not a pyplot figure
    if isinstance(explorer, widgets.Playground):
        explorer.train(block=True)
    live = drawn(explorer.figure)
    fig = explorer.static_figure()
    assert fig is not explorer.figure and len(fig.axes) == len(explorer.figure.axes)
    assert len(live) >= 8 and drawn(fig) == live
    plt.close(fig)
    assert plt.get_fignums() == open_before


# --- speed: what the fast paths keep must equal what the plain ones give ------------------------

def full_drawing(stepper):
    """The pixels of the step shown, drawn anew on a figure of its own: (h, w, 3)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from bpnb.widgets._stepper import _draw_step

    fig = Figure(figsize=stepper._figsize, dpi=stepper._dpi)
    FigureCanvasAgg(fig)
    _draw_step(fig, stepper.model.net, stepper.current, stepper._diagram(stepper.index), stepper._input_names())
    fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba())[..., :3]


def shown(explorer):
    """The pixels of the PNG an explorer shows: (h, w, 3)."""
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(explorer.image.value)).convert("RGB"))


@pytest.mark.parametrize("kwargs", [{}, {"x": (0.5, -1.0), "t": (1, 0), "seed": 0}])
def test_each_step_drawn_over_the_still_parts_is_the_full_drawing(kwargs):
    """The stepper draws only what changes over a saved picture of the rest, on artists made
    once: pixel for pixel the picture that a full drawing gives, walking either way and
    after a setting changes."""
    s = widgets.backprop_stepper(**kwargs)
    for k in [*range(1, len(s.steps) + 1), 7, 3, 1]:
        s._pngs.clear()  # drawn again, not the picture kept
        s.go(k)
        assert np.array_equal(shown(s), full_drawing(s)), k
    s.go(9)
    circle = s.figure.axes[0].patches[0]
    for name, value in (("lr", 0.1), ("x", "0, 1, 1" if not kwargs else "0.4, -2"), ("randomize", None)):
        if value is None:
            s.controls[name].click()
        else:
            s.controls[name].value = value  # new numbers, the same layout: the same artists
        assert s.figure.axes[0].patches[0] is circle and np.array_equal(shown(s), full_drawing(s)), name
    s.controls["x"].value = "0.25, -1, 1" if not kwargs else "1, 1"  # wider or narrower values: drawn anew
    assert s.figure.axes[0].patches[0] is not circle and np.array_equal(shown(s), full_drawing(s))
    still = s.static_figure()
    assert drawn(s.figure) == drawn(still)
    plt.close(still)


def test_the_stepper_starts_no_thread_and_keeps_each_picture(monkeypatch):
    from bpnb.widgets import _stepper

    running = threading.active_count()
    s = widgets.backprop_stepper()
    for k in (9, 10, 9):
        s.go(k)
    assert threading.active_count() == running
    renders, render = [], _stepper._Picture.render
    monkeypatch.setattr(_stepper._Picture, "render", lambda picture: renders.append(1) or render(picture))
    png = bytes(s.image.value)
    s.go(10)
    s.go(9)
    assert renders == [] and bytes(s.image.value) == png  # kept: Back answers at once
    s.controls["lr"].value = 0.5  # a new setting forgets the pictures of the old one
    assert renders == [1] and list(s._pngs) == [8] and bytes(s.image.value) != png


def test_the_stepper_model_needs_no_widgets_and_draws_nothing():
    code = ("import sys; from bpnb import stepping; c = stepping.CaseUpdate(); c.set_rate(0.5); "
            "print(len(c.steps), [m for m in ('ipywidgets', 'matplotlib') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["19", "[]"]


def test_a_bad_setting_changes_nothing_in_the_stepper_model():
    from bpnb import stepping

    m = stepping.CaseUpdate()
    steps, net = m.steps, m.net
    for setter, bad, message in ((m.set_inputs, "1, 0", "inputs x must be 3"), (m.set_target, "2", "between 0 and 1"),
                                 (m.set_weights, "w17 = 1", "no w17"), (m.set_rate, 0.0, "lr must lie between"),
                                 (m.set_weights, "w14 = nan", "w14 must be a finite number")):
        with pytest.raises(ValueError, match=message):
            setter(bad)
        assert m.steps is steps and m.net is net
    m.set_weights("w46 = 0.5")
    assert m.net.weights[1][0, 0] == 0.5 and m.trace.weights_before[1][0, 0] == 0.5
    assert m.weights_text().startswith("w14 = 0.2, w15 = -0.3") and "w46 = 0.5" in m.weights_text()
    assert m.texts == {"x": "1, 0, 1", "t": "1", "weights": m.weights_text()}
    m.set_inputs("1, 1, 0")
    assert m.steps[1].values["I4"] == pytest.approx(0.2 + 0.4 - 0.4)
    with pytest.raises(ValueError, match="3 inputs and 1 output"):
        stepping.CaseUpdate(x=(1, 0), t=1).use_textbook()


def test_redrawing_a_diagram_in_place_gives_the_diagram_drawn_anew():
    from bpnb import plots

    other = Network.from_weights([[[0.3, -0.1], [-0.2, 0.4], [0.5, 0.1]], [[0.2], [-0.6]]], [[0.1, -0.3], [0.25]])
    other_trace = other.copy().train_case([0, 1, 1], 0, 0.5)
    fig, ax, artists = textbook_figure()
    assert plots.redraw_network(artists, other, trace=other_trace, highlight=[5], title="again")
    fresh, fresh_ax = plt.subplots(figsize=(10, 6.6))
    plots.draw_network(other, ax=fresh_ax, trace=other_trace, highlight=[5], title="again")
    assert drawn(fig) == drawn(fresh) and "θ₅ = −0.300" in texts(fig)
    fig.canvas.draw()
    fresh.canvas.draw()
    assert np.array_equal(np.asarray(fig.canvas.buffer_rgba()), np.asarray(fresh.canvas.buffer_rgba()))
    before = drawn(fig)  # another layout: nothing changes, and it says so
    assert not plots.redraw_network(artists, Network([3, 3, 1], seed=0))
    assert not plots.redraw_network(artists, other, trace=other_trace, show_updates=True)
    assert not plots.redraw_network(artists, other)  # no values under the units
    assert drawn(fig) == before
    plt.close(fig)
    plt.close(fresh)


def test_the_diagram_writes_numbers_with_a_real_minus_sign():
    fig, ax, artists = textbook_figure()
    assert artists["biases"][4].get_text() == "θ₄ = −0.400"
    assert artists["values"][4].get_text() == "I₄ = −0.700\nO₄ = 0.332\nErr₄ = −0.0087"
    assert artists["weights"][3, 4].get_text() == "−0.500"
    assert not [t.get_text() for t in ax.texts if "-" in t.get_text()]  # no hyphen for a minus anywhere
    plt.close(fig)
    fig, ax = plt.subplots()
    plots_net = Network.from_weights([[[20.0], [-20.0]]], [[-10.0]])
    from bpnb import plots

    plots.draw_network(plots_net, ax=ax, decimals=0)
    assert {"+20", "−20", "θ₃ = −10"} <= set(texts(fig))
    plt.close(fig)


def test_training_in_parts_with_the_1_over_t_schedule_equals_one_fit():
    from bpnb.network import History
    from bpnb.widgets._explorer import _fit_more

    X, y = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]), np.array([0, 1, 1, 0])
    whole = Network([2, 3, 1], init_range=(-1, 1), seed=0)
    expected = whole.fit(X, y, lr=2.0, epochs=25, update="epoch", lr_schedule="1/t")
    parts, history = Network([2, 3, 1], init_range=(-1, 1), seed=0), History()
    for epochs in (10, 1, 14):
        _fit_more(parts, history, X, y, lr=2.0, epochs=epochs, update="epoch", schedule="1/t")
    np.testing.assert_array_equal(history.loss, expected.loss)
    np.testing.assert_array_equal(history.lr, expected.lr)
    for W, V in zip(parts.weights, whole.weights):
        np.testing.assert_array_equal(W, V)


def test_the_lr_explorer_shows_its_training_progress():
    e = widgets.lr_explorer(epochs=200)
    assert e.progress.max == 200 and e.progress.value == 200
    e.controls["epochs"].value = 50
    e.wait()
    assert e.progress.max == 50 and e.progress.value == 50 and "after 50 epochs" in e.status.value
    assert e.timing["train"] > 0 and e.timing["draw"] > 0


def test_going_back_to_a_setting_shows_the_picture_a_fresh_explorer_draws():
    play = widgets.playground(data="xor", hidden=(4,))
    for data, hidden in [("moons", "4"), ("moons", "3, 2"), ("xor", "3, 2"), ("xor", "4")]:
        play.controls["data"].value, play.controls["hidden"].value = data, hidden
    assert set(play._kept[play._artists["net_ax"]]) == {(4,), (3, 2)}  # each picture drawn once, then kept
    assert bytes(play.image.value) == bytes(widgets.playground(**play.state).image.value)


def test_the_lr_explorer_answers_while_it_trains_and_the_last_change_wins():
    e = widgets.lr_explorer(epochs=30, data="moons")
    e.controls["update"].value = "case"
    e.controls["epochs"].value = 1000  # 40 000 case updates: the control answers before they are done
    assert e.running and "training" in e.status.value
    e.controls["lr"].value = 2.0  # stops that run and trains this setting instead
    e.wait()
    assert not e.running
    assert e.run["state"] == e.state and e.run["history"].epochs == 1000
    assert e.previous["state"]["epochs"] == 30  # the stopped run never finished: the one before is previous
    expected = widgets.lr_explorer(**e.state)
    np.testing.assert_array_equal(e.run["history"].loss, expected.run["history"].loss)


# --- the figures the explorers and notebooks share (bpnb.plots) ------------------------------

def textbook_figure(**kwargs):
    from bpnb import plots
    net = Network.from_weights(widgets.TEXTBOOK_WEIGHTS, widgets.TEXTBOOK_BIASES)
    fig, ax = plt.subplots(figsize=(10, 6.6))
    artists = {}
    plots.draw_network(net, ax=ax, trace=textbook_trace(), artists=artists, **kwargs)
    fig.canvas.draw()
    return fig, ax, artists


def corners(text):
    """The four corners, on the screen, of the (turned) white box a label is written on."""
    patch = text.get_bbox_patch()
    x, y, w, h = patch.get_x(), patch.get_y(), patch.get_width(), patch.get_height()
    return patch.get_transform().transform([(x, y), (x + w, y), (x + w, y + h), (x, y + h)])


def overlap(p, q):
    """Whether two convex polygons (k, 2) overlap: no side of either separates them."""
    for poly in (p, q):
        for a, b in zip(poly, np.roll(poly, -1, axis=0)):
            normal = np.array([a[1] - b[1], b[0] - a[0]])
            if (p @ normal).max() < (q @ normal).min() or (q @ normal).max() < (p @ normal).min():
                return False
    return True


@pytest.mark.parametrize("kwargs", [{"show_updates": True}, {"show_errors": False}, {"highlight": [4]}])
def test_each_weight_is_written_on_its_own_edge_clear_of_the_others(kwargs):
    fig, ax, artists = textbook_figure(**kwargs)
    renderer = fig.canvas.get_renderer()
    labels = artists["weights"]
    assert len(labels) == 8 and set(labels) == set(artists["edges"])
    along = []
    for (i, j), text in labels.items():
        (x0, x1), (y0, y1) = artists["edges"][i, j].get_data()
        x, y = text.get_position()
        t = (x - x0) / (x1 - x0)
        assert 0.1 <= t <= 0.9 and y == pytest.approx(y0 + t * (y1 - y0)), (i, j)  # on the edge
        assert text.get_rotation() == pytest.approx(np.degrees(np.arctan2(y1 - y0, x1 - x0)) % 360)
        along.append(t)
    # nearer its start: all, or all but one moved along its edge to keep clear of a longer label
    assert sum(t <= 0.5 for t in along) >= 7
    boxes = {edge: corners(text) for edge, text in labels.items()}
    for a in boxes:
        assert not any(overlap(boxes[a], boxes[b]) for b in boxes if b != a), a
    # nor do they cover a unit, a bias or a unit's values
    others = [t.get_window_extent(renderer) for t in ax.texts if t not in labels.values() and t.get_text()]
    others += [p.get_window_extent(renderer) for p in artists["units"].values()]
    for edge, box in boxes.items():
        assert not any(overlap(box, other.corners()[[0, 1, 3, 2]]) for other in others), edge
    if kwargs.get("show_updates"):
        assert labels[4, 6].get_text() == "−0.300 → −0.261"  # a real minus sign
    plt.close(fig)


def test_weight_labels_do_not_move_when_the_stepper_reveals_a_new_weight():
    s = widgets.backprop_stepper(step=8)
    positions = []
    for k in (8, 12, 18):
        s.go(k)
        positions.append([t.get_position() for t in s.figure.axes[0].texts if "→" in t.get_text() and "θ" not in t.get_text()])
    assert len(positions[0]) == 8 and positions[0] == positions[1] == positions[2]


def test_points_keep_an_outline_on_shading_of_their_own_colour_and_the_legend_is_off_the_data():
    from bpnb import plots
    net = Network([2, 2, 1], seed=0)
    X, y = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]), np.array([0, 1, 1, 0])
    fig, ax = plt.subplots()
    plots.plot_decision_boundary(net, X, y, ax=ax)
    points = [c for c in ax.collections if c.get_label() in ("class 0", "class 1")]
    assert len(points) == 2
    for scatter in points:
        assert np.allclose(scatter.get_edgecolor()[0][:3], 0) and scatter.get_linewidth()[0] >= 1.0  # black edge
        assert scatter.get_path_effects(), "no white ring around the edge"
        assert scatter.get_sizes()[0] >= 80  # four points: drawn large
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    legend, axes_box = ax.get_legend().get_window_extent(renderer), ax.get_window_extent(renderer)
    assert legend.y1 < axes_box.y0 and legend.y1 < ax.xaxis.label.get_window_extent(renderer).y0
    plt.close(fig)


def test_the_playground_epoch_axis_ends_at_the_epochs_trained():
    p = widgets.playground(epochs=30)
    p.train(block=True)
    assert p.figure.axes[1].get_xlim() == (0, 30)
    for epochs, end in ((300, 300), (30, 30), (31, 40), (500, 500), (1200, 1500)):
        assert widgets._playground._nice_ceiling(epochs, steps=(1, 1.5, 2, 3, 4, 5, 6, 8, 10)) == end
    still = p.static_figure()
    assert still.axes[1].get_xlim() == (0, 30)
    plt.close(still)


def test_a_playground_run_says_the_epoch_limit_it_reached():
    play = widgets.playground(epochs=40, seed=1)
    play.train(block=True)
    assert play.history.epochs == 40
    assert play.history.stop_reason == "epoch limit (40) reached"


@pytest.mark.parametrize("make, name", [(widgets.neuron_explorer, "w1"), (widgets.neuron_explorer, "theta"),
                                        (widgets.lr_explorer, "lr"), (widgets.playground, "noise"),
                                        (widgets.playground, "lr")])
def test_a_value_that_is_not_finite_set_from_code_is_refused(make, name):
    explorer = make()
    before = explorer.controls[name].value
    explorer.controls[name].value = float("nan")  # no error escapes, the control goes back
    assert explorer.controls[name].value == before and explorer.state == make(**explorer.state).state


def test_editing_one_weight_keeps_the_others_exact():
    stepper = widgets.backprop_stepper(seed=3)  # random weights with many digits
    exact = [w.copy() for w in stepper.model.net.weights]
    text = stepper.weights_text()
    first = text.split(",")[0]
    stepper.controls["weights"].value = text.replace(first, first.split("=")[0] + "= 0.25", 1)
    weights = stepper.model.net.weights
    assert weights[0][0, 0] == 0.25
    assert np.array_equal(weights[0].ravel()[1:], exact[0].ravel()[1:]) and np.array_equal(weights[1], exact[1])
