"""The checkers of notebooks 05 and 06: right answers pass, stubs fail, and each named
misconception is recognised when a learner makes it."""

import numpy as np
import pytest
from checker_tests import checker_tests

from bpnb.check import MISCONCEPTIONS
from bpnb.check import training as check


def stub(*args):
    ...


# --- 05: the learners' functions, right and with one mistake each ---------------------

def should_stop(epoch, change, wrong, max_epochs, min_change, max_wrong, *, lt=False, le=False, late=False,
                early=False, without=""):
    if without != "change" and min_change is not None and (change <= min_change if le else change < min_change):
        return True
    if without != "wrong" and max_wrong is not None and (wrong < max_wrong if lt else wrong <= max_wrong):
        return True
    if without == "epochs":
        return False
    return epoch > max_epochs if late else epoch + 1 >= max_epochs if early else epoch >= max_epochs


def epoch_updates(net, X, T, lr, *, mean=False, last_only=False, rate=True):
    dW = [np.zeros_like(W) for W in net.weights]
    dtheta = [np.zeros_like(theta) for theta in net.biases]
    for x, t in zip(X, T):
        _, O = net.forward(x[None, :])
        Err = net.backward(O, t[None, :])
        for k in range(len(dW)):
            step_W, step_theta = (lr if rate else 1) * O[k].T @ Err[k], (lr if rate else 1) * Err[k][0]
            if last_only:  # = where += belongs
                dW[k], dtheta[k] = step_W, step_theta
            else:
                dW[k] += step_W
                dtheta[k] += step_theta
    if mean:
        return [d / len(X) for d in dW], [d / len(X) for d in dtheta]
    return dW, dtheta


def case_updating_on_a_copy(net, X, T, lr):
    working = net.copy()
    for x, t in zip(X, T):
        working.train_case(x, t, lr)
    return ([a - b for a, b in zip(working.weights, net.weights)],
            [a - b for a, b in zip(working.biases, net.biases)])


# --- 06 -------------------------------------------------------------------------------

def backward_batch(weights, outputs, T, *, output_slope=True, hidden_slope=True, sign=1.0, transpose_square=False,
                   layer_below=False, append=False):
    O = outputs[-1]
    errors = [(O * (1 - O) if output_slope else 1) * sign * (T - O)]
    for k in range(len(weights) - 1, 0, -1):
        W = weights[k - 1] if layer_below and weights[k - 1].shape == weights[k].shape else weights[k]
        W = W if transpose_square and W.shape[0] == W.shape[1] else W.T
        O = outputs[k]
        Err = (O * (1 - O) if hidden_slope else 1) * (errors[-1 if append else 0] @ W)
        errors.append(Err) if append else errors.insert(0, Err)
    return errors


def count_weights(sizes):
    return sum(n_in * n_out + n_out for n_in, n_out in zip(sizes, sizes[1:]))


RIGHT = {
    "should_stop": should_stop,
    "one_over_t": lambda lr, epochs: lr / np.arange(1, epochs + 1),
    "epoch_updates": epoch_updates,
    "backward_batch": backward_batch,
    "summed_update": lambda O, Err, lr: (lr * O.T @ Err, lr * Err.sum(axis=0)),
    "count_weights": count_weights,
}
CASES = {"should_stop": 14, "one_over_t": 4, "epoch_updates": 3, "backward_batch": 5, "summed_update": 6,
         "count_weights": 5}






