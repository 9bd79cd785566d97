"""Checkers for the exercises of notebook 00: the warm-ups that show how exercises work."""

import numpy as np

from ..network import Network
from ._core import Case, check_cases

__all__ = ["net_input", "misclassified_fraction"]


def _package_net_input(w, x, theta) -> float:
    """I = sum_i w_i x_i + theta, computed by the package's own forward pass: a network of
    one sigmoid unit whose weights are w (n,) and whose bias is theta; x: (n,)."""
    net = Network.from_weights([np.reshape(w, (-1, 1))], [np.array([theta])])
    net_inputs, _ = net.forward(np.asarray(x, dtype=float)[None, :])
    return float(net_inputs[0][0, 0])


def net_input(fn) -> None:
    """Check fn(w, x, theta) = sum_i w_i x_i + theta. w, x: (n,) arrays; theta: a number."""
    examples = [
        (np.array([0.2, 0.4, -0.5]), np.array([1.0, 0.0, 1.0]), -0.4, "for the textbook's unit 4 "
         "(w = [0.2, 0.4, -0.5], x = [1, 0, 1], theta = -0.4)"),
        (np.array([0.5, -1.0]), np.array([2.0, 3.0]), 0.0, "for w = [0.5, -1], x = [2, 3], theta = 0"),
        (np.array([1.5, 2.0, -0.25, 4.0]), np.array([-1.0, 0.5, 2.0, 0.25]), 0.75,
         "for four inputs, w = [1.5, 2, -0.25, 4], x = [-1, 0.5, 2, 0.25], theta = 0.75"),
    ]
    cases = [Case((w, x, theta), _package_net_input(w, x, theta), about) for w, x, theta, about in examples]
    check_cases(fn, "net_input", cases,
                "multiply each weight by its input, add the products up, then add theta: "
                "np.sum(w * x) + theta (or w @ x + theta).")


def misclassified_fraction(fn) -> None:
    """Check fn(y_true, y_pred) = the fraction of tuples whose predicted class differs from
    the true one, (1/n) * #{k : y_pred[k] != y_true[k]}. y_true, y_pred: (n,) int arrays."""
    rng = np.random.default_rng(0)
    y_true, y_pred = rng.integers(0, 2, 20), rng.integers(0, 2, 20)
    xor = np.array([0, 1, 1, 0])
    examples = [
        (xor, xor.copy(), "when every prediction is right (XOR, predicted perfectly)"),
        (xor, np.array([0, 1, 1, 1]), "when 1 of the 4 XOR tuples is wrong"),
        (xor, np.zeros(4, dtype=int), "when a network answers 0 for all 4 XOR tuples"),
        (y_true, y_pred, "for 20 random labels"),
    ]
    cases = [Case((t, p), float(np.mean(t != p)), about) for t, p, about in examples]
    check_cases(fn, "misclassified_fraction", cases,
                "compare the arrays element by element (y_pred != y_true gives True where wrong), "
                "then take the mean of that: a fraction between 0 and 1, not a count.")
