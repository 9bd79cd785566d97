"""The checkers of notebook 11: right answers pass, stubs fail, and each named misconception
is recognised when a learner makes it."""


import numpy as np
from checker_tests import checker_tests

from bpnb.check import autodiff as check


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def backward_pass(parents, local, overwrite=False, upstream=True, forward=False, seed=1.0, start=0.0,
                  local_derivative=True, skip_output=False, pull=False, once_each=False):
    """The backward pass as a learner writes it, right or with one mistake (pull: grad[k] += d *
    grad[p], the gradient taken from the inputs instead of sent to them)."""
    grad = [start] * len(parents)
    grad[-1] = seed
    visits = range(len(parents)) if forward else reversed(range(len(parents) - (1 if skip_output else 0)))
    for k in visits:
        seen = set()
        for p, d in zip(parents[k], local[k]):
            if once_each and p in seen:
                continue
            seen.add(p)
            if pull:
                grad[k] += d * grad[p]
                continue
            sent = (d if local_derivative else 1.0) * (grad[k] if upstream else 1.0)
            grad[p] = sent if overwrite else grad[p] + sent
    return grad


def stub(*args):
    ...


RIGHT = {
    "multiply_backward": lambda a, b, grad: (b * grad, a * grad),
    "sigmoid_backward": lambda O, grad: O * (1 - O) * grad,
    "backward_pass": backward_pass,
}
CASES = {"multiply_backward": 4, "sigmoid_backward": 5, "backward_pass": 4}

MISTAKES = [
    ("multiply_backward", lambda a, b, grad: (b, a), "forgot_upstream"),
    ("multiply_backward", lambda a, b, grad: (a * grad, b * grad), "swapped_pair"),
    ("multiply_backward", lambda a, b, grad: (-b * grad, -a * grad), "gradient_sign"),
    ("multiply_backward", lambda a, b, grad: (b * grad, -a * grad), "gradient_sign"),
    ("multiply_backward", lambda a, b, grad: (grad, grad), "sum_rule_for_product"),
    ("multiply_backward", lambda a, b, grad: (grad / a, grad / b), "divided_not_multiplied"),
    ("sigmoid_backward", lambda O, grad: O * (1 - O), "forgot_upstream"),
    ("sigmoid_backward", lambda O, grad: grad, "forgot_slope"),
    ("sigmoid_backward", lambda O, grad: O * grad, "slope_half"),
    ("sigmoid_backward", lambda O, grad: (1 - O) * grad, "slope_half"),
    ("sigmoid_backward", lambda O, grad: sigmoid(O) * (1 - sigmoid(O)) * grad, "slope_of_net_input"),
    ("sigmoid_backward", lambda O, grad: -O * (1 - O) * grad, "gradient_sign"),
    ("sigmoid_backward", lambda O, grad: grad / (O * (1 - O)), "divided_not_multiplied"),
    ("sigmoid_backward", lambda O, grad: O * (1 + O) * grad, "slope_plus"),
    ("sigmoid_backward", lambda O, grad: O * (1 - O) * (1 - O), "target_formula"),  # Err6's formula, T6 = 1
    ("sigmoid_backward", lambda O, grad: -O * (1 - O) * (1 - O), "target_formula"),  # right for unit 6 only
    ("backward_pass", lambda parents, local: backward_pass(parents, local, overwrite=True), "overwrote_gradient"),
    ("backward_pass", lambda parents, local: backward_pass(parents, local, upstream=False), "forgot_upstream"),
    ("backward_pass", lambda parents, local: backward_pass(parents, local, forward=True), "forward_order"),
    ("backward_pass", lambda parents, local: backward_pass(parents, local, once_each=True), "dropped_repeat"),
    ("backward_pass", lambda parents, local: backward_pass(parents, local, seed=0.0), "no_seed"),
    ("backward_pass", lambda parents, local: backward_pass(parents, local, skip_output=True), "nothing_sent"),
    ("backward_pass", lambda parents, local: backward_pass(parents, local, pull=True), "nothing_sent"),
    ("backward_pass", lambda parents, local: backward_pass(parents, local, start=1.0), "all_started_at_one"),
    ("backward_pass", lambda parents, local: backward_pass(parents, local, seed=-1.0), "gradient_sign"),
    ("backward_pass", lambda parents, local: backward_pass(parents, local, local_derivative=False), "forgot_local"),
    ("backward_pass", lambda parents, local: backward_pass(parents, local)[::-1], "reversed_list"),
]


def test_the_textbook_case_comes_first_with_its_numbers():
    verdict = check.multiply_backward(stub)
    assert verdict.message.startswith("for the node w46·O4 of the textbook's example (w46 = −0.3, O4 = 0.3318, "
                                      "grad = −0.1312): your stub returns None")
    verdict = check.sigmoid_backward(lambda O, grad: O * (1 - O))
    assert verdict.message.startswith("for unit 6 of the textbook's example (O6 = 0.4739, grad = −0.5261): your "
                                      "answer is 0.2493; expected -0.1312.")


