"""The checkers of notebook 08 accept right answers and name the case a wrong one fails."""

import numpy as np
import pytest

from bpnb import check


def _verdict(capsys):
    return capsys.readouterr().out


def test_one_hot_targets_right(capsys):
    check.one_hot_targets(lambda y, n: np.eye(n)[y])
    assert _verdict(capsys).startswith("✓ Right: one_hot_targets passes all 3 cases")


def test_one_hot_targets_stub(capsys):
    def one_hot_targets(y, n_classes):
        ...

    check.one_hot_targets(one_hot_targets)
    out = _verdict(capsys)
    assert out.startswith("✗ Not yet: your one_hot_targets returns None")


def test_one_hot_targets_ignores_n_classes(capsys):
    check.one_hot_targets(lambda y, n: np.eye(y.max() + 1)[y])  # too few columns when a class is missing
    out = _verdict(capsys)
    assert out.startswith("✗ Not yet: for y = [1, 1] and 4 classes")
    assert "Hint:" in out


def test_one_hot_targets_transposed(capsys):
    check.one_hot_targets(lambda y, n: np.eye(n)[y].T)
    assert _verdict(capsys).startswith("✗ Not yet: for y = [1, 2, 0] and 3 classes")


def test_accuracy_from_outputs_right(capsys):
    check.accuracy_from_outputs(lambda O, y: np.mean(np.argmax(O, axis=1) == y))
    assert _verdict(capsys).startswith("✓ Right: accuracy_from_outputs passes all 3 cases")


def test_accuracy_from_outputs_stub(capsys):
    check.accuracy_from_outputs(lambda O, y: None)
    assert _verdict(capsys).startswith("✗ Not yet: your accuracy_from_outputs returns None")


def test_accuracy_from_outputs_count_not_fraction(capsys):
    check.accuracy_from_outputs(lambda O, y: np.sum(np.argmax(O, axis=1) == y))
    out = _verdict(capsys)
    assert out.startswith("✗ Not yet: for 4 tuples and 3 output units (rows 1, 2 and 4 right, row 3 wrong)")
    assert "expected 0.75 but got" in out


def test_accuracy_from_outputs_wrong_axis(capsys):
    check.accuracy_from_outputs(lambda O, y: np.mean(np.argmax(O, axis=0) == y))
    out = _verdict(capsys)
    assert out.startswith("✗ Not yet: for 4 tuples and 3 output units")
    assert "your function raised ValueError" in out


def test_hidden_unit_image_right(capsys):
    check.hidden_unit_image(lambda W, j: W[:, j].reshape(8, 8))
    assert _verdict(capsys).startswith("✓ Right: hidden_unit_image passes all 3 cases")


def test_hidden_unit_image_stub(capsys):
    check.hidden_unit_image(lambda W, j: None)
    assert _verdict(capsys).startswith("✗ Not yet: your hidden_unit_image returns None")


def test_hidden_unit_image_column_major(capsys):
    check.hidden_unit_image(lambda W, j: W[:, j].reshape(8, 8, order="F"))
    assert _verdict(capsys).startswith("✗ Not yet: for a 64 x 3 weight matrix with w_ij = 3 i + j, unit j = 0")


def test_hidden_unit_image_row_not_column(capsys):
    check.hidden_unit_image(lambda W, j: W[j].reshape(8, 8))  # a row of W has 3 or 32 entries
    out = _verdict(capsys)
    assert out.startswith("✗ Not yet: for a 64 x 3 weight matrix with w_ij = 3 i + j, unit j = 0, your function raised")


@pytest.mark.parametrize("name", ["one_hot_targets", "accuracy_from_outputs", "hidden_unit_image"])
def test_checkers_never_raise(capsys, name):
    def broken(*args):
        raise RuntimeError("boom")

    getattr(check, name)(broken)
    getattr(check, name)("not a function")
    out = _verdict(capsys)
    assert out.count("✗ Not yet") == 2
