"""Costs counted, not timed: the multiply-adds of the matrix products the package's own code
computes, counted by running that code on arrays that count their own products
(`count_operations`), so that a step of annealing and an epoch of backpropagation are measured
in one currency.
"""

import math
from dataclasses import dataclass

import numpy as np

from . import _validate as v
from .network import Network


@dataclass
class Counts:
    """Arithmetic counted by `count_operations`.

    multiply_adds: of the matrix products, n k m for an (n, k) @ (k, m) product.
    elementwise: one for each number every other operation computes (a + b, exp(a), ...),
    and for a sum over an axis one for each addition.
    """

    multiply_adds: int = 0
    elementwise: int = 0


class _Counting(np.ndarray):
    """An array that adds the arithmetic done with it to `_Counting.tally`; what it computes
    counts in turn."""

    tally = None  # the Counts that count_operations is filling

    def __array_ufunc__(self, ufunc, method, *inputs, out=None, **kwargs):
        plain = [x.view(np.ndarray) if isinstance(x, _Counting) else x for x in inputs]
        if out is not None:
            kwargs["out"] = tuple(o.view(np.ndarray) if isinstance(o, _Counting) else o for o in out)
        result = getattr(ufunc, method)(*plain, **kwargs)
        tally = _Counting.tally
        if tally is not None:
            if ufunc is np.matmul and method == "__call__":
                a, b = (np.atleast_2d(x) for x in plain[:2])
                batch = math.prod(np.broadcast_shapes(a.shape[:-2], b.shape[:-2]))
                tally.multiply_adds += batch * a.shape[-2] * a.shape[-1] * b.shape[-1]
            elif method == "reduce":
                tally.elementwise += np.size(plain[0]) - np.size(result)
            else:
                tally.elementwise += max(np.size(r) for r in (result if isinstance(result, tuple) else (result,)))
        if out is not None:
            return out[0] if len(out) == 1 else out
        return _counting(result)

    def __array_function__(self, func, types, args, kwargs):
        return _counting(super().__array_function__(func, types, args, kwargs))


def _counting(value):
    """Arrays (and tuples of them) as counting arrays; anything else as it is."""
    if isinstance(value, tuple):
        return tuple(_counting(x) for x in value)
    if isinstance(value, np.ndarray) and not isinstance(value, _Counting):
        return value.view(_Counting)
    return value


def count_operations(fn, *args) -> Counts:
    """Run fn(*args) with every array among args made to count, and return what was counted:
    every operation that takes a counting array, or an array computed from one, counts.
    A function that turns its argument into a plain array first (np.asarray does) is not seen
    inside: the course's sigmoid is one, so count the matrix products of a network through
    `forward_multiply_adds` and `epoch_multiply_adds`, whose weights count.
    """
    if not callable(fn):
        raise TypeError(f"fn must be a function; got {v._describe(fn)}")
    _Counting.tally = Counts()
    try:
        fn(*(_counting(a) for a in args))
        return _Counting.tally
    finally:
        _Counting.tally = None


def _counting_copy(net) -> Network:
    """A copy of net whose weights count."""
    if not isinstance(net, Network):
        raise TypeError(f"net must be a bpnb.Network; got {v._describe(net)}")
    twin = net.copy()
    twin.weights = [W.view(_Counting) for W in twin.weights]
    return twin


def forward_multiply_adds(net, X) -> int:
    """The multiply-adds of the matrix products of net.forward(X), counted while it runs.
    X: (n, n_in)."""
    twin = _counting_copy(net)
    X = v.check_inputs(X, net.layer_sizes[0])
    return count_operations(twin.forward, X).multiply_adds


def epoch_multiply_adds(net, X, T) -> int:
    """The multiply-adds of the matrix products of one epoch of epoch updating on X (n, n_in),
    T (n, n_out): the forward pass, the backward pass and the updates, counted while the code
    `Network.fit` runs for them computes them (the network is not changed)."""
    twin = _counting_copy(net)
    X, T = net._check_data(X, T)
    return count_operations(lambda X, T: twin._updates(X, T, 1.0, "mse"), X, T).multiply_adds
