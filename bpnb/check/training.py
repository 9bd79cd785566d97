"""Checkers for the exercises of notebooks 05 (the training loop) and 06 (the matrix form
and deeper nets).

Every right answer comes from the package's own `Network` (its `fit`, `forward`, `backward`,
`gradients` and `n_parameters`) or, for the termination test, from the rule the notebook
states. The wrong answers of each case are the same computation with one known mistake in it.
"""

import numpy as np

from ..network import Network, stop_reason
from ..notation import BOOLEAN_INPUTS, TRUTH_TABLES, textbook_network
from ._core import AnyOf, Case, exercise

__all__ = ["should_stop", "one_over_t", "epoch_updates", "backward_batch", "summed_update", "count_weights"]

_XOR_X = np.array(BOOLEAN_INPUTS, dtype=float)
_XOR_T = np.array(TRUTH_TABLES["xor"], dtype=float)[:, None]


def _random_data(sizes, n: int, seed: int):
    """A network with these layer sizes, weights in (-1, 1), and n random tuples: (net, X, T)."""
    rng = np.random.default_rng(seed)
    net = Network(sizes, init_range=(-1.0, 1.0), seed=seed)
    return net, rng.uniform(-1.0, 1.0, (n, sizes[0])), rng.integers(0, 2, (n, sizes[-1])).astype(float)


# --- 05 · the training loop -----------------------------------------------------------

def _stop(epoch, change, wrong, max_epochs, min_change, max_wrong, *, lt=False, le=False, late=False,
          early=False, without=None, zero_is_off=False) -> bool:
    """The three termination conditions with one mistake: `lt` (< for at most), `le` (<= for
    below), `late`/`early` (the epoch limit one epoch off), `without` one condition ("change",
    "wrong" or "epochs"), `zero_is_off` (a threshold of 0 taken as None)."""
    if zero_is_off:
        min_change, max_wrong = min_change or None, max_wrong or None
    if without != "change" and min_change is not None and (change <= min_change if le else change < min_change):
        return True
    if without != "wrong" and max_wrong is not None and (wrong < max_wrong if lt else wrong <= max_wrong):
        return True
    if without == "epochs":
        return False
    return epoch > max_epochs if late else epoch + 1 >= max_epochs if early else epoch >= max_epochs


def _any_rule(args, rules) -> AnyOf:
    """The answers of the stop rule with each of the given mistakes in it."""
    return AnyOf(*(_stop(*args, **rule) for rule in rules))


_NONE_IS_OFF = "(None turns that test off: test a threshold for None before comparing with it)"


