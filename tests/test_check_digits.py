"""The checkers of notebook 08: right answers pass, stubs fail, and each named misconception
is recognised when a learner makes it; one epoch of the learner's trainer is `fit`'s epoch."""


import numpy as np
import pytest
from checker_tests import checker_tests

from bpnb import Network, data
from bpnb.check import digits as check


def stub(*args):
    ...


# --- the pieces of notebooks 03-06, as notebook 08 defines them (cross-entropy at the output)

def sigmoid(I):
    return 1 / (1 + np.exp(-I))


def forward(X, weights, biases):
    outputs = [X]
    for W, theta in zip(weights, biases):
        outputs.append(sigmoid(outputs[-1] @ W + theta))
    return outputs


def backward_batch(weights, outputs, T):
    errors = [T - outputs[-1]]
    for k in range(len(weights) - 1, 0, -1):
        O = outputs[k]
        errors.insert(0, O * (1 - O) * (errors[0] @ weights[k].T))
    return errors


def summed_update(O, Err, lr):
    return lr * O.T @ Err, lr * Err.sum(axis=0)


def train_epoch(weights, biases, X, T, lr, batch_size, rng, *, order=None, scale=lambda rows: 1.0,
                stop=None, bias=True):
    """A right trainer, or with one mistake: a fixed order, a step scaled per batch, batches
    that stop early, biases left alone."""
    weights, biases = [W.copy() for W in weights], [theta.copy() for theta in biases]
    order = rng.permutation(len(X)) if order is None else order(len(X))
    for start in range(0, len(X) if stop is None else stop(len(X), batch_size), batch_size):
        rows = order[start:start + batch_size]
        outputs = forward(X[rows], weights, biases)
        errors = backward_batch(weights, outputs, T[rows])
        for k in range(len(weights)):
            dW, dtheta = summed_update(outputs[k], errors[k], lr * scale(rows))
            weights[k] = weights[k] + dW
            biases[k] = biases[k] + dtheta if bias else biases[k]
    return weights, biases


def shuffled_apart(weights, biases, X, T, lr, batch_size, rng):
    X, T = X[rng.permutation(len(X))], T[rng.permutation(len(T))]
    return train_epoch(weights, biases, X, T, lr, batch_size, rng, order=np.arange)


def shuffled_apart_in_place_on_copies(weights, biases, X, T, lr, batch_size, rng):
    X, T = X.copy(), T.copy()
    rng.shuffle(X)
    rng.shuffle(T)
    return train_epoch(weights, biases, X, T, lr, batch_size, rng, order=np.arange)


def weights_after_update(weights, biases, X, T, lr, batch_size, rng):
    weights, biases = [W.copy() for W in weights], [theta.copy() for theta in biases]
    order = rng.permutation(len(X))
    for start in range(0, len(X), batch_size):
        rows = order[start:start + batch_size]
        outputs = forward(X[rows], weights, biases)
        Err = T[rows] - outputs[-1]
        for k in reversed(range(len(weights))):  # update a layer, then pass the error down through it
            dW, dtheta = summed_update(outputs[k], Err, lr)
            weights[k], biases[k] = weights[k] + dW, biases[k] + dtheta
            Err = outputs[k] * (1 - outputs[k]) * (Err @ weights[k].T)
    return weights, biases


def in_place(weights, biases, X, T, lr, batch_size, rng):
    order = rng.permutation(len(X))
    for start in range(0, len(X), batch_size):
        rows = order[start:start + batch_size]
        outputs = forward(X[rows], weights, biases)
        errors = backward_batch(weights, outputs, T[rows])
        for k in range(len(weights)):
            dW, dtheta = summed_update(outputs[k], errors[k], lr)
            weights[k] += dW
            biases[k] += dtheta
    return weights, biases


RIGHT = {
    "one_hot_targets": lambda y, n: np.eye(n)[y],
    "train_epoch": train_epoch,
    "accuracy_from_outputs": lambda O, y: np.mean(np.argmax(O, axis=1) == y),
    "hidden_unit_image": lambda W, j: W[:, j].reshape(8, 8),
}
CASES = {"one_hot_targets": 4, "train_epoch": 6, "accuracy_from_outputs": 3, "hidden_unit_image": 3}






