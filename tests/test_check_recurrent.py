"""The checkers of notebook 10: right answers pass, stubs fail, and each named misconception
is recognised when a learner makes it."""


import numpy as np
from checker_tests import checker_tests

from bpnb.check import recurrent as check
from bpnb.check._core import HINTS


def sigmoid(I):
    return 1 / (1 + np.exp(-I))


def step(x, O_prev, W_in, W_rec, theta, *, recurrent=True, bias=1.0, transpose=False, squash=sigmoid):
    R = W_rec.T if transpose else W_rec
    return squash(x @ W_in + (O_prev @ R if recurrent else 0) + bias * theta)


def back(O, Err_out, W_out, Err_next, W_rec, *, outputs=True, next_step=True, transpose=False, slope=None):
    total = (W_out @ Err_out if outputs else 0) + ((W_rec.T if transpose else W_rec) @ Err_next if next_step else 0)
    return (O * (1 - O) if slope is None else slope(O)) * total


def step_as_written(x, O_prev, W_in, W_rec, theta):
    """A learner's first try for one sequence: W_rec @ O_prev, the product the wrong way round."""
    return sigmoid(x @ W_in + W_rec @ O_prev + theta) if O_prev.ndim == 1 else step(x, O_prev, W_in, W_rec, theta)


def both(x, O_prev, W_in, W_rec, theta):
    I = x @ W_in + O_prev @ W_rec + theta
    return I, sigmoid(I)


def slope_on_outputs_only(O, Err_out, W_out, Err_next, W_rec):
    return O * (1 - O) * (W_out @ Err_out) + W_rec @ Err_next


def slope_twice(O, Err_out, W_out, Err_next, W_rec):
    return O * (1 - O) * (W_out @ Err_out + W_rec @ (O * (1 - O) * Err_next))


RIGHT = {
    "recurrent_step": step,
    "hidden_error_through_time": back,
}
CASES = {"recurrent_step": 3, "hidden_error_through_time": 3}

MISTAKES = [
    ("recurrent_step", lambda *a: step(*a, recurrent=False), "forgot_recurrent"),
    ("recurrent_step", lambda *a: step(*a, bias=0.0), "forgot_bias"),
    ("recurrent_step", lambda *a: step(*a, bias=-1.0), "bias_sign"),
    ("recurrent_step", lambda *a: step(*a, transpose=True), "recurrent_transposed"),
    ("recurrent_step", step_as_written, "recurrent_transposed"),
    ("recurrent_step", lambda *a: step(*a, squash=lambda I: I), "net_input_for_output"),
    ("recurrent_step", lambda *a: step(*a, squash=lambda I: 1 / (1 + np.exp(I))), "exponent_sign"),
    ("recurrent_step", lambda x, O_prev, W_in, W_rec, theta: sigmoid(x @ W_in + O_prev + theta),
     "context_without_weights"),
    ("recurrent_step", lambda *a: step(*a, squash=np.tanh), "tanh_not_sigmoid"),
    ("recurrent_step", both, "returned_net_input_too"),
    ("recurrent_step", lambda *a: both(*a)[::-1], "returned_net_input_too"),
    ("hidden_error_through_time", lambda *a: back(*a, next_step=False), "forgot_next_step"),
    ("hidden_error_through_time", lambda *a: back(*a, outputs=False), "forgot_output_term"),
    ("hidden_error_through_time", lambda *a: back(*a, transpose=True), "recurrent_transposed"),
    ("hidden_error_through_time", lambda O, Err_out, W_out, Err_next, W_rec:
     O * (1 - O) * (Err_out @ W_out.T + Err_next @ W_rec), "recurrent_transposed"),
    ("hidden_error_through_time", lambda *a: back(*a, slope=lambda O: 1.0), "forgot_slope"),
    ("hidden_error_through_time", lambda *a: back(*a, slope=lambda O: O), "slope_half"),
    ("hidden_error_through_time", lambda *a: back(*a, slope=lambda O: sigmoid(O) * (1 - sigmoid(O))),
     "slope_of_net_input"),
    ("hidden_error_through_time", lambda *a: -back(*a), "gradient_not_error_term"),
    ("hidden_error_through_time", slope_on_outputs_only, "slope_outputs_only"),
    ("hidden_error_through_time", slope_twice, "slope_twice"),
    ("hidden_error_through_time", lambda O, Err_out, W_out, Err_next, W_rec:
     O * (1 - O) * (W_out @ Err_out + O * (1 - O) * (W_rec @ Err_next)), "slope_twice"),
    ("hidden_error_through_time", lambda O, Err_out, W_out, Err_next, W_rec:
     O * (1 - O) * (W_out @ Err_out - W_rec @ Err_next), "recurrent_term_sign"),
    ("hidden_error_through_time", lambda O, Err_out, W_out, Err_next, W_rec:
     O * (1 - O) * (np.sum(W_out * Err_out) + np.sum(W_rec * Err_next)), "summed_all_units"),
    ("hidden_error_through_time", lambda O, Err_out, W_out, Err_next, W_rec:
     np.sum(W_out * Err_out) + np.sum(W_rec * Err_next), "summed_all_units"),
]

