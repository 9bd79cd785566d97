"""The checkers of notebook 00: right answers pass, stubs fail, and each named misconception
is recognised when a learner makes it."""

import numpy as np
import pytest
from checker_tests import checker_tests

from bpnb.check import start as check


def stub(*args):
    ...


RIGHT = {
    "net_input": lambda x, w, theta: np.sum(w * x) + theta,
    "misclassified_fraction": lambda y_true, y_pred: np.mean(y_pred != y_true),
}
CASES = {"net_input": 3, "misclassified_fraction": 4}




def test_other_right_answers_pass():
    assert check.net_input(lambda x, w, theta: w @ x + theta)
    assert check.net_input(lambda x, w, theta: float(np.dot(x, w)) + theta)
    assert check.misclassified_fraction(lambda y_true, y_pred: np.sum(y_pred != y_true) / len(y_true))
    assert check.misclassified_fraction(lambda y_true, y_pred: 1 - np.mean(y_pred == y_true))




MISTAKES = [
    ("net_input", lambda x, w, theta: np.sum(w * x), "forgot_bias"),
    ("net_input", lambda x, w, theta: np.sum(w * x) - theta, "bias_sign"),
    ("net_input", lambda x, w, theta: np.sum(w * x + theta), "bias_per_input"),
    ("misclassified_fraction", lambda y_true, y_pred: np.sum(y_pred != y_true), "count_not_fraction"),
    ("misclassified_fraction", lambda y_true, y_pred: np.mean(y_pred == y_true), "accuracy_not_misclassified"),
]




def test_forgotten_bias_says_the_numbers_and_where_to_reread():
    verdict = check.net_input(lambda x, w, theta: np.sum(w * x))
    assert verdict.message.startswith("for x = [2, 3], w = [0.5, -1], theta = 0.25: your answer is -2; "
                                      "expected -1.75. The bias θ_j is missing")
    assert "Reread 'Exercise 1: the net input of a unit'." in verdict.message


def test_products_not_added_up_is_a_shape_problem():
    verdict = check.net_input(lambda x, w, theta: w * x + theta)
    assert verdict.misconception is None
    assert "expected shape (), got (2,): expected a single number (did you forget to add" in verdict.message


@pytest.mark.parametrize("answer, what", [
    (lambda x, w, theta: np.sum(w) + theta, "your answer is -0.25; expected -1.75."),
    (lambda x, w, theta: np.mean(w * x) + theta, "your answer is -0.75; expected -1.75."),
    (lambda x, w, theta: (w @ x) * theta, "your answer is -0.5; expected -1.75."),
], ids=["weights only", "mean of the products", "bias multiplied"])
def test_net_input_mistakes_no_variant_matches(answer, what):
    verdict = check.net_input(answer)
    assert not verdict and verdict.misconception is None
    assert verdict.message.startswith(f"for x = [2, 3], w = [0.5, -1], theta = 0.25: {what} Reread")


def test_a_count_is_named_on_the_first_case():
    verdict = check.misclassified_fraction(lambda y_true, y_pred: np.sum(y_pred != y_true))
    assert verdict.message.startswith("when 1 of the 4 XOR tuples is wrong: your answer is 1; expected 0.25. "
                                      "That is a count")


@pytest.mark.parametrize("answer, kind", [
    (lambda y_true, y_pred: str(np.mean(y_pred != y_true)), "the text '0.25' (a string)"),
    (lambda y_true, y_pred: f"{np.mean(y_pred != y_true):.0%}", "the text '25%' (a string)"),
    (lambda y_true, y_pred: np.any(y_pred != y_true), "True (True/False)"),
    (lambda y_true, y_pred: bool(np.sum(y_pred != y_true)), "True (True/False)"),
], ids=["a string", "a percentage string", "numpy bool", "bool"])
def test_strings_and_bools_are_not_a_fraction(answer, kind):
    verdict = check.misclassified_fraction(answer)
    assert not verdict and verdict.misconception is None
    assert verdict.message.startswith(f"when 1 of the 4 XOR tuples is wrong: your answer should be a number, "
                                      f"but it is {kind}.")


def test_the_comparison_itself_is_not_yet_added_up():
    verdict = check.misclassified_fraction(lambda y_true, y_pred: y_pred != y_true)
    assert not verdict and "expected shape (), got (4,): expected a single number (did you forget to add" in verdict.message


def test_a_fraction_of_the_wrong_size_matches_no_variant():
    verdict = check.misclassified_fraction(lambda y_true, y_pred: np.sum(y_pred != y_true) / 2)
    assert verdict.misconception is None
    assert "when 1 of the 4 XOR tuples is wrong: your answer is 0.5; expected 0.25. Reread" in verdict.message


def test_the_mean_of_the_per_class_error_rates_is_caught_on_the_random_labels():
    # right on the XOR cases by accident of their labels, wrong on 20 random ones
    verdict = check.misclassified_fraction(lambda y_true, y_pred: np.mean(y_pred[y_true == 1] != 1) / 2
                                           + np.mean(y_pred[y_true == 0] != 0) / 2)
    assert not verdict and verdict.message.startswith("for 20 random labels: your answer is ")


def test_the_learners_arrays_stay_untouched():
    def net_input(x, w, theta):
        w *= x
        return np.sum(w) + theta
    verdict = check.net_input(net_input)
    assert verdict.misconception == "changed_argument" and "changed its argument w in place" in verdict.message


test_right_answer_passes, test_stub_is_not_yet, test_misconception_is_named = checker_tests(
    check, RIGHT, CASES, MISTAKES)
