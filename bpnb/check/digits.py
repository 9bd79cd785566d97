"""Checkers for the exercises of notebook 08, the digits capstone.

The right answers come from the package: `data.one_hot`, the rule argmax O = y, the pixel
layout of the images (row by row), and `Network.fit` for one epoch of mini-batches. The
wrong answers of each case are the same computation with one known mistake in it.
"""


import numpy as np

from ..activations import sigmoid
from ..data import load, one_hot
from ..network import Network
from ._core import Case, exercise

__all__ = ["one_hot_targets", "train_epoch", "accuracy_from_outputs", "hidden_unit_image"]


# --- one-hot targets ---------------------------------------------------------------------

@exercise(learner="one_hot_targets", reread="'Ten output units and one-hot targets'", hints=(
    "Every tuple gets a row and every class a column, whether or not that class occurs in y. A row is all "
    "zeros except for a single 1, in the column of the tuple's own label.",
    "T[t, j] = 1 if y_t = j, else 0, for t = 0 … n − 1 and j = 0 … n_classes − 1; T has shape (n, n_classes).",
    "T = np.zeros((___, ___))\n"
    "T[np.arange(len(y)), ___] = 1.0      # row t, column y[t]\n"
    "return T",
), answered_by=(one_hot,))
def one_hot_targets():
    """Check fn(y, n_classes): labels y (n,) -> targets (n, n_classes), a 1 in column y[t] of row t."""
    examples = [
        ([1, 2, 0, 1], 3, "for y = [1, 2, 0, 1] and 3 classes"),
        ([3, 0, 9, 7, 3], 10, "for five digit labels [3, 0, 9, 7, 3] and 10 classes"),
        ([1, 1], 4, "for y = [1, 1] and 4 classes (classes 0, 2 and 3 do not occur, but still get a column)"),
        ([0, 2, 2], 5, "for y = [0, 2, 2] and 5 classes (classes 1, 3 and 4 do not occur)"),
    ]
    cases = []
    for labels, n_classes, about in examples:
        y = np.array(labels)
        right = one_hot(y, n_classes)
        variants = {"targets_transposed": right.T}
        if y.max() + 1 != n_classes:
            variants["classes_from_labels"] = one_hot(y, int(y.max()) + 1)
        cases.append(Case((y, n_classes), right, about, variants=variants))
    return cases


# --- one epoch of mini-batches -------------------------------------------------------------

def _fit_one_epoch(weights, biases, X, T, lr, b, seed):
    """What `Network.fit` does in one epoch of mini-batches of b tuples, cross-entropy (seed None:
    in the data's order)."""
    net = Network.from_weights(weights, biases)
    net.fit(X, T, lr=lr, epochs=1, update=b, loss="cross_entropy", shuffle_seed=seed)
    return net.weights, net.biases


def _epoch_in_order(weights, biases, X, T, lr, b, rng):
    """`_fit_one_epoch` with the order drawn from a generator, rng.permutation(n), as the learner's is."""
    order = rng.permutation(len(X))
    return _fit_one_epoch(weights, biases, X[order], T[order], lr, b, None)


def _epoch_with(mistake, weights, biases, X, T, lr, b, seed):
    """One epoch of mini-batches with one known mistake in it (a key of MISCONCEPTIONS)."""
    weights, biases = [W.copy() for W in weights], [theta.copy() for theta in biases]
    rng, n = np.random.default_rng(seed), len(X)
    order = np.arange(n) if mistake == "not_shuffled" else rng.permutation(n)
    order_T = rng.permutation(n) if mistake == "shuffled_apart" else order
    step = {"forgot_rate": 1.0, "update_subtracted": -lr}.get(mistake, lr)
    for start in range(0, n, b):
        rows, rows_T = order[start:start + b], order_T[start:start + b]
        outputs = [X[rows]]
        for W, theta in zip(weights, biases):
            outputs.append(sigmoid(outputs[-1] @ W + theta))
        scale = step / len(rows) if mistake == "mean_not_sum" else step
        Err = T[rows_T] - outputs[-1]  # cross-entropy's error term of the output units
        for k in reversed(range(len(weights))):
            W_before = weights[k].copy()
            weights[k] = weights[k] + scale * outputs[k].T @ Err
            if mistake != "forgot_bias_update":
                biases[k] = biases[k] + scale * Err.sum(axis=0)
            if k:  # the error terms of the layer below, through the weights before (or after) the update
                W_used = weights[k] if mistake == "weights_after_update" else W_before
                Err = outputs[k] * (1 - outputs[k]) * (Err @ W_used.T)
    return weights, biases


