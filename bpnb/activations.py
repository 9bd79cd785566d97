"""The sigmoid unit's activation and its derivative, written from the output.

Backpropagation needs f'(I_j) at every unit. For the sigmoid it can be written from the
unit's output O_j = f(I_j) alone, which the forward pass has already stored: O(1 - O).
Left out until a notebook uses them: other units (tanh, ReLU).
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
