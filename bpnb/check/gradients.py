"""Checkers for the exercises of notebook 09 (vanishing and exploding gradients).

The bound on the error term comes from the formula the notebook derives, |Err| after k
sigmoid units is at most (|w| / 4)^k |Err_top| (the tests check that a chain of units at
O = 1/2 reaches it through `Network.backward`); the gradient norms from the package's own
`Network.gradients`; clipping from the rule `Network.fit(clip=...)` follows. The wrong answers
of each case are the same computation with one known mistake in it.
"""

import numpy as np

from ..network import Network
from ._core import AnyOf, Case, exercise

__all__ = ["error_term_bound", "layer_gradient_norms", "clip_by_norm"]


def _bound(err_top, w, k, slope=0.25, power=None, weight=True, size=True):
    """(|w| slope)^k |err_top| with one mistake in it: another largest `slope`, another `power`
    than k, the weight left out, or the signs kept (`size` False)."""
    factor = (abs(w) if size else w) * slope if weight else slope
    return float(factor ** (k if power is None else power) * (abs(err_top) if size else err_top))


@exercise(learner="error_term_bound", reread="'Why the error term shrinks'", hints=(
    "Going down one unit, the error term is multiplied by the sigmoid's slope at that unit and by the "
    "weight the unit sends up. Ask how large the slope can be at most, and how many such factors k steps "
    "down the chain collect.",
    "Err_j = O_j (1 − O_j) w_jk Err_k, and O(1 − O) ≤ 1/4 (at O = 1/2); so |Err| k units down is at most "
    "(|w| / 4)^k |Err_top|.",
    "factor = abs(___) / ___      # the most one step down can multiply by\n"
    "return factor ** ___ * abs(___)",
))
def error_term_bound():
    """Check fn(err_top, w, k) = (|w| / 4)^k |err_top|: the largest |Err| a sigmoid unit k
    units below the top of a chain can have, when every unit feeds the next through weight w
    and the top unit's error term is err_top. Returns a number."""
    examples = [
        (0.1312, -0.3, 1, "one unit below the textbook's output unit 6 (Err6 = 0.1312, w = −0.3)"),
        (0.05, 0.5, 8, "eight units down a chain with w = 0.5 (Err_top = 0.05)"),
        (-0.2, 2.0, 3, "three units down with w = 2 and Err_top = −0.2"),
        (0.1, -6.0, 5, "five units down with w = −6 (Err_top = 0.1): large weights"),
        (0.08, 1.0, 0, "zero units down (k = 0: the top unit itself, Err_top = 0.08)"),
    ]
    cases = []
    for err_top, w, k, about in examples:
        variants = {
            "sigmoid_max_slope_half": _bound(err_top, w, k, slope=0.5),
            "bound_forgot_weight": _bound(err_top, w, k, weight=False),
            "bound_signed": _bound(err_top, w, k, size=False),
            # one mistake, two forms: a power one too high or one too low
            "power_off_by_one": AnyOf(_bound(err_top, w, k, power=k + 1), _bound(err_top, w, k, power=k - 1)),
        }
        cases.append(Case((err_top, w, k), _bound(err_top, w, k), f"for {about}", variants=variants,
                          rtol=1e-9, atol=0.0))
    return cases


def _deep_net(depth: int, width: int, n: int, seed: int):
    """A sigmoid network 2-width-...-width-1 with `depth` hidden layers (the textbook's
    uniform weights in (-0.5, 0.5)) and n random tuples: (net, X (n, 2), T (n, 1))."""
    rng = np.random.default_rng(seed)
    net = Network([2] + [width] * depth + [1], seed=seed)
    X = rng.uniform(-1.0, 1.0, (n, 2))
    return net, X, (X[:, :1] * X[:, 1:] > 0).astype(float)


def _norms(dW, dtheta=None, root=True, mean_over=1) -> np.ndarray:
    """The norm of each layer's gradient: sqrt of the sum of squares of dW[k] (and of
    dtheta[k] when given), without the root when `root` is False, divided by `mean_over`."""
    squares = [np.sum(g ** 2) + (0.0 if dtheta is None else np.sum(dtheta[k] ** 2)) for k, g in enumerate(dW)]
    squares = np.array(squares) / mean_over ** 2
    return np.sqrt(squares) if root else squares


