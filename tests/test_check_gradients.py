"""The checkers of notebook 09: right answers pass, stubs fail, each named misconception is
recognised when a learner makes it, and the bound the first one checks is the one a chain of
sigmoid units reaches."""


import numpy as np
import pytest
from checker_tests import checker_tests

from bpnb import Network, data
from bpnb.check import gradients as check
from bpnb.check._core import HINTS


def stub(*args):
    ...


def right_norms(net, X, T):
    dW, _ = net.gradients(X, T)
    return np.array([np.sqrt(np.sum(g ** 2)) for g in dW])


def right_clip(updates, max_norm):
    norm = np.sqrt(sum(np.sum(u ** 2) for u in updates))
    factor = max_norm / norm if norm > max_norm else 1.0
    return [u * factor for u in updates]


def right_bound(err_top, weights):
    bound = abs(err_top)
    for w in weights:
        bound = bound * abs(w) / 4
    return bound


RIGHT = {
    "error_term_bound": right_bound,
    "layer_gradient_norms": right_norms,
    "clip_by_norm": right_clip,
}
CASES = {"error_term_bound": 5, "layer_gradient_norms": 3, "clip_by_norm": 5}


def each_layer_clipped(updates, max_norm):
    return [u * min(1.0, max_norm / np.linalg.norm(u)) for u in updates]


def clipped_in_place(updates, max_norm):
    norm = np.sqrt(sum(np.sum(u ** 2) for u in updates))
    for u in updates:
        u *= min(1.0, max_norm / norm)
    return updates


def clipped_with(measure, factor=lambda m, norm: min(1.0, m / norm)):
    """A clipping that measures the step's length with `measure` and scales by `factor`."""
    def clip(updates, max_norm):
        norm = measure(updates)
        return [u * factor(max_norm, norm) for u in updates]
    return clip


def joint(updates):
    return np.sqrt(sum(np.sum(u ** 2) for u in updates))


def bound_with(factor, top=abs):
    """A bound that multiplies top(err_top) by factor(w) for every weight of the chain."""
    def bound(err_top, weights):
        result = top(err_top)
        for w in weights:
            result = result * factor(w)
        return result
    return bound


def norms_of(arrays):
    return np.array([np.sqrt(np.sum(a ** 2)) for a in arrays])


MOONS = data.make_moons(128, noise=0.15, seed=0)  # the notebook's data, its globals X and y

MISTAKES = [
    ("error_term_bound", bound_with(lambda w: abs(w) / 2), "sigmoid_max_slope_half"),
    ("error_term_bound", bound_with(lambda w: 0.25), "bound_forgot_weight"),
    ("error_term_bound", bound_with(lambda w: w / 4, top=lambda e: e), "bound_signed"),
    ("error_term_bound", bound_with(abs), "bound_forgot_slope"),
    ("error_term_bound", bound_with(lambda w: abs(w) / 4, top=lambda e: 1.0), "bound_forgot_err_top"),
    ("error_term_bound", bound_with(lambda w: abs(w) * 0.332 * (1 - 0.332)), "bound_actual_slope"),
    ("error_term_bound", bound_with(lambda w: abs(w) * 0.22), "bound_actual_slope"),
    ("error_term_bound", lambda e, ws: abs(e) * sum(abs(w) / 4 for w in ws), "bound_added_factors"),
    ("error_term_bound", lambda e, ws: (abs(ws[0]) / 4) ** len(ws) * abs(e) if ws else abs(e), "bound_one_weight"),
    ("error_term_bound", lambda e, ws: right_bound(e, ws[1:]), "bound_step_off_by_one"),
    ("error_term_bound", lambda e, ws: right_bound(e, ws) / 4, "bound_step_off_by_one"),
    ("error_term_bound", lambda e, ws: abs(e) * np.prod([abs(w) for w in ws]) / 4, "bound_factor_once"),
    ("error_term_bound", lambda e, ws: abs(e) * abs(ws[0]) * 0.25 ** len(ws) if ws else abs(e), "bound_factor_once"),
    ("layer_gradient_norms", lambda net, X, T: right_norms(net, X, T) ** 2, "norm_squared"),
    ("layer_gradient_norms", lambda net, X, T: right_norms(net, X, T)[::-1], "layers_reversed"),
    ("layer_gradient_norms", lambda net, X, T: np.array([
        np.sqrt(np.sum(g ** 2) + np.sum(b ** 2)) for g, b in zip(*net.gradients(X, T))]), "norm_with_biases"),
    ("layer_gradient_norms", lambda net, X, T: norms_of(sum(net.gradients(X, T), [])), "norm_with_biases_listed"),
    ("layer_gradient_norms", lambda net, X, T: norms_of(net.gradients(X, T)[1]), "norm_of_biases"),
    ("layer_gradient_norms", lambda net, X, T: norms_of(net.weights), "norm_of_weights"),
    ("layer_gradient_norms", lambda net, X, T: np.array([g.sum() for g in net.gradients(X, T)[0]]),
     "sum_not_norm"),
    ("layer_gradient_norms", lambda net, X, T: np.array([np.abs(g).sum() for g in net.gradients(X, T)[0]]),
     "norm_l1"),
    ("layer_gradient_norms", lambda net, X, T: np.array([np.sqrt(np.mean(g ** 2)) for g in net.gradients(X, T)[0]]),
     "norm_rms"),
    ("layer_gradient_norms", lambda net, X, T: right_norms(net, X, T) / len(X), "mean_not_sum"),
    ("layer_gradient_norms", lambda net, X, T: [np.linalg.norm(g, axis=0) for g in net.gradients(X, T)[0]],
     "norm_per_unit"),
    ("layer_gradient_norms", lambda net, X, T: np.concatenate([np.linalg.norm(g, axis=1)
                                                               for g in net.gradients(X, T)[0]]), "norm_per_unit"),
    ("layer_gradient_norms", lambda net, X, T: right_norms(net, MOONS.X, MOONS.y), "used_global_data"),
    ("clip_by_norm", each_layer_clipped, "clipped_each_layer"),
    ("clip_by_norm", lambda updates, m: [np.clip(u, -m, m) for u in updates], "clipped_values"),
    ("clip_by_norm", lambda updates, m: [u * m / joint(updates) for u in updates], "always_rescaled"),
    ("clip_by_norm", clipped_with(joint, lambda m, norm: max(1.0, m / norm)), "clip_max_not_min"),
    ("clip_by_norm", clipped_with(lambda us: sum(np.sum(u ** 2) for u in us)), "clip_norm_squared"),
    ("clip_by_norm", clipped_with(lambda us: sum(np.linalg.norm(u) for u in us)), "clip_sum_of_norms"),
    ("clip_by_norm", clipped_with(joint, lambda m, norm: 1 / norm), "clip_forgot_max_norm"),
    ("clip_by_norm", clipped_with(joint, lambda m, norm: min(1.0, 1 / norm)), "clip_forgot_max_norm"),
    ("clip_by_norm", clipped_in_place, "changed_argument"),
]