MISTAKES = [
    ("one_hot_targets", lambda y, n: np.eye(n)[y].T, "targets_transposed"),
    ("one_hot_targets", lambda y, n: np.eye(y.max() + 1)[y], "classes_from_labels"),
    ("train_epoch", shuffled_apart, "shuffled_apart"),
    ("train_epoch", shuffled_apart_in_place_on_copies, "shuffled_apart"),
    ("train_epoch", lambda *a: train_epoch(*a, order=np.arange), "not_shuffled"),
    ("train_epoch", lambda *a: train_epoch(*a, scale=lambda rows: 1 / len(rows)), "mean_not_sum"),
    ("train_epoch", weights_after_update, "weights_after_update"),
    ("train_epoch", lambda *a: train_epoch(*a, bias=False), "forgot_bias_update"),
    ("train_epoch", lambda W, b, X, T, lr, size, rng: train_epoch(W, b, X, T, 1.0, size, rng), "forgot_rate"),
    ("train_epoch", lambda W, b, X, T, lr, size, rng: train_epoch(W, b, X, T, -lr, size, rng), "update_subtracted"),
    ("train_epoch", in_place, "changed_argument"),
    ("accuracy_from_outputs", lambda O, y: np.sum(np.argmax(O, axis=1) == y), "count_not_fraction"),
    ("accuracy_from_outputs", lambda O, y: np.mean(np.argmax(O, axis=1) != y), "misclassified_not_accuracy"),
    ("hidden_unit_image", lambda W, j: W[j].reshape(8, 8), "row_not_column"),
    ("hidden_unit_image", lambda W, j: W[:, j].reshape(8, 8, order="F"), "image_transposed"),
    ("hidden_unit_image", lambda W, j: W[:, j].reshape(8, 8).T, "image_transposed"),
    ("accuracy_from_outputs", lambda O, y: np.mean(np.argmax(O) == y), "argmax_without_axis"),
    ("accuracy_from_outputs", lambda O, y: np.mean(O.max(axis=1) == y), "largest_output_not_its_unit"),
]




def test_transposed_targets_are_told_by_their_shape():
    verdict = check.one_hot_targets(lambda y, n: np.eye(n)[y].T)
    assert verdict.message.startswith("for y = [1, 2, 0, 1] and 3 classes: your answer has the wrong shape: "
                                      "expected shape (4, 3), got (3, 4). That matrix is transposed: one row per "
                                      "tuple")  # said once: the shape's "is your matrix transposed?" is left out


def test_too_few_columns_are_told_on_the_case_with_missing_classes():
    verdict = check.one_hot_targets(lambda y, n: np.eye(y.max() + 1)[y])
    assert verdict.message.startswith("for y = [1, 1] and 4 classes (classes 0, 2 and 3 do not occur, but "
                                      "still get a column): your answer has the wrong shape: expected shape "
                                      "(2, 4), got (2, 2).")


def test_argmax_down_the_columns_is_told_by_the_shapes():
    verdict = check.accuracy_from_outputs(lambda O, y: np.mean(np.argmax(O, axis=0) == y))
    assert not verdict and verdict.misconception is None
    assert verdict.message.startswith("for 4 tuples and 3 output units (O of shape (4, 3): one row, and one "
                                      "prediction, per tuple;")
    assert "raised ValueError: operands could not be broadcast together with shapes (3,) (4,)" in verdict.message
    assert "print their .shape" in verdict.message


def test_a_count_is_named_with_both_numbers():
    verdict = check.accuracy_from_outputs(lambda O, y: np.sum(np.argmax(O, axis=1) == y))
    assert "your answer is 3; expected 0.75. That is a count" in verdict.message


def test_the_row_of_w_shows_in_the_first_differing_weight():
    verdict = check.hidden_unit_image(lambda W, j: W[j].reshape(8, 8))
    assert verdict.message.startswith("for a 64 x 64 weight matrix with w_ij = 100 i + j (each weight tells its "
                                      "i and j), unit j = 5: your answer[0, 0] is 500; expected 5")


def test_a_row_of_a_narrow_w_cannot_be_an_image():
    # with 64 hidden units a row and a column have the same size; with 3 the row raises
    def hidden_unit_image(W, j):
        return W[:, j].reshape(8, 8) if W.shape[1] == 64 else W[j].reshape(8, 8)
    verdict = check.hidden_unit_image(hidden_unit_image)
    assert verdict.message.startswith("for a 64 x 3 weight matrix with w_ij = 100 i + j, unit j = 2: your "
                                      "hidden_unit_image raised ValueError: cannot reshape array of size 3 "
                                      "into shape (8,8)")