MISTAKES = [
    ("should_stop", lambda *a: should_stop(*a, lt=True), "lt_not_le"),
    ("should_stop", lambda *a: should_stop(*a, le=True), "le_not_lt"),
    ("should_stop", lambda *a: should_stop(*a, late=True), "epoch_limit_off_by_one"),
    ("should_stop", lambda *a: should_stop(*a, early=True), "epoch_limit_off_by_one"),
    ("should_stop", lambda *a: should_stop(*a, without="change"), "ignored_condition"),
    ("should_stop", lambda *a: should_stop(*a, without="wrong"), "ignored_condition"),
    ("should_stop", lambda *a: should_stop(*a, without="epochs"), "ignored_condition"),
    ("one_over_t", lambda lr, epochs: lr / np.arange(epochs), "t_from_zero"),
    ("one_over_t", lambda lr, epochs: lr / np.arange(2, epochs + 2), "t_off_by_one"),
    ("one_over_t", lambda lr, epochs: 1 / np.arange(1, epochs + 1), "schedule_without_rate"),
    ("epoch_updates", case_updating_on_a_copy, "case_not_epoch"),
    ("epoch_updates", lambda *a: epoch_updates(*a, mean=True), "mean_not_sum"),
    ("epoch_updates", lambda *a: epoch_updates(*a, last_only=True), "last_tuple_only"),
    ("epoch_updates", lambda *a: epoch_updates(*a, rate=False), "forgot_rate"),
    ("backward_batch", lambda *a: backward_batch(*a, output_slope=False, hidden_slope=False), "forgot_slope"),
    ("backward_batch", lambda *a: backward_batch(*a, hidden_slope=False), "forgot_slope"),
    ("backward_batch", lambda *a: backward_batch(*a, output_slope=False), "forgot_slope"),
    ("backward_batch", lambda *a: backward_batch(*a, sign=-1.0), "wrong_sign"),
    ("backward_batch", lambda *a: backward_batch(*a, append=True), "swapped_pair"),
    ("backward_batch", lambda *a: backward_batch(*a, transpose_square=True), "transposed"),
    ("backward_batch", lambda *a: backward_batch(*a, layer_below=True), "layer_off_by_one"),
    ("summed_update", lambda O, Err, lr: (lr * O.T @ Err / len(O), lr * Err.mean(axis=0)), "mean_not_sum"),
    ("summed_update", lambda O, Err, lr: (lr * Err.T @ O, lr * Err.sum(axis=0)), "outer_reversed"),
    ("summed_update", lambda O, Err, lr: (O.T @ Err, Err.sum(axis=0)), "forgot_rate"),
    ("summed_update", lambda O, Err, lr: (lr * O.T @ Err, lr * Err), "bias_not_summed"),
    ("summed_update", lambda O, Err, lr: (-lr * O.T @ Err, -lr * Err.sum(axis=0)), "update_subtracted"),
    ("summed_update", lambda O, Err, lr: (lr * O.T @ Err, np.zeros(Err.shape[1])), "forgot_bias_update"),
    ("count_weights", lambda sizes: sum(a * b for a, b in zip(sizes, sizes[1:])), "forgot_bias_count"),
    ("count_weights", lambda sizes: sum(sizes), "counted_units"),
    ("count_weights", lambda sizes: sum(a * b for a, b in zip(sizes, sizes[1:])) + sum(sizes), "bias_on_inputs"),
    ("count_weights", lambda sizes: sum(a * b for a, b in zip(sizes, sizes[1:])) + len(sizes) - 1, "one_bias_per_layer"),
]




# --- should_stop ----------------------------------------------------------------------

@pytest.mark.parametrize("answer, kind", [("True", "the text 'True' (a string)"), (1, "an int"),
                                          (0.0, "the float 0.0")])
def test_should_stop_wants_true_or_false(answer, kind):
    verdict = check.should_stop(lambda *a: answer)
    assert not verdict
    assert f"your answer should be True or False, but it is {kind}" in verdict.message


def test_should_stop_accepts_numpy_booleans():
    assert check.should_stop(lambda *a: np.bool_(should_stop(*a)))


def test_should_stop_that_compares_none_is_told_to_test_for_none_first():
    def compares_none(epoch, change, wrong, max_epochs, min_change, max_wrong):
        return change < min_change or wrong <= max_wrong or epoch >= max_epochs

    verdict = check.should_stop(compares_none)
    assert verdict.message.startswith("when min_weight_change is None and the weight change is 0.004 (None turns "
                                      "that test off: test a threshold for None before comparing with it): your "
                                      "compares_none raised TypeError: '<' not supported")


