"""fit's fast loop (bpnb._fast) against the textbook's (network.TextbookEpochs), in every
setting fit has: the same weights, bit for bit, and the same History (its cross-entropy
losses, summed another way, to 1e-12)."""

import warnings

import numpy as np
import pytest

import bpnb
from bpnb import _fast
from bpnb.network import TextbookEpochs

AGREE = 1e-12


def problem(sizes, n, targets="labels", seed=0, init_range=(-1, 1)):
    """A network and n tuples: targets "labels" (one-hot classes, or 0/1 with one output) or
    "soft" (anywhere in [0, 1])."""
    rng = np.random.default_rng(seed)
    net = bpnb.Network(sizes, init_range=init_range, seed=seed)
    X = rng.normal(size=(n, sizes[0]))
    if targets == "soft":
        return net, X, rng.uniform(size=(n, sizes[-1]))
    y = rng.integers(0, max(2, sizes[-1]), n)
    return net, X, (y[:, None] == 1.0) * 1.0 if sizes[-1] == 1 else np.eye(sizes[-1])[y]


def both(net, X, T, **settings):
    """fit and the textbook's loop from the same weights: (fast net, its History), (textbook
    net, its History), the caught warnings of each."""
    fast, slow = net.copy(), net.copy()
    caught = []
    for model, fit in ((fast, fast.fit), (slow, slow._fit_readable)):
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always")
            history = fit(X, T, **settings)
        caught.append((model, history, [str(x.message) for x in w]))
    return caught


def assert_same(caught, loss="mse"):
    (fast, h_fast, w_fast), (slow, h_slow, w_slow) = caught
    for a, b in zip(fast.weights + fast.biases, slow.weights + slow.biases):
        np.testing.assert_array_equal(a, b, strict=True)
    assert h_fast.stop_reason == h_slow.stop_reason and w_fast == w_slow
    assert h_fast.epochs == h_slow.epochs and h_fast.lr == h_slow.lr
    assert h_fast.misclassified == h_slow.misclassified
    assert h_fast.val_misclassified == h_slow.val_misclassified
    assert h_fast.max_weight_change == h_slow.max_weight_change
    assert len(h_fast.val_loss) == len(h_slow.val_loss)
    if loss == "mse":  # summed as the textbook sums it
        assert h_fast.loss == h_slow.loss and h_fast.val_loss == h_slow.val_loss
    else:
        np.testing.assert_allclose(h_fast.loss, h_slow.loss, rtol=AGREE, atol=0)
        np.testing.assert_allclose(h_fast.val_loss, h_slow.val_loss, rtol=AGREE, atol=0)


SIZES = [[3, 1], [4, 5, 3], [3, 4, 3, 2], [2, 3, 3, 3, 1]]


@pytest.mark.parametrize("sizes", SIZES, ids=lambda s: "-".join(map(str, s)))
@pytest.mark.parametrize("update", ["case", "epoch", 4, 7, 50])  # 4 and 7 leave a shorter last batch of 23
@pytest.mark.parametrize("loss", ["mse", "cross_entropy"])
def test_fit_is_the_textbooks_loop(sizes, update, loss):
    net, X, T = problem(sizes, 23)
    caught = both(net, X, T, lr=0.5, epochs=12, update=update, loss=loss)
    assert_same(caught, loss)
    assert caught[0][1].epochs == 12  # and it trained: the weights moved
    assert not np.allclose(caught[0][0].weights[0], net.weights[0])


@pytest.mark.parametrize("sizes", SIZES, ids=lambda s: "-".join(map(str, s)))
@pytest.mark.parametrize("settings", [
    dict(update="case", shuffle_seed=3),
    dict(update=5, shuffle_seed=0, lr_schedule="1/t"),
    dict(update="epoch", shuffle_seed=1),  # one batch: the order changes only the rounding
    dict(update=6, lr_schedule="1/t", loss="cross_entropy"),
    dict(update="epoch", lr_schedule="1/t", loss="cross_entropy"),
], ids=["case-shuffled", "batch-shuffled-1/t", "epoch-shuffled", "batch-1/t", "epoch-1/t"])
def test_shuffling_and_the_rate_schedule(sizes, settings):
    net, X, T = problem(sizes, 20, seed=1)
    assert_same(both(net, X, T, lr=0.8, epochs=10, **settings), settings.get("loss", "mse"))


