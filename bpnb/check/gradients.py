"""Checkers for the exercises of notebook 09 (vanishing and exploding gradients).

The bound on the error term comes from the one-step rule the notebook derives: a unit one
step down has |Err_j| <= (1/4) |w_jk| |Err_k|, so along a chain of weights w_1, ..., w_d the
error term is at most |Err_top| times the product of the |w| / 4 (the tests check that a chain
of units at O = 1/2 reaches it through `Network.backward`); the gradient norms come from the
package's own `Network.gradients`; clipping from the rule `Network.fit(clip=...)` follows. The
wrong answers of each case are the same computation with one known mistake in it.
"""

import numpy as np

from ..data import make_moons
from ..network import Network, clipped
from ._core import AnyOf, Case, exercise

__all__ = ["error_term_bound", "layer_gradient_norms", "clip_by_norm"]

# The slope O(1 - O) of the textbook's hidden unit 4 (O_4 = 0.332, notebook 04), which a learner may
# take for the largest slope; as written out and rounded.
UNIT4_SLOPES = (0.332 * (1 - 0.332), 0.2218, 0.22)


def _bound(err_top, weights, slope=0.25, weight=True, size=True, top=True) -> float:
    """|err_top| times the product of |w| slope over the chain's weights, with one mistake in it:
    another largest `slope`, the weights left out (`weight` False), the signs kept (`size`
    False), or err_top left out (`top` False)."""
    factor = 1.0
    for w in weights:
        factor *= ((abs(w) if size else w) if weight else 1.0) * slope
    return float(factor * ((abs(err_top) if size else err_top) if top else 1.0))


@exercise(learner="error_term_bound", reread="'Why the error term shrinks'", hints=(
    "Going down one unit, the error term is multiplied by that unit's slope and by the weight it sends up. "
    "A bound must hold whatever the unit's output is: take the largest slope a sigmoid unit can have. "
    "Every weight in the list is one such step down the chain, from the top unit's error term.",
    "One step down: |Err_j| = O_j (1 − O_j) |w_jk| |Err_k| ≤ ¼ |w_jk| |Err_k|. Start from |Err_top| "
    "and apply the rule once for every weight of the chain, in turn.",
    "bound = ___              # the top unit's |Err|\n"
    "for w in ___:\n"
    "    bound = ___          # one unit further down: at most how much of the one above?\n"
    "return bound",
))
def error_term_bound():
    """Check fn(err_top, weights) = |err_top| times the product of |w| / 4 over the list
    `weights`: the largest |Err| a sigmoid unit len(weights) units below the top of a chain
    can have, when the top unit's error term is err_top and weights[0] is the weight into
    the top unit, weights[1] the one into the unit below it, and so on. Returns a number."""
    examples = [
        (0.1312, [-0.3], "one unit below the textbook's output unit 6 (Err6 = 0.1312, weights = [−0.3])"),
        (0.05, [0.5] * 8, "eight units down a chain whose every weight is 0.5 (Err_top = 0.05)"),
        (-0.2, [2.0, -1.0, -0.5], "three units down with the weights [2, −1, −0.5] (Err_top = −0.2)"),
        (0.1, [-6.0, 5.0, -6.0, 4.0, 8.0], "five units down with large weights [−6, 5, −6, 4, 8] (Err_top = 0.1)"),
        (0.08, [], "zero units down (weights = []: the top unit itself, Err_top = 0.08)"),
    ]
    cases = []
    for err_top, weights, about in examples:
        right = _bound(err_top, weights)
        variants = {
            "sigmoid_max_slope_half": _bound(err_top, weights, slope=0.5),
            "bound_forgot_weight": _bound(err_top, weights, weight=False),
            "bound_forgot_slope": _bound(err_top, weights, slope=1.0),
            "bound_signed": _bound(err_top, weights, size=False),
            "bound_forgot_err_top": _bound(err_top, weights, top=False),
            "bound_actual_slope": AnyOf(*(_bound(err_top, weights, slope=s) for s in UNIT4_SLOPES)),
            "bound_added_factors": abs(err_top) * sum(abs(w) / 4 for w in weights),
            # one weight for every step: the first or the last of the chain
            "bound_one_weight": AnyOf(*(_bound(err_top, [w] * len(weights)) for w in weights[:1] + weights[-1:])),
            # the slope, or the weight, counted once for the whole chain instead of once per step
            "bound_factor_once": AnyOf(_bound(err_top, weights, slope=1.0) / 4,
                                       abs(weights[0]) * _bound(err_top, weights, weight=False) if weights else None),
            # one factor too few (a step left out) or too many (the top unit's own slope counted too)
            "bound_step_off_by_one": AnyOf(_bound(err_top, weights[1:]) if weights else None,
                                           _bound(err_top, weights[:-1]) if weights else None, right / 4),
        }
        cases.append(Case((err_top, list(weights)), right, f"for {about}", variants=variants, rtol=1e-9, atol=0.0))
    return cases


