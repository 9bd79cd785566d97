"""Checkers for the exercises of notebooks 03 (the forward pass) and 04 (the backward pass).

Every right answer comes from the package's own `Network`: its forward pass, its backward
pass and the changes `train_case` makes, on the textbook's worked example (Han & Kamber,
Example 9.1) and on small seeded random networks. The wrong answers of each case are the
same computation with one known mistake in it.
"""

import numpy as np

from ..activations import sigmoid
from ..losses import output_error as output_error_term
from ..network import Network
from ..notation import TEXTBOOK_LR, TEXTBOOK_T, TEXTBOOK_X, textbook_network
from ._core import AnyOf, Case, exercise
from .start import _net_input  # the net input of one unit, as 00 computes it

__all__ = ["unit_net_input", "forward", "output_error", "hidden_error", "weight_updates"]

# The textbook's worked example: units 1-3 inputs, 4-5 hidden, 6 output.
_X, _T, _LR = np.array(TEXTBOOK_X), np.array(TEXTBOOK_T), TEXTBOOK_LR


def _random_cases(sizes_list, seed: int):
    """(network, inputs X (n, n_in), targets T (n, n_out)) for each list of layer sizes."""
    rng = np.random.default_rng(seed)
    cases = []
    for k, sizes in enumerate(sizes_list):
        net = Network(sizes, init_range=(-1.0, 1.0), seed=seed + k)
        X = rng.uniform(-1.0, 1.0, (4, sizes[0]))
        T = rng.integers(0, 2, (4, sizes[-1])).astype(float)
        cases.append((net, X, T))
    return cases


@exercise(learner="net_input", reread="'The net input and output of one unit'", hints=(
    "Each input O_i reaches unit j through its own weight w_ij. Scale every input by its weight, "
    "add the results up, and add the unit's bias.",
    "I_j = Σ_i w_ij O_i + θ_j",
    "return np.sum(___ * ___) + ___      # or: ___ @ ___ + ___",
), answered_by=(Network.forward, Network.predict_proba))
def unit_net_input():
    """Check fn(O, w, theta) = sum_i w_ij O_i + theta_j for one unit j.

    O: (n_in,) outputs of the layer below; w: (n_in,) the weights w_ij into unit j;
    theta: the bias theta_j (a number). Returns a number.
    """
    net = textbook_network()
    _, outputs = net.forward(_X[None, :])
    units = [(_X, net.weights[0][:, c], float(net.biases[0][c]), f"for unit {j} of the textbook's example "
              "(x = (1, 0, 1))") for j, c in ((4, 0), (5, 1))]
    units.append((outputs[1][0], net.weights[1][:, 0], float(net.biases[1][0]),
                  "for unit 6 of the textbook's example (inputs O4, O5 from the hidden layer)"))
    rng = np.random.default_rng(3)
    units.append((rng.uniform(0, 1, 5), rng.uniform(-1, 1, 5), -0.25, "for a unit with 5 inputs"))
    return [Case((O.copy(), w.copy(), theta), _net_input(O, w, theta), about,
                 variants={"forgot_bias": _net_input(O, w, 0.0), "bias_sign": _net_input(O, w, -theta),
                           "bias_per_input": _net_input(O, w, len(O) * theta),
                           "output_for_net_input": float(sigmoid(_net_input(O, w, theta)))})
            for O, w, theta, about in units]


@exercise(learner="forward", reread="'A whole layer, many tuples: the matrix form'", hints=(
    "Start from the inputs. Each layer takes the outputs of the layer below, computes the net inputs of "
    "all its units at once, squashes them with the sigmoid, and hands them up. Keep every layer's outputs.",
    "I = O_below @ W + θ (row t, column j: Σ_i O_ti w_ij + θ_j), then O = 1 / (1 + e^(−I)); "
    "return [X, O_1, ..., O_L].",
    "outputs = [X]\n"
    "for W, theta in zip(weights, biases):\n"
    "    I = outputs[-1] @ ___ + ___\n"
    "    outputs.append(___)\n"
    "return outputs",
), stand_in=lambda X, weights, biases: _forward(X, weights, biases),
   answered_by=(Network.forward, Network.predict_proba))