def test_should_stop_that_treats_a_zero_threshold_as_none():
    def truthy(epoch, change, wrong, max_epochs, min_change, max_wrong):
        return bool((min_change and change < min_change) or (max_wrong and wrong <= max_wrong) or epoch >= max_epochs)

    verdict = check.should_stop(truthy)
    assert verdict.misconception == "zero_threshold_off"
    assert verdict.message.startswith("when no tuple is misclassified and max_misclassified is 0 (a threshold of 0 "
                                      "is a threshold: only None turns a test off): your answer is False; expected True")


def test_should_stop_with_an_epoch_limit_tested_by_equality():
    verdict = check.should_stop(lambda e, c, w, me, mc, mw: e == me or should_stop(e, c, w, me, mc, mw, without="epochs"))
    assert verdict.message.startswith("in epoch 120 with max_epochs 100 (past the limit, so stop: epoch >= max_epochs): "
                                      "your answer is False; expected True")


def test_should_stop_that_always_stops():
    verdict = check.should_stop(lambda *a: True)
    assert verdict.message.startswith("in epoch 3 of 100, with large weight changes and half the tuples wrong: "
                                      "your answer is True; expected False")


# --- one_over_t -----------------------------------------------------------------------

def test_one_over_t_counted_from_zero_says_where_the_infinity_is():
    verdict = check.one_over_t(lambda lr, epochs: lr / np.arange(epochs))
    assert verdict.message.startswith("for l = 2 and 5 epochs: your answer[0] is inf, not a finite number")


def test_one_over_t_one_rate_short():
    verdict = check.one_over_t(lambda lr, epochs: lr / np.arange(1, epochs))
    assert "your answer has the wrong shape: expected shape (5,), got (4,)" in verdict.message


# --- epoch_updates --------------------------------------------------------------------

def test_epoch_updates_that_trains_net_itself_changes_its_argument():
    def trains_net(net, X, T, lr):
        before = net.copy()
        for x, t in zip(X, T):
            net.train_case(x, t, lr)
        return case_updating_on_a_copy(before, X, T, lr)

    verdict = check.epoch_updates(trains_net)
    assert verdict.misconception == "changed_argument"
    assert verdict.message.startswith("for a 2-2-1 network on the 4 XOR tuples, l = 0.3: your trains_net changed its "
                                      "argument net in place")


def test_epoch_updates_that_applies_the_sum_to_net_changes_its_argument():
    def applies(net, X, T, lr):
        dW, dtheta = epoch_updates(net, X, T, lr)
        for W, theta, dw, dt in zip(net.weights, net.biases, dW, dtheta):
            W += dw
            theta += dt
        return dW, dtheta

    verdict = check.epoch_updates(applies)
    assert verdict.misconception == "changed_argument" and "changed its argument net in place" in verdict.message


SUMS = []


def add_epoch(net, X, T, lr, dW, dtheta):
    """Add one epoch's updates to the sums dW, dtheta in place, and return them."""
    for x, t in zip(X, T):
        _, O = net.forward(x[None, :])
        Err = net.backward(O, t[None, :])
        for k in range(len(dW)):
            dW[k] += lr * O[k].T @ Err[k]
            dtheta[k] += lr * Err[k][0]
    return dW, dtheta


def module_level_sums(net, X, T, lr):
    if not SUMS:  # set to zero once, when the module is loaded, never again
        SUMS.extend([[np.zeros_like(W) for W in net.weights], [np.zeros_like(b) for b in net.biases]])
    return add_epoch(net, X, T, lr, *SUMS)


def default_argument_sums(net, X, T, lr, dW=[], dtheta=[]):  # noqa: B006  (the mistake under test)
    if not dW:
        dW.extend(np.zeros_like(W) for W in net.weights)
        dtheta.extend(np.zeros_like(b) for b in net.biases)
    return add_epoch(net, X, T, lr, dW, dtheta)