@pytest.mark.parametrize("update", ["case", 3, "epoch"])
@pytest.mark.parametrize("loss", ["mse", "cross_entropy"])
def test_soft_targets_and_validation_curves(update, loss):
    net, X, T = problem([4, 6, 2], 30, targets="soft", seed=2)
    caught = both(net, X[:21], T[:21], lr=0.6, epochs=15, update=update, loss=loss, validation=(X[21:], T[21:]),
                  shuffle_seed=4)
    assert_same(caught, loss)
    assert len(caught[0][1].val_loss) == 15


def test_validation_with_one_output_and_labels():
    net, X, T = problem([3, 4, 1], 40, seed=3)
    caught = both(net, X[:30], T[:30, 0], lr=1.0, epochs=20, update=4, validation=(X[30:], T[30:, 0]))
    assert_same(caught)
    assert caught[0][1].val_misclassified[-1] == caught[0][0].copy()._evaluate(X[30:], T[30:], "mse")[1]


@pytest.mark.parametrize("update", ["case", "epoch", 3])
def test_the_weight_change_condition_stops_both_in_the_same_epoch(update):
    net, X, T = problem([3, 4, 1], 10, targets="soft", seed=4)
    caught = both(net, X, T, lr=0.5, epochs=5000, update=update, min_weight_change=0.02)
    assert_same(caught)
    history = caught[0][1]
    assert 2 < history.epochs < 5000 and history.stop_reason.startswith("every weight change in epoch")


@pytest.mark.parametrize("update", ["case", "epoch", 3])
def test_the_misclassified_condition_stops_both_in_the_same_epoch(update):
    xor = bpnb.data.load("xor")
    net = bpnb.Network([2, 2, 1], seed=0)
    caught = both(net, xor.X, xor.y, lr=4.0, epochs=5000, update=update, max_misclassified=0.0)
    assert_same(caught)
    assert caught[0][1].stop_reason.startswith("misclassified fraction 0.000 <= 0 after epoch")


@pytest.mark.parametrize("update", ["case", "epoch", 3])
@pytest.mark.parametrize("loss", ["mse", "cross_entropy"])
def test_divergence_is_caught_in_the_same_epoch_and_undone_in_place(update, loss):
    net, X, T = problem([3, 4, 1], 10, targets="soft")
    caught = both(net, X, T, lr=1e308, epochs=50, update=update, loss=loss)
    assert_same(caught, loss)
    (fast, history, messages), _ = caught
    assert history.stop_reason.startswith("diverged: the loss was not finite in epoch 1;")
    assert messages == [history.stop_reason]  # the one warning, no numpy ones
    assert all(np.array_equal(a, b) for a, b in zip(fast.weights + fast.biases, net.weights + net.biases))


def test_a_diverged_fast_fit_restores_the_arrays_the_caller_holds():
    net, X, T = problem([3, 4, 1], 10, targets="soft")
    good = net.fit(X, T, lr=0.5, epochs=3)
    held, before = net.weights[1], net.weights[1].copy()
    with pytest.warns(RuntimeWarning, match="diverged: the loss was not finite in epoch 4"):
        net.fit(X, T, lr=1e308, epochs=6, history=good)
    assert net.weights[1] is held and np.array_equal(held, before) and good.epochs == 3