@exercise(learner="should_stop", reread="'When to stop: three termination conditions'", hints=(
    "Training stops as soon as any one of the three conditions holds: the weights hardly moved in the "
    "epoch, few enough tuples are misclassified, or the epochs are used up. A threshold that is None is "
    "switched off, so look at it before you compare anything with it.",
    "stop when  max |Δw_ij| < min_weight_change   or   misclassified ≤ max_misclassified   or   "
    "epoch ≥ max_epochs,  each threshold only when it is not None.",
    "if min_weight_change is not None and ___ < ___:\n"
    "    return True\n"
    "if ___ is not None and ___ <= ___:\n"
    "    return True\n"
    "return ___ >= ___",
), answered_by=(stop_reason,))
def should_stop():
    """Check fn(epoch, max_weight_change, misclassified, max_epochs, min_weight_change,
    max_misclassified) -> True or False: stop when the largest |dw_ij| of the epoch is below
    min_weight_change, or the misclassified fraction is at most max_misclassified, or epoch
    has reached max_epochs. A threshold of None is not used.
    """
    # The thresholds are all given first: a learner whose only trouble is None reaches the
    # cases that say so, and every other mistake shows before them.
    examples = [
        ((3, 0.2, 0.5, 100, 0.01, 0.05), "in epoch 3 of 100, with large weight changes and half the tuples wrong"),
        ((50, 0.004, 0.25, 100, 0.01, 0.05), "when the largest weight change, 0.004, is below min_weight_change 0.01"),
        ((50, 0.01, 0.25, 100, 0.01, 0.05), "when the largest weight change equals min_weight_change, 0.01 "
                                            "(it is not below it)"),
        ((50, 0.3, 0.02, 100, 0.01, 0.05), "when 0.02 of the tuples are misclassified and max_misclassified is 0.05"),
        ((50, 0.3, 0.05, 100, 0.01, 0.05), "when the misclassified fraction equals max_misclassified, 0.05 "
                                           "(it is at most 0.05)"),
        ((50, 0.3, 0.25, 100, 0.01, 0.05), "when 0.25 of the tuples are misclassified and max_misclassified is 0.05"),
        ((99, 0.3, 0.25, 100, 0.01, 0.05), "in epoch 99 of 100 (one epoch still to go)"),
        ((100, 0.3, 0.25, 100, 0.01, 0.05), "in epoch 100 of 100 (the epoch limit is reached)"),
        ((120, 0.3, 0.25, 100, 0.01, 0.05), "in epoch 120 with max_epochs 100 (past the limit, so stop: "
                                             "epoch >= max_epochs)"),
        ((50, 0.3, 0.0, 100, 0.01, 0.0), "when no tuple is misclassified and max_misclassified is 0 (a threshold "
                                         "of 0 is a threshold: only None turns a test off)"),
        ((50, 0.004, 0.25, 100, None, 0.05), f"when min_weight_change is None and the weight change is 0.004 "
                                             f"{_NONE_IS_OFF}"),
        ((50, 0.3, 0.0, 100, 0.01, None), f"when max_misclassified is None and no tuple is misclassified "
                                          f"{_NONE_IS_OFF}"),
        ((100, 0.0, 0.0, 100, None, None), f"in epoch 100 of 100 with both thresholds None {_NONE_IS_OFF}"),
        ((50, 0.0, 0.0, 100, None, None), f"in epoch 50 of 100 with both thresholds None {_NONE_IS_OFF}"),
    ]
    cases = []
    for args, about in examples:
        epoch, change, wrong, max_epochs, min_change, max_wrong = args
        right = stop_reason(epoch, change, wrong, epochs=max_epochs, min_weight_change=min_change,
                            max_misclassified=max_wrong) is not None  # the rule Network.fit applies
        # True/False answers: every variant is kept, those that agree with the right answer too, so
        # that a later case can tell two mistakes apart.
        variants = {
            "zero_threshold_off": _stop(*args, zero_is_off=True),
            "le_not_lt": _stop(*args, le=True),
            "lt_not_le": _stop(*args, lt=True),
            "epoch_limit_off_by_one": _any_rule(args, [{"late": True}, {"early": True}]),
            "ignored_condition": _any_rule(args, [{"without": w} for w in ("change", "wrong", "epochs")]),
        }
        cases.append(Case(args, right, about, variants=variants))
    return cases


def _package_schedule(lr, epochs) -> np.ndarray:
    """The learning rates `Network.fit(lr_schedule="1/t")` uses in epochs 1 .. epochs."""
    net = Network([1, 1], seed=0)
    history = net.fit(np.zeros((1, 1)), np.zeros((1, 1)), lr=lr, epochs=epochs, lr_schedule="1/t")
    return np.array(history.lr)


@exercise(learner="one_over_t", reread="'A learning rate that shrinks as 1/t'", hints=(
    "Epoch t gets the learning rate l divided by t. Count the epochs as the textbook does, from 1: the "
    "first epoch uses l itself, the second half of it, the third a third, and so on.",
    "l_t = l / t   for t = 1, 2, …, epochs",
    "t = np.arange(___, ___)      # 1, 2, ..., epochs\n"
    "return ___ / t",
))
def one_over_t():
    """Check fn(lr, epochs) -> (epochs,) array: the learning rate l / t of epochs t = 1 .. epochs."""
    examples = [(2.0, 5, "for l = 2 and 5 epochs"), (0.5, 1, "for l = 0.5 and a single epoch"),
                (4.0, 10, "for l = 4 and 10 epochs"), (1.0, 3, "for l = 1 and 3 epochs")]
    cases = []
    for lr, epochs, about in examples:
        with np.errstate(divide="ignore"):
            from_zero = lr / np.arange(epochs)  # t = 0, 1, ...: the first rate is inf
        variants = {"t_from_zero": from_zero, "t_off_by_one": lr / np.arange(2, epochs + 2)}
        if lr != 1:
            variants["schedule_without_rate"] = 1 / np.arange(1, epochs + 1)
        cases.append(Case((lr, epochs), _package_schedule(lr, epochs), about, variants=variants))
    return cases


