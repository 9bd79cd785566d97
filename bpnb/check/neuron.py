"""Checkers for the exercises of notebook 01: the sigmoid neuron.

The right answers come from the package's own `activations` (the sigmoid and its slope)
and from the formula of the decision line; the wrong answers of each case are the same
computation with one known mistake in it.
"""

import numpy as np

from ..activations import sigmoid as _sigmoid
from ..activations import sigmoid_derivative as _slope
from ..network import Network
from ._core import AnyOf, Case, exercise

__all__ = ["sigmoid", "sigmoid_derivative", "axis_crossings"]


@exercise(learner="sigmoid", reread="'2 · The logistic squashing function'", hints=(
    "The sigmoid squashes any net input into the interval from 0 to 1: a very negative net input gives "
    "nearly 0, a net input of 0 gives one half, a very positive one nearly 1. Use NumPy's exponential, "
    "so that a whole array of net inputs works at once.",
    "O = 1 / (1 + e^(−I))",
    "return 1 / (1 + np.exp(___))",
), answered_by=(_sigmoid, Network.forward, Network.predict_proba))
def sigmoid():
    """Check fn(I) = 1 / (1 + exp(-I)), elementwise, on numbers and arrays, large ones included.

    I: a number or an array of net inputs. Returns the same shape.
    """
    I = np.array([-1e4, -30.0, -1.0, 0.0, 0.5, 30.0, 1e4])
    examples = [(0.0, "for I = 0"), (2.0, "for I = 2"), (-3.0, "for I = -3"),
                (I, "for an array of net inputs from -1e4 to 1e4 (large ones need care: section 5)")]
    with np.errstate(over="ignore"):  # 1/1+e^(-I) overflows at I = -1e4, as the learner's does
        return _cases(examples, _sigmoid, lambda I: {"exponent_sign": _sigmoid(-I),  # 1 / (1 + e^(+I))
                                                     "denominator_unbracketed": 1 + np.exp(-np.asarray(I, float))})


@exercise(learner="sigmoid_derivative", reread="'3 · The derivative, from the output alone'", hints=(
    "The slope of the sigmoid needs only its output: it is the output times the part of 1 that the output "
    "has not reached. The argument is already the output O, not the net input, so no exponential is needed.",
    "dO/dI = O (1 − O)",
    "return ___ * (1 - ___)",
), stand_in=_slope)
def sigmoid_derivative():
    """Check fn(O) = dO/dI = O (1 - O), written from the output O.

    O: a number or an array of outputs in (0, 1). Returns the same shape.
    """
    O = _sigmoid(np.array([-6.0, -2.0, -0.5, 0.0, 1.0, 3.0, 8.0]))
    # O = 0.5 first: there both halves of the slope, O and 1 - O, give the same wrong 0.5
    examples = [(0.5, "for O = 0.5 (the output at I = 0)"), (0.9, "for O = 0.9"),
                (O, "for an array of outputs between 0 and 1")]
    return _cases(examples, _slope, lambda O: {"slope_of_net_input": _slope(_sigmoid(O)),
                                               "slope_half": AnyOf(O, 1 - O),
                                               "slope_sign": -_slope(O)})


def _crossings(w1: float, w2: float, theta: float) -> tuple:
    """Where w1 x1 + w2 x2 + theta = 0 meets the axes: (x1 at x2 = 0, x2 at x1 = 0)."""
    return -theta / w1, -theta / w2


@exercise(learner="axis_crossings", reread="'7 · The decision line of a two-input neuron'", hints=(
    "On the x1 axis x2 is 0, so only the x1 term and the bias are left of the line's equation: set them "
    "to zero and solve for x1. On the x2 axis it is the same with x1 = 0.",
    "w1 a + θ = 0 gives a = −θ / w1;  w2 b + θ = 0 gives b = −θ / w2",
    "a = ___ / ___\n"
    "b = ___ / ___\n"
    "return a, b",
), stand_in=_crossings)
def axis_crossings():
    """Check fn(w1, w2, theta) = (-theta / w1, -theta / w2): where the decision line
    w1 x1 + w2 x2 + theta = 0 crosses the x1 axis and the x2 axis (w1, w2 nonzero).

    w1, w2, theta: numbers. Returns the pair (a, b), as a tuple or an array of shape (2,).
    """
    examples = [
        (1.0, 2.0, -1.5, "for w1 = 1, w2 = 2, theta = -1.5"),
        (1.0, 1.0, -1.5, "for the AND neuron w1 = 1, w2 = 1, theta = -1.5"),
        (-2.0, 0.5, 1.0, "for w1 = -2, w2 = 0.5, theta = 1"),
    ]
    cases = []
    for w1, w2, theta, about in examples:
        right = np.array(_crossings(w1, w2, theta))
        variants = {
            "crossing_sign": AnyOf(-right, right * [-1, 1], right * [1, -1]),  # both signs, or one
            "crossing_inverted": np.array([-w1 / theta, -w2 / theta]),
            "swapped_pair": right[::-1].copy(),
        }
        cases.append(Case((w1, w2, theta), right, about, variants=variants))
    return cases


def _cases(examples, right, variants) -> list:
    """A Case for each (argument, about) of `examples`: the answer right(argument), the wrong
    answers variants(argument)."""
    return [Case((x,), right(x), about, variants=variants(x)) for x, about in examples]
