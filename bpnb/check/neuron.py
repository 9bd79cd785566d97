"""Checkers for the exercises of notebook 01: the sigmoid neuron."""

import numpy as np

from ..activations import sigmoid as _sigmoid
from ._core import Case, check_cases

__all__ = ["sigmoid"]


def sigmoid(fn) -> None:
    """Check fn(I) = 1 / (1 + exp(-I)) on numbers and arrays, large ones included."""
    I = np.array([-1e4, -30.0, -1.0, 0.0, 0.5, 30.0, 1e4])
    cases = [
        Case((0.0,), 0.5, "for I = 0"),
        Case((2.0,), _sigmoid(2.0), "for I = 2"),
        Case((I,), _sigmoid(I), "for an array of net inputs from -1e4 to 1e4"),
    ]
    check_cases(fn, "sigmoid", cases, "O = 1 / (1 + np.exp(-I)); use np.exp so arrays work too.")