def _change(before: Network, after: Network) -> list:
    """[dW, dtheta]: what training changed, lists shaped like the weights and biases."""
    return [[a - b for a, b in zip(after.weights, before.weights)],
            [a - b for a, b in zip(after.biases, before.biases)]]


def _epoch_update(net, X, T, lr) -> list:
    """The summed updates of one epoch of epoch updating, from `Network.fit` on a copy."""
    after = net.copy()
    after.fit(X, T, lr=lr, epochs=1, update="epoch")
    return _change(net, after)


def _scaled(update, factor) -> list:
    return [[d * factor for d in part] for part in update]


@exercise(learner="epoch_updates", reread="'Case, epoch and mini-batch updating'", twice=True, hints=(
    "Go through the tuples one at a time with the network as it is: forward, backward, and the tuple's "
    "updates of every weight and bias. Add them to sums that start at zero in every call, and return the "
    "sums. Leave the network alone: epoch updating applies the sum once, after the epoch.",
    "Δw_ij = Σ_tuples l Err_j O_i   and   Δθ_j = Σ_tuples l Err_j,  every Err_j computed with the weights "
    "of the start of the epoch; for layer k, O_i are the outputs O[k] below it and Err_j its error terms Err[k].",
    "dW = [np.zeros_like(W) for W in net.weights]\n"
    "dtheta = [___ for theta in net.biases]\n"
    "for x, t in zip(X, T):\n"
    "    _, O = net.forward(x[None, :])\n"
    "    Err = net.backward(O, ___)\n"
    "    for k in range(len(dW)):\n"
    "        dW[k] += ___ * O[k].T @ ___      # (n_k, 1) @ (1, n_(k+1))\n"
    "        dtheta[k] += ___\n"
    "return dW, dtheta",
), answered_by=(Network.fit,))
def epoch_updates():
    """Check fn(net, X, T, lr) -> (dW, dtheta): the updates l Err_j O_i and l Err_j of every
    tuple, computed with the weights of the start of the epoch and summed over the tuples;
    lists shaped like net.weights and net.biases. X: (n, n_in); T: (n, n_out). The function
    must not change net, and must give the same answer when called again.
    """
    net3, X3, T3 = _random_data([3, 4, 2], 6, seed=5)
    examples = [  # no l = 0.5: there an answer summed twice would look like the rate forgotten
        (Network([2, 2, 1], seed=0), _XOR_X, _XOR_T, 0.3, "for a 2-2-1 network on the 4 XOR tuples, l = 0.3"),
        (net3, X3, T3, 0.1, "for a 3-4-2 network on 6 tuples, l = 0.1"),
        (Network([2, 3, 3, 1], seed=2), _XOR_X[1:2], _XOR_T[1:2], 0.9, "for a 2-3-3-1 network on one tuple, l = 0.9"),
    ]
    cases = []
    for net, X, T, lr, about in examples:
        right = _epoch_update(net, X, T, lr)
        variants = {"forgot_rate": _scaled(right, 1 / lr), "update_subtracted": _scaled(right, -1.0),
                    "outer_reversed": [[d.T for d in right[0]], right[1]]}
        if len(X) > 1:
            case_updated = net.copy()
            case_updated.fit(X, T, lr=lr, epochs=1, update="case")
            gW, gtheta = net.gradients(X[-1:], T[-1:])  # dE/dw of the last tuple alone: its update is -l times it
            variants.update({"case_not_epoch": _change(net, case_updated), "mean_not_sum": _scaled(right, 1 / len(X)),
                             "last_tuple_only": _scaled([gW, gtheta], -lr)})
        cases.append(Case((net.copy(), X.copy(), T.copy(), lr), right, about, variants=variants,
                          names=("dW", "dtheta")))
    return cases


# --- 06 · the matrix form and deeper nets ---------------------------------------------

