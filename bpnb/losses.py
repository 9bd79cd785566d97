"""The two error functions of the course, a small registry: each with its value E and the
error term Err_j it gives an output unit. Unknown names are refused, never guessed.

Both are summed over tuples (the textbook's E is a sum, not a mean). Err_j is the negative
derivative of the error with respect to the net input I_j of output unit j
(notebook 04 derives it):

- "mse", E = 1/2 sum (T - O)**2, gives Err_j = O_j (1 - O_j) (T_j - O_j), the textbook's;
- "cross_entropy", E = -sum [T log O + (1 - T) log(1 - O)], gives Err_j = T_j - O_j:
  the O (1 - O) factor cancels, so a saturated wrong output still learns quickly.
"""

from dataclasses import dataclass
from typing import Callable

import numpy as np

from . import _validate as v
from .activations import sigmoid_derivative


def half_sum_squared_error(O: np.ndarray, T: np.ndarray) -> float:
    """1/2 sum over tuples and outputs of (T - O)**2. O, T: (n, n_out)."""
    return float(0.5 * np.sum((T - O) ** 2))


def cross_entropy(I: np.ndarray, T: np.ndarray) -> float:
    """Summed binary cross-entropy of sigmoid outputs, from their net inputs I: (n, n_out).

    Written with the net input, since log(sigmoid(I)) = -log(1 + exp(-I)): this stays
    finite where the output itself has rounded to exactly 0 or 1.
    """
    return float(np.sum(T * np.logaddexp(0.0, -I) + (1.0 - T) * np.logaddexp(0.0, I)))


@dataclass(frozen=True)
class Loss:
    """An error function: value(I, O, T) -> E and error(O, T) -> Err of the output units,
    all arrays (n, n_out)."""

    value: Callable
    error: Callable


LOSSES = {
    "mse": Loss(value=lambda I, O, T: half_sum_squared_error(O, T),
                error=lambda O, T: sigmoid_derivative(O) * (T - O)),
    "cross_entropy": Loss(value=lambda I, O, T: cross_entropy(I, T), error=lambda O, T: T - O),
}


def get_loss(name: str) -> Loss:
    """The error function called name; a ValueError names the choices otherwise."""
    return LOSSES[v.check_choice(name, "loss", LOSSES)]


def loss_value(loss: str, I: np.ndarray, O: np.ndarray, T: np.ndarray) -> float:
    """The error E of output net inputs I, outputs O and targets T, all (n, n_out)."""
    return get_loss(loss).value(I, O, T)


def output_error(loss: str, O: np.ndarray, T: np.ndarray) -> np.ndarray:
    """Err_j = -dE/dI_j of the output units. O, T: (n, n_out); returns (n, n_out)."""
    return get_loss(loss).error(O, T)