@exercise(learner="layer_gradient_norms", reread="'Measuring the gradient of every layer'", hints=(
    "Ask the network for the gradient of the error with respect to every weight. Each layer of weights "
    "then gets one number: how long its gradient is, all of that layer's entries taken together as one "
    "vector. Keep the layers in order, from the inputs up.",
    "for each layer k: ||∂E/∂W_k|| = sqrt(Σ_ij (∂E/∂w_ij)²), with dW, dtheta = net.gradients(X, T); "
    "the biases are not counted.",
    "dW, dtheta = net.gradients(___, ___)\n"
    "return np.array([np.sqrt(np.sum(___ ** 2)) for g in ___])",
))
def layer_gradient_norms():
    """Check fn(net, X, T) returns the norm ||dE/dW_k|| of each layer's weight gradient, from
    the input layer up: an array (L,) for a network with L layers of weights. net: a Network;
    X: (n, n_in); T: (n, 1)."""
    setups = [(2, 4, 6, 0), (5, 6, 8, 1), (8, 5, 10, 2)]
    cases = []
    for depth, width, n, seed in setups:
        net, X, T = _deep_net(depth, width, n, seed)
        dW, dtheta = net.gradients(X, T)
        right = _norms(dW)
        variants = {
            "norm_squared": _norms(dW, root=False),
            "layers_reversed": right[::-1].copy(),
            "norm_with_biases": _norms(dW, dtheta),
            "sum_not_norm": np.array([float(np.sum(g)) for g in dW]),
            "mean_not_sum": _norms(dW, mean_over=n),
        }
        sizes = "-".join(map(str, net.layer_sizes))
        cases.append(Case((net, X, T), right, f"for a {sizes} sigmoid network ({depth} hidden layers) and {n} "
                          f"tuples", variants=variants, rtol=1e-7, atol=0.0))
    return cases


def _of_norm(rng, shape, norm: float) -> np.ndarray:
    """A random array of this shape and this norm."""
    u = rng.normal(0.0, 1.0, shape)
    return u * (norm / np.linalg.norm(u))


def _clipped(updates, max_norm, each=False, values=False, always=False) -> list:
    """The updates scaled down to norm max_norm when longer, all taken as one vector; with one
    mistake: `each` array clipped on its own, the `values` clipped one by one, or `always`
    scaled to max_norm, even up."""
    if values:
        return [np.clip(u, -max_norm, max_norm) for u in updates]
    if each:
        return [u * min(1.0, max_norm / max(np.linalg.norm(u), 1e-300)) for u in updates]
    norm = np.sqrt(sum(np.sum(u ** 2) for u in updates))
    factor = max_norm / norm if always else min(1.0, max_norm / norm)
    return [u * factor for u in updates]


@exercise(learner="clip_by_norm", reread="'Gradient clipping'", hints=(
    "Take all the changes of one step, every layer's weights and biases, as one long vector and measure "
    "its length. If it is longer than allowed, shrink every change by the same factor, so that the "
    "direction of the step stays; if it is short enough, leave it alone.",
    "norm = sqrt(Σ over every array u of Σ u²); if norm > max_norm, every u becomes u · max_norm / norm.",
    "norm = np.sqrt(sum(np.sum(___ ** 2) for u in ___))\n"
    "factor = min(1.0, ___ / ___)\n"
    "return [___ for u in updates]",
))
def clip_by_norm():
    """Check fn(updates, max_norm) returns the list of arrays `updates` (a step's dW and
    dtheta, any shapes) scaled by min(1, max_norm / norm), with norm the length of all their
    entries taken as one vector; the arrays given are left unchanged."""
    rng = np.random.default_rng(9)
    setups = [
        ([np.array([[3.0, 0.0], [0.0, 4.0]]), np.array([0.0, 0.0])], 1.0,
         "for a step with dW = [[3, 0], [0, 4]] and dtheta = [0, 0], of norm 5, and max_norm = 1"),
        ([np.array([[0.3, -0.1], [0.2, 0.1]]), np.array([0.1, -0.2])], 1.0,
         "for a short step, of norm 0.45, and max_norm = 1 (nothing to clip)"),
        ([rng.normal(0, 2.0, (3, 4)), rng.normal(0, 2.0, 4), rng.normal(0, 0.3, (4, 1)), rng.normal(0, 0.3, 1)], 2.0,
         "for a step of a 3-4-1 network, its first layer's changes large, and max_norm = 2"),
        ([_of_norm(rng, (2, 3), 0.8), _of_norm(rng, 3, 0.6), _of_norm(rng, (3, 1), 0.7), _of_norm(rng, 1, 0.5)], 1.0,
         "for a step of a 2-3-1 network whose every array is shorter than max_norm = 1, but not all of them "
         "together (norm 1.32)"),
    ]
    cases = []
    for updates, max_norm, about in setups:
        variants = {"clipped_each_layer": _clipped(updates, max_norm, each=True),
                    "clipped_values": _clipped(updates, max_norm, values=True),
                    "always_rescaled": _clipped(updates, max_norm, always=True)}
        cases.append(Case(([u.copy() for u in updates], max_norm), _clipped(updates, max_norm), about,
                          variants=variants, names=[f"updates[{k}]" for k in range(len(updates))]))
    return cases
