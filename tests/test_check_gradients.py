"""The checkers of notebook 09: right answers pass, stubs fail, each named misconception is
recognised when a learner makes it, and the bound the first one checks is the one a chain of
sigmoid units reaches."""

import json
import re
from pathlib import Path

import numpy as np
import pytest
from checker_tests import checker_tests

from bpnb import Network
from bpnb.check import gradients as check
from bpnb.check._core import HINTS


def stub(*args):
    ...


def right_norms(net, X, T):
    dW, _ = net.gradients(X, T)
    return np.array([np.sqrt(np.sum(g ** 2)) for g in dW])


def right_clip(updates, max_norm):
    norm = np.sqrt(sum(np.sum(u ** 2) for u in updates))
    factor = min(1.0, max_norm / norm)
    return [u * factor for u in updates]


RIGHT = {
    "error_term_bound": lambda err_top, w, k: (abs(w) / 4) ** k * abs(err_top),
    "layer_gradient_norms": right_norms,
    "clip_by_norm": right_clip,
}
CASES = {"error_term_bound": 5, "layer_gradient_norms": 3, "clip_by_norm": 4}


def each_layer_clipped(updates, max_norm):
    return [u * min(1.0, max_norm / np.linalg.norm(u)) for u in updates]


def clipped_in_place(updates, max_norm):
    norm = np.sqrt(sum(np.sum(u ** 2) for u in updates))
    for u in updates:
        u *= min(1.0, max_norm / norm)
    return updates


MISTAKES = [
    ("error_term_bound", lambda e, w, k: (abs(w) / 2) ** k * abs(e), "sigmoid_max_slope_half"),
    ("error_term_bound", lambda e, w, k: 0.25 ** k * abs(e), "bound_forgot_weight"),
    ("error_term_bound", lambda e, w, k: (w / 4) ** k * e, "bound_signed"),
    ("error_term_bound", lambda e, w, k: (abs(w) / 4) ** (k + 1) * abs(e), "power_off_by_one"),
    ("error_term_bound", lambda e, w, k: (abs(w) / 4) ** (k - 1) * abs(e), "power_off_by_one"),
    ("layer_gradient_norms", lambda net, X, T: right_norms(net, X, T) ** 2, "norm_squared"),
    ("layer_gradient_norms", lambda net, X, T: right_norms(net, X, T)[::-1], "layers_reversed"),
    ("layer_gradient_norms", lambda net, X, T: np.array([
        np.sqrt(np.sum(g ** 2) + np.sum(b ** 2)) for g, b in zip(*net.gradients(X, T))]), "norm_with_biases"),
    ("layer_gradient_norms", lambda net, X, T: np.array([g.sum() for g in net.gradients(X, T)[0]]),
     "sum_not_norm"),
    ("layer_gradient_norms", lambda net, X, T: right_norms(net, X, T) / len(X), "mean_not_sum"),
    ("clip_by_norm", each_layer_clipped, "clipped_each_layer"),
    ("clip_by_norm", lambda updates, m: [np.clip(u, -m, m) for u in updates], "clipped_values"),
    ("clip_by_norm", lambda updates, m: [u * m / np.sqrt(sum(np.sum(v ** 2) for v in updates)) for u in updates],
     "always_rescaled"),
    ("clip_by_norm", clipped_in_place, "changed_argument"),
]


def test_a_chain_of_units_at_one_half_reaches_the_bound():
    # every net input 0, so every O = 1/2 and every slope 1/4: Network.backward gives (w/4)^k Err_top
    w, depth = -0.7, 6
    net = Network.from_weights([np.array([[w]])] * depth, [np.array([-w / 2])] * (depth - 1) + [np.array([-w / 2])])
    net.weights[0][0, 0], net.biases[0][0] = 1.0, 0.0  # the first unit: I = x = 0
    _, outputs = net.forward(np.zeros((1, 1)))
    assert np.allclose(np.concatenate(outputs[1:]), 0.5)
    errors = net.backward(outputs, np.array([[0.9]]))
    err_top = errors[-1][0, 0]
    for k in range(depth):
        assert abs(errors[-1 - k][0, 0]) == pytest.approx(RIGHT["error_term_bound"](err_top, w, k), rel=1e-12)
        assert check._bound(err_top, w, k) == pytest.approx(abs(errors[-1 - k][0, 0]), rel=1e-12)


def test_a_list_of_norms_passes_too():
    assert check.layer_gradient_norms(lambda net, X, T: [float(x) for x in right_norms(net, X, T)])


def test_norms_of_weights_and_biases_as_one_vector_are_not_per_layer():
    verdict = check.layer_gradient_norms(lambda net, X, T: np.sqrt(sum(np.sum(g ** 2) for g in net.gradients(X, T)[0])))
    assert "expected shape (3,), got ()" in verdict.message


def test_clipping_that_returns_one_array_is_told_the_parts():
    verdict = check.clip_by_norm(lambda updates, m: np.concatenate([u.ravel() for u in updates]))
    assert "your answer should be updates[0] and updates[1]" in verdict.message


def test_clipping_by_a_factor_only_is_a_kind_problem():
    verdict = check.clip_by_norm(lambda updates, m: min(1.0, m / np.sqrt(sum(np.sum(u ** 2) for u in updates))))
    assert not verdict and "should be updates[0] and updates[1], but it is" in verdict.message


def test_the_bound_as_a_list_is_a_shape_problem():
    verdict = check.error_term_bound(lambda e, w, k: [(abs(w) / 4) ** k * abs(e)])
    assert "return the number itself" in verdict.message


NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "09_vanishing_and_exploding_gradients.ipynb"


def headings():
    cells = json.loads(NOTEBOOK.read_text())["cells"]
    return [line.lstrip("#").strip() for c in cells if c["cell_type"] == "markdown"
            for line in "".join(c["source"]).splitlines() if line.startswith("#")]


@pytest.mark.parametrize("name", list(RIGHT))
def test_the_section_to_reread_is_a_heading_of_the_notebook(name):
    reread = re.search(r"Reread '([^']+)'", getattr(check, name)(stub).message).group(1)
    assert any(heading.endswith(reread) for heading in headings()), reread
    a_named_mistake = next(answer for checker, answer, _ in MISTAKES if checker == name)
    assert f"Reread '{reread}'" in getattr(check, name)(a_named_mistake).message


@pytest.mark.parametrize("name", list(RIGHT))
def test_hints_come_in_three_stages_and_none_gives_the_answer(name):
    idea, formula, skeleton = HINTS[name]
    assert "___" in skeleton and "___" not in idea and "np." not in idea and "(" not in idea, name
    assert "___" not in formula
    assert "/ 4) **" not in skeleton and "max_norm / norm)" not in skeleton


test_right_answer_passes, test_stub_is_not_yet, test_misconception_is_named = checker_tests(
    check, RIGHT, CASES, MISTAKES)
