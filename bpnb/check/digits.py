"""Checkers for the exercises of notebook 08: the digits capstone."""

import numpy as np

from ..data import one_hot as _one_hot
from ._core import Case, check_cases

__all__ = ["one_hot_targets", "accuracy_from_outputs", "hidden_unit_image"]


def one_hot_targets(fn) -> None:
    """Check fn(y, n_classes): labels y (n,) -> targets (n, n_classes), a 1 in column y[t] of row t."""
    y_digits = np.array([3, 0, 9, 7, 3])
    cases = [
        Case((np.array([1, 2, 0]), 3), _one_hot(np.array([1, 2, 0]), 3), "for y = [1, 2, 0] and 3 classes"),
        Case((y_digits, 10), _one_hot(y_digits, 10), "for five digit labels [3, 0, 9, 7, 3] and 10 classes"),
        Case((np.array([1, 1]), 4), _one_hot(np.array([1, 1]), 4),
             "for y = [1, 1] and 4 classes (classes 0, 2 and 3 do not occur, but still get a column)"),
    ]
    check_cases(fn, "one_hot_targets", cases,
                "start from np.zeros((len(y), n_classes)) and set row t, column y[t] to 1 "
                "(or index the identity matrix: np.eye(n_classes)[y]).")


def accuracy_from_outputs(fn) -> None:
    """Check fn(O, y): outputs O (n, n_out) and labels y (n,) -> the fraction of tuples whose
    largest output is the unit of their class."""
    O_small = np.array([[0.9, 0.2, 0.1], [0.3, 0.4, 0.8], [0.1, 0.7, 0.2], [0.6, 0.5, 0.1]])
    y_small = np.array([0, 2, 0, 0])
    rng = np.random.default_rng(8)
    O_random = rng.uniform(0, 1, (40, 10))
    y_random = rng.integers(0, 10, 40)
    y_random[:12] = np.argmax(O_random[:12], axis=1)  # some right, most wrong
    cases = [
        Case((O_small, y_small), np.mean(np.argmax(O_small, axis=1) == y_small),
             "for 4 tuples and 3 output units (rows 1, 2 and 4 right, row 3 wrong)"),
        Case((O_small[[0, 1]], y_small[[0, 1]]), 1.0, "for 2 tuples that are both right"),
        Case((O_random, y_random), np.mean(np.argmax(O_random, axis=1) == y_random),
             "for 40 tuples and 10 output units"),
    ]
    check_cases(fn, "accuracy_from_outputs", cases,
                "the predicted class of a tuple is the column of its largest output, "
                "np.argmax(O, axis=1); the accuracy is the mean of (prediction == y), a fraction.")


def hidden_unit_image(fn) -> None:
    """Check fn(W, j): the incoming weights of hidden unit j, W[:, j] (64,), as an (8, 8) image,
    row by row like the pixels."""
    W_counting = np.arange(64 * 3, dtype=float).reshape(64, 3)  # w_ij = 3 i + j
    W_random = np.random.default_rng(8).uniform(-1, 1, (64, 32))
    cases = [
        Case((W_counting, 0), W_counting[:, 0].reshape(8, 8),
             "for a 64 x 3 weight matrix with w_ij = 3 i + j, unit j = 0"),
        Case((W_counting, 2), W_counting[:, 2].reshape(8, 8), "for the same matrix, unit j = 2"),
        Case((W_random, 31), W_random[:, 31].reshape(8, 8), "for a random 64 x 32 matrix, unit j = 31"),
    ]
    check_cases(fn, "hidden_unit_image", cases,
                "unit j's incoming weights are column j of W (one w_ij per input pixel i), "
                "W[:, j]; reshape it to (8, 8): pixel i sits in row i // 8, column i % 8.")
