"""Checkers for the exercises of notebooks 05 (the training loop) and 06 (the matrix form
and deeper nets). Expected answers come from the package's own `Network` (its `fit`,
`forward`, `backward`, `gradients`, `n_parameters`) or, for the termination test, from
the rule the notebook states."""

import numpy as np

from ..network import Network
from ._core import Case, check_cases

__all__ = ["should_stop", "one_over_t", "epoch_updates", "backward_batch", "summed_update", "count_weights"]


# --- 05 · the training loop -----------------------------------------------------------

def _stop_rule(epoch, max_weight_change, misclassified, max_epochs, min_weight_change, max_misclassified):
    """The three termination conditions, as notebook 05 states them (and `Network.fit` applies)."""
    if min_weight_change is not None and max_weight_change < min_weight_change:
        return True
    if max_misclassified is not None and misclassified <= max_misclassified:
        return True
    return epoch >= max_epochs


def should_stop(fn) -> None:
    """Check fn(epoch, max_weight_change, misclassified, max_epochs, min_weight_change,
    max_misclassified) -> bool: stop when every |dw_ij| of the epoch was below
    min_weight_change, or the misclassified fraction is at most max_misclassified, or the
    epoch limit is reached. A threshold of None is not used."""
    examples = [
        ((3, 0.2, 0.5, 100, 0.01, 0.0), "in epoch 3 of 100, with large changes and half the tuples wrong"),
        ((50, 0.004, 0.25, 100, 0.01, None), "when the largest weight change 0.004 is below min_weight_change 0.01"),
        ((50, 0.01, 0.25, 100, 0.01, None), "when the largest weight change equals min_weight_change "
         "(0.01 is not below 0.01)"),
        ((50, 0.3, 0.0, 100, None, 0.0), "when no tuple is misclassified and max_misclassified is 0"),
        ((50, 0.3, 0.05, 100, None, 0.05), "when the misclassified fraction equals max_misclassified "
         "(0.05 is at most 0.05)"),
        ((50, 0.3, 0.25, 100, None, 0.05), "when 0.25 of the tuples are wrong and max_misclassified is 0.05"),
        ((100, 0.3, 0.25, 100, 0.01, 0.05), "in epoch 100 of 100 (the epoch limit)"),
        ((50, 0.0, 0.0, 100, None, None), "when both thresholds are None, in epoch 50 of 100"),
    ]
    cases = [Case(args, _stop_rule(*args), about) for args, about in examples]
    check_cases(fn, "should_stop", cases,
                "return True if (min_weight_change is not None and max_weight_change < min_weight_change) "
                "or (max_misclassified is not None and misclassified <= max_misclassified) "
                "or epoch >= max_epochs; otherwise False. Test a threshold for None before comparing.")


def _package_schedule(lr, epochs):
    """The learning rates `Network.fit(lr_schedule="1/t")` uses in epochs 1 .. epochs."""
    net = Network([1, 1], seed=0)
    history = net.fit(np.zeros((1, 1)), np.zeros((1, 1)), lr=lr, epochs=epochs, lr_schedule="1/t")
    return np.array(history.lr)


def one_over_t(fn) -> None:
    """Check fn(lr, epochs) -> (epochs,) array: the learning rate l / t of epochs t = 1 .. epochs."""
    examples = [(1.0, 5, "for l = 1 and 5 epochs"), (0.5, 1, "for l = 0.5 and a single epoch"),
                (4.0, 10, "for l = 4 and 10 epochs")]
    cases = [Case((lr, epochs), _package_schedule(lr, epochs), about) for lr, epochs, about in examples]
    check_cases(fn, "one_over_t", cases,
                "epochs are counted from t = 1, so the first rate is l itself: "
                "lr / np.arange(1, epochs + 1).")


def _package_epoch_updates(net, X, T, lr):
    """The summed updates of one epoch of epoch updating, from `Network.fit` on a copy."""
    after = net.copy()
    after.fit(X, T, lr=lr, epochs=1, update="epoch")
    dW = [a - b for a, b in zip(after.weights, net.weights)]
    dtheta = [a - b for a, b in zip(after.biases, net.biases)]
    return [dW, dtheta]


def epoch_updates(fn) -> None:
    """Check fn(net, X, T, lr) -> (dW, dtheta): the updates l Err_j O_i and l Err_j of every
    tuple, computed with the weights as they were at the start of the epoch and summed over
    the tuples; lists shaped like net.weights and net.biases. X: (n, n_in); T: (n, n_out)."""
    xor_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    xor_T = np.array([[0.0], [1.0], [1.0], [0.0]])
    rng = np.random.default_rng(5)
    X3, T3 = rng.uniform(-1, 1, (6, 3)), rng.integers(0, 2, (6, 2)).astype(float)
    examples = [
        (Network([2, 2, 1], seed=0), xor_X, xor_T, 0.5, "for a 2-2-1 network on the 4 XOR tuples, l = 0.5"),
        (Network([3, 4, 2], seed=1), X3, T3, 0.1, "for a 3-4-2 network on 6 tuples, l = 0.1"),
        (Network([2, 3, 3, 1], seed=2), xor_X[1:2], xor_T[1:2], 0.9,
         "for a 2-3-3-1 network on one tuple, l = 0.9"),
    ]
    cases = [Case((net, X, T, lr), _package_epoch_updates(net, X, T, lr), about)
             for net, X, T, lr, about in examples]
    check_cases(fn, "epoch_updates", cases,
                "start dW and dtheta at zeros; for each tuple x, t: _, O = net.forward(x[None, :]), "
                "Err = net.backward(O, t[None, :]), then add lr * O[k].T @ Err[k] to dW[k] and "
                "lr * Err[k][0] to dtheta[k] for every layer k. Do not change the network inside "
                "the loop: epoch updating applies the sum once, after the epoch.")


