"""The checkers of notebooks 03 and 04: right answers pass, stubs and plausible mistakes
do not, and a failing verdict names the case."""

import numpy as np

from bpnb.check import backprop as check


def sigmoid(I):
    return 1 / (1 + np.exp(-I))


def verdict(capsys) -> str:
    return capsys.readouterr().out


# --- net_input ---------------------------------------------------------------------------

def test_net_input_right(capsys):
    check.unit_net_input(lambda O, w, theta: np.sum(w * O) + theta)
    assert verdict(capsys).startswith("✓ Right: net_input passes all 4 cases.")


def test_net_input_stub(capsys):
    def net_input(O, w, theta):
        ...
    check.unit_net_input(net_input)
    assert verdict(capsys).startswith("✗ Not yet: your net_input returns None")


def test_net_input_without_bias(capsys):
    check.unit_net_input(lambda O, w, theta: np.sum(w * O))
    out = verdict(capsys)
    assert out.startswith("✗ Not yet: for unit 4 of the textbook's example")
    assert "expected -0.7 but got -0.3" in out


# --- forward -----------------------------------------------------------------------------

def right_forward(X, weights, biases):
    outputs = [X]
    for W, theta in zip(weights, biases):
        outputs.append(sigmoid(outputs[-1] @ W + theta))
    return outputs


def test_forward_right(capsys):
    check.forward(right_forward)
    assert verdict(capsys).startswith("✓ Right: forward passes all 4 cases.")


def test_forward_stub(capsys):
    check.forward(lambda X, weights, biases: None)
    assert verdict(capsys).startswith("✗ Not yet: your forward returns None")


def test_forward_without_inputs_first(capsys):
    check.forward(lambda X, weights, biases: right_forward(X, weights, biases)[1:])
    assert verdict(capsys).startswith("✗ Not yet: for the textbook's example (one tuple x = (1, 0, 1))")


def test_forward_without_sigmoid(capsys):
    def forward(X, weights, biases):
        outputs = [X]
        for W, theta in zip(weights, biases):
            outputs.append(outputs[-1] @ W + theta)  # net inputs, not outputs
        return outputs
    check.forward(forward)
    out = verdict(capsys)
    assert out.startswith("✗ Not yet: for the textbook's example") and "[[-0.7,  0.1]]" in out


def test_forward_for_one_hidden_layer_only(capsys):
    def forward(X, weights, biases):  # written for the textbook's shape, one hidden layer
        hidden = sigmoid(X @ weights[0] + biases[0])
        return [X, hidden, sigmoid(hidden @ weights[1] + biases[1])]
    check.forward(forward)
    assert verdict(capsys).startswith("✗ Not yet: for a random 4-5-3-2 network and 4 tuples")


def test_forward_raises_is_reported(capsys):
    check.forward(lambda X, weights, biases: [X @ weights[0].T])
    out = verdict(capsys)
    assert out.startswith("✗ Not yet: for the textbook's example") and "raised ValueError" in out


# --- output_error ------------------------------------------------------------------------

def test_output_error_right(capsys):
    check.output_error(lambda O, T: O * (1 - O) * (T - O))
    assert verdict(capsys).startswith("✓ Right: output_error passes all 3 cases.")


def test_output_error_stub(capsys):
    def output_error(O, T):
        ...
    check.output_error(output_error)
    assert verdict(capsys).startswith("✗ Not yet: your output_error returns None")


def test_output_error_wrong_sign(capsys):
    check.output_error(lambda O, T: O * (1 - O) * (O - T))
    out = verdict(capsys)
    assert out.startswith("✗ Not yet: for unit 6 of the textbook's example")
    assert "expected [0.1312] but got [-0.1312]" in out


# --- hidden_error ------------------------------------------------------------------------

def test_hidden_error_right(capsys):
    check.hidden_error(lambda O, Err_next, W_next: O * (1 - O) * (W_next @ Err_next))
    assert verdict(capsys).startswith("✓ Right: hidden_error passes all 3 cases.")


def test_hidden_error_stub(capsys):
    check.hidden_error(lambda O, Err_next, W_next: None)
    assert verdict(capsys).startswith("✗ Not yet: your hidden_error returns None")


def test_hidden_error_without_derivative(capsys):
    check.hidden_error(lambda O, Err_next, W_next: W_next @ Err_next)
    out = verdict(capsys)
    assert out.startswith("✗ Not yet: for units 4 and 5 of the textbook's example")
    assert "expected [-0.0087, -0.0065]" in out


def test_hidden_error_untransposed_names_random_case(capsys):
    # Right for one unit above (the textbook), wrong once the layer above has several.
    check.hidden_error(lambda O, Err_next, W_next: O * (1 - O) * np.sum(W_next, axis=1) * Err_next.sum())
    out = verdict(capsys)
    assert out.startswith("✗ Not yet: for a hidden layer of 3 units below 2 units")


# --- weight_updates ----------------------------------------------------------------------

def test_weight_updates_right(capsys):
    check.weight_updates(lambda O_prev, Err, lr: (lr * np.outer(O_prev, Err), lr * Err))
    assert verdict(capsys).startswith("✓ Right: weight_updates passes all 4 cases.")


def test_weight_updates_stub(capsys):
    def weight_updates(O_prev, Err, lr):
        ...
    check.weight_updates(weight_updates)
    assert verdict(capsys).startswith("✗ Not yet: your weight_updates returns None")


def test_weight_updates_transposed(capsys):
    check.weight_updates(lambda O_prev, Err, lr: (lr * np.outer(Err, O_prev), lr * Err))
    out = verdict(capsys)
    assert out.startswith("✗ Not yet: for the weights into layer 2 of the textbook's example")


def test_weight_updates_without_learning_rate(capsys):
    check.weight_updates(lambda O_prev, Err, lr: (np.outer(O_prev, Err), Err))
    assert verdict(capsys).startswith("✗ Not yet: for the weights into layer 2 of the textbook's example")


def test_checker_never_raises_on_non_function(capsys):
    check.forward(42)
    assert verdict(capsys).startswith("✗ Not yet: pass your function itself")