def test_a_chain_of_units_at_one_half_reaches_the_bound():
    # every net input 0, so every O = 1/2 and every slope 1/4: Network.backward gives the bound exactly
    weights = [-0.7, 1.3, 0.4, -2.0, 0.9, 1.0]  # into the output unit first, then down the chain
    depth = len(weights)
    W = [np.array([[1.0]])] + [np.array([[w]]) for w in weights[::-1]]  # layer 1 from the input, then upwards
    theta = [np.array([0.0])] + [np.array([-w / 2]) for w in weights[::-1]]  # I = w * 1/2 - w / 2 = 0
    net = Network.from_weights(W, theta)
    _, outputs = net.forward(np.zeros((1, 1)))
    assert np.allclose(np.concatenate(outputs[1:]), 0.5)
    errors = net.backward(outputs, np.array([[0.9]]))
    err_top = errors[-1][0, 0]
    for d in range(depth + 1):
        assert abs(errors[-1 - d][0, 0]) == pytest.approx(right_bound(err_top, weights[:d]), rel=1e-12)
        assert check._bound(err_top, weights[:d]) == pytest.approx(abs(errors[-1 - d][0, 0]), rel=1e-12)


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
    verdict = check.error_term_bound(lambda e, ws: [right_bound(e, ws)])
    assert "return the number itself" in verdict.message


@pytest.mark.parametrize("name", list(RIGHT))
def test_hints_come_in_three_stages_and_none_gives_the_answer(name):
    idea, formula, skeleton = HINTS[name]
    assert "___" in skeleton and "___" not in idea and "np." not in idea and "(" not in idea, name
    assert "___" not in formula
    assert "/ 4" not in skeleton and "max_norm / norm" not in skeleton and "abs(w)" not in skeleton


def test_the_bound_hint_gives_the_rule_of_one_step_not_the_answer():
    formula = HINTS["error_term_bound"][1]
    assert "|Err_j| = O_j (1 − O_j) |w_jk| |Err_k| ≤ ¼ |w_jk| |Err_k|" in formula
    assert "Π" not in formula and "^" not in formula and "product" not in formula


def test_a_step_of_zeros_is_a_case_and_dividing_by_its_norm_is_told():
    import math

    def with_math(updates, max_norm):
        norm = math.sqrt(sum(float(np.sum(u ** 2)) for u in updates))
        return [u * min(1.0, max_norm / norm) for u in updates]

    verdict = check.clip_by_norm(with_math)
    assert not verdict and verdict.message.startswith("for a step of all zeros")
    assert "raised ZeroDivisionError" in verdict.message and "a denominator that can be 0?" in verdict.message


def test_iterating_over_the_pair_of_lists_is_told_to_work_array_by_array():
    verdict = check.layer_gradient_norms(lambda net, X, T: np.array([np.linalg.norm(g)
                                                                     for g in net.gradients(X, T)]))
    assert not verdict and "inhomogeneous" in verdict.message
    assert "A list of arrays of different shapes cannot become one array" in verdict.message


test_right_answer_passes, test_stub_is_not_yet, test_misconception_is_named = checker_tests(
    check, RIGHT, CASES, MISTAKES)