_EPOCH_MISTAKES = ("not_shuffled", "shuffled_apart", "mean_not_sum", "weights_after_update",
                   "forgot_bias_update", "update_subtracted", "forgot_rate")


@exercise(learner="train_epoch", reread="'Your own trainer: one epoch of mini-batches'", hints=(
    "Draw one new order of all the tuples from rng, and use that same order for the inputs and for the "
    "targets. Walk through it b tuples at a time. For each batch: the forward pass, the backward pass and the "
    "summed updates, all with the weights as they are now; then add the updates, before the next batch. "
    "Work on copies of the weights, and return them.",
    "order = rng.permutation(n); batch B = the next b tuples of the order (the last may be shorter);\n"
    "O = forward(X[B]), Err = backward_batch(W, O, T[B]) (output units: Err_j = T_j − O_j);\n"
    "for every layer: W ← W + l O_belowᵀ Err and θ ← θ + l Σ_tuples Err (a sum over B, no division).",
    "weights = [W.copy() for W in weights]\n"
    "biases = [theta.copy() for theta in biases]\n"
    "order = rng.___(len(X))\n"
    "for start in range(0, len(X), ___):\n"
    "    rows = order[___]\n"
    "    outputs = forward(X[rows], weights, biases)\n"
    "    errors = backward_batch(weights, outputs, ___)\n"
    "    for k in range(len(weights)):\n"
    "        dW, dtheta = summed_update(outputs[___], errors[___], lr)\n"
    "        weights[k] = ___\n"
    "        biases[k] = ___\n"
    "return weights, biases",
), stand_in=_epoch_in_order, answered_by=(Network.fit,))
def train_epoch():
    """Check fn(weights, biases, X, T, lr, batch_size, rng) -> (new weights, new biases):
    one epoch of mini-batches with cross-entropy, in the order rng.permutation(n), equal
    to what `Network.fit(X, T, lr=lr, epochs=1, update=batch_size, loss="cross_entropy",
    shuffle_seed=seed)` does when rng is np.random.default_rng(seed).

    weights[k]: (n_k, n_{k+1}); biases[k]: (n_{k+1},); X: (n, n_in); T: (n, n_out). The
    arguments stay as they were; only rng advances.
    """
    rng = np.random.default_rng(81)
    setups = []
    for sizes, n, b, lr, seed, about in (
        ([2, 3, 2], 6, 2, 0.5, 3, "for a 2-3-2 network, 6 tuples in batches of 2, l = 0.5"),
        ([3, 4, 2], 10, 4, 0.3, 5, "for a 3-4-2 network, 10 tuples in batches of 4 (the last batch has 2), "
                                   "l = 0.3"),
        ([2, 3, 3, 2], 9, 3, 0.5, 7, "for a 2-3-3-2 network (two hidden layers), 9 tuples in batches of 3, "
                                     "l = 0.5"),
        ([2, 3, 1], 5, 5, 0.5, 9, "for a 2-3-1 network, 5 tuples in one batch of 5, l = 0.5"),
        ([2, 2, 1], 4, 1, 0.5, 11, "for a 2-2-1 network, 4 tuples in batches of 1, l = 0.5"),
    ):
        net = Network(sizes, init_range=(-1.0, 1.0), seed=seed)
        X = rng.uniform(0.0, 1.0, (n, sizes[0]))
        T = rng.integers(0, 2, (n, sizes[-1])).astype(float)
        setups.append((net.weights, net.biases, X, T, lr, b, seed, about))
    digits = load("digits")
    net = Network([64, 8, 10], seed=13)
    setups.append((net.weights, net.biases, digits.X[:20] / 16, one_hot(digits.y[:20], 10), 0.1, 8, 13,
                   "for 20 digit images, a 64-8-10 network, batches of 8 (the last has 4), l = 0.1"))
    cases = []
    for weights, biases, X, T, lr, b, seed, about in setups:
        right = _fit_one_epoch(weights, biases, X, T, lr, b, seed)
        variants = {}
        for mistake in _EPOCH_MISTAKES:
            wrong = _epoch_with(mistake, weights, biases, X, T, lr, b, seed)
            if not _same(wrong, right):
                variants[mistake] = wrong
        args = ([W.copy() for W in weights], [theta.copy() for theta in biases], X.copy(), T.copy(), lr, b,
                np.random.default_rng(seed))
        cases.append(Case(args, right, about + f", rng = default_rng({seed})", variants=variants,
                          names=("weights", "biases"), rtol=1e-9, atol=1e-12))
    return cases