@pytest.mark.parametrize("loss", ["mse", "cross_entropy"])
@pytest.mark.parametrize("update", ["case", "epoch"])
def test_saturated_units_where_exp_overflows(loss, update):
    """Net inputs of several hundred: exp(-I) overflows to inf in the fast sigmoid, 0 = O
    exactly; the cross-entropy of a confidently wrong output is about |I|."""
    net = bpnb.Network.from_weights([np.array([[400.0, -300.0], [-200.0, 500.0]]), np.array([[300.0], [-250.0]])],
                                    [np.array([1.0, -1.0]), np.array([10.0])])
    X = np.array([[2.0, 1.0], [-1.0, 3.0], [3.0, -2.0], [0.0, 0.0]])  # hidden I from -1901 to 1799
    T = np.array([0.0, 1.0, 0.0, 1.0])  # the first tuple's output is wrong with I = 310
    caught = both(net, X, T, lr=0.3, epochs=6, update=update, loss=loss)
    assert_same(caught, loss)
    assert caught[0][2] == []  # no numpy warning escapes
    assert caught[0][1].loss[0] > (300 if loss == "cross_entropy" else 0.99)


@pytest.mark.parametrize("chunks", [[2, 5], [1] * 7, [3, 1, 3]])
@pytest.mark.parametrize("settings", [dict(update="case", shuffle_seed=5, lr_schedule="1/t"),
                                      dict(update=4, shuffle_seed=2, loss="cross_entropy"),
                                      dict(update="epoch", validation=True)])
def test_going_on_from_a_history_is_one_textbook_run(chunks, settings):
    net, X, T = problem([3, 4, 2], 11, seed=6)
    if settings.pop("validation", False):
        settings["validation"] = (X[:4], T[:4])
    parts = net.copy()
    history, done = None, 0
    for chunk in chunks:
        done += chunk
        history = parts.fit(X, T, lr=0.7, epochs=done, history=history, **settings)
    whole = net.copy()
    expected = whole._fit_readable(X, T, lr=0.7, epochs=7, **settings)
    assert_same([(parts, history, []), (whole, expected, [])], settings.get("loss", "mse"))


def test_fit_runs_the_fast_loop_and_any_other_loss_the_textbooks(monkeypatch):
    """Else every comparison above would compare the textbook's loop with itself."""
    net, X, T = problem([3, 4, 1], 6)
    used = []
    for Epochs in (_fast.FastEpochs, TextbookEpochs):
        monkeypatch.setattr(Epochs, "keep", lambda self, E=Epochs: used.append(E.__name__))
    net.copy().fit(X, T, lr=0.5, epochs=2)
    net.copy()._fit_readable(X, T, lr=0.5, epochs=2)
    monkeypatch.setattr(_fast, "LOSSES", ("mse",))  # as if cross-entropy were a loss the fast loop lacked
    net.copy().fit(X, T, lr=0.5, epochs=1, loss="cross_entropy")
    assert used == ["FastEpochs"] * 2 + ["TextbookEpochs"] * 3


def test_the_fast_loop_refuses_a_loss_it_does_not_compute():
    net, X, T = problem([3, 1], 4)
    with pytest.raises(ValueError, match=r"loss must be one of \('mse', 'cross_entropy'\); got 'mae'"):
        _fast.FastEpochs(net, X, T, 1, "mae")


def test_the_fast_loop_writes_the_weights_back_into_the_same_arrays():
    net, X, T = problem([4, 5, 3], 9)
    held = net.weights + net.biases
    start = [p.copy() for p in held]
    net.fit(X, T, lr=0.5, epochs=3, update=2)
    assert all(a is b for a, b in zip(held, net.weights + net.biases))
    assert all(not np.allclose(a, b) for a, b in zip(held, start))


