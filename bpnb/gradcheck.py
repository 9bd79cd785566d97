"""Finite-difference gradient checking: does backpropagation compute the true gradient?

`central_differences` and `relative_error` serve every model with a loss and a list of
parameter arrays: `Network` here, `bpnb.layers.Stack` in its own `gradcheck`.
"""

import numpy as np

from . import _validate as v
from .network import Network


def central_differences(E, arrays: list, eps: float) -> list:
    """(E(p + eps) - E(p - eps)) / (2 eps) for every entry p of every array, one array of
    slopes shaped like each. E: a function of no arguments, the loss of the model that the
    arrays belong to; each entry is changed in place and restored, bit for bit."""

    def slope(array, index):
        old = array[index]
        array[index] = old + eps
        up = E()
        array[index] = old - eps
        down = E()
        array[index] = old
        return (up - down) / (2 * eps)

    return [np.array([slope(p, i) for i in np.ndindex(p.shape)]).reshape(p.shape) for p in arrays]


def relative_error(analytic: list, numerical: list) -> float:
    """||a - n|| / (||a|| + ||n||), the two lists of arrays each taken as one vector. Below
    about 1e-7 they agree to rounding; a mistake in backpropagation shows as 1e-3 or more."""
    a = np.concatenate([g.ravel() for g in analytic])
    n = np.concatenate([g.ravel() for g in numerical])
    return float(np.linalg.norm(a - n) / max(np.linalg.norm(a) + np.linalg.norm(n), 1e-300))


def numerical_gradients(net, X, T, loss: str = "mse", eps: float = 1e-5):
    """Central differences (E(p + eps) - E(p - eps)) / (2 eps) for every weight and bias.

    X: (n, n_in); T: (n, n_out). Returns two lists shaped like net.weights and net.biases.
    The network is left exactly as it was.
    """
    if not isinstance(net, Network):
        raise TypeError(f"net must be a bpnb.Network; got {v._describe(net)}")
    eps = v.check_positive_number(eps, "eps")
    net.loss(X, T, loss)  # X, T and loss checked once, with the network's own messages
    slopes = central_differences(lambda: net.loss(X, T, loss), net.weights + net.biases, eps)
    return slopes[:len(net.weights)], slopes[len(net.weights):]


def gradcheck(net, X, T, loss: str = "mse", eps: float = 1e-5) -> float:
    """The relative error ||a - n|| / (||a|| + ||n||) between backpropagation's gradients a
    and the central differences n, all weights and biases taken as one vector.

    X: (n, n_in); T: (n, n_out). Below about 1e-7 the two agree to rounding; a mistake in
    backpropagation shows as 1e-3 or more.
    """
    numerical = numerical_gradients(net, X, T, loss, eps)  # checks its arguments first
    dW, dtheta = net.gradients(X, T, loss)
    return relative_error(dW + dtheta, numerical[0] + numerical[1])
