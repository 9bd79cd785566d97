"""The checkers of notebook 01 say right to a right answer, not yet (naming the case) to wrong ones."""

import numpy as np

from bpnb import check
from bpnb.activations import sigmoid


def test_sigmoid_right_naive_formula(capsys):
    check.sigmoid(lambda I: 1 / (1 + np.exp(-I)))
    assert "✓ Right: sigmoid passes all 3 cases." in capsys.readouterr().out


def test_sigmoid_stub(capsys):
    def sigmoid_stub(I):
        ...

    check.sigmoid(sigmoid_stub)
    assert capsys.readouterr().out.startswith("✗ Not yet: your sigmoid returns None")


def test_sigmoid_sign_error(capsys):
    check.sigmoid(lambda I: 1 / (1 + np.exp(I)))
    out = capsys.readouterr().out
    assert "✗ Not yet: for I = 2, expected 0.8808 but got 0.1192." in out


def test_sigmoid_math_exp_fails_on_arrays(capsys):
    import math

    check.sigmoid(lambda I: 1 / (1 + math.exp(-I)))
    out = capsys.readouterr().out
    assert "✗ Not yet: for an array of net inputs from -1e4 to 1e4, your function raised" in out


def test_sigmoid_derivative_right(capsys):
    check.sigmoid_derivative(lambda O: O * (1 - O))
    assert "✓ Right: sigmoid_derivative passes all 3 cases." in capsys.readouterr().out


def test_sigmoid_derivative_stub(capsys):
    check.sigmoid_derivative(lambda O: None)
    assert capsys.readouterr().out.startswith("✗ Not yet: your sigmoid_derivative returns None")


def test_sigmoid_derivative_from_net_input_is_wrong(capsys):
    # the plausible slip: treating the argument as I and applying the sigmoid again
    check.sigmoid_derivative(lambda O: sigmoid(O) * (1 - sigmoid(O)))
    out = capsys.readouterr().out
    assert "✗ Not yet: for O = 0.5 (the output at I = 0), expected 0.25 but got 0.235" in out


def test_sigmoid_derivative_forgets_factor(capsys):
    check.sigmoid_derivative(lambda O: 1 - O)
    assert "✗ Not yet: for O = 0.5" in capsys.readouterr().out


def test_axis_crossings_right(capsys):
    check.axis_crossings(lambda w1, w2, theta: (-theta / w1, -theta / w2))
    assert "✓ Right: axis_crossings passes all 3 cases." in capsys.readouterr().out


def test_axis_crossings_array_is_accepted(capsys):
    check.axis_crossings(lambda w1, w2, theta: np.array([-theta / w1, -theta / w2]))
    assert "✓ Right" in capsys.readouterr().out


def test_axis_crossings_stub(capsys):
    check.axis_crossings(lambda w1, w2, theta: None)
    assert capsys.readouterr().out.startswith("✗ Not yet: your axis_crossings returns None")


def test_axis_crossings_sign_error(capsys):
    check.axis_crossings(lambda w1, w2, theta: (theta / w1, theta / w2))
    out = capsys.readouterr().out
    assert "✗ Not yet: for the AND neuron w1 = 1, w2 = 1, theta = -1.5, expected [1.5, 1.5] but got [-1.5, -1.5]" in out


def test_axis_crossings_swapped(capsys):
    check.axis_crossings(lambda w1, w2, theta: (-theta / w2, -theta / w1))
    assert "✗ Not yet: for w1 = 1, w2 = 2, theta = -1.5" in capsys.readouterr().out