def test_a_run_that_amplifies_the_last_bit_still_agrees():
    """Batches of 128 digits with l b = 12.8: one bias changed in its last bit ends 20 epochs
    later with weights that differ by more than 1, so agreeing to 1e-12 means agreeing in every bit."""
    digits = bpnb.data.load("digits")
    X, T = digits.X[:600] / 16, bpnb.data.one_hot(digits.y[:600], 10)
    settings = dict(lr=0.1, epochs=20, update=128, loss="cross_entropy")
    net = bpnb.Network([64, 16, 10], seed=0)
    nudged = net.copy()
    nudged.biases[0][3] = np.nextafter(nudged.biases[0][3], 1.0)
    nudged._fit_readable(X, T, **settings)
    caught = both(net, X, T, **settings)
    assert max(np.abs(a - b).max() for a, b in zip(nudged.weights, caught[1][0].weights)) > 1.0
    assert_same(caught, "cross_entropy")


UNITS = ["sigmoid", "tanh", "relu", ["relu", "tanh", "sigmoid"]]


@pytest.mark.parametrize("activation", UNITS, ids=str)
@pytest.mark.parametrize("settings", [
    dict(), dict(momentum=0.9), dict(clip=0.05), dict(clip=0.05, momentum=0.5), dict(clip=100.0),
    dict(momentum=0.7, loss="cross_entropy", lr_schedule="1/t"),
], ids=["plain", "momentum", "clip", "clip-momentum", "clip-unused", "momentum-ce-1/t"])
@pytest.mark.parametrize("update", ["case", 3, "epoch"])
def test_other_units_momentum_and_clipping_are_the_textbooks_loop(activation, settings, update):
    net = bpnb.Network([3, 5, 4, 4, 2], activation=activation, init="he", seed=1)
    _, X, T = problem([3, 5, 4, 4, 2], 11, seed=7)
    caught = both(net, X, T, lr=0.3, epochs=8, update=update, shuffle_seed=2, **settings)
    assert_same(caught, settings.get("loss", "mse"))
    assert not np.allclose(caught[0][0].weights[0], net.weights[0])


@pytest.mark.parametrize("activation, lr", [("sigmoid", 1e308), ("relu", 1e306)])
@pytest.mark.parametrize("update", ["case", "epoch"])
def test_momentum_divergence_is_undone_alike(activation, lr, update):
    """With l = 1e306 a ReLU output times l overflows to inf, whose product with an error
    term of 0 must be nan in both loops (np.dot, unlike @, can skip the zero: case updating
    then trains on in the fast loop)."""
    net = bpnb.Network([3, 4, 1], activation=activation, seed=0)
    _, X, T = problem([3, 4, 1], 10, targets="soft")
    caught = both(net, X, T, lr=lr, epochs=5, update=update, momentum=0.9)
    assert_same(caught)
    assert caught[0][1].stop_reason.startswith("diverged: the loss was not finite in epoch")


def test_fit_runs_the_fast_loop_for_every_unit_and_the_textbooks_for_others(monkeypatch):
    net = bpnb.Network([3, 4, 4, 1], activation=["tanh", "relu"], seed=0)
    _, X, T = problem([3, 4, 4, 1], 6)
    used = []
    for Epochs in (_fast.FastEpochs, TextbookEpochs):
        monkeypatch.setattr(Epochs, "keep", lambda self, E=Epochs: used.append(E.__name__))
    net.copy().fit(X, T, lr=0.5, epochs=2, momentum=0.5, clip=1.0)
    monkeypatch.setattr(_fast, "ACTIVATIONS", ("sigmoid", "tanh"))  # as if the fast loop lacked ReLU
    net.copy().fit(X, T, lr=0.5, epochs=1)
    assert used == ["FastEpochs"] * 2 + ["TextbookEpochs"]


def test_the_fast_loop_refuses_a_unit_it_does_not_compute():
    net = bpnb.Network([3, 2, 1], activation="tanh", seed=0)
    net.activations[0] = "softplus"
    with pytest.raises(ValueError, match=r"activations must be among \('sigmoid', 'tanh', 'relu'\); got \['softplus'"):
        _fast.FastEpochs(net, np.zeros((2, 3)), np.zeros((2, 1)), 1, "mse")