@pytest.mark.parametrize("answer", [module_level_sums, default_argument_sums])
def test_epoch_updates_with_sums_kept_between_calls(answer):
    SUMS.clear()
    verdict = check.epoch_updates(answer)
    assert verdict.misconception == "state_between_calls"
    assert verdict.message.startswith("for a 2-2-1 network on the 4 XOR tuples, l = 0.3: called a second time with "
                                      "the same arguments, dW[0][0, 0] is ")
    assert MISCONCEPTIONS["state_between_calls"] in verdict.message


# --- backward_batch -------------------------------------------------------------------

def test_backward_batch_transposed_everywhere_gets_advice_on_shapes():
    def transposed(weights, outputs, T):
        errors = [outputs[-1] * (1 - outputs[-1]) * (T - outputs[-1])]
        for k in range(len(weights) - 1, 0, -1):
            errors.insert(0, outputs[k] * (1 - outputs[k]) * (errors[0] @ weights[k]))
        return errors

    verdict = check.backward_batch(transposed)
    assert verdict.message.startswith("for the textbook's network and its tuple (1, 0, 1): your transposed raised "
                                      "ValueError")
    assert "print their .shape" in verdict.message


def test_backward_batch_only_the_output_layer():
    verdict = check.backward_batch(lambda W, O, T: [O[-1] * (1 - O[-1]) * (T - O[-1])])
    assert verdict.message.startswith("for the textbook's network and its tuple (1, 0, 1): your answer should hold "
                                      "2 values (errors[0], errors[1]), but it holds 1")


# --- summed_update and count_weights --------------------------------------------------

def test_summed_update_first_tuple_only_shows_the_first_difference():
    verdict = check.summed_update(lambda O, Err, lr: (lr * np.outer(O[0], Err[0]), lr * Err[0]))
    assert verdict.misconception is None
    assert verdict.message.startswith("for the hidden layer of a 3-4-2 network, 5 tuples, l = 0.9: dW[0, 0] is ")
    assert "[[" not in verdict.message


@pytest.mark.parametrize("answer, said", [
    (lambda sizes: str(count_weights(sizes)), "should be a whole number, but it is the text '11' (a string)"),
    (lambda sizes: count_weights(sizes) / 2, "should be a whole number (an int), but it is the number 5.5"),
])
def test_count_weights_wants_a_whole_number(answer, said):
    verdict = check.count_weights(answer)
    assert not verdict and said in verdict.message


def test_epoch_updates_transposed_or_subtracted_are_named():
    def epoch_updates(net, X, T, lr, sign=1.0, outer=lambda O, Err: O.T @ Err):
        dW, dtheta = [0.0] * len(net.weights), [0.0] * len(net.biases)
        for x, t in zip(X, T):
            _, O = net.forward(x[None, :])
            Err = net.backward(O, t[None, :])
            for k in range(len(dW)):
                dW[k] = dW[k] + sign * lr * outer(O[k], Err[k])
                dtheta[k] = dtheta[k] + sign * lr * Err[k][0]
        return dW, dtheta
    assert check.epoch_updates(epoch_updates)
    assert check.epoch_updates(lambda *a: epoch_updates(*a, sign=-1.0)).misconception == "update_subtracted"
    reversed_outer = check.epoch_updates(lambda *a: epoch_updates(*a, outer=lambda O, Err: Err.T @ O))
    assert reversed_outer.misconception == "outer_reversed"


def test_count_weights_off_by_one_is_not_blamed_on_the_biases():
    # for 3-2-1 the loop that drops the last layer gives 8, the count without biases, by chance
    verdict = check.count_weights(lambda s: sum(s[k] * s[k + 1] + s[k + 1] for k in range(len(s) - 2)))
    assert not verdict and verdict.misconception is None
    assert verdict.message.startswith("for the textbook's 3-2-1 network: your answer is 8; expected 11.")


test_right_answer_passes, test_stub_is_not_yet, test_misconception_is_named = checker_tests(
    check, RIGHT, CASES, MISTAKES)