def _same(a, b) -> bool:
    """Whether two (weights, biases) pairs are equal to rounding."""
    return all(np.allclose(x, y, rtol=1e-9, atol=1e-12) for part_a, part_b in zip(a, b)
               for x, y in zip(part_a, part_b))


# --- accuracy ----------------------------------------------------------------------------

@exercise(learner="accuracy_from_outputs", reread="'From ten outputs to one prediction'", hints=(
    "Each row of O is one tuple. Its prediction is the output unit with the largest output in that row. "
    "Compare each tuple's prediction with its label, and give the share of the tuples that are right.",
    "ŷ_t = argmax_j O_tj (the largest output in row t); accuracy = (1/n) · #{t : ŷ_t = y_t}, a fraction in "
    "[0, 1].",
    "predicted = np.argmax(O, axis=___)      # one column number per row: shape (n,)\n"
    "return np.mean(___ == ___)",
), stand_in=lambda O, y: float(np.mean(np.argmax(O, axis=1) == y)))
def accuracy_from_outputs():
    """Check fn(O, y): outputs O (n, n_out) and labels y (n,) -> the fraction of tuples whose
    largest output is the unit of their class."""
    O_small = np.array([[0.9, 0.2, 0.1], [0.3, 0.4, 0.8], [0.1, 0.7, 0.2], [0.6, 0.5, 0.1]])
    y_small = np.array([0, 2, 0, 0])
    rng = np.random.default_rng(8)
    O_random = rng.uniform(0, 1, (40, 10))
    y_random = rng.integers(0, 10, 40)
    y_random[:12] = np.argmax(O_random[:12], axis=1)  # some right, most wrong
    examples = [
        (O_small, y_small, "for 4 tuples and 3 output units (O of shape (4, 3): one row, and one prediction, "
                           "per tuple; rows 1, 2 and 4 right, row 3 wrong)"),
        (O_small[[0, 1]], y_small[[0, 1]], "for 2 tuples that are both right"),
        (O_random, y_random, "for 40 tuples and 10 output units"),
    ]
    cases = []
    for O, y, about in examples:
        right = np.argmax(O, axis=1) == y
        variants = {"count_not_fraction": int(right.sum()), "misclassified_not_accuracy": float(1 - right.mean()),
                    "percent_not_fraction": 100 * float(right.mean()),
                    "argmax_without_axis": float(np.mean(np.argmax(O) == y)),
                    "largest_output_not_its_unit": float(np.mean(O.max(axis=1) == y))}
        cases.append(Case((O.copy(), y.copy()), float(right.mean()), about, variants=variants))
    return cases


# --- a hidden unit's weights as an image ----------------------------------------------------

@exercise(learner="hidden_unit_image", reread="'What the hidden units learned'", hints=(
    "Hidden unit j receives one weight from every input pixel: those 64 weights are one column of W, the "
    "column of unit j. Lay them out like the pixels of an image, row by row.",
    "image[r, c] = w_ij for pixel i = 8 r + c (row r = i // 8, column c = i % 8); the w_ij of unit j are "
    "W[i, j], i = 0 … 63.",
    "weights_of_j = W[___, ___]      # 64 numbers\n"
    "return weights_of_j.reshape(___, ___)",
), stand_in=lambda W, j: W[:, j].reshape(8, 8))
def hidden_unit_image():
    """Check fn(W, j): the incoming weights of hidden unit j, W[:, j] (64,), as an (8, 8) image,
    row by row like the pixels."""
    W_square = 100.0 * np.arange(64)[:, None] + np.arange(64)[None, :]  # w_ij = 100 i + j
    W_three = W_square[:, :3].copy()
    W_random = np.random.default_rng(8).uniform(-1, 1, (64, 32))
    examples = [
        (W_square, 5, "for a 64 x 64 weight matrix with w_ij = 100 i + j (each weight tells its i and j), unit "
                      "j = 5"),
        (W_three, 2, "for a 64 x 3 weight matrix with w_ij = 100 i + j, unit j = 2"),
        (W_random, 31, "for a random 64 x 32 weight matrix, unit j = 31"),
    ]
    cases = []
    for W, j, about in examples:
        right = W[:, j].reshape(8, 8)
        variants = {"image_transposed": right.T}
        if W.shape[1] == 64:
            variants["row_not_column"] = W[j].reshape(8, 8)
        cases.append(Case((W.copy(), j), right, about, variants=variants))
    return cases
