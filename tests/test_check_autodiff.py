"""The checkers of notebook 11: right answers pass, stubs fail, and each named misconception
is recognised when a learner makes it."""

import json
import re
from pathlib import Path

import numpy as np
import pytest
from checker_tests import checker_tests

from bpnb.check import autodiff as check


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def backward_pass(parents, local, overwrite=False, upstream=True, forward=False):
    grad = [0.0] * len(parents)
    grad[-1] = 1.0
    for k in (range(len(parents)) if forward else reversed(range(len(parents)))):
        for p, d in zip(parents[k], local[k]):
            sent = d * grad[k] if upstream else d
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
    ("sigmoid_backward", lambda O, grad: O * (1 - O), "forgot_upstream"),
    ("sigmoid_backward", lambda O, grad: grad, "forgot_slope"),
    ("sigmoid_backward", lambda O, grad: O * grad, "slope_half"),
    ("sigmoid_backward", lambda O, grad: sigmoid(O) * (1 - sigmoid(O)) * grad, "slope_of_net_input"),
    ("backward_pass", lambda parents, local: backward_pass(parents, local, overwrite=True), "overwrote_gradient"),
    ("backward_pass", lambda parents, local: backward_pass(parents, local, upstream=False), "forgot_upstream"),
    ("backward_pass", lambda parents, local: backward_pass(parents, local, forward=True), "forward_order"),
]


def test_the_textbook_case_comes_first_with_its_numbers():
    verdict = check.multiply_backward(stub)
    assert verdict.message.startswith("for the node w46 × O4 of the textbook's example (w46 = −0.3, O4 = 0.3318, "
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


def test_a_pair_in_a_list_is_as_good_as_a_tuple_and_the_order_is_named():
    assert check.multiply_backward(lambda a, b, grad: [b * grad, a * grad])
    verdict = check.multiply_backward(lambda a, b, grad: b * grad)
    assert "your answer should be grad_a and grad_b, but it is the number" in verdict.message


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


NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "11_autodiff.ipynb"


def headings():
    cells = json.loads(NOTEBOOK.read_text())["cells"]
    return [line.lstrip("#").strip() for c in cells if c["cell_type"] == "markdown"
            for line in "".join(c["source"]).splitlines() if line.startswith("#")]


@pytest.mark.parametrize("name", list(RIGHT))
def test_the_section_to_reread_is_a_heading_of_the_notebook(name):
    reread = re.search(r"Reread '([^']+)'", getattr(check, name)(stub).message).group(1)
    assert any(heading.endswith(reread) for heading in headings()), reread  # after "4 · "


def test_no_hint_gives_the_whole_answer():
    from bpnb.check._core import HINTS
    for name in RIGHT:
        idea, formula, skeleton = HINTS[name]
        assert "___" in skeleton and "___" not in idea and "=" not in idea and "∂" not in idea, name
    assert "+=" not in HINTS["backward_pass"][2] and "reversed" not in HINTS["backward_pass"][2]
    assert "O * (1 - O)" not in HINTS["sigmoid_backward"][2] and "b * grad" not in HINTS["multiply_backward"][2]


test_right_answer_passes, test_stub_is_not_yet, test_misconception_is_named = checker_tests(
    check, RIGHT, CASES, MISTAKES)
