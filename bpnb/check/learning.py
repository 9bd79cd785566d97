"""Checkers for the exercises of notebook 02: training one neuron.

Each right answer comes from the package's own code: the error term from
`bpnb.losses.output_error`, updates from `Network.train_case` and `Network.fit` on a
network of one sigmoid unit (a single neuron is `Network([n_in, 1])`). The wrong answers
of each case are the same computation with one known mistake in it.
"""

import numpy as np

from ..activations import sigmoid
from ..losses import output_error
from ..network import Network
from ..notation import BOOLEAN_INPUTS
from ._core import Case, exercise

__all__ = ["neuron_error_term", "neuron_case_update", "neuron_case_epoch"]

_AND_X = np.array(BOOLEAN_INPUTS, dtype=float)


def _neuron(w, theta) -> Network:
    """One sigmoid unit with weights w (n_in,) and bias theta, as a Network."""
    return Network.from_weights([np.asarray(w, float)[:, None]], [np.array([float(theta)])])


def _err(O, T):
    """Err = O (1 - O) (T - O), from the package's squared error."""
    return output_error("mse", np.asarray(O, float), np.asarray(T, float))


@exercise(learner="neuron_error_term", reread="'3 · The chain rule gives the slope'", hints=(
    "The error term says how much, and in which direction, the neuron's net input should change: the miss "
    "(target minus output) scaled by how steep the sigmoid is at this output.",
    "Err = O (1 − O) (T − O)",
    "return ___ * (1 - ___) * (___ - ___)",
), answered_by=(output_error,))
def neuron_error_term():
    """Check fn(O, T) = O (1 - O) (T - O), the error term Err of a sigmoid output unit.

    O, T: numbers, or arrays of the same shape. Returns a number or that shape.
    """
    O = np.array([0.05, 0.3, 0.5, 0.7, 0.99])
    T = np.array([1.0, 0.0, 1.0, 1.0, 0.0])
    examples = [
        (0.8, 1.0, "for O = 0.8, T = 1"),
        (0.8, 0.0, "for O = 0.8, T = 0 (the output should go down)"),
        (0.5, 0.5, "for O = T = 0.5 (nothing to correct)"),
        (O, T, "for arrays O = [0.05, 0.3, 0.5, 0.7, 0.99], T = [1, 0, 1, 1, 0]"),
    ]
    cases = []
    for O, T, about in examples:
        right = _err(O, T)
        right = float(right) if np.ndim(O) == 0 else right
        variants = {"forgot_slope": np.subtract(T, O), "wrong_sign": -right, "slope_only": np.multiply(O, 1 - O)}
        cases.append(Case((O, T), right, about, variants=variants))
    return cases


@exercise(learner="neuron_case_update", reread="'4 · One update by hand'", hints=(
    "Go forward, then back. Compute the neuron's net input and output for this tuple, then its error term; "
    "each weight moves by the learning rate times the error term times its input, and the bias moves like a "
    "weight whose input is always 1. Return the new weight and bias, not the changes.",
    "I = Σ_i w_i x_i + θ,  O = 1 / (1 + e^(−I)),  Err = O (1 − O)(T − O);  "
    "w_i + l Err x_i  and  θ + l Err",
    "I = np.dot(___, ___) + ___\n"
    "O = ___\n"
    "err = ___\n"
    "return w + ___, theta + ___",
), answered_by=(Network.train_case,))
def neuron_case_update():
    """Check fn(w, theta, x, t, l) = (new w, new theta) after one case update of one neuron.

    w, x: (n_in,) arrays; theta, t, l: numbers. Returns the pair (new w (n_in,), new theta).
    """
    examples = [
        ([0.2, -0.3], 0.1, [1.0, 1.0], 1.0, 0.9, "for w = [0.2, -0.3], theta = 0.1, x = [1, 1], t = 1, l = 0.9"),
        ([0.5, 0.4], -0.2, [0.0, 1.0], 0.0, 0.5, "for w = [0.5, 0.4], theta = -0.2, x = [0, 1], t = 0, l = 0.5"),
        ([1.5, -2.0, 0.3], 0.7, [0.2, -1.0, 2.0], 1.0, 2.0,
         "for three inputs, w = [1.5, -2, 0.3], theta = 0.7, x = [0.2, -1, 2], t = 1, l = 2"),
    ]
    cases = []
    for w, theta, x, t, l, about in examples:
        w, x = np.array(w), np.array(x)
        trace = _neuron(w, theta).train_case(x, t, l)
        right = (trace.weights_after[0][:, 0].copy(), float(trace.biases_after[0][0]))
        cases.append(Case((w, float(theta), x, float(t), float(l)), right, about,
                          variants=_update_mistakes(w, theta, x, t, l, trace), names=("new w", "new theta")))
    return cases


