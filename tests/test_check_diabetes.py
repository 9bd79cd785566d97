"""The checkers of notebook 07 say right to a right answer, not yet (naming the case) to wrong ones."""

import numpy as np

from bpnb import check, data

# --- standardize_train_only ---------------------------------------------------------


def standardize_right(X_train, X_other):
    mean, std = X_train.mean(axis=0), X_train.std(axis=0)
    return (X_train - mean) / std, (X_other - mean) / std


def test_standardize_right(capsys):
    check.standardize_train_only(standardize_right)
    assert "✓ Right: standardize_train_only passes all 4 cases." in capsys.readouterr().out


def test_standardize_package_function_is_right(capsys):
    check.standardize_train_only(lambda X_train, X_other: data.standardize(X_train, X_other))
    assert "✓ Right" in capsys.readouterr().out


def test_standardize_stub(capsys):
    def standardize_train_only(X_train, X_other):
        ...

    check.standardize_train_only(standardize_train_only)
    assert capsys.readouterr().out.startswith("✗ Not yet: your standardize_train_only returns None")


def test_standardize_each_with_its_own_statistics(capsys):
    # the leak the exercise is about: the other set scaled with its own mean and deviation
    own = lambda X: (X - X.mean(axis=0)) / X.std(axis=0)
    check.standardize_train_only(lambda X_train, X_other: (own(X_train), own(X_other)))
    out = capsys.readouterr().out
    assert "✗ Not yet: for 4 training tuples and 2 others taken from them, expected" in out
    assert "Hint: mean = X_train.mean(axis=0)" in out


def test_standardize_statistics_of_both_sets_together(capsys):
    def pooled(X_train, X_other):
        both = np.vstack([X_train, X_other])
        mean, std = both.mean(axis=0), both.std(axis=0)
        return (X_train - mean) / std, (X_other - mean) / std

    check.standardize_train_only(pooled)
    assert "✗ Not yet: for 4 training tuples and 2 others taken from them" in capsys.readouterr().out


def test_standardize_over_the_wrong_axis(capsys):
    def rows(X_train, X_other):
        mean, std = X_train.mean(axis=1, keepdims=True), X_train.std(axis=1, keepdims=True)
        return (X_train - mean) / std, (X_other - mean[: len(X_other)]) / std[: len(X_other)]

    check.standardize_train_only(rows)
    assert "✗ Not yet: for 4 training tuples and 2 others taken from them" in capsys.readouterr().out


def test_standardize_forgets_to_divide(capsys):
    check.standardize_train_only(lambda X_train, X_other: (X_train - X_train.mean(axis=0),
                                                            X_other - X_train.mean(axis=0)))
    assert "✗ Not yet: for 4 training tuples" in capsys.readouterr().out


# --- majority_baseline ---------------------------------------------------------------


def test_majority_right(capsys):
    check.majority_baseline(lambda y_train, y_test: np.mean(y_test == np.bincount(y_train).argmax()))
    assert "✓ Right: majority_baseline passes all 4 cases." in capsys.readouterr().out


def test_majority_stub(capsys):
    check.majority_baseline(lambda y_train, y_test: None)
    assert capsys.readouterr().out.startswith("✗ Not yet: your majority_baseline returns None")


def test_majority_always_zero(capsys):
    check.majority_baseline(lambda y_train, y_test: np.mean(y_test == 0))
    out = capsys.readouterr().out
    assert "✗ Not yet: for y_train = [1, 1, 0, 1] (mostly 1) and y_test = [1, 0, 0], expected 0.3333 but got 0.6667" in out


def test_majority_chosen_on_the_test_labels(capsys):
    check.majority_baseline(lambda y_train, y_test: np.mean(y_test == np.bincount(y_test).argmax()))
    out = capsys.readouterr().out
    assert "✗ Not yet: for y_train = [0, 0, 1] and y_test = [1, 1, 1, 0] (the test set's majority differs)" in out
    assert "expected 0.25 but got 0.75" in out


def test_majority_returns_the_class_not_the_accuracy(capsys):
    check.majority_baseline(lambda y_train, y_test: int(np.bincount(y_train).argmax()))
    assert "✗ Not yet: for y_train = [0, 0, 0, 1, 1] and y_test = [0, 1, 0, 0], expected 0.75 but got 0" in (
        capsys.readouterr().out)


# --- sensitivity_specificity -----------------------------------------------------------


def sens_spec_right(y_true, y_pred):
    tp = np.sum((y_true == 1) & (y_pred == 1))
    fn = np.sum((y_true == 1) & (y_pred == 0))
    tn = np.sum((y_true == 0) & (y_pred == 0))
    fp = np.sum((y_true == 0) & (y_pred == 1))
    return tp / (tp + fn), tn / (tn + fp)


def test_sens_spec_right(capsys):
    check.sensitivity_specificity(sens_spec_right)
    assert "✓ Right: sensitivity_specificity passes all 3 cases." in capsys.readouterr().out


def test_sens_spec_array_is_accepted(capsys):
    check.sensitivity_specificity(lambda t, p: np.array(sens_spec_right(t, p)))
    assert "✓ Right" in capsys.readouterr().out


def test_sens_spec_stub(capsys):
    check.sensitivity_specificity(lambda y_true, y_pred: None)
    assert capsys.readouterr().out.startswith("✗ Not yet: your sensitivity_specificity returns None")


def test_sens_spec_swapped(capsys):
    check.sensitivity_specificity(lambda t, p: sens_spec_right(t, p)[::-1])
    out = capsys.readouterr().out
    assert ("✗ Not yet: for y_true = [1, 1, 1, 0, 0, 0, 0, 0], y_pred = [1, 1, 0, 0, 0, 1, 1, 0], "
            "expected [0.6667, 0.6   ] but got [0.6, 0.6667]") in out


def test_sens_spec_precision_instead_of_sensitivity(capsys):
    def precision(y_true, y_pred):
        tp = np.sum((y_true == 1) & (y_pred == 1))
        fp = np.sum((y_true == 0) & (y_pred == 1))
        return tp / (tp + fp), sens_spec_right(y_true, y_pred)[1]

    check.sensitivity_specificity(precision)
    assert "✗ Not yet: for y_true = [1, 1, 1, 0, 0, 0, 0, 0]" in capsys.readouterr().out


def test_sens_spec_raises_is_reported(capsys):
    check.sensitivity_specificity(lambda y_true, y_pred: y_true.tp)
    out = capsys.readouterr().out
    assert "✗ Not yet: for y_true = [1, 1, 1, 0, 0, 0, 0, 0]" in out and "raised AttributeError" in out
