"""The checkers of notebook 02: right answers pass, stubs fail, and each named misconception
is recognised when a learner makes it."""

import numpy as np
import pytest
from checker_tests import checker_tests

from bpnb.check import learning as check


def sigmoid(I):
    return 1 / (1 + np.exp(-I))


def error_term(O, T):
    return O * (1 - O) * (T - O)


def case_update(w, theta, x, t, l, *, rate=True, sign=1, bias_update=True, new=True, slope=True, squash=True,
                bias_in=True):
    """One case update, right by default; each keyword puts one mistake in it."""
    I = np.dot(w, x) + (theta if bias_in else 0.0)
    O = sigmoid(I) if squash else I
    err = O * (1 - O) * (t - O) if slope else t - O
    dw, dtheta = sign * (l if rate else 1) * err * x, sign * (l if rate else 1) * err
    if not new:
        return dw, dtheta
    return w + dw, theta + dtheta if bias_update else theta


def case_epoch(w, theta, X, T, l):
    for x, t in zip(X, T):
        w, theta = case_update(w, theta, x, t, l)
    return w, theta


def stub(*args):
    ...


RIGHT = {"neuron_error_term": error_term, "neuron_case_update": case_update, "neuron_case_epoch": case_epoch}
CASES = {"neuron_error_term": 4, "neuron_case_update": 3, "neuron_case_epoch": 3}






def test_case_update_first_case_by_hand():
    """The first case by hand: I = 0, O = 0.5, Err = 0.125, dw = 0.9 * 0.125 * 1 = 0.1125."""
    w, theta = case_update(np.array([0.2, -0.3]), 0.1, np.array([1.0, 1.0]), 1.0, 0.9)
    np.testing.assert_allclose(w, [0.3125, -0.1875])
    assert np.isclose(theta, 0.2125)


def epoch_updating(w, theta, X, T, l):
    """Every tuple's update from the starting weights, summed and applied once."""
    O = sigmoid(X @ w + theta)
    err = O * (1 - O) * (T - O)
    return w + l * X.T @ err, theta + l * err.sum()


def last_tuple_only(w, theta, X, T, l):
    """The loop that forgets to carry the weights on: each tuple starts from the old ones."""
    for x, t in zip(X, T):
        new_w, new_theta = case_update(w, theta, x, t, l)
    return new_w, new_theta


MISTAKES = [
    ("neuron_error_term", lambda O, T: T - O, "forgot_slope"),
    ("neuron_error_term", lambda O, T: O * (1 - O) * (O - T), "wrong_sign"),
    ("neuron_error_term", lambda O, T: O * (1 - O), "slope_only"),
    ("neuron_case_update", lambda *a: case_update(*a, rate=False), "forgot_rate"),
    ("neuron_case_update", lambda *a: case_update(*a, sign=-1), "update_subtracted"),
    ("neuron_case_update", lambda *a: case_update(*a, bias_update=False), "forgot_bias_update"),
    ("neuron_case_update", lambda *a: case_update(*a, new=False), "change_not_new"),
    ("neuron_case_update", lambda *a: case_update(*a, slope=False), "forgot_slope"),
    ("neuron_case_update", lambda *a: case_update(*a, squash=False), "net_input_for_output"),
    ("neuron_case_update", lambda *a: case_update(*a, bias_in=False), "forgot_bias"),
    ("neuron_case_epoch", epoch_updating, "epoch_not_case"),
    ("neuron_case_epoch", last_tuple_only, "last_tuple_only"),
    ("neuron_case_epoch", lambda w, theta, X, T, l: case_epoch(w, theta, X, T, 1.0), "forgot_rate"),
]




def test_wrong_sign_says_the_numbers_and_where_to_reread():
    verdict = check.neuron_error_term(lambda O, T: O * (1 - O) * (O - T))
    assert verdict.message.startswith("for O = 0.8, T = 1: your answer is -0.032; expected 0.032. That is the right "
                                      "size with the wrong sign")
    assert "Err_j > 0 means raise I_j" in verdict.message
    assert "Reread '3 · The chain rule gives the slope'." in verdict.message


