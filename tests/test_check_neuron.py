"""The checkers of notebook 01: right answers pass, stubs fail, and each named misconception
is recognised when a learner makes it."""

import math

import numpy as np
import pytest
from checker_tests import checker_tests

from bpnb.activations import sigmoid
from bpnb.check import neuron as check


def stub(*args):
    ...


RIGHT = {
    "sigmoid": lambda I: 1 / (1 + np.exp(-I)),
    "sigmoid_derivative": lambda O: O * (1 - O),
    "axis_crossings": lambda w1, w2, theta: (-theta / w1, -theta / w2),
}
CASES = {"sigmoid": 4, "sigmoid_derivative": 3, "axis_crossings": 3}




def test_other_right_answers_pass():
    assert check.sigmoid(lambda I: 0.5 * (1 + np.tanh(I / 2)))  # the same function, written otherwise
    assert check.sigmoid_derivative(lambda O: O - O**2)
    assert check.axis_crossings(lambda w1, w2, theta: np.array([-theta / w1, -theta / w2]))
    assert check.axis_crossings(lambda w1, w2, theta: [-theta / w1, -theta / w2])




MISTAKES = [
    ("sigmoid", lambda I: 1 / (1 + np.exp(I)), "exponent_sign"),
    ("sigmoid", lambda I: np.exp(-I) / (1 + np.exp(-I)), "exponent_sign"),
    ("sigmoid_derivative", lambda O: sigmoid(O) * (1 - sigmoid(O)), "slope_of_net_input"),
    ("sigmoid_derivative", lambda O: np.exp(-O) / (1 + np.exp(-O)) ** 2, "slope_of_net_input"),
    ("sigmoid_derivative", lambda O: O, "slope_half"),
    ("sigmoid_derivative", lambda O: 1 - O, "slope_half"),
    ("axis_crossings", lambda w1, w2, theta: (theta / w1, theta / w2), "crossing_sign"),
    ("axis_crossings", lambda w1, w2, theta: (-w1 / theta, -w2 / theta), "crossing_inverted"),
    ("axis_crossings", lambda w1, w2, theta: (-theta / w2, -theta / w1), "swapped_pair"),
    ("sigmoid", lambda I: 1 / 1 + np.exp(-I), "denominator_unbracketed"),
    ("sigmoid_derivative", lambda O: O * (O - 1), "slope_sign"),
    ("axis_crossings", lambda w1, w2, theta: (-theta / w1, theta / w2), "crossing_sign"),
]




def test_flipped_exponent_says_the_case_and_the_numbers():
    verdict = check.sigmoid(lambda I: 1 / (1 + np.exp(I)))
    assert verdict.message.startswith("for I = 2: your answer is 0.1192; expected 0.8808. That is 1 / (1 + e^(+I))")
    assert "Reread '2 · The logistic squashing function'." in verdict.message


def test_the_form_that_overflows_is_told_where():
    # e^I / (1 + e^I) equals the sigmoid on paper, but is inf / inf for I = 1e4 (notebook 01, section 5)
    verdict = check.sigmoid(lambda I: np.exp(I) / (1 + np.exp(I)))
    assert verdict.misconception is None
    assert verdict.message.startswith("for an array of net inputs from -1e4 to 1e4 (large ones need care: section 5): your answer[6] is nan, not a "
                                      "finite number: an overflow or a division by zero")


def test_math_exp_fails_on_arrays_and_says_so():
    verdict = check.sigmoid(lambda I: 1 / (1 + math.exp(-I)))
    assert verdict.misconception is None
    assert verdict.message.startswith("for an array of net inputs from -1e4 to 1e4 (large ones need care: section 5): your sigmoid raised TypeError")


@pytest.mark.parametrize("answer, what", [
    (lambda I: 1 / (1 - np.exp(-I)), "for I = 0: your answer is inf, not a finite number"),
    (lambda I: 1 / (1 + np.exp(-2 * I)), "for I = 2: your answer is 0.982; expected 0.8808. Reread"),
    (lambda I: np.tanh(I), "for I = 0: your answer is 0; expected 0.5. Reread"),
], ids=["minus in the denominator", "doubled exponent", "tanh"])
def test_sigmoid_mistakes_no_variant_matches(answer, what):
    verdict = check.sigmoid(answer)
    assert not verdict and verdict.misconception is None
    assert verdict.message.startswith(what)


def test_one_factor_of_the_slope_says_both_are_needed():
    verdict = check.sigmoid_derivative(lambda O: 1 - O)
    assert verdict.message.startswith("for O = 0.5 (the output at I = 0): your answer is 0.5; expected 0.25. "
                                      "That is only one factor of the slope")


@pytest.mark.parametrize("answer, what", [
    (lambda O: 1 - O**2, "for O = 0.5 (the output at I = 0): your answer is 0.75; expected 0.25. Reread"),
    (lambda O: O * (1 + O), "for O = 0.5 (the output at I = 0): your answer is 0.75; expected 0.25. Reread"),
    (lambda O: O**2, "for O = 0.9: your answer is 0.81; expected 0.09. Reread"),
], ids=["tanh's slope", "plus for minus", "square"])
def test_slope_mistakes_no_variant_matches(answer, what):
    verdict = check.sigmoid_derivative(answer)
    assert not verdict and verdict.misconception is None
    assert verdict.message.startswith(what)


def test_swapped_crossings_are_caught_where_the_weights_differ():
    verdict = check.axis_crossings(lambda w1, w2, theta: (-theta / w2, -theta / w1))
    assert verdict.message.startswith("for w1 = 1, w2 = 2, theta = -1.5: your answer[0] is 0.75; expected 1.5 "
                                      "(2 of 2 elements differ). The two values are in the wrong order.")


@pytest.mark.parametrize("answer, what", [
    (lambda w1, w2, theta: (-w1 / w2, -theta / w2), "your answer[0] is -0.5; expected 1.5 (1 of 2 elements differ)"),
    (lambda w1, w2, theta: -theta / w1, "your answer has the wrong shape: expected shape (2,), got (), a single"),
    (lambda w1, w2, theta: (-theta / w1, -theta / w1), "your answer[1] is 1.5; expected 0.75 (1 of 2 elements"),
], ids=["slope and intercept", "one crossing only", "w1 twice"])
def test_crossing_mistakes_no_variant_matches(answer, what):
    verdict = check.axis_crossings(answer)
    assert not verdict and verdict.misconception is None
    assert verdict.message.startswith(f"for w1 = 1, w2 = 2, theta = -1.5: {what}")


test_right_answer_passes, test_stub_is_not_yet, test_misconception_is_named = checker_tests(
    check, RIGHT, CASES, MISTAKES)
