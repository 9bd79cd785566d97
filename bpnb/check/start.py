"""Checkers for the exercises of notebook 00: the warm-ups that show how exercises work.

The net input comes from the package's own forward pass (a network of one unit); the
misclassified fraction from its definition. The wrong answers of each case are the same
computation with one known mistake in it.
"""

import numpy as np

from ..network import Network
from ._core import Case, exercise

__all__ = ["net_input", "misclassified_fraction"]


def _net_input(x, w, theta) -> float:
    """I = sum_i w_i x_i + theta from the forward pass of one unit. x, w: (n,); theta: a number."""
    unit = Network.from_weights([np.asarray(w, float)[:, None]], [np.array([theta], float)])
    return float(unit.forward(np.asarray(x, float)[None, :])[0][0][0, 0])


@exercise(learner="net_input", reread="'Exercise 1: the net input of a unit'", hints=(
    "Each input reaches the unit through its own weight. Scale every input by its weight, add the "
    "results up into one number, and add the unit's bias.",
    "I = Σ_i w_i x_i + θ",
    "return np.sum(___ * ___) + ___",
), stand_in=_net_input, answered_by=(Network.forward, Network.predict_proba))
def net_input():
    """Check fn(x, w, theta) = sum_i w_i x_i + theta.

    x: (n,) the inputs; w: (n,) their weights; theta: the bias (a number). Returns a number.
    """
    examples = [  # the textbook's unit 4 second: there sum(w) + theta equals the answer without the bias
        ([2.0, 3.0], [0.5, -1.0], 0.25, "for x = [2, 3], w = [0.5, -1], theta = 0.25"),
        ([1.0, 0.0, 1.0], [0.2, 0.4, -0.5], -0.4,
         "for the textbook's unit 4 (x = [1, 0, 1], w = [0.2, 0.4, -0.5], theta = -0.4)"),
        ([-1.0, 0.5, 2.0, 0.25], [1.5, 2.0, -0.25, 4.0], 0.75,
         "for four inputs, x = [-1, 0.5, 2, 0.25], w = [1.5, 2, -0.25, 4], theta = 0.75"),
    ]
    cases = []
    for x, w, theta, about in examples:
        x, w = np.array(x), np.array(w)
        variants = {"forgot_bias": _net_input(x, w, 0.0), "bias_sign": _net_input(x, w, -theta),
                    "bias_per_input": _net_input(x, w, len(x) * theta)}
        cases.append(Case((x, w, theta), _net_input(x, w, theta), about, variants=variants))
    return cases


@exercise(learner="misclassified_fraction", reread="'Exercise 2: the misclassified fraction'", hints=(
    "Compare the true and the predicted class tuple by tuple, count the tuples where they differ, and "
    "turn that count into a share of all the tuples: a number between 0 and 1.",
    "misclassified = (1/n) · #{k : ŷ_k ≠ y_k}",
    "wrong = y_pred ___ y_true      # True where a tuple is misclassified\n"
    "return np.___(wrong)",
), stand_in=lambda y_true, y_pred: float(np.mean(y_pred != y_true)))
def misclassified_fraction():
    """Check fn(y_true, y_pred) = (1/n) #{k : y_pred[k] != y_true[k]}, a fraction in [0, 1].

    y_true, y_pred: (n,) int arrays of class labels. Returns a number.
    """
    rng = np.random.default_rng(0)
    xor = np.array([0, 1, 1, 0])
    examples = [
        (xor, np.array([0, 1, 1, 1]), "when 1 of the 4 XOR tuples is wrong"),
        (xor, xor.copy(), "when every prediction is right (XOR, predicted perfectly)"),
        (xor, np.zeros(4, dtype=int), "when a network answers 0 for all 4 XOR tuples"),
        (rng.integers(0, 2, 20), rng.integers(0, 2, 20), "for 20 random labels"),
    ]
    cases = []
    for y_true, y_pred, about in examples:
        wrong = int(np.sum(y_true != y_pred))
        right = wrong / len(y_true)
        variants = {"count_not_fraction": float(wrong), "accuracy_not_misclassified": 1 - right,
                    "percent_not_fraction": 100 * right}
        cases.append(Case((y_true, y_pred), right, about, variants=variants))
    return cases