@pytest.mark.parametrize("answer, what", [
    (lambda O, T: (T - O) ** 2 / 2, "for O = 0.8, T = 1: your answer is 0.02; expected 0.032."),
    (lambda O, T: O * (1 - O) * (T - O) / 2, "for O = 0.8, T = 1: your answer is 0.016; expected 0.032."),
    (lambda O, T: float(O * (1 - O) * (T - O)),
     "for arrays O = [0.05, 0.3, 0.5, 0.7, 0.99], T = [1, 0, 1, 1, 0]: your neuron_error_term raised TypeError"),
], ids=["the error E itself", "halved", "numbers only"])
def test_error_term_mistakes_no_variant_matches(answer, what):
    verdict = check.neuron_error_term(answer)
    assert not verdict and verdict.misconception is None
    assert verdict.message.startswith(what)


def test_a_forgotten_bias_update_points_at_theta():
    verdict = check.neuron_case_update(lambda *a: case_update(*a, bias_update=False))
    assert verdict.message.startswith("for w = [0.2, -0.3], theta = 0.1, x = [1, 1], t = 1, l = 0.9: new theta is "
                                      "0.1; expected 0.2125. The bias θ is not updated")
    assert "Reread '4 · One update by hand'." in verdict.message


def test_case_update_mistakes_no_variant_matches():
    def no_input(w, theta, x, t, l):  # the weights move by l Err, without their input x_i
        O = sigmoid(np.dot(w, x) + theta)
        err = O * (1 - O) * (t - O)
        return w + l * err, theta + l * err
    verdict = check.neuron_case_update(no_input)
    assert verdict.misconception is None
    assert verdict.message.startswith("for w = [0.5, 0.4], theta = -0.2, x = [0, 1], t = 0, l = 0.5: new w[0] is "
                                      "0.432; expected 0.5 (1 of 2 elements differ). Reread")


def test_case_update_returning_the_weights_only():
    verdict = check.neuron_case_update(lambda *a: case_update(*a)[0])
    assert verdict.misconception is None
    assert "your answer should be new w and new theta, but it is an array of shape (2,)" in verdict.message


def test_case_update_changing_w_in_place():
    def in_place(w, theta, x, t, l):
        O = sigmoid(np.dot(w, x) + theta)
        err = O * (1 - O) * (t - O)
        w += l * err * x
        return w, theta + l * err
    verdict = check.neuron_case_update(in_place)
    assert verdict.misconception == "changed_argument"
    assert "changed its argument w in place" in verdict.message


def test_epoch_updating_is_named_on_the_first_case():
    verdict = check.neuron_case_epoch(epoch_updating)
    assert verdict.message.startswith("for the AND table with w = [0.2, -0.3], theta = 0.1, l = 0.9: w[0] is ")
    assert "That is epoch updating" in verdict.message
    assert "Reread '5 · Case updating: an update after every tuple'." in verdict.message


def test_case_epoch_mistakes_no_variant_matches():
    def first_only(w, theta, X, T, l):  # returns inside the loop
        for x, t in zip(X, T):
            return case_update(w, theta, x, t, l)
    verdict = check.neuron_case_epoch(first_only)
    assert verdict.misconception is None
    assert verdict.message.startswith("for the AND table with w = [0.2, -0.3], theta = 0.1, l = 0.9: w[0] is 0.2; "
                                      "expected 0.2149 (2 of 2 elements differ). Reread")

    def backwards(w, theta, X, T, l):  # the tuples in reverse order
        return case_epoch(w, theta, X[::-1], T[::-1], l)
    verdict = check.neuron_case_epoch(backwards)
    assert verdict.misconception is None and "(2 of 2 elements differ). Reread" in verdict.message


def test_case_update_returning_theta_first_is_a_swapped_pair():
    def neuron_case_update(w, theta, x, t, l):
        O = 1 / (1 + np.exp(-(w @ x + theta)))
        err = O * (1 - O) * (t - O)
        return theta + l * err, w + l * err * x
    assert check.neuron_case_update(neuron_case_update).misconception == "swapped_pair"


test_right_answer_passes, test_stub_is_not_yet, test_misconception_is_named = checker_tests(
    check, RIGHT, CASES, MISTAKES)
