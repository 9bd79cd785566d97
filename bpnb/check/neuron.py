"""Checkers for the exercises of notebook 01: the sigmoid neuron."""

import numpy as np

from ..activations import sigmoid as _sigmoid
from ..activations import sigmoid_derivative as _sigmoid_derivative
from ._core import Case, check_cases

__all__ = ["sigmoid", "sigmoid_derivative", "axis_crossings"]


def sigmoid(fn) -> None:
    """Check fn(I) = 1 / (1 + exp(-I)) on numbers and arrays, large ones included."""
    I = np.array([-1e4, -30.0, -1.0, 0.0, 0.5, 30.0, 1e4])
    cases = [
        Case((0.0,), 0.5, "for I = 0"),
        Case((2.0,), _sigmoid(2.0), "for I = 2"),
        Case((I,), _sigmoid(I), "for an array of net inputs from -1e4 to 1e4"),
    ]
    check_cases(fn, "sigmoid", cases, "O = 1 / (1 + np.exp(-I)); use np.exp so arrays work too.")


def sigmoid_derivative(fn) -> None:
    """Check fn(O) = dO/dI = O (1 - O), written from the output O (any shape)."""
    O = _sigmoid(np.array([-6.0, -2.0, -0.5, 0.0, 1.0, 3.0, 8.0]))
    cases = [
        Case((0.5,), _sigmoid_derivative(0.5), "for O = 0.5 (the output at I = 0)"),
        Case((0.9,), _sigmoid_derivative(0.9), "for O = 0.9"),
        Case((O,), _sigmoid_derivative(O), "for an array of outputs between 0 and 1"),
    ]
    check_cases(fn, "sigmoid_derivative", cases,
                "the argument is already the output O, not the net input I: return O * (1 - O), "
                "with no exp in it.")


def _crossings(w1: float, w2: float, theta: float):
    """Where w1 x1 + w2 x2 + theta = 0 meets the axes: (x1 at x2 = 0, x2 at x1 = 0)."""
    return (-theta / w1, -theta / w2)


def axis_crossings(fn) -> None:
    """Check fn(w1, w2, theta) = (-theta / w1, -theta / w2), where the decision line
    w1 x1 + w2 x2 + theta = 0 crosses the x1 axis and the x2 axis (w1, w2 nonzero)."""
    examples = [
        (1.0, 1.0, -1.5, "for the AND neuron w1 = 1, w2 = 1, theta = -1.5"),
        (1.0, 2.0, -1.5, "for w1 = 1, w2 = 2, theta = -1.5"),
        (-2.0, 0.5, 1.0, "for w1 = -2, w2 = 0.5, theta = 1"),
    ]
    cases = [Case((w1, w2, theta), np.array(_crossings(w1, w2, theta)), about) for w1, w2, theta, about in examples]
    check_cases(fn, "axis_crossings", cases,
                "on the x1 axis x2 = 0, so w1 x1 + theta = 0 gives x1 = -theta / w1; likewise "
                "x2 = -theta / w2. Return the pair (x1, x2).")
