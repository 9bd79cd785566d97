"""Activation functions and their derivatives, each derivative written from the output.

Backpropagation needs f'(I_j) at every unit. For these three functions the derivative can
be written from the unit's output O_j = f(I_j) alone, which is what the forward pass has
already stored: sigmoid O(1 - O), tanh 1 - O**2, ReLU 1 where O > 0.
"""

import numpy as np


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
    """The hyperbolic tangent, elementwise, any shape; outputs in (-1, 1)."""
    return np.tanh(I)


def tanh_derivative(O: np.ndarray) -> np.ndarray:
    """dO/dI of tanh, written from its output: 1 - O**2. Any shape."""
    return 1.0 - O**2


def relu(I: np.ndarray) -> np.ndarray:
    """The rectified linear unit max(0, I), elementwise, any shape."""
    return np.maximum(0.0, I)


def relu_derivative(O: np.ndarray) -> np.ndarray:
    """dO/dI of ReLU, written from its output: 1 where O > 0, else 0. Any shape."""
    return (O > 0).astype(float)
