"""The units' activation functions, each with its slope written from the output.

Backpropagation needs f'(I_j) at every unit. For these three functions it can be written
from the unit's output O_j = f(I_j) alone, which the forward pass has already stored:

    sigmoid   O = 1 / (1 + exp(-I))   slope O (1 - O), at most 1/4
    tanh      O = tanh(I)             slope 1 - O**2, at most 1
    relu      O = max(0, I)           slope 1 where O > 0, else 0

A small registry, `ACTIVATIONS`: each unit is chosen by name and unknown names are refused.
"""

from dataclasses import dataclass
from typing import Callable

import numpy as np

from . import _validate as v


def sigmoid(I: np.ndarray) -> np.ndarray:
    """The logistic function O = 1 / (1 + exp(-I)), elementwise, any shape.

    Numerically stable: exp is only ever taken of a non-positive number, so no overflow
    for net inputs of any size (sigmoid(-1e4) is 0.0, sigmoid(1e4) is 1.0).
    """
    I = np.asarray(I, dtype=float)
    e = np.exp(-np.abs(I))  # in (0, 1]: never overflows
    return np.where(I >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_derivative(O: np.ndarray) -> np.ndarray:
    """dO/dI of the sigmoid, written from its output: O (1 - O). Any shape."""
    return O * (1.0 - O)


def tanh(I: np.ndarray) -> np.ndarray:
    """The hyperbolic tangent O = tanh(I), elementwise, any shape; outputs in (-1, 1)."""
    return np.tanh(np.asarray(I, dtype=float))


def tanh_derivative(O: np.ndarray) -> np.ndarray:
    """dO/dI of tanh, written from its output: 1 - O**2. Any shape."""
    return 1.0 - O**2


def relu(I: np.ndarray) -> np.ndarray:
    """The rectified linear unit O = max(0, I), elementwise, any shape."""
    return np.maximum(0.0, np.asarray(I, dtype=float))


def relu_derivative(O: np.ndarray) -> np.ndarray:
    """dO/dI of ReLU, written from its output: 1.0 where O > 0, else 0.0 (at I = 0 too). Any shape."""
    return (O > 0).astype(float)


@dataclass(frozen=True)
class Activation:
    """A unit's activation: value(I) -> O and slope(O) -> dO/dI from the output, elementwise."""

    name: str
    value: Callable
    slope: Callable


ACTIVATIONS = {
    "sigmoid": Activation("sigmoid", sigmoid, sigmoid_derivative),
    "tanh": Activation("tanh", tanh, tanh_derivative),
    "relu": Activation("relu", relu, relu_derivative),
}


def get_activation(name: str, argument: str = "activation") -> Activation:
    """The activation called name; a ValueError names `argument`, the choices and what was given."""
    return ACTIVATIONS[v.check_choice(name, argument, ACTIVATIONS)]
