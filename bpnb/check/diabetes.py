"""Checkers for the exercises of notebook 07: the diabetes case study.

Every right answer comes from the package (`bpnb.data.standardize`) or from the formula the
notebook states; the wrong answers of each case are the same computation with one known
mistake in it: the wrong statistics for the scaling, the wrong set choosing the baseline's
class, the wrong fraction.
"""

import numpy as np

from ..data import standardize as _standardize
from ._core import Case, exercise

__all__ = ["standardize_train_only", "majority_baseline", "sensitivity_specificity"]


def _scaled(X_train, X_other, mean, std) -> list:
    return [(X_train - mean) / std, (X_other - mean) / std]


@exercise(learner="standardize_train_only", reread="'Scaling, with the training data's statistics'", hints=(
    "Work out one mean and one standard deviation for each column (each feature), from the training tuples "
    "alone. Then shift and scale both sets with those same numbers: the other set stands for women the "
    "model meets later, whose values nobody had when the scaling was fixed.",
    "x' = (x − μ) / σ for every value x of a column, with μ and σ that column's mean and standard deviation "
    "over the training tuples (σ divides by n, np.std's default); the same μ and σ for X_train and X_other.",
    "mean = X_train.mean(axis=___)      # one number per column\n"
    "std = X_train.___(axis=0)\n"
    "return (X_train - mean) / std, (___ - ___) / ___",
), answered_by=(_standardize,))
def standardize_train_only():
    """Check fn(X_train, X_other) -> (X_train scaled, X_other scaled), both with the training
    data's mean and standard deviation of each column (as `bpnb.data.standardize` does).

    X_train: (n, d); X_other: (m, d). Returns a pair of arrays, (n, d) and (m, d).
    """
    rng = np.random.default_rng(7)
    train = np.array([[20.0, 1.0], [30.0, 3.0], [40.0, 2.0], [50.0, 6.0]])
    shifted = rng.normal([60.0, 10.0], [20.0, 4.0], (5, 2))  # a mean far from the training mean
    one_row = np.array([[35.0, 4.0]])  # its own standard deviation would be 0
    wide = rng.normal([33.0, 32.0, 120.0], [12.0, 7.0, 30.0], (8, 3))
    wide_other = rng.normal([33.0, 32.0, 120.0], [12.0, 7.0, 30.0], (3, 3))
    setups = [
        (train, train[:2], "for 4 training tuples and 2 others taken from them"),
        (train, shifted, "for 5 other tuples whose mean is far from the training mean"),
        (train, one_row, "for a single other tuple"),
        (wide, wide_other, "for 8 training and 3 other tuples of 3 features (age-, BMI- and glucose-like columns)"),
    ]
    cases = []
    for X_train, X_other, about in setups:
        both = np.vstack([X_train, X_other])
        expected = list(_standardize(X_train, X_other))
        own = [(X - X.mean(axis=0)) / X.std(axis=0) for X in (X_train, X_other)] if len(X_other) > 1 else None
        variants = {
            "leakage": _scaled(X_train, X_other, both.mean(axis=0), both.std(axis=0)),
            "own_statistics": own,
            "sample_std": _scaled(X_train, X_other, X_train.mean(axis=0), X_train.std(axis=0, ddof=1)),
            "not_per_column": _scaled(X_train, X_other, X_train.mean(), X_train.std()),
            "swapped_pair": expected[::-1],
        }
        cases.append(Case((X_train.copy(), X_other.copy()), expected, about,
                          variants=variants,
                          names=("X_train_scaled", "X_other_scaled")))
    return cases


# --- Exercise 2: the majority baseline ------------------------------------------------

def _majority_accuracy(y_train, y_test) -> float:
    majority = np.argmax(np.bincount(y_train, minlength=2))  # a tie goes to class 0
    return float(np.mean(y_test == majority))


