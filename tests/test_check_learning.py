"""The checkers of notebook 02 (bpnb.check.learning): right answers pass, stubs and
plausible mistakes fail with the failing case named."""

import numpy as np

from bpnb import check


def _sigmoid(I):
    return 1.0 / (1.0 + np.exp(-I))


def error_term(O, T):
    return O * (1 - O) * (T - O)


def case_update(w, theta, x, t, l):
    O = _sigmoid(np.dot(x, w) + theta)
    err = O * (1 - O) * (t - O)
    return w + l * err * x, theta + l * err


def case_epoch(w, theta, X, T, l):
    for x, t in zip(X, T):
        w, theta = case_update(w, theta, x, t, l)
    return w, theta


def stub(*args):
    ...


def verdict(capsys, checker, fn) -> str:
    assert checker(fn) is None
    return capsys.readouterr().out


def test_error_term_right(capsys):
    assert verdict(capsys, check.neuron_error_term, error_term).startswith("✓ Right: neuron_error_term passes all 4 cases")


def test_error_term_stub(capsys):
    out = verdict(capsys, check.neuron_error_term, stub)
    assert out.startswith("✗ Not yet: your neuron_error_term returns None")


def test_error_term_without_sigmoid_slope(capsys):
    out = verdict(capsys, check.neuron_error_term, lambda O, T: T - O)
    assert out.startswith("✗ Not yet: for O = 0.8, T = 1, expected 0.032 but got 0.2.")
    assert "Hint: Err = O * (1 - O) * (T - O)" in out


def test_error_term_with_wrong_sign(capsys):
    out = verdict(capsys, check.neuron_error_term, lambda O, T: O * (1 - O) * (O - T))
    assert out.startswith("✗ Not yet: for O = 0.8, T = 1, expected 0.032 but got -0.032.")


def test_error_term_that_only_works_on_numbers(capsys):
    out = verdict(capsys, check.neuron_error_term, lambda O, T: float(O * (1 - O) * (T - O)))
    assert out.startswith("✗ Not yet: for arrays O = [0.05, 0.3, 0.5, 0.7, 0.99]")
    assert "raised TypeError" in out


def test_case_update_right(capsys):
    assert verdict(capsys, check.neuron_case_update, case_update).startswith("✓ Right: neuron_case_update passes all 3 cases")


def test_case_update_stub(capsys):
    assert verdict(capsys, check.neuron_case_update, stub).startswith("✗ Not yet: your neuron_case_update returns None")


def test_case_update_first_case_by_hand():
    """The first case by hand: I = 0, O = 0.5, Err = 0.125, dw = 0.9 * 0.125 * 1 = 0.1125."""
    w, theta = case_update(np.array([0.2, -0.3]), 0.1, np.array([1.0, 1.0]), 1.0, 0.9)
    np.testing.assert_allclose(w, [0.3125, -0.1875])
    assert np.isclose(theta, 0.2125)


def test_case_update_moving_uphill(capsys):
    def uphill(w, theta, x, t, l):
        O = _sigmoid(np.dot(x, w) + theta)
        err = O * (1 - O) * (t - O)
        return w - l * err * x, theta - l * err

    out = verdict(capsys, check.neuron_case_update, uphill)
    assert out.startswith("✗ Not yet: for w = [0.2, -0.3], theta = 0.1, x = [1, 1], t = 1, l = 0.9, expected")
    assert "Hint:" in out


def test_case_update_forgetting_the_bias(capsys):
    def no_bias(w, theta, x, t, l):
        new_w, _ = case_update(w, theta, x, t, l)
        return new_w, theta

    out = verdict(capsys, check.neuron_case_update, no_bias)
    assert out.startswith("✗ Not yet: for w = [0.2, -0.3], theta = 0.1")


def test_case_epoch_right(capsys):
    assert verdict(capsys, check.neuron_case_epoch, case_epoch).startswith("✓ Right: neuron_case_epoch passes all 3 cases")


def test_case_epoch_stub(capsys):
    assert verdict(capsys, check.neuron_case_epoch, stub).startswith("✗ Not yet: your neuron_case_epoch returns None")


def test_case_epoch_that_sums_the_updates(capsys):
    """Epoch updating (all updates from the same old weights) is not case updating."""
    def epoch_updating(w, theta, X, T, l):
        O = _sigmoid(X @ w + theta)
        err = O * (1 - O) * (T - O)
        return w + l * X.T @ err, theta + l * err.sum()

    out = verdict(capsys, check.neuron_case_epoch, epoch_updating)
    assert out.startswith("✗ Not yet: for the AND table with w = [0.2, -0.3], theta = 0.1, l = 0.9, expected")
    assert "do not sum the updates first" in out


def test_case_epoch_that_stops_after_one_tuple(capsys):
    def first_only(w, theta, X, T, l):
        return case_update(w, theta, X[0], T[0], l)

    out = verdict(capsys, check.neuron_case_epoch, first_only)
    assert out.startswith("✗ Not yet: for the AND table")


def test_checkers_never_raise(capsys):
    def broken(*args):
        raise ZeroDivisionError("oops")

    for checker in (check.neuron_error_term, check.neuron_case_update, check.neuron_case_epoch):
        assert checker(broken) is None
        assert "raised ZeroDivisionError: oops" in capsys.readouterr().out
        assert checker("not a function") is None
        assert capsys.readouterr().out.startswith("✗ Not yet: pass your function itself")