def _update_mistakes(w, theta, x, t, l, trace) -> dict:
    """The new (w, theta) that each known mistake gives for one case update (trace: the right one)."""
    dw, dtheta = trace.weights_after[0][:, 0] - w, float(trace.biases_after[0][0]) - theta
    I, O = float(trace.net_inputs[0][0]), float(trace.outputs[1][0])

    def updated(err):  # the update with another error term
        return w + l * err * x, theta + l * err

    return {
        "forgot_rate": (w + dw / l, theta + dtheta / l),
        "update_subtracted": (w - dw, theta - dtheta),
        "forgot_bias_update": (w + dw, theta),
        "change_not_new": (dw, dtheta),
        "forgot_slope": updated(t - O),
        "net_input_for_output": updated(float(_err(I, t))),  # O taken to be I, unsquashed
        "forgot_bias": updated(float(_err(sigmoid(I - theta), t))),  # I without theta
        "swapped_pair": (theta + dtheta, w + dw),
    }


@exercise(learner="neuron_case_epoch", reread="'5 · Case updating: an update after every tuple'", hints=(
    "Case updating visits the tuples in order and updates the weights after each one, so the next tuple "
    "already sees the new weights. Your one-tuple update from Exercise 2 does each step: carry its result "
    "on from one tuple to the next.",
    "for each tuple (x, T), in order:  w_i ← w_i + l Err x_i,  θ ← θ + l Err,  with Err computed from the "
    "weights the previous tuple left",
    "for x, t in zip(___, ___):\n"
    "    w, theta = neuron_case_update(___, ___, ___, ___, ___)\n"
    "return ___",
), answered_by=(Network.train_case, Network.fit))
def neuron_case_epoch():
    """Check fn(w, theta, X, T, l) = (w, theta) after one epoch of case updating: one case update
    per tuple, in the order of the rows of X.

    w: (n_in,); theta, l: numbers; X: (n, n_in); T: (n,). Returns the pair (w (n_in,), theta).
    """
    examples = [
        ([0.2, -0.3], 0.1, _AND_X, [0, 0, 0, 1], 0.9, "for the AND table with w = [0.2, -0.3], theta = 0.1, l = 0.9"),
        ([-0.4, 0.3], 0.0, _AND_X, [0, 1, 1, 1], 5.0, "for the OR table with w = [-0.4, 0.3], theta = 0, l = 5"),
        ([0.1, 0.2], -0.1, _AND_X[::-1], [1, 0, 0, 0], 2.0,
         "for the AND table in reverse order with w = [0.1, 0.2], theta = -0.1, l = 2"),
    ]
    cases = []
    for w, theta, X, T, l, about in examples:
        w, X, T = np.array(w), X.copy(), np.array(T, float)
        last = _neuron(w, theta)
        last.train_case(X[-1], T[-1], l)
        variants = {
            "epoch_not_case": _after_epoch(w, theta, X, T, l, "epoch"),
            "last_tuple_only": _parameters(last),
            "forgot_rate": _after_epoch(w, theta, X, T, 1.0, "case"),
        }
        cases.append(Case((w, float(theta), X, T, float(l)), _after_epoch(w, theta, X, T, l, "case"), about,
                          variants=variants, names=("w", "theta")))
    return cases


def _after_epoch(w, theta, X, T, l, update) -> tuple:
    """(w, theta) of a neuron after one epoch of fit with the given update mode."""
    net = _neuron(w, theta)
    net.fit(X, T, lr=l, epochs=1, update=update)
    return _parameters(net)


def _parameters(net: Network) -> tuple:
    return net.weights[0][:, 0].copy(), float(net.biases[0][0])
