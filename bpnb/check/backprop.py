"""Checkers for the exercises of notebooks 03 (the forward pass) and 04 (the backward pass).

Every expected answer comes from the package's own `Network`: its forward pass, its
backward pass and the changes `train_case` makes, on the textbook's worked example
(Han & Kamber, Example 9.1) and on small seeded random networks.
"""

import numpy as np

from ..network import Network
from ._core import Case, check_cases

__all__ = ["unit_net_input", "forward", "output_error", "hidden_error", "weight_updates"]

# The textbook's worked example: units 1-3 inputs, 4-5 hidden, 6 output.
_X = np.array([1.0, 0.0, 1.0])
_T = np.array([1.0])
_LR = 0.9


def _textbook() -> Network:
    W1 = np.array([[0.2, -0.3], [0.4, 0.1], [-0.5, 0.2]])
    W2 = np.array([[-0.3], [-0.2]])
    return Network.from_weights([W1, W2], [np.array([-0.4, 0.2]), np.array([0.1])])


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


def unit_net_input(fn) -> None:
    """Check fn(O, w, theta) = sum_i w_ij O_i + theta_j for one unit j.

    O: (n_in,) outputs of the layer below; w: (n_in,) the weights w_ij into unit j;
    theta: the bias theta_j (a number).
    """
    net = _textbook()
    _, outputs = net.forward(_X[None, :])
    cases = []
    for j, column in ((4, 0), (5, 1)):
        w, theta = net.weights[0][:, column], float(net.biases[0][column])
        cases.append(Case((_X.copy(), w.copy(), theta), _expected_net_input(_X, w, theta),
                          f"for unit {j} of the textbook's example (x = (1, 0, 1))"))
    O_hidden = outputs[1][0]
    w6, theta6 = net.weights[1][:, 0], float(net.biases[1][0])
    cases.append(Case((O_hidden, w6.copy(), theta6), _expected_net_input(O_hidden, w6, theta6),
                      "for unit 6 of the textbook's example (inputs O4, O5 from the hidden layer)"))
    rng = np.random.default_rng(3)
    O, w = rng.uniform(0, 1, 5), rng.uniform(-1, 1, 5)
    cases.append(Case((O, w, -0.25), _expected_net_input(O, w, -0.25), "for a unit with 5 inputs"))
    check_cases(fn, "net_input", cases,
                "I_j = sum_i w_ij O_i + theta_j: multiply O and w elementwise, add them up, "
                "then add theta (np.sum(w * O) + theta, or w @ O + theta).")


def _expected_net_input(O, w, theta) -> float:
    """I_j of a one-unit layer, from the package's forward pass."""
    unit = Network.from_weights([np.asarray(w, float)[:, None]], [np.array([theta], float)])
    return float(unit.forward(np.asarray(O, float)[None, :])[0][0][0, 0])


def forward(fn) -> None:
    """Check fn(X, weights, biases) returns the outputs of every layer, X itself first.

    X: (n, n_in), one row per tuple; weights[k]: (n_k, n_{k+1}); biases[k]: (n_{k+1},).
    Returns a list [X, O of layer 1, ..., O of the output layer], each (n, n_k).
    """
    net = _textbook()
    cases = [Case((_X[None, :], _copy(net.weights), _copy(net.biases)), net.forward(_X[None, :])[1],
                  "for the textbook's example (one tuple x = (1, 0, 1))")]
    for net, X, _ in _random_cases([[2, 3, 1], [4, 5, 3, 2], [3, 1]], seed=11):
        cases.append(Case((X, _copy(net.weights), _copy(net.biases)), net.forward(X)[1],
                          f"for a random {'-'.join(map(str, net.layer_sizes))} network and 4 tuples"))
    check_cases(fn, "forward", cases,
                "start with outputs = [X]; for each W, theta: I = outputs[-1] @ W + theta, append "
                "1 / (1 + np.exp(-I)); return the whole list (X first, one array per layer).")