def _deep_net(depth: int, width: int, n: int, seed: int):
    """A sigmoid network 2-width-...-width-1 with `depth` hidden layers (the textbook's
    uniform weights in (-0.5, 0.5)) and n random tuples: (net, X (n, 2), T (n, 1))."""
    rng = np.random.default_rng(seed)
    net = Network([2] + [width] * depth + [1], seed=seed)
    X = rng.uniform(-1.0, 1.0, (n, 2))
    return net, X, (X[:, :1] * X[:, 1:] > 0).astype(float)


def _norms(arrays, dtheta=None, root=True, mean_over=1) -> np.ndarray:
    """The norm of each array of a list: sqrt of the sum of squares of arrays[m] (and of
    dtheta[m] when given), without the root when `root` is False, divided by `mean_over`."""
    squares = [np.sum(g ** 2) + (0.0 if dtheta is None else np.sum(dtheta[m] ** 2)) for m, g in enumerate(arrays)]
    squares = np.array(squares) / mean_over ** 2
    return np.sqrt(squares) if root else squares


def _per_unit(dW, axis: int) -> AnyOf:
    """A norm for each unit (a column, axis 0, or a row, axis 1) of every layer: as a list of
    arrays, or all of them in one array."""
    pieces = [np.sqrt(np.sum(g ** 2, axis=axis)) for g in dW]
    return AnyOf(pieces, np.concatenate(pieces))


# The notebook's data (its first cell): what a function that uses the globals X and y, not its
# arguments, computes the gradients on.
_NOTEBOOK_MOONS = dict(n=128, noise=0.15, seed=0)


@exercise(learner="layer_gradient_norms", reread="'Measuring the gradient of every layer'", hints=(
    "Ask the network for the gradient of the error with respect to every weight: it answers with two lists, "
    "one for the weights and one for the biases. Each layer of weights then gets one number: how long its "
    "gradient is, all of that layer's entries taken together as one vector. Keep the layers in order, from "
    "the inputs up.",
    "dW, dtheta = net.gradients(X, T) (two lists, one array per layer); for each layer m: "
    "||∂E/∂W_m|| = sqrt(Σ_ij (∂E/∂w_ij)²), the sum over every entry of dW[m]; the biases are not counted.",
    "dW, dtheta = net.gradients(___, ___)\n"
    "return np.array([np.sqrt(np.sum(___ ** 2)) for g in ___])",
), stand_in=lambda net, X, T: _norms(net.gradients(X, T)[0]))
def layer_gradient_norms():
    """Check fn(net, X, T) returns the norm ||dE/dW_m|| of each layer's weight gradient, from
    the input layer up: an array (L,) for a network with L layers of weights. net: a Network;
    X: (n, n_in); T: (n, 1)."""
    moons = make_moons(_NOTEBOOK_MOONS["n"], noise=_NOTEBOOK_MOONS["noise"], seed=_NOTEBOOK_MOONS["seed"])
    setups = [(2, 4, 6, 0), (5, 6, 8, 1), (8, 5, 10, 2)]
    cases = []
    for depth, width, n, seed in setups:
        net, X, T = _deep_net(depth, width, n, seed)
        dW, dtheta = net.gradients(X, T)
        right = _norms(dW)
        interleaved = [a for pair in zip(dW, dtheta) for a in pair]
        variants = {
            "norm_squared": _norms(dW, root=False),
            "layers_reversed": right[::-1].copy(),
            "norm_with_biases": _norms(dW, dtheta),
            "norm_with_biases_listed": AnyOf(_norms(dW + dtheta), _norms(interleaved)),
            "norm_of_biases": _norms(dtheta),
            "norm_of_weights": _norms(net.weights),
            "sum_not_norm": np.array([float(np.sum(g)) for g in dW]),
            "norm_l1": np.array([float(np.sum(np.abs(g))) for g in dW]),
            "norm_rms": np.array([float(np.sqrt(np.mean(g ** 2))) for g in dW]),
            "mean_not_sum": _norms(dW, mean_over=n),
            "norm_per_unit": AnyOf(*_per_unit(dW, 0).answers, *_per_unit(dW, 1).answers),
            "used_global_data": _norms(net.gradients(moons.X, moons.y)[0]),
        }
        sizes = "-".join(map(str, net.layer_sizes))
        cases.append(Case((net, X, T), right, f"for a {sizes} sigmoid network ({depth} hidden layers) and {n} "
                          f"tuples", variants=variants, rtol=1e-7, atol=0.0))
    return cases