def forward():
    """Check fn(X, weights, biases) returns the outputs of every layer, X itself first.

    X: (n, n_in), one row per tuple; weights[k]: (n_k, n_{k+1}); biases[k]: (n_{k+1},).
    Returns a list [X, O of layer 1, ..., O of the output layer], each (n, n_k).
    """
    setups = [(textbook_network(), _X[None, :], "for the textbook's example (one tuple x = (1, 0, 1))")]
    for net, X, _ in _random_cases([[2, 3, 1], [4, 5, 3, 2], [3, 1], [2, 2, 2]], seed=11):
        setups.append((net, X, f"for a random {'-'.join(map(str, net.layer_sizes))} network and 4 tuples"))
    cases = []
    for net, X, about in setups:
        variants = {
            "net_input_for_output": _forward(X, net.weights, net.biases, squash=lambda I: I),
            "forgot_bias": _forward(X, net.weights, [0 * b for b in net.biases]),
            "bias_sign": _forward(X, net.weights, [-b for b in net.biases]),
            "exponent_sign": _forward(X, net.weights, net.biases, squash=lambda I: sigmoid(-I)),
            "squashed_inputs": AnyOf([sigmoid(X)] + _forward(X, net.weights, net.biases)[1:],
                                     _forward(sigmoid(X), net.weights, net.biases)),
        }
        cases.append(Case((X, _copy(net.weights), _copy(net.biases)), net.forward(X)[1], about,
                          variants=variants, names=[f"outputs[{k}]" for k in range(len(net.weights) + 1)]))
    return cases


def _forward(X, weights, biases, squash=sigmoid) -> list:
    """The forward pass with a mistake in it (in the biases given, or in `squash`)."""
    outputs = [X]
    for W, theta in zip(weights, biases):
        outputs.append(squash(outputs[-1] @ W + theta))
    return outputs


@exercise(learner="output_error", reread="'The error term of an output unit'", hints=(
    "An output unit's error term is how much, and in which direction, its net input should change: "
    "the miss (target minus output) scaled by how steep the sigmoid is at this output.",
    "Err_j = O_j (1 − O_j) (T_j − O_j)",
    "return ___ * (1 - ___) * (___ - ___)      # arrays: every unit and tuple at once",
), answered_by=(output_error_term,))
def output_error():
    """Check fn(O, T) = O (1 - O) (T - O), the error of output units, elementwise.

    O, T: arrays of the same shape, (n_out,) or (n, n_out). Returns that shape.
    """
    net = textbook_network()
    _, outputs = net.forward(_X[None, :])
    pairs = [(outputs[-1][0], _T.copy(), "for unit 6 of the textbook's example (O6 = 0.4739, T6 = 1)")]
    for net, X, T in _random_cases([[2, 3, 1], [3, 4, 3]], seed=21):
        pairs.append((net.forward(X)[1][-1], T, f"for {T.shape[0]} tuples and {T.shape[1]} output unit(s) at "
                                                f"once (arrays of shape {T.shape})"))
    return [Case((O, T), output_error_term("mse", O, T), about,
                 variants={"forgot_slope": T - O, "wrong_sign": O * (1 - O) * (O - T), "slope_only": O * (1 - O),
                           "slope_half": O * (T - O), "slope_of_net_input": _slope_of(O) * (T - O)})
            for O, T, about in pairs]


