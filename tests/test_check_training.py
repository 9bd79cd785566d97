"""The checkers of notebooks 05 and 06: a right answer passes, a stub and plausible wrong
answers are told "not yet" with the failing case named."""

import numpy as np

from bpnb import check


def verdict(capsys, checker, fn) -> str:
    checker(fn)
    return capsys.readouterr().out


# --- 05 ---

def right_should_stop(epoch, max_weight_change, misclassified, max_epochs, min_weight_change, max_misclassified):
    if min_weight_change is not None and max_weight_change < min_weight_change:
        return True
    if max_misclassified is not None and misclassified <= max_misclassified:
        return True
    return epoch >= max_epochs


def test_should_stop(capsys):
    assert verdict(capsys, check.should_stop, right_should_stop).startswith("✓ Right: should_stop passes all 8")
    assert verdict(capsys, check.should_stop, lambda *a: None).startswith("✗ Not yet: your should_stop returns None")

    def strict_misclassified(epoch, change, wrong, max_epochs, min_change, max_wrong):
        return ((min_change is not None and change < min_change)
                or (max_wrong is not None and wrong < max_wrong) or epoch >= max_epochs)

    out = verdict(capsys, check.should_stop, strict_misclassified)
    assert out.startswith("✗ Not yet: when no tuple is misclassified and max_misclassified is 0")
    assert "Hint:" in out

    def ignores_none(epoch, change, wrong, max_epochs, min_change, max_wrong):
        return change < min_change or wrong <= max_wrong or epoch >= max_epochs

    out = verdict(capsys, check.should_stop, ignores_none)
    assert out.startswith("✗ Not yet: when the largest weight change equals min_weight_change "
                          "(0.01 is not below 0.01), your function raised TypeError")


def test_one_over_t(capsys):
    assert verdict(capsys, check.one_over_t, lambda lr, n: lr / np.arange(1, n + 1)).startswith("✓ Right")
    assert verdict(capsys, check.one_over_t, lambda lr, n: ...).startswith("✗ Not yet: your one_over_t returns Ellipsis")
    out = verdict(capsys, check.one_over_t, lambda lr, n: lr / np.arange(n))  # counts from t = 0
    assert out.startswith("✗ Not yet: for l = 1 and 5 epochs, expected [1.    , 0.5   ")


def right_epoch_updates(net, X, T, lr):
    dW = [np.zeros_like(W) for W in net.weights]
    dtheta = [np.zeros_like(b) for b in net.biases]
    for x, t in zip(X, T):
        _, O = net.forward(x[None, :])
        Err = net.backward(O, t[None, :])
        for k in range(len(dW)):
            dW[k] += lr * O[k].T @ Err[k]
            dtheta[k] += lr * Err[k][0]
    return dW, dtheta


def test_epoch_updates(capsys):
    assert verdict(capsys, check.epoch_updates, right_epoch_updates).startswith("✓ Right: epoch_updates passes all 3")
    assert verdict(capsys, check.epoch_updates, lambda *a: None).startswith("✗ Not yet")

    def case_updating(net, X, T, lr):  # changes the weights after every tuple
        before = net.copy()
        for x, t in zip(X, T):
            net.train_case(x, t, lr)
        return ([a - b for a, b in zip(net.weights, before.weights)],
                [a - b for a, b in zip(net.biases, before.biases)])

    out = verdict(capsys, check.epoch_updates, case_updating)
    assert out.startswith("✗ Not yet: for a 2-2-1 network on the 4 XOR tuples, l = 0.5, expected")

    def no_lr(net, X, T, lr):
        return right_epoch_updates(net, X, T, 1.0)

    assert verdict(capsys, check.epoch_updates, no_lr).startswith("✗ Not yet: for a 2-2-1 network")


# --- 06 ---

def right_backward_batch(weights, outputs, T):
    errors = [outputs[-1] * (1 - outputs[-1]) * (T - outputs[-1])]
    for k in range(len(weights) - 1, 0, -1):
        errors.insert(0, outputs[k] * (1 - outputs[k]) * (errors[0] @ weights[k].T))
    return errors


def test_backward_batch(capsys):
    assert verdict(capsys, check.backward_batch, right_backward_batch).startswith("✓ Right: backward_batch passes all 3")
    assert verdict(capsys, check.backward_batch, lambda *a: None).startswith("✗ Not yet")


def test_backward_batch_without_the_slope_in_hidden_layers(capsys):
    def no_slope(weights, outputs, T):
        errors = [outputs[-1] * (1 - outputs[-1]) * (T - outputs[-1])]
        for k in range(len(weights) - 1, 0, -1):
            errors.insert(0, errors[0] @ weights[k].T)
        return errors

    assert verdict(capsys, check.backward_batch, no_slope).startswith("✗ Not yet: for the textbook's network and its tuple")


def test_backward_batch_with_untransposed_weights(capsys):
    def untransposed(weights, outputs, T):
        errors = [outputs[-1] * (1 - outputs[-1]) * (T - outputs[-1])]
        for k in range(len(weights) - 1, 0, -1):
            errors.insert(0, outputs[k] * (1 - outputs[k]) * (errors[0] @ weights[k]))
        return errors

    assert verdict(capsys, check.backward_batch, untransposed).startswith("✗ Not yet: for the textbook's network")


def test_backward_batch_only_the_output_layer(capsys):
    out = verdict(capsys, check.backward_batch, lambda W, O, T: [O[-1] * (1 - O[-1]) * (T - O[-1])])
    assert out.startswith("✗ Not yet: for the textbook's network and its tuple")


def test_summed_update(capsys):
    right = lambda O, Err, lr: (lr * O.T @ Err, lr * Err.sum(axis=0))
    assert verdict(capsys, check.summed_update, right).startswith("✓ Right: summed_update passes all 4")
    assert verdict(capsys, check.summed_update, lambda *a: None).startswith("✗ Not yet")
    mean = lambda O, Err, lr: (lr * O.T @ Err / len(O), lr * Err.mean(axis=0))
    out = verdict(capsys, check.summed_update, mean)
    assert out.startswith("✗ Not yet: for the hidden layer of a 3-4-2 network, 5 tuples, l = 0.9, expected")
    only_first = lambda O, Err, lr: (lr * np.outer(O[0], Err[0]), lr * Err[0])
    assert verdict(capsys, check.summed_update, only_first).startswith("✗ Not yet: for the hidden layer")


def test_count_weights(capsys):
    right = lambda sizes: sum(a * b + b for a, b in zip(sizes, sizes[1:]))
    assert verdict(capsys, check.count_weights, right).startswith("✓ Right: count_weights passes all 5")
    assert verdict(capsys, check.count_weights, lambda s: None).startswith("✗ Not yet")
    no_biases = lambda sizes: sum(a * b for a, b in zip(sizes, sizes[1:]))
    out = verdict(capsys, check.count_weights, no_biases)
    assert out.startswith("✗ Not yet: for the textbook's 3-2-1 network, expected 11 but got 8.")
