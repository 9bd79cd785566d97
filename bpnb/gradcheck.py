"""Finite-difference gradient checking: does backpropagation compute the true gradient?"""

import numpy as np

from . import _validate as v
from .network import Network


def numerical_gradients(net, X, T, loss: str = "mse", eps: float = 1e-5):
    """Central differences (E(p + eps) - E(p - eps)) / (2 eps) for every weight and bias.

    X: (n, n_in); T: (n, n_out). Returns two lists shaped like net.weights and net.biases.
    The network is left exactly as it was.
    """
    if not isinstance(net, Network):
        raise TypeError(f"net must be a bpnb.Network; got {v._describe(net)}")
    eps = v.check_positive_number(eps, "eps")
    net.loss(X, T, loss)  # X, T and loss checked once, with the network's own messages

    def slope(array, index):
        old = array[index]
        array[index] = old + eps
        up = net.loss(X, T, loss)
        array[index] = old - eps
        down = net.loss(X, T, loss)
        array[index] = old
        return (up - down) / (2 * eps)

    grads = []
    for params in (net.weights, net.biases):
        grads.append([np.array([slope(p, i) for i in np.ndindex(p.shape)]).reshape(p.shape) for p in params])
    return grads[0], grads[1]


def gradcheck(net, X, T, loss: str = "mse", eps: float = 1e-5) -> float:
    """The relative error ||a - n|| / (||a|| + ||n||) between backpropagation's gradients a
    and the central differences n, all weights and biases taken as one vector.

    X: (n, n_in); T: (n, n_out). Below about 1e-7 the two agree to rounding; a mistake in
    backpropagation shows as 1e-3 or more.
    """
    n = _flatten(numerical_gradients(net, X, T, loss, eps))  # checks its arguments first
    a = _flatten(net.gradients(X, T, loss))
    return float(np.linalg.norm(a - n) / max(np.linalg.norm(a) + np.linalg.norm(n), 1e-300))


def _flatten(grads) -> np.ndarray:
    weights, biases = grads
    return np.concatenate([g.ravel() for g in weights + biases])