def test_a_dropped_last_batch_points_at_the_short_batch():
    verdict = check.train_epoch(lambda *a: train_epoch(*a, stop=lambda n, b: n // b * b))
    assert not verdict and verdict.misconception is None
    assert verdict.message.startswith("for a 3-4-2 network, 10 tuples in batches of 4 (the last batch has 2), "
                                      "l = 0.3, rng = default_rng(5): weights[0][0, 0] is ")


def test_a_trainer_that_returns_the_network_is_told_what_to_return():
    def returns_a_network(weights, biases, X, T, lr, batch_size, rng):
        return Network.from_weights(*train_epoch(weights, biases, X, T, lr, batch_size, rng))
    verdict = check.train_epoch(returns_a_network)
    assert "your answer should be weights and biases, but it is a Network" in verdict.message


def test_a_trainer_that_ignores_the_given_generator_fails():
    verdict = check.train_epoch(lambda W, b, X, T, lr, size, rng: train_epoch(W, b, X, T, lr, size,
                                                                              np.random.default_rng(0)))
    assert not verdict and "rng = default_rng(3): weights[0]" in verdict.message


def test_stub_message_names_the_first_case_and_no_code():
    verdict = check.train_epoch(stub)
    assert repr(verdict) == (
        "✗ Not yet: for a 2-3-2 network, 6 tuples in batches of 2, l = 0.5, rng = default_rng(3): your stub "
        "returns None: replace the ... with your code and return the result. Reread 'Your own trainer: one "
        "epoch of mini-batches'. Stuck? check.hint(\"train_epoch\") gives a first hint.")


# --- the checker's own reference: exactly `fit`, and each mistake really differs ------------

def digits_setup(n=40, hidden=8, seed=4):
    digits = data.load("digits")
    net = Network([64, hidden, 10], seed=seed)
    return net, digits.X[:n] / 16, data.one_hot(digits.y[:n], 10)


@pytest.mark.parametrize("b", [1, 7, 16, 40])
def test_one_epoch_of_the_right_trainer_is_fits_epoch_to_1e12(b):
    net, X, T = digits_setup()
    weights, biases = train_epoch(net.weights, net.biases, X, T, 0.1, b, np.random.default_rng(5))
    fitted = net.copy()
    fitted.fit(X, T, lr=0.1, epochs=1, update=b, loss="cross_entropy", shuffle_seed=5)
    for mine, theirs in zip(weights + biases, fitted.weights + fitted.biases):
        assert np.abs(mine - theirs).max() < 1e-12


def test_three_epochs_drawing_from_one_generator_are_fits_three_epochs():
    net, X, T = digits_setup()
    rng, weights, biases = np.random.default_rng(2), net.weights, net.biases
    for _ in range(3):
        weights, biases = train_epoch(weights, biases, X, T, 0.1, 8, rng)
    net.fit(X, T, lr=0.1, epochs=3, update=8, loss="cross_entropy", shuffle_seed=2)
    for mine, theirs in zip(weights + biases, net.weights + net.biases):
        assert np.abs(mine - theirs).max() < 1e-12


def test_the_checkers_reference_without_a_mistake_is_fit():
    net, X, T = digits_setup(n=21)
    right = check._fit_one_epoch(net.weights, net.biases, X, T, 0.1, 5, 3)
    assert check._same(check._epoch_with(None, net.weights, net.biases, X, T, 0.1, 5, 3), right)
    for mistake in check._EPOCH_MISTAKES:
        assert not check._same(check._epoch_with(mistake, net.weights, net.biases, X, T, 0.1, 5, 3), right), mistake


def test_every_case_of_train_epoch_tells_most_mistakes_apart():
    for case in check.train_epoch.__wrapped__():
        b = case.args[5]
        assert {"shuffled_apart", "weights_after_update", "forgot_bias_update"} <= set(case.variants), case.about
        assert ("mean_not_sum" in case.variants) == (b > 1), case.about


def test_argmin_is_not_blamed_on_the_fraction_wrong():
    # argmin gives 0.25 on the first case, which is also 1 - accuracy there by chance
    verdict = check.accuracy_from_outputs(lambda O, y: np.mean(np.argmin(O, axis=1) == y))
    assert not verdict and verdict.misconception is None


def test_a_percentage_is_named():
    verdict = check.accuracy_from_outputs(lambda O, y: 100 * np.mean(np.argmax(O, axis=1) == y))
    assert verdict.misconception == "percent_not_fraction"


test_right_answer_passes, test_stub_is_not_yet, test_misconception_is_named = checker_tests(
    check, RIGHT, CASES, MISTAKES)
