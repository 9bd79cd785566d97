"""Checkers for the exercises of notebook 02: training one neuron.

Each expected answer comes from the package's own code: the output error term from
`bpnb.losses.output_error`, updates from `Network.train_case` and `Network.fit` on a
network with one sigmoid unit (a single neuron is `Network([n_in, 1])`).
"""

import numpy as np

from ..losses import output_error
from ..network import Network
from ._core import Case, check_cases

__all__ = ["neuron_error_term", "neuron_case_update", "neuron_case_epoch"]


def _neuron(w, theta) -> Network:
    """One sigmoid unit with weights w (n_in,) and bias theta, as a Network."""
    return Network.from_weights([np.asarray(w, float)[:, None]], [np.array([float(theta)])])


def neuron_error_term(fn) -> None:
    """Check fn(O, T) = O (1 - O) (T - O), the error term Err of a sigmoid output unit,
    on numbers and on arrays of outputs O and targets T (same shape)."""
    O = np.array([0.05, 0.3, 0.5, 0.7, 0.99])
    T = np.array([1.0, 0.0, 1.0, 1.0, 0.0])
    err = lambda o, t: output_error("mse", np.asarray(o, float), np.asarray(t, float))
    cases = [
        Case((0.8, 1.0), float(err(0.8, 1.0)), "for O = 0.8, T = 1"),
        Case((0.8, 0.0), float(err(0.8, 0.0)), "for O = 0.8, T = 0 (the output should go down)"),
        Case((0.5, 0.5), float(err(0.5, 0.5)), "for O = T = 0.5 (nothing to correct)"),
        Case((O, T), err(O, T), "for arrays O = [0.05, 0.3, 0.5, 0.7, 0.99], T = [1, 0, 1, 1, 0]"),
    ]
    check_cases(fn, "neuron_error_term", cases,
                "Err = O * (1 - O) * (T - O): the sigmoid's slope O(1 - O) times the miss T - O.")


def neuron_case_update(fn) -> None:
    """Check fn(w, theta, x, t, l) -> (new w, new theta): one case update of a single
    sigmoid neuron. w, x: (n_in,) arrays; theta, t, l: numbers."""
    def case(w, theta, x, t, l, about):
        w, x = np.asarray(w, float), np.asarray(x, float)
        net = _neuron(w, theta)
        net.train_case(x, t, l)
        return Case((w, float(theta), x, float(t), float(l)),
                    (net.weights[0][:, 0].copy(), float(net.biases[0][0])), about)

    cases = [
        case([0.2, -0.3], 0.1, [1.0, 1.0], 1.0, 0.9, "for w = [0.2, -0.3], theta = 0.1, x = [1, 1], t = 1, l = 0.9"),
        case([0.5, 0.4], -0.2, [0.0, 1.0], 0.0, 0.5, "for w = [0.5, 0.4], theta = -0.2, x = [0, 1], t = 0, l = 0.5"),
        case([1.5, -2.0, 0.3], 0.7, [0.2, -1.0, 2.0], 1.0, 2.0,
             "for three inputs, w = [1.5, -2, 0.3], theta = 0.7, x = [0.2, -1, 2], t = 1, l = 2"),
    ]
    check_cases(fn, "neuron_case_update", cases,
                "I = sum_i w_i x_i + theta, O = 1 / (1 + exp(-I)), Err = O (1 - O) (t - O); "
                "return (w + l * Err * x, theta + l * Err) as a pair.")


def neuron_case_epoch(fn) -> None:
    """Check fn(w, theta, X, T, l) -> (new w, new theta) after one epoch of case updating:
    one case update per tuple, in the order of the rows of X. X: (n, n_in); T: (n,)."""
    AND_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])

    def case(w, theta, X, T, l, about):
        w, X, T = np.asarray(w, float), np.asarray(X, float), np.asarray(T, float)
        net = _neuron(w, theta)
        net.fit(X, T, lr=l, epochs=1, update="case")
        return Case((w, float(theta), X, T, float(l)),
                    (net.weights[0][:, 0].copy(), float(net.biases[0][0])), about)

    cases = [
        case([0.2, -0.3], 0.1, AND_X, [0, 0, 0, 1], 0.9,
             "for the AND table with w = [0.2, -0.3], theta = 0.1, l = 0.9"),
        case([-0.4, 0.3], 0.0, AND_X, [0, 1, 1, 1], 5.0, "for the OR table with w = [-0.4, 0.3], theta = 0, l = 5"),
        case([0.1, 0.2], -0.1, AND_X[::-1], [1, 0, 0, 0], 2.0,
             "for the AND table in reverse order with w = [0.1, 0.2], theta = -0.1, l = 2"),
    ]
    check_cases(fn, "neuron_case_epoch", cases,
                "loop over the rows: for x, t in zip(X, T): w, theta = neuron_case_update(w, theta, x, t, l); "
                "each update uses the weights the previous one left (do not sum the updates first).")
