"""The two error functions of the course and the error term Err_j they give an output unit.

Both are summed over tuples (the textbook's E is a sum, not a mean). Err_j is the negative
derivative of the error with respect to the net input I_j of output unit j
(notebook 04 derives it):

- "mse", E = 1/2 sum (T - O)**2, gives Err_j = O_j (1 - O_j) (T_j - O_j), the textbook's;
- "cross_entropy", E = -sum [T log O + (1 - T) log(1 - O)], gives Err_j = T_j - O_j:
  the O (1 - O) factor cancels, so a saturated wrong output still learns quickly.
"""

import numpy as np

from .activations import sigmoid_derivative

LOSSES = ("mse", "cross_entropy")


def half_sum_squared_error(O: np.ndarray, T: np.ndarray) -> float:
    """1/2 sum over tuples and outputs of (T - O)**2. O, T: (n, n_out)."""
    return float(0.5 * np.sum((T - O) ** 2))


def cross_entropy(I: np.ndarray, T: np.ndarray) -> float:
    """Summed binary cross-entropy of sigmoid outputs, from their net inputs I: (n, n_out).

    Written with the net input, since log(sigmoid(I)) = -log(1 + exp(-I)): this stays
    finite where the output itself has rounded to exactly 0 or 1.
    """
    return float(np.sum(T * np.logaddexp(0.0, -I) + (1.0 - T) * np.logaddexp(0.0, I)))


def loss_value(loss: str, I: np.ndarray, O: np.ndarray, T: np.ndarray) -> float:
    """The error E of output net inputs I, outputs O and targets T, all (n, n_out)."""
    if loss == "mse":
        return half_sum_squared_error(O, T)
    return cross_entropy(I, T)


def output_error(loss: str, O: np.ndarray, T: np.ndarray) -> np.ndarray:
    """Err_j = -dE/dI_j of the output units. O, T: (n, n_out); returns (n, n_out)."""
    if loss == "mse":
        return sigmoid_derivative(O) * (T - O)
    return T - O
