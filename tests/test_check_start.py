"""The checkers of notebook 00 say right to a right answer, not yet (naming the case) to wrong ones."""

import numpy as np

from bpnb import check


def test_net_input_right(capsys):
    check.net_input(lambda w, x, theta: np.sum(w * x) + theta)
    assert "✓ Right: net_input passes all 3 cases." in capsys.readouterr().out


def test_net_input_matrix_product_right(capsys):
    check.net_input(lambda w, x, theta: w @ x + theta)
    assert "✓ Right" in capsys.readouterr().out


def test_net_input_stub(capsys):
    def net_input(w, x, theta):
        ...

    check.net_input(net_input)
    out = capsys.readouterr().out
    assert out.startswith("✗ Not yet: your net_input returns None")
    assert "Hint:" in out


def test_net_input_forgets_theta(capsys):
    check.net_input(lambda w, x, theta: np.sum(w * x))
    out = capsys.readouterr().out
    assert "✗ Not yet: for the textbook's unit 4" in out
    assert "expected -0.7 but got -0.3" in out


def test_net_input_sums_weights_only(capsys):
    check.net_input(lambda w, x, theta: np.sum(w) + theta)
    out = capsys.readouterr().out
    assert "✗ Not yet: for the textbook's unit 4" in out


def test_net_input_raises_is_reported(capsys):
    check.net_input(lambda w, x, theta: w.dot(x, theta))
    out = capsys.readouterr().out
    assert out.startswith("✗ Not yet: for the textbook's unit 4 (w = [0.2, 0.4, -0.5]")
    assert "your function raised TypeError" in out


def test_misclassified_fraction_right(capsys):
    check.misclassified_fraction(lambda y_true, y_pred: np.mean(y_true != y_pred))
    assert "✓ Right: misclassified_fraction passes all 4 cases." in capsys.readouterr().out


def test_misclassified_fraction_stub(capsys):
    check.misclassified_fraction(lambda y_true, y_pred: None)
    assert capsys.readouterr().out.startswith("✗ Not yet: your misclassified_fraction returns None")


def test_misclassified_fraction_count_instead_of_fraction(capsys):
    check.misclassified_fraction(lambda y_true, y_pred: np.sum(y_true != y_pred))
    out = capsys.readouterr().out
    assert "✗ Not yet: when 1 of the 4 XOR tuples is wrong, expected 0.25 but got" in out
    assert "a fraction between 0 and 1, not a count" in out


def test_misclassified_fraction_accuracy_instead(capsys):
    check.misclassified_fraction(lambda y_true, y_pred: np.mean(y_true == y_pred))
    out = capsys.readouterr().out
    assert "✗ Not yet: when every prediction is right" in out


def test_not_a_function(capsys):
    check.misclassified_fraction(0.5)
    assert "pass your function itself" in capsys.readouterr().out
