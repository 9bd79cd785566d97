"""Checkers for the exercises of notebook 07: the diabetes case study."""

import numpy as np

from ..data import standardize as _standardize
from ._core import Case, check_cases

__all__ = ["standardize_train_only", "majority_baseline", "sensitivity_specificity"]


def standardize_train_only(fn) -> None:
    """Check fn(X_train, X_other) -> (X_train scaled, X_other scaled), both with the training
    data's mean and standard deviation (as `bpnb.data.standardize` does)."""
    rng = np.random.default_rng(7)
    train = np.array([[20.0, 1.0], [30.0, 3.0], [40.0, 2.0], [50.0, 6.0]])
    shifted = rng.normal([60.0, 10.0], [20.0, 4.0], (5, 2))  # a mean far from the training mean
    one_row = np.array([[35.0, 4.0]])  # its own standard deviation would be 0
    wide = rng.normal([120.0, 32.0, 33.0], [30.0, 7.0, 12.0], (8, 3))
    cases = [
        Case((train, train[:2]), list(_standardize(train, train[:2])),
             "for 4 training tuples and 2 others taken from them"),
        Case((train, shifted), list(_standardize(train, shifted)),
             "for other tuples whose mean is far from the training mean"),
        Case((train, one_row), list(_standardize(train, one_row)), "for a single other tuple"),
        Case((wide, wide[::-1]), list(_standardize(wide, wide[::-1])),
             "for 8 tuples of 3 features (glucose-, BMI- and age-like columns)"),
    ]
    check_cases(fn, "standardize_train_only", cases,
                "mean = X_train.mean(axis=0), std = X_train.std(axis=0) (one per column); return "
                "((X_train - mean) / std, (X_other - mean) / std). The other set's own statistics "
                "must not be used.")


def _majority_accuracy(y_train, y_test) -> float:
    majority = np.argmax(np.bincount(y_train, minlength=2))  # a tie goes to class 0
    return float(np.mean(y_test == majority))


def majority_baseline(fn) -> None:
    """Check fn(y_train, y_test) -> the accuracy on y_test of always predicting the class
    that is most common in y_train."""
    rng = np.random.default_rng(3)
    pima_like = (rng.random(60) < 0.35).astype(int)
    cases = [
        Case((np.array([0, 0, 0, 1, 1]), np.array([0, 1, 0, 0])), 0.75,
             "for y_train = [0, 0, 0, 1, 1] and y_test = [0, 1, 0, 0]"),
        Case((np.array([0, 0, 1]), np.array([1, 1, 1, 0])), 0.25,
             "for y_train = [0, 0, 1] and y_test = [1, 1, 1, 0] (the test set's majority differs)"),
        Case((np.array([1, 1, 0, 1]), np.array([1, 0, 0])), 1 / 3,
             "for y_train = [1, 1, 0, 1] (mostly 1) and y_test = [1, 0, 0]"),
        Case((pima_like, pima_like[:20]), _majority_accuracy(pima_like, pima_like[:20]),
             "for 60 training labels, about 35% of them 1"),
    ]
    check_cases(fn, "majority_baseline", cases,
                "find the most common class in y_train (np.bincount(y_train).argmax()), then return "
                "the fraction of y_test equal to it, np.mean(y_test == majority). Only the training "
                "labels may choose the class.")


def _sensitivity_specificity(y_true, y_pred):
    tp = np.sum((y_true == 1) & (y_pred == 1))
    fn = np.sum((y_true == 1) & (y_pred == 0))
    tn = np.sum((y_true == 0) & (y_pred == 0))
    fp = np.sum((y_true == 0) & (y_pred == 1))
    return np.array([tp / (tp + fn), tn / (tn + fp)])


def sensitivity_specificity(fn) -> None:
    """Check fn(y_true, y_pred) -> (sensitivity, specificity): TP / (TP + FN), TN / (TN + FP)."""
    rng = np.random.default_rng(5)
    y_true = (rng.random(40) < 0.35).astype(int)
    y_pred = np.where(rng.random(40) < 0.8, y_true, 1 - y_true)
    y_true[:2], y_pred[:2] = 1, 0  # at least one of each kind of mistake
    y_true[2:4], y_pred[2:4] = 0, 1
    cases = [
        Case((np.array([1, 1, 1, 0, 0, 0, 0, 0]), np.array([1, 1, 0, 0, 0, 1, 1, 0])), np.array([2 / 3, 0.6]),
             "for y_true = [1, 1, 1, 0, 0, 0, 0, 0], y_pred = [1, 1, 0, 0, 0, 1, 1, 0]"),
        Case((np.array([1, 0, 1, 0, 0]), np.array([0, 0, 0, 0, 0])), np.array([0.0, 1.0]),
             "for a model that always predicts 0 (y_true = [1, 0, 1, 0, 0])"),
        Case((y_true, y_pred), _sensitivity_specificity(y_true, y_pred),
             "for 40 tuples, about 35% of them 1"),
    ]
    check_cases(fn, "sensitivity_specificity", cases,
                "count TP = np.sum((y_true == 1) & (y_pred == 1)), and FN, TN, FP likewise; "
                "sensitivity = TP / (TP + FN) (the diabetic found), specificity = TN / (TN + FP) "
                "(the healthy cleared). Return them as a pair, sensitivity first.")