def _backward(weights, outputs, T, *, output_slope=True, hidden_slope=True, sign=1.0, transpose=False,
              layer_below=False) -> list:
    """The error terms of every non-input layer for a batch, [Err_1, ..., Err_L], with the
    squared error, or with one mistake: a slope left out, the miss O - T (sign=-1), W for W.T,
    the weights of the layer below."""
    O = outputs[-1]
    errors = [(O * (1 - O) if output_slope else 1.0) * sign * (T - O)]
    for k in range(len(weights) - 1, 0, -1):
        W = weights[k - 1] if layer_below else weights[k]
        O = outputs[k]
        errors.insert(0, (O * (1 - O) if hidden_slope else 1.0) * (errors[0] @ (W if transpose else W.T)))
    return errors


@exercise(learner="backward_batch", reread="'One tuple per row'", hints=(
    "Start at the top: the output layer's error terms are its miss, target minus output, times the sigmoid's "
    "slope there. Then go down one layer at a time: a hidden layer collects the error terms of the layer above "
    "through the weights that connect them and multiplies by its own slope. Each row is one tuple, so the "
    "whole batch goes at once.",
    "output layer: Err = O(1 − O)(T − O);   a hidden layer: Err = O(1 − O) ⊙ (Err_above W_aboveᵀ), with O "
    "its outputs and W_above the weights from it to the layer above, (n_in, n_out): the textbook's "
    "Err_j = O_j(1 − O_j) Σ_k Err_k w_jk for every tuple at once.",
    "O = outputs[-1]\n"
    "errors = [___]                                # the output layer, (n, n_L)\n"
    "for k in range(len(weights) - 1, 0, -1):      # the hidden layers, from the top down\n"
    "    O = outputs[k]\n"
    "    errors.insert(0, ___ * (errors[0] @ ___))\n"
    "return errors",
), answered_by=(Network.backward,))
def backward_batch():
    """Check fn(weights, outputs, T) -> [Err_1, ..., Err_L]: the error terms of every non-input
    layer for a whole batch, with the squared error. weights[k]: (n_k, n_{k+1});
    outputs: [X, O_1, ..., O_L], O_k: (n, n_k); T: (n, n_L); Err_k: (n, n_k).
    """
    textbook = textbook_network()
    hidden = textbook.forward(np.array([[1.0, 0.0, 1.0]]))[1][1]
    unit_6 = Network.from_weights(textbook.weights[1:], textbook.biases[1:])  # O4, O5 in, unit 6 out
    examples = [  # the output layer alone first: a slope forgotten everywhere shows there
        (unit_6, hidden, np.array([[1.0]]), "for the textbook's output unit 6 alone (inputs O4, O5; Err6 = 0.1312)"),
        (textbook, np.array([[1.0, 0.0, 1.0]]), np.array([[1.0]]),
         "for the textbook's network and its tuple (1, 0, 1)"),
        (textbook, np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 1.0], [0.5, -0.5, 0.0]]), np.array([[1.0], [0.0], [1.0]]),
         "for the textbook's network and a batch of 3 tuples"),
        (*_random_data([2, 4, 3, 2], 5, seed=3), "for a 2-4-3-2 network and a batch of 5 tuples"),
        (*_random_data([2, 2, 2, 2], 4, seed=7),
         "for a 2-2-2-2 network (square weight matrices) and a batch of 4 tuples"),
    ]
    cases = []
    for net, X, T, about in examples:
        weights, outputs = [W.copy() for W in net.weights], net.forward(X)[1]
        right = net.backward(outputs, T)
        variants = {
            "forgot_slope": AnyOf(*(_backward(weights, outputs, T, output_slope=out, hidden_slope=hidden)
                                    for out, hidden in ((False, False), (False, True), (True, False)))),
            "wrong_sign": _backward(weights, outputs, T, sign=-1.0),
        }
        variants["swapped_pair"] = right[::-1]  # errors.append instead of errors.insert(0, ...)
        if len(weights) > 1 and all(W.shape[0] == W.shape[1] for W in weights[1:]):
            variants["transposed"] = _backward(weights, outputs, T, transpose=True)
            variants["layer_off_by_one"] = _backward(weights, outputs, T, layer_below=True)
        cases.append(Case((weights, [O.copy() for O in outputs], T.copy()), right, about, variants=variants,
                          names=[f"errors[{k}]" for k in range(len(weights))]))
    return cases