@exercise(learner="majority_baseline", reread="'Baselines'", hints=(
    "Let the training labels alone pick the class that occurs most often. The baseline gives that answer for "
    "every tuple; its score is how often that answer is right on the test labels, as a fraction.",
    "c = the class with the largest count in y_train; accuracy = (number of test tuples with label c) / "
    "(number of test tuples), a number between 0 and 1.",
    "majority = np.bincount(___).argmax()      # the most common training label\n"
    "return np.mean(___ == ___)",
), stand_in=_majority_accuracy)
def majority_baseline():
    """Check fn(y_train, y_test) -> the accuracy on y_test of always predicting the class
    that is most common in y_train.

    y_train: (n,) and y_test: (m,) labels 0 and 1. Returns a number between 0 and 1.
    """
    rng = np.random.default_rng(3)
    pima_like = (rng.random(60) < 0.35).astype(int)
    setups = [
        (np.array([0, 0, 0, 1, 1]), np.array([0, 1, 0, 0]),
         "for y_train = [0, 0, 0, 1, 1] and y_test = [0, 1, 0, 0]"),
        (np.array([0, 0, 1]), np.array([1, 1, 1, 0]),
         "for y_train = [0, 0, 1] and y_test = [1, 1, 1, 0] (the test set's majority differs)"),
        (np.array([1, 1, 0, 1]), np.array([1, 0, 0]),
         "for y_train = [1, 1, 0, 1] (mostly 1: the baseline always answers 1) and y_test = [1, 0, 0]"),
        (pima_like, pima_like[:20], "for 60 training labels, about 35% of them 1, and 20 test labels"),
    ]
    cases = []
    for y_train, y_test, about in setups:
        expected = _majority_accuracy(y_train, y_test)
        majority = int(np.argmax(np.bincount(y_train, minlength=2)))
        # with two classes one wrong share can mean several mistakes: the order says which is named
        # first, and the cases are ordered so that the later ones tell them apart
        variants = {"fixed_class": float(np.mean(y_test == 0)),
                    "test_majority": _majority_accuracy(y_test, y_test),
                    "scored_on_training_labels": _majority_accuracy(y_train, y_train),
                    "misclassified_not_accuracy": 1 - expected,
                    "class_not_accuracy": float(majority), "count_not_fraction": float(np.sum(y_test == majority)),
                    "percent_not_fraction": 100 * expected}
        cases.append(Case((y_train.copy(), y_test.copy()), expected, about, variants=variants))
    return cases


# --- Exercise 3: sensitivity and specificity -----------------------------------------

def _counts(y_true, y_pred):
    """TP, FN, TN, FP."""
    return (int(np.sum((y_true == 1) & (y_pred == 1))), int(np.sum((y_true == 1) & (y_pred == 0))),
            int(np.sum((y_true == 0) & (y_pred == 0))), int(np.sum((y_true == 0) & (y_pred == 1))))


def _sensitivity_specificity(y_true, y_pred) -> np.ndarray:
    """(TP / (TP + FN), TN / (TN + FP)), shape (2,)."""
    tp, fn, tn, fp = _counts(y_true, y_pred)
    return np.array([tp / (tp + fn), tn / (tn + fp)])


@exercise(learner="sensitivity_specificity", reread="'Sensitivity and specificity'", hints=(
    "Sort the tuples into four groups by their truth and the model's prediction. Sensitivity asks: of the "
    "women who have diabetes, what share did the model find? Specificity asks: of the women who do not, "
    "what share did it clear?",
    "sensitivity = TP / (TP + FN), specificity = TN / (TN + FP); TP: truth 1 and prediction 1, FN: truth 1 "
    "and prediction 0, TN: both 0, FP: truth 0 and prediction 1.",
    "tp = np.sum((y_true == 1) & (y_pred == 1))\n"
    "fn = np.sum(___)\n"
    "tn = ___\n"
    "fp = ___\n"
    "return ___ / (___ + ___), ___ / (___ + ___)",
), stand_in=_sensitivity_specificity)
def sensitivity_specificity():
    """Check fn(y_true, y_pred) -> (sensitivity, specificity): TP / (TP + FN), TN / (TN + FP).

    y_true, y_pred: (n,) labels 0 and 1. Returns a pair of numbers (a tuple or an array of 2).
    """
    rng = np.random.default_rng(5)
    y_true = (rng.random(40) < 0.35).astype(int)
    y_pred = np.where(rng.random(40) < 0.8, y_true, 1 - y_true)
    y_true[:2], y_pred[:2] = 1, 0  # at least one of each kind of mistake
    y_true[2:4], y_pred[2:4] = 0, 1
    setups = [
        (np.array([1, 1, 1, 0, 0, 0, 0, 0]), np.array([1, 1, 0, 0, 0, 1, 1, 0]),
         "for y_true = [1, 1, 1, 0, 0, 0, 0, 0], y_pred = [1, 1, 0, 0, 0, 1, 1, 0]"),
        (np.array([1, 0, 1, 0, 0]), np.array([0, 0, 0, 0, 0]),
         "for a model that always predicts 0 (y_true = [1, 0, 1, 0, 0])"),
        (y_true, y_pred, "for 40 tuples, about 35% of them 1"),
    ]
    cases = []
    for truth, pred, about in setups:
        tp, fn, tn, fp = _counts(truth, pred)
        expected = _sensitivity_specificity(truth, pred)
        sensitivity, specificity = expected
        variants = {
            "swapped_pair": np.array([specificity, sensitivity]),
            "precision_not_specificity": np.array([sensitivity, tp / (tp + fp)]) if tp + fp else np.array([np.nan]),
            "counts_not_rates": np.array([tp, tn], dtype=float),
            "percent_not_fraction": 100 * expected,
        }
        cases.append(Case((truth.copy(), pred.copy()), expected, about, variants=variants))
    return cases