def output_error(fn) -> None:
    """Check fn(O, T) = O (1 - O) (T - O), the error of output units, elementwise."""
    net = _textbook()
    _, outputs = net.forward(_X[None, :])
    cases = [Case((outputs[-1][0], _T.copy()), net.backward(outputs, _T[None, :])[-1][0],
                  "for unit 6 of the textbook's example (O6 = 0.4739, T6 = 1)")]
    for net, X, T in _random_cases([[2, 3, 1], [3, 4, 3]], seed=21):
        _, outputs = net.forward(X)
        cases.append(Case((outputs[-1], T), net.backward(outputs, T)[-1],
                          f"for {T.shape[0]} tuples and {T.shape[1]} output unit(s) at once (arrays of "
                          f"shape {T.shape})"))
    check_cases(fn, "output_error", cases,
                "Err_j = O_j (1 - O_j) (T_j - O_j); written with arrays it works for every unit "
                "and tuple at once: O * (1 - O) * (T - O). Mind the order T - O, not O - T.")


def hidden_error(fn) -> None:
    """Check fn(O, Err_next, W_next) = O (1 - O) (Err_next @ W_next.T).

    O: (n_h,) outputs of the hidden layer; Err_next: (n_k,) errors of the layer above;
    W_next: (n_h, n_k) the weights w_jk from the hidden layer to the layer above.
    """
    cases = []
    net = _textbook()
    _, outputs = net.forward(_X[None, :])
    errors = net.backward(outputs, _T[None, :])
    cases.append(Case((outputs[1][0], errors[1][0], net.weights[1].copy()), errors[0][0],
                      "for units 4 and 5 of the textbook's example (Err6 = 0.1312)"))
    for net, X, T in _random_cases([[2, 3, 2], [3, 4, 3, 2]], seed=31):
        _, outputs = net.forward(X)
        errors = net.backward(outputs, T)
        k = len(net.weights) - 1  # the last hidden layer: O = outputs[k], above it errors[k]
        cases.append(Case((outputs[k][0], errors[k][0], net.weights[k].copy()), errors[k - 1][0],
                          f"for a hidden layer of {net.layer_sizes[k]} units below "
                          f"{net.layer_sizes[k + 1]} units (W_next of shape {net.weights[k].shape})"))
    check_cases(fn, "hidden_error", cases,
                "Err_j = O_j (1 - O_j) sum_k Err_k w_jk. Row j of W_next holds the w_jk, so the "
                "sums for all j at once are W_next @ Err_next (or Err_next @ W_next.T); then "
                "multiply by O * (1 - O).")


def weight_updates(fn) -> None:
    """Check fn(O_prev, Err, lr) = (dW, dtheta) with dW[i, j] = lr Err_j O_i, dtheta_j = lr Err_j.

    O_prev: (n_in,) outputs of the layer below; Err: (n_out,) errors of the layer above;
    lr: the learning rate l. dW: (n_in, n_out); dtheta: (n_out,).
    """
    cases = []
    setups = [(_textbook(), _X, _T, _LR, "the textbook's example")]
    for net, X, T in _random_cases([[3, 4, 2]], seed=41):
        setups.append((net, X[0], T[0], 0.5, "a random 3-4-2 network with l = 0.5"))
    for net, x, t, lr, name in setups:
        trace = net.copy().train_case(x, t, lr)
        for l in reversed(range(len(net.weights))):
            change = (trace.weights_after[l] - trace.weights_before[l],
                      trace.biases_after[l] - trace.biases_before[l])
            cases.append(Case((trace.outputs[l].copy(), trace.errors[l].copy(), lr), change,
                              f"for the weights into layer {l + 1} of {name}"))
    check_cases(fn, "weight_updates", cases,
                "dw_ij = l Err_j O_i: row i is O_i, column j is Err_j, so dW = lr * np.outer(O_prev, "
                "Err) (shape (n_in, n_out)); dtheta = lr * Err. Return both: return dW, dtheta.")


def _copy(arrays) -> list:
    return [a.copy() for a in arrays]