test_right_answer_passes, test_stub_is_not_yet, test_misconception_is_named = checker_tests(
    check, RIGHT, CASES, MISTAKES)


def test_the_right_answer_written_with_transposes_passes_too():
    assert check.hidden_error_through_time(
        lambda O, Err_out, W_out, Err_next, W_rec: O * (1 - O) * (Err_out @ W_out.T + Err_next @ W_rec.T))


BATCH = ("for 3 sequences at once, one per row (x of shape (3, 3), O_prev of shape (3, 2)): the same code must "
         "work on one sequence and on the rows of a batch, with matrix products of the rows and the weight matrices: ")


def test_a_step_that_works_for_one_sequence_only_is_told_where():
    def one_sequence_only(x, O_prev, W_in, W_rec, theta):
        return sigmoid(np.dot(W_in.T, x) + np.dot(W_rec.T, O_prev) + theta)
    verdict = check.recurrent_step(one_sequence_only)
    assert not verdict and verdict.message.startswith(BATCH + "your one_sequence_only raised ValueError")


def test_a_loop_over_the_units_of_one_sequence_is_told_to_work_on_rows():
    def unit_by_unit(x, O_prev, W_in, W_rec, theta):
        O = np.zeros(len(theta))
        for j in range(len(theta)):
            I = theta[j]
            for i in range(len(x)):
                I = I + W_in[i, j] * x[i]
            for h in range(len(O_prev)):
                I = I + W_rec[h, j] * O_prev[h]
            O[j] = 1 / (1 + np.exp(-I))
        return O
    verdict = check.recurrent_step(unit_by_unit)
    assert not verdict and verdict.message.startswith(BATCH + "your unit_by_unit raised ValueError: operands could "
                                                      "not be broadcast together")
    assert verdict.misconception is None


def test_the_last_step_gets_nothing_from_the_next():
    # forgetting the term from t + 1 gives the right answer at the last step: only the others tell
    cases = check.hidden_error_through_time.__wrapped__()
    assert not cases[2].args[3].any() and "the last step" in cases[2].about
    assert "forgot_next_step" not in cases[2].variants
    assert all("forgot_next_step" in case.variants for case in cases[:2])


def test_in_place_change_of_the_next_error_is_named():
    def changes(O, Err_out, W_out, Err_next, W_rec):
        Err_next *= 1.0 + 0.0 * Err_next
        Err_next += W_out.sum()
        return back(O, Err_out, W_out, Err_next, W_rec)
    verdict = check.hidden_error_through_time(changes)
    assert verdict.misconception == "changed_argument" and "changed its argument Err_next in place" in verdict.message


def test_an_answer_written_into_the_next_error_and_not_returned_is_told_so():
    def into_err_next(O, Err_out, W_out, Err_next, W_rec):
        Err_next[:] = back(O, Err_out, W_out, Err_next, W_rec)
    verdict = check.hidden_error_through_time(into_err_next)
    assert verdict.misconception == "changed_argument"
    assert "changes its argument Err_next in place and returns None" in verdict.message
    assert "replace the ..." not in verdict.message


def test_no_hint_gives_the_whole_answer():
    for name in RIGHT:
        idea, formula, skeleton = HINTS[name]
        assert "___" in skeleton and "np." not in idea and "___" not in idea, name
    assert "W_rec @ Err_next" not in HINTS["hidden_error_through_time"][2]
    assert "O_prev @ W_rec" not in HINTS["recurrent_step"][2]