# --- 06 · the matrix form and deeper nets ---------------------------------------------

def backward_batch(fn) -> None:
    """Check fn(weights, outputs, T) -> [Err_1, ..., Err_L]: the errors of every non-input
    layer for a whole batch, with the squared error. weights[k]: (n_k, n_{k+1});
    outputs: [X, O_1, ..., O_L], O_k: (n, n_k); T: (n, n_L); Err_k: (n, n_k)."""
    textbook = Network.from_weights([np.array([[0.2, -0.3], [0.4, 0.1], [-0.5, 0.2]]), np.array([[-0.3], [-0.2]])],
                                    [np.array([-0.4, 0.2]), np.array([0.1])])
    rng = np.random.default_rng(6)
    examples = [
        (textbook, np.array([[1.0, 0.0, 1.0]]), np.array([[1.0]]),
         "for the textbook's network and its tuple (1, 0, 1)"),
        (textbook, np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 1.0], [0.5, -0.5, 0.0]]), np.array([[1.0], [0.0], [1.0]]),
         "for the textbook's network and a batch of 3 tuples"),
        (Network([2, 4, 3, 2], seed=3), rng.uniform(-1, 1, (5, 2)), rng.uniform(0, 1, (5, 2)),
         "for a 2-4-3-2 network and a batch of 5 tuples"),
    ]
    cases = []
    for net, X, T, about in examples:
        outputs = net.forward(X)[1]
        cases.append(Case(([w.copy() for w in net.weights], [O.copy() for O in outputs], T.copy()),
                          net.backward(outputs, T), about))
    check_cases(fn, "backward_batch", cases,
                "start with the output layer, errors = [O * (1 - O) * (T - O)] for O = outputs[-1]; then for "
                "k = L-1 down to 1 put O_k (1 - O_k) * (errors[0] @ weights[k].T) in front (errors.insert(0, ...)).")


def _package_summed_update(sizes, n, seed, lr):
    """Cases (O_below, Err, lr) -> (dW, dtheta) for every layer of a network, the expected
    answers from the package's gradients: dw_ij summed = -l dE/dw_ij."""
    rng = np.random.default_rng(seed)
    net = Network(sizes, seed=seed)
    X, T = rng.uniform(-1, 1, (n, sizes[0])), rng.integers(0, 2, (n, sizes[-1])).astype(float)
    _, outputs = net.forward(X)
    errors = net.backward(outputs, T)
    gW, gtheta = net.gradients(X, T)
    return [((outputs[k], errors[k], lr), [-lr * gW[k], -lr * gtheta[k]]) for k in range(len(net.weights))]


def summed_update(fn) -> None:
    """Check fn(O, Err, lr) -> (dW, dtheta): the updates of one layer summed over a batch,
    dW = l O.T @ Err (n_in, n_out) and dtheta = l * (Err summed over tuples) (n_out,).
    O: (n, n_in) outputs of the layer below; Err: (n, n_out) errors of the layer."""
    cases = []
    for sizes, n, seed, lr, what in [([3, 4, 2], 5, 0, 0.9, "a 3-4-2 network, 5 tuples, l = 0.9"),
                                     ([2, 3, 1], 1, 1, 0.5, "a 2-3-1 network, 1 tuple, l = 0.5")]:
        for k, (args, expected) in enumerate(_package_summed_update(sizes, n, seed, lr)):
            layer = "the hidden layer" if k == 0 else "the output layer"
            cases.append(Case(args, expected, f"for {layer} of {what}"))
    check_cases(fn, "summed_update", cases,
                "dW[i, j] = l * sum over tuples of O[:, i] * Err[:, j], which is lr * O.T @ Err; "
                "dtheta = lr * Err.sum(axis=0). Return both, dW first.")


def count_weights(fn) -> None:
    """Check fn(layer_sizes) -> int: the number w of weights and biases of a fully connected
    network, sum over layers of n_k * n_{k+1} + n_{k+1}."""
    examples = [([3, 2, 1], "for the textbook's 3-2-1 network"), ([2, 2, 1], "for a 2-2-1 network"),
                ([2, 8, 8, 1], "for a 2-8-8-1 network (two hidden layers)"),
                ([64, 30, 10], "for a 64-30-10 network"), ([5, 1], "for a single layer 5-1")]
    cases = [Case((list(sizes),), Network(sizes, seed=0).n_parameters, about) for sizes, about in examples]
    check_cases(fn, "count_weights", cases,
                "each pair of neighbouring layers n_k, n_{k+1} has n_k * n_{k+1} weights and "
                "n_{k+1} biases; add them up over all pairs (zip(sizes, sizes[1:])).")