def _of_norm(rng, shape, norm: float) -> np.ndarray:
    """A random array of this shape and this norm."""
    u = rng.normal(0.0, 1.0, shape)
    return u * (norm / np.linalg.norm(u))


def _clipped(updates, max_norm, each=False, values=False, always=False, measure=None) -> list:
    """The updates scaled down to norm max_norm when longer, all taken as one vector; with one
    mistake: `each` array clipped on its own, the `values` clipped one by one, `always`
    scaled to max_norm, even up, or the length measured another way (`measure`: the updates
    -> a number)."""
    if values:
        return [np.clip(u, -max_norm, max_norm) for u in updates]
    if each:
        return [u * min(1.0, max_norm / max(np.linalg.norm(u), 1e-300)) for u in updates]
    if not (always or measure):
        return list(clipped(list(updates), [], max_norm)[0])  # the right answer: fit's own clipping
    norm = np.sqrt(sum(np.sum(u ** 2) for u in updates)) if measure is None else measure(updates)
    factor = max_norm / norm if always or norm > max_norm else 1.0
    return [u * factor for u in updates]


def _scaled(updates, factor: float) -> list:
    return [u * factor for u in updates]


@exercise(learner="clip_by_norm", reread="'Gradient clipping'", hints=(
    "Take all the changes of one step, every layer's weights and biases, as one long vector and measure "
    "its length. If it is longer than allowed, shrink every change by the same factor, so that the "
    "direction of the step stays and its new length is the limit; if it is short enough, leave it alone.",
    "norm = sqrt(Σ over every array u of Σ u²); if norm > max_norm, every u becomes u · max_norm / norm; "
    "otherwise (a step of length 0 too) every u stays as it is.",
    "norm = np.sqrt(sum(np.sum(___ ** 2) for u in ___))\n"
    "factor = ___ if norm > max_norm else ___\n"
    "return [___ for u in updates]",
), answered_by=(clipped,))
def clip_by_norm():
    """Check fn(updates, max_norm) returns the list of arrays `updates` (a step's dW and
    dtheta, any shapes) scaled by min(1, max_norm / norm), with norm the length of all their
    entries taken as one vector (a step of length 0 stays as it is); the arrays given are
    left unchanged."""
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
        ([np.zeros((2, 3)), np.zeros(3), np.zeros((3, 1)), np.zeros(1)], 1.0,
         "for a step of all zeros (a network whose units are all saturated), and max_norm = 1: nothing to "
         "scale, and nothing to divide by"),
    ]
    cases = []
    for updates, max_norm, about in setups:
        norm = float(np.sqrt(sum(np.sum(u ** 2) for u in updates)))
        variants = {
            "clipped_each_layer": _clipped(updates, max_norm, each=True),
            "clipped_values": _clipped(updates, max_norm, values=True),
            "always_rescaled": _clipped(updates, max_norm, always=True) if norm else None,
            "clip_max_not_min": _scaled(updates, max(1.0, max_norm / norm)) if norm else None,
            "clip_norm_squared": _clipped(updates, max_norm, measure=lambda us: sum(np.sum(u ** 2) for u in us)),
            "clip_sum_of_norms": _clipped(updates, max_norm, measure=lambda us: sum(np.linalg.norm(u) for u in us)),
            # the step scaled to length 1, max_norm left out: always, or only when it is too long
            "clip_forgot_max_norm": AnyOf(_scaled(updates, 1 / norm), _scaled(updates, min(1.0, 1 / norm)))
            if norm else None,
        }
        cases.append(Case(([u.copy() for u in updates], max_norm), _clipped(updates, max_norm), about,
                          variants=variants, names=[f"updates[{k}]" for k in range(len(updates))]))
    return cases