@exercise(learner="summed_update", reread="'One tuple per row'", hints=(
    "Each tuple, each row, gives its own update of every weight, l Err_j O_i, exactly as in notebook 04. The "
    "batch's update is the sum of these over the rows, and a bias sums l Err_j over the rows. One matrix "
    "product does the whole sum.",
    "ΔW[i, j] = l Σ_tuples O_i Err_j, that is ΔW = l Oᵀ Err of shape (n_in, n_out);   "
    "Δθ_j = l Σ_tuples Err_j, of shape (n_out,).",
    "dW = lr * ___ @ ___              # (n_in, n) @ (n, n_out)\n"
    "dtheta = lr * Err.sum(axis=___)  # one number per unit\n"
    "return dW, dtheta",
), answered_by=(Network.gradients,))
def summed_update():
    """Check fn(O, Err, lr) -> (dW, dtheta): the updates of one layer summed over a batch,
    dW = l O.T @ Err (n_in, n_out) and dtheta = l * (Err summed over the tuples) (n_out,).
    O: (n, n_in) the outputs of the layer below; Err: (n, n_out) the layer's error terms.
    """
    cases = []
    for sizes, n, seed, lr, what in [([3, 4, 2], 5, 0, 0.9, "a 3-4-2 network, 5 tuples, l = 0.9"),
                                     ([2, 2, 2], 4, 1, 0.3, "a 2-2-2 network, 4 tuples, l = 0.3"),
                                     ([2, 3, 1], 1, 2, 0.5, "a 2-3-1 network, 1 tuple, l = 0.5")]:
        net, X, T = _random_data(sizes, n, seed)
        _, outputs = net.forward(X)
        errors = net.backward(outputs, T)
        gW, gtheta = net.gradients(X, T)  # dE/dw: the summed update is -l times it
        for k, (O, Err) in enumerate(zip(outputs, errors)):
            dW, dtheta = -lr * gW[k], -lr * gtheta[k]
            variants = {"outer_reversed": (lr * Err.T @ O, dtheta), "forgot_rate": (dW / lr, dtheta / lr),
                        "bias_not_summed": (dW, lr * Err), "update_subtracted": (-dW, -dtheta),
                        "forgot_bias_update": (dW, 0 * dtheta)}
            if n > 1:
                variants["mean_not_sum"] = (dW / n, dtheta / n)
            layer = "the hidden layer" if k < len(net.weights) - 1 else "the output layer"
            cases.append(Case((O.copy(), Err.copy(), lr), (dW, dtheta), f"for {layer} of {what}",
                              variants=variants, names=("dW", "dtheta")))
    return cases


@exercise(learner="count_weights", reread="'The cost of an epoch'", hints=(
    "Neighbouring layers are fully connected: every unit of one layer has a weight to every unit of the "
    "next. Every unit above the inputs has a bias as well, learned like a weight. Count pair by pair of "
    "neighbouring layers and add up.",
    "w = Σ_k (n_k · n_(k+1) + n_(k+1)),  over the pairs of neighbouring layers k, k + 1",
    "total = 0\n"
    "for n_in, n_out in zip(layer_sizes, layer_sizes[1:]):\n"
    "    total += ___\n"
    "return total",
), stand_in=lambda layer_sizes: Network(layer_sizes).n_parameters, answered_by=(Network.n_parameters.fget,))
def count_weights():
    """Check fn(layer_sizes) -> int: the number w of weights and biases of a fully connected
    network, the sum over neighbouring layers of n_k * n_{k+1} + n_{k+1}.
    """
    examples = [([3, 2, 1], "for the textbook's 3-2-1 network"), ([2, 2, 1], "for a 2-2-1 network"),
                ([2, 8, 8, 1], "for a 2-8-8-1 network (two hidden layers)"),
                ([64, 30, 10], "for a 64-30-10 network"), ([5, 1], "for a single layer, 5-1")]
    cases = []
    for sizes, about in examples:
        pairs = list(zip(sizes, sizes[1:]))
        weights = sum(a * b for a, b in pairs)
        variants = {"forgot_bias_count": weights, "bias_on_inputs": weights + sum(sizes),
                    "one_bias_per_layer": weights + len(pairs)}
        right = Network(sizes, seed=0).n_parameters
        if sum(sizes) != right:
            variants["counted_units"] = sum(sizes)
        cases.append(Case((list(sizes),), right, about, variants=variants))
    return cases