@exercise(learner="hidden_error", reread="'The error term of a hidden unit'", hints=(
    "A hidden unit has no target. Its error term collects the error terms of the units it feeds, each "
    "weighted by the connection to it, and scales the sum by the sigmoid's slope at the hidden unit.",
    "Err_j = O_j (1 − O_j) Σ_k Err_k w_jk; row j of W_next holds the w_jk of unit j.",
    "weighted = W_next @ ___      # one sum over k for each hidden unit j\n"
    "return ___ * (1 - ___) * weighted",
), answered_by=(Network.backward,))
def hidden_error():
    """Check fn(O, Err_next, W_next) = O (1 - O) (W_next @ Err_next).

    O: (n_h,) outputs of the hidden layer; Err_next: (n_k,) errors of the layer above;
    W_next: (n_h, n_k) the weights w_jk from the hidden layer to the layer above. Returns (n_h,).
    """
    net = textbook_network()
    _, outputs = net.forward(_X[None, :])
    errors = net.backward(outputs, _T[None, :])
    setups = [(outputs[1][0], errors[1][0], net.weights[1], errors[0][0],
               "for units 4 and 5 of the textbook's example (Err6 = 0.1312)")]
    for net, X, T in _random_cases([[2, 3, 2], [3, 4, 3, 2], [2, 3, 3]], seed=31):
        _, outputs = net.forward(X)
        errors = net.backward(outputs, T)
        k = len(net.weights) - 1  # the last hidden layer: O = outputs[k], above it errors[k]
        setups.append((outputs[k][0], errors[k][0], net.weights[k], errors[k - 1][0],
                       f"for a hidden layer of {net.layer_sizes[k]} units below {net.layer_sizes[k + 1]} units "
                       f"(W_next of shape {net.weights[k].shape})"))
    cases = []
    for O, Err, W, right, about in setups:
        weighted = W @ Err
        variants = {"forgot_slope": weighted, "slope_half": O * weighted, "slope_of_net_input": _slope_of(O) * weighted,
                    "wrong_sign": -right}
        if W.shape[0] == W.shape[1]:
            variants["transposed"] = O * (1 - O) * (W.T @ Err)
        cases.append(Case((O, Err, W.copy()), right, about, variants=variants))
    return cases


@exercise(learner="weight_updates", reread="'Updating the weights and biases'", hints=(
    "A weight changes in proportion to the error term of the unit it feeds and to the output of the unit it "
    "comes from; the learning rate sets the step. A bias is a weight whose input is always 1.",
    "Δw_ij = l Err_j O_i (row i, column j) and Δθ_j = l Err_j",
    "dW = lr * np.outer(___, ___)      # shape (n_in, n_out)\n"
    "dtheta = ___\n"
    "return dW, dtheta",
), answered_by=(Network.train_case,))
def weight_updates():
    """Check fn(O_prev, Err, lr) = (dW, dtheta) with dW[i, j] = lr Err_j O_i, dtheta_j = lr Err_j.

    O_prev: (n_in,) outputs of the layer below; Err: (n_out,) errors of the layer above;
    lr: the learning rate l. dW: (n_in, n_out); dtheta: (n_out,).
    """
    setups = [(textbook_network(), _X, _T, _LR, "the textbook's example")]
    for net, X, T in _random_cases([[3, 4, 2], [2, 2, 2]], seed=41):
        setups.append((net, X[0], T[0], 0.5, f"a random {'-'.join(map(str, net.layer_sizes))} network with l = 0.5"))
    cases = []
    for net, x, t, lr, name in setups:
        trace = net.copy().train_case(x, t, lr)
        for k in reversed(range(len(net.weights))):
            O, Err = trace.outputs[k], trace.errors[k]
            change = (trace.weights_after[k] - trace.weights_before[k], trace.biases_after[k] - trace.biases_before[k])
            dW, dtheta = change
            variants = {"forgot_rate": (dW / lr, dtheta / lr), "update_subtracted": (-dW, -dtheta),
                        "outer_reversed": (dW.T, dtheta), "forgot_bias_update": (dW, 0 * dtheta)}
            cases.append(Case((O.copy(), Err.copy(), lr), change, f"for the weights into layer {k + 1} of {name}",
                              variants=variants, names=("dW", "dtheta")))
    return cases


def _slope_of(O):
    """The sigmoid's slope computed as if O were a net input, sigmoid(O) (1 - sigmoid(O)): the
    slope at the wrong place (the slope at the output O is O (1 - O))."""
    return sigmoid(O) * (1 - sigmoid(O))


def _copy(arrays) -> list:
    return [a.copy() for a in arrays]
