"""The checkers of notebooks 03 and 04: right answers pass, stubs fail, and each named
misconception is recognised when a learner makes it."""


import numpy as np
from checker_tests import checker_tests

from bpnb.check import backprop as check


def sigmoid(I):
    return 1 / (1 + np.exp(-I))


def right_forward(X, weights, biases, squash=sigmoid, transpose=False, bias=1.0):
    outputs = [X]
    for W, theta in zip(weights, biases):
        outputs.append(squash(outputs[-1] @ (W.T if transpose else W) + bias * theta))
    return outputs


def stub(*args):
    ...


RIGHT = {
    "unit_net_input": lambda O, w, theta: np.sum(w * O) + theta,
    "forward": right_forward,
    "output_error": lambda O, T: O * (1 - O) * (T - O),
    "hidden_error": lambda O, Err, W: O * (1 - O) * (W @ Err),
    "weight_updates": lambda O, Err, lr: (lr * np.outer(O, Err), lr * Err),
}
CASES = {"unit_net_input": 4, "forward": 5, "output_error": 3, "hidden_error": 4, "weight_updates": 6}






MISTAKES = [
    ("unit_net_input", lambda O, w, theta: np.sum(w * O), "forgot_bias"),
    ("unit_net_input", lambda O, w, theta: np.sum(w * O) - theta, "bias_sign"),
    ("unit_net_input", lambda O, w, theta: np.sum(w * O + theta), "bias_per_input"),
    ("unit_net_input", lambda O, w, theta: sigmoid(np.sum(w * O) + theta), "output_for_net_input"),
    ("forward", lambda X, W, b: right_forward(X, W, b, squash=lambda I: I), "net_input_for_output"),
    ("forward", lambda X, W, b: right_forward(X, W, b, bias=0.0), "forgot_bias"),
    ("forward", lambda X, W, b: right_forward(X, W, b, bias=-1.0), "bias_sign"),
    ("forward", lambda X, W, b: right_forward(X, W, b, squash=lambda I: 1 / (1 + np.exp(I))), "exponent_sign"),
    ("forward", lambda X, W, b: right_forward(sigmoid(X), W, b), "squashed_inputs"),
    ("forward", lambda X, W, b: [sigmoid(X)] + right_forward(X, W, b)[1:], "squashed_inputs"),
    ("output_error", lambda O, T: T - O, "forgot_slope"),
    ("output_error", lambda O, T: O * (1 - O) * (O - T), "wrong_sign"),
    ("output_error", lambda O, T: O * (1 - O), "slope_only"),
    ("output_error", lambda O, T: O * (T - O), "slope_half"),
    ("output_error", lambda O, T: sigmoid(O) * (1 - sigmoid(O)) * (T - O), "slope_of_net_input"),
    ("hidden_error", lambda O, Err, W: W @ Err, "forgot_slope"),
    ("hidden_error", lambda O, Err, W: O * (W @ Err), "slope_half"),
    ("hidden_error", lambda O, Err, W: sigmoid(O) * (1 - sigmoid(O)) * (W @ Err), "slope_of_net_input"),
    ("weight_updates", lambda O, Err, lr: (np.outer(O, Err), Err), "forgot_rate"),
    ("weight_updates", lambda O, Err, lr: (-lr * np.outer(O, Err), -lr * Err), "update_subtracted"),
    ("weight_updates", lambda O, Err, lr: (lr * np.outer(Err, O), lr * Err), "outer_reversed"),
    ("weight_updates", lambda O, Err, lr: (lr * np.outer(O, Err), 0 * Err), "forgot_bias_update"),
]




def test_transposed_weights_named_where_the_shapes_allow():
    # the 2-3-3 case has a square W_next, where W.T is a mistake of value, not of shape
    verdict = check.hidden_error(lambda O, Err, W: O * (1 - O) * (W.T @ Err) if W.shape[0] == W.shape[1]
                                 else O * (1 - O) * (W @ Err))
    assert verdict.misconception == "transposed"


def test_transposed_weights_where_shapes_differ_get_advice_on_shapes():
    verdict = check.forward(lambda X, W, b: right_forward(X, W, b, transpose=True))
    assert "raised ValueError" in verdict.message and "print their .shape" in verdict.message


def test_forward_without_inputs_first():
    verdict = check.forward(lambda X, W, b: right_forward(X, W, b)[1:])
    assert "should hold 3 values (outputs[0], outputs[1], outputs[2]), but it holds 2" in verdict.message


def test_forward_written_for_one_hidden_layer_only():
    def forward(X, weights, biases):
        hidden = sigmoid(X @ weights[0] + biases[0])
        return [X, hidden, sigmoid(hidden @ weights[1] + biases[1])]
    verdict = check.forward(forward)
    assert "for a random 4-5-3-2 network and 4 tuples: your answer should hold 4 values" in verdict.message


def test_output_error_as_a_number_is_a_shape_problem():
    verdict = check.output_error(lambda O, T: float((O * (1 - O) * (T - O)).flat[0]))
    assert "expected shape (1,), got (), a single number" in verdict.message


def test_net_input_elementwise_products_not_added_up():
    verdict = check.unit_net_input(lambda O, w, theta: w * O + theta)
    assert "expected shape (), got (3,): expected a single number (did you forget to add" in verdict.message


def test_no_hint_gives_the_whole_answer():
    from bpnb.check._core import HINTS
    for name in RIGHT:
        idea, formula, skeleton = HINTS[name]
        assert "___" in skeleton and "np." not in idea and "___" not in idea, name
    assert "w @ O + theta" not in HINTS["unit_net_input"][2]


def test_hidden_error_with_the_wrong_sign_is_named():
    verdict = check.hidden_error(lambda O, Err, W: -O * (1 - O) * (W @ Err))
    assert verdict.misconception == "wrong_sign"


test_right_answer_passes, test_stub_is_not_yet, test_misconception_is_named = checker_tests(
    check, RIGHT, CASES, MISTAKES)