def test_overwriting_is_caught_where_a_node_is_used_twice():
    verdict = check.backward_pass(lambda parents, local: backward_pass(parents, local, overwrite=True))
    assert "for f = a·b + a with a = 2, b = −3 (node 0, a, is used twice): your answer[0] is -3; expected -2" \
        in verdict.message


def test_an_array_answer_is_as_good_as_a_list():
    assert check.backward_pass(lambda parents, local: np.array(backward_pass(parents, local)))


def test_a_pair_as_a_list_or_an_array_is_as_good_as_a_tuple():
    assert check.multiply_backward(lambda a, b, grad: [b * grad, a * grad])
    assert check.multiply_backward(lambda a, b, grad: np.array([b * grad, a * grad]))
    verdict = check.multiply_backward(lambda a, b, grad: b * grad)
    assert "your answer has the wrong shape: expected shape (2,), got (), a single number where 2 values are " \
           "expected" in verdict.message
    verdict = check.multiply_backward(lambda a, b, grad: (b, a * grad))  # half of it right
    assert "your answer[0] is 0.3318; expected -0.04352 (1 of 2 elements differ)" in verdict.message


def test_the_sign_slip_and_the_copied_output_formula_are_told_apart_on_unit_4():
    # on unit 6, whose grad is -(T6 - O6), both give 0.1312: unit 4 decides
    verdict = check.sigmoid_backward(lambda O, grad: O * (1 - O) * (1 - O))
    assert verdict.message.startswith("for unit 6 of the textbook's example (O6 = 0.4739, grad = −0.5261): your "
                                      "answer is 0.1312; expected -0.1312. That is the output unit's error term")
    verdict = check.sigmoid_backward(lambda O, grad: -O * (1 - O) * grad)
    assert verdict.misconception == "gradient_sign" and "your answer is 0.1312; expected -0.1312" in verdict.message
    verdict = check.sigmoid_backward(lambda O, grad: -O * (1 - O) * (1 - O))  # passes unit 6
    assert verdict.message.startswith("for unit 4 of the textbook's example (O4 = 0.3318, grad = 0.0394): your "
                                      "answer is -0.1481; expected 0.008725.")


def test_an_input_counted_once_is_told_from_an_overwritten_gradient():
    verdict = check.backward_pass(lambda parents, local: backward_pass(parents, local, once_each=True))
    assert verdict.message.startswith("for f = x·x with x = 3 (node 0, x, is both inputs of node 1): your "
                                      "answer[0] is 3; expected 6")
    assert verdict.misconception == "dropped_repeat"
    verdict = check.backward_pass(lambda parents, local: backward_pass(parents, local, overwrite=True))
    assert verdict.misconception == "overwrote_gradient" and verdict.message.startswith("for f = a·b + a")


def test_a_gradient_kept_between_calls_is_caught():
    kept = []

    def backward_pass_with_a_memory(parents, local, grad=kept):
        grad.extend([0.0] * (len(parents) - len(grad)))
        grad[len(parents) - 1] = 1.0
        for k in reversed(range(len(parents))):
            for p, d in zip(parents[k], local[k]):
                grad[p] += d * grad[k]
        return grad[:len(parents)]

    verdict = check.backward_pass(backward_pass_with_a_memory)
    assert not verdict and "called a second time with the same arguments" in verdict.message


def test_changing_the_lists_is_named():
    def backward_pass_that_pops(parents, local):
        grad = backward_pass(parents, local)
        parents.pop()
        return grad

    verdict = check.backward_pass(backward_pass_that_pops)
    assert verdict.misconception == "changed_argument" and "changed its argument parents in place" in verdict.message


def test_no_hint_gives_the_whole_answer():
    from bpnb.check._core import HINTS
    for name in RIGHT:
        idea, formula, skeleton = HINTS[name]
        assert "___" in skeleton and "___" not in idea and "=" not in idea and "∂" not in idea, name
        assert "local derivative" in formula and "gradient" in formula, name  # the general rule, not the answer
    assert "+=" not in HINTS["backward_pass"][2] and "reversed" not in HINTS["backward_pass"][2]
    assert "O * (1 - O)" not in HINTS["sigmoid_backward"][2] and "b * grad" not in HINTS["multiply_backward"][2]
    assert "= b" not in HINTS["multiply_backward"][1] and "b ·" not in HINTS["multiply_backward"][1]
    assert "1 − O" not in HINTS["sigmoid_backward"][1] and "+=" not in HINTS["backward_pass"][1]


def test_each_skeleton_says_more_than_its_formula():
    from bpnb.check._core import HINTS
    assert "local_a * ___, local_b * ___" in HINTS["multiply_backward"][2]
    assert "slope = ___ * (1 - ___)" in HINTS["sigmoid_backward"][2]
    assert "for p, d in zip(parents[k], local[k]):" in HINTS["backward_pass"][2]


test_right_answer_passes, test_stub_is_not_yet, test_misconception_is_named = checker_tests(
    check, RIGHT, CASES, MISTAKES)
