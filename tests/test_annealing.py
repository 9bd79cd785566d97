"""Simulated annealing: the Metropolis rule, the schedule, reproducible runs that lower the
error of XOR, honest counts of forward passes, and clear errors for bad input."""

import math
import warnings

import numpy as np
import pytest

import bpnb
from bpnb import annealing, counting, restarts

X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
T = np.array([0, 1, 1, 0], dtype=float)


def xor_net(seed=1):
    return bpnb.Network([2, 2, 1], init_range=(-1, 1), seed=seed)


# --- the Metropolis rule --------------------------------------------------------------

@pytest.mark.parametrize("dE, temperature, expected", [
    (-0.3, 0.1, 1.0), (0.0, 0.1, 1.0), (0.1, 0.05, math.exp(-2.0)), (0.05, 0.1, math.exp(-0.5)),
    (0.2, 2.0, math.exp(-0.1)),
])
def test_acceptance_probability_is_the_metropolis_rule(dE, temperature, expected):
    assert annealing.acceptance_probability(dE, temperature) == pytest.approx(expected, rel=1e-15)


def test_a_move_far_uphill_in_the_cold_is_never_taken_and_warns_of_nothing():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert annealing.acceptance_probability(1e6, 1e-9) == 0.0


@pytest.mark.parametrize("dE, u, taken", [
    (0.1, 0.13, True),     # exp(-2) = 0.1353...: u below it
    (0.1, 0.14, False),    # u above it
    (-0.1, 0.999, True),   # downhill: always
    (0.0, 0.999, True),    # level: always
])
def test_a_metropolis_step_takes_a_move_when_u_is_below_the_probability(dE, u, taken):
    assert annealing.metropolis_accepts(dE, 0.05, u) is taken


# --- the schedule -----------------------------------------------------------------------

def test_the_schedule_falls_geometrically_from_first_to_last():
    temps = annealing.temperatures(5, 0.1, 1e-5)
    np.testing.assert_allclose(temps, [1e-1, 1e-2, 1e-3, 1e-4, 1e-5], rtol=1e-12)
    assert annealing.temperatures(1, 0.3, 0.01).tolist() == [0.3]
    assert annealing.temperatures(3, 0.2, 0.2).tolist() == [0.2, 0.2, 0.2]


def test_the_history_records_the_schedule():
    h = annealing.anneal(xor_net(), X, T, steps=50, temperature=0.2, final_temperature=0.002, seed=0)
    np.testing.assert_allclose(h.temperature, annealing.temperatures(50, 0.2, 0.002), rtol=1e-15)


# --- runs -------------------------------------------------------------------------------

def test_the_same_seed_gives_the_same_run():
    a, b = xor_net(), xor_net()
    ha = annealing.anneal(a, X, T, steps=300, seed=7)
    hb = annealing.anneal(b, X, T, steps=300, seed=7)
    assert ha.loss == hb.loss and ha.accepted == hb.accepted and ha.delta == hb.delta
    assert all(np.array_equal(p, q) for p, q in zip(a.weights + a.biases, b.weights + b.biases))
    hc = annealing.anneal(xor_net(), X, T, steps=300, seed=8)
    assert hc.loss != ha.loss


def test_every_step_is_the_metropolis_rule_on_the_seeded_draws():
    # the run redone by hand: normal noise on every weight and bias (weights first), then one uniform u
    net = xor_net()
    h = annealing.anneal(net.copy(), X, T, steps=200, temperature=0.05, final_temperature=0.001, step_size=0.3,
                         seed=3)
    rng = np.random.default_rng(3)
    draws = []  # the generator draws the noise of 100 steps, then their 100 uniform numbers, and again
    for _ in range(2):
        block = rng.normal(0.0, 0.3, (100, net.n_parameters))
        draws += list(zip(block, rng.random(100)))
    current = net.copy()
    E = current.loss(X, T)
    assert h.start_loss == pytest.approx(E, rel=1e-14)
    for k, temp in enumerate(annealing.temperatures(200, 0.05, 0.001)):
        noise, u = draws[k]
        proposal, start = current.copy(), 0
        for p in proposal.weights + proposal.biases:
            p += noise[start:start + p.size].reshape(p.shape)
            start += p.size
        dE = proposal.loss(X, T) - E
        assert h.delta[k] == pytest.approx(dE, rel=1e-9, abs=1e-15)
        assert h.accepted[k] == (u < min(1.0, math.exp(-dE / temp))), k
        if h.accepted[k]:
            current, E = proposal, E + dE
        assert h.loss[k] == pytest.approx(E, rel=1e-9, abs=1e-15)
    assert any(h.accepted) and not all(h.accepted)
    uphill_taken = [d > 0 and a for d, a in zip(h.delta, h.accepted)]
    assert sum(uphill_taken) > 0  # it does climb


def test_annealing_lowers_the_error_of_xor_from_a_start_where_backprop_stalls():
    stalled = xor_net(seed=1)
    stalled.fit(X, T, lr=4.0, epochs=2000, update="epoch")
    assert stalled.loss(X, T) > 0.2 and list(stalled.predict(X)) != [0, 1, 1, 0]
    net = xor_net(seed=1)
    start = net.loss(X, T)
    h = annealing.anneal(net, X, T, steps=2000, temperature=0.05, final_temperature=1e-4, step_size=0.2, seed=2)
    assert start > 0.5
    assert h.best_loss[-1] < 1e-3
    assert list(net.predict(X)) == [0, 1, 1, 0]
    assert net.loss(X, T) == pytest.approx(h.best_loss[-1], rel=1e-12)  # the network keeps the best weights
    assert all(a >= b for a, b in zip(h.best_loss, h.best_loss[1:]))


def test_the_network_keeps_its_arrays_and_is_untouched_when_nothing_better_is_found():
    net = xor_net()
    arrays = net.weights + net.biases
    before = [p.copy() for p in arrays]
    h = annealing.anneal(net, X, T, steps=20, temperature=1e-9, final_temperature=1e-9, step_size=5.0, seed=0)
    assert all(a is b for a, b in zip(net.weights + net.biases, arrays))  # written in place
    if h.best_loss[-1] == h.start_loss:
        assert all(np.array_equal(p, q) for p, q in zip(arrays, before))
    else:
        assert net.loss(X, T) == pytest.approx(h.best_loss[-1], rel=1e-12)


def test_cross_entropy_is_the_error_when_asked():
    net = xor_net()
    h = annealing.anneal(net.copy(), X, T, steps=5, seed=0, loss="cross_entropy")
    assert h.start_loss == pytest.approx(net.loss(X, T, loss="cross_entropy"), rel=1e-14)


# --- counts -----------------------------------------------------------------------------

def test_forward_passes_are_counted():
    h = annealing.anneal(xor_net(), X, T, steps=250, seed=0)
    assert h.steps == 250 and h.evaluations == 251 and h.forward_passes == 251 * 4
    assert len(h.best_loss) == len(h.temperature) == len(h.delta) == len(h.accepted) == 250


def test_acceptance_rates_per_window():
    h = annealing.anneal(xor_net(), X, T, steps=250, seed=0)
    rates = h.acceptance_rates(100)
    assert rates.shape == (2,)
    assert rates[0] == np.mean(h.accepted[:100]) and rates[1] == np.mean(h.accepted[100:200])
    assert h.acceptance_rate == np.mean(h.accepted)
    assert repr(h).startswith("AnnealingHistory(250 steps; final loss ")
    assert repr(h).endswith(f"accepted {h.acceptance_rate:.3f}; 1004 forward passes)")
    assert repr(annealing.AnnealingHistory()) == "AnnealingHistory(0 steps)"


def test_steps_to_a_threshold_is_read_off_the_lowest_error():
    h = annealing.AnnealingHistory(start_loss=0.5, best_loss=[0.5, 0.3, 0.3, 0.04, 0.01])
    assert h.steps_to(0.05) == 4 and h.steps_to(0.3) == 4 and h.steps_to(0.31) == 2 and h.steps_to(0.6) == 0
    assert h.steps_to(0.001) is None


# --- many networks at once ----------------------------------------------------------------

def test_anneal_many_anneals_each_network_as_anneal_does_alone():
    settings = dict(steps=250, temperature=0.02, final_temperature=1e-4, step_size=0.2)
    nets = [xor_net(seed) for seed in range(4)]
    histories = annealing.anneal_many(nets, X, T, seeds=[10, 11, 12, 13], **settings)
    for seed, net, h in zip(range(4), nets, histories):
        alone = xor_net(seed)
        ha = annealing.anneal(alone, X, T, seed=10 + seed, **settings)
        assert h.loss == ha.loss and h.accepted == ha.accepted and h.delta == ha.delta and h.start_loss == ha.start_loss
        assert all(np.array_equal(p, q) for p, q in zip(net.weights + net.biases, alone.weights + alone.biases))
        assert h.evaluations == 251 and h.forward_passes == 251 * 4


@pytest.mark.parametrize("settings", [
    dict(lr=4.0, epochs=120, update="epoch"),
    dict(lr=4.0, epochs=120, update="epoch", momentum=0.9),
    dict(lr=1.0, epochs=30, update="case"),
    dict(lr=2.0, epochs=60, update="epoch", lr_schedule="1/t"),
    dict(lr=0.5, epochs=25, update=3, loss="cross_entropy", shuffle_seed=4),
], ids=["epoch", "momentum", "case", "1/t", "batches-shuffled-cross-entropy"])
def test_fit_many_trains_each_network_as_fit_does_alone_to_the_last_bit(settings):
    rng = np.random.default_rng(0)
    X_data, T_data = rng.uniform(-1, 1, (10, 2)), rng.integers(0, 2, 10).astype(float)
    nets = [bpnb.Network([2, 3, 2, 1], init_range=(-1, 1), seed=seed) for seed in range(5)]
    alone = [net.copy() for net in nets]
    runs = restarts.fit_many(nets, X_data, T_data, validation=(X_data[:4], T_data[:4]), **settings)
    for k, (net, twin) in enumerate(zip(nets, alone)):
        history = twin.fit(X_data, T_data, validation=(X_data[:4], T_data[:4]), **settings)
        assert np.array_equal(runs.misclassified[:, k], history.misclassified)
        assert np.array_equal(runs.val_misclassified[:, k], history.val_misclassified)
        np.testing.assert_allclose(runs.loss[:, k], history.loss, rtol=1e-13)
        np.testing.assert_allclose(runs.val_loss[:, k], history.val_loss, rtol=1e-13)
        assert all(np.array_equal(p, q) for p, q in zip(net.weights + net.biases, twin.weights + twin.biases))


def test_fit_many_gives_each_network_its_own_rate():
    nets = [xor_net(seed) for seed in range(3)]
    runs = restarts.fit_many(nets, X, T, lr=[0.5, 2.0, 4.0], epochs=50, update="case")
    for k, lr in enumerate([0.5, 2.0, 4.0]):
        history = xor_net(k).fit(X, T, lr=lr, epochs=50, update="case")
        assert np.array_equal(runs.loss[:, k], history.loss)


def test_runs_say_when_each_network_got_there():
    runs = restarts.fit_many([xor_net(seed) for seed in (0, 1)], X, T, lr=4.0, epochs=300, update="epoch")
    assert repr(runs) == "Runs(2 networks, 300 epochs)" and runs.epochs == 300
    solved = runs.first_epoch(runs.misclassified == 0)
    assert solved[1] is None  # seed 1 stalls
    alone = xor_net(0).fit(X, T, lr=4.0, epochs=300, update="epoch", max_misclassified=0.0)
    assert solved[0] == alone.epochs
    with pytest.raises(ValueError, match=r"reached must have shape \(300, 2\), one row per epoch"):
        runs.first_epoch(runs.loss[:10] < 0.05)


# --- counts -------------------------------------------------------------------------------

@pytest.mark.parametrize("sizes, n", [([2, 2, 1], 4), ([3, 5, 4, 2], 7), ([2, 1], 5), ([8, 40, 3, 1], 100)])
def test_the_counted_multiply_adds_are_those_of_the_products(sizes, n):
    net = bpnb.Network(sizes, seed=0)
    rng = np.random.default_rng(1)
    X_data, T_data = rng.uniform(-1, 1, (n, sizes[0])), rng.uniform(0, 1, (n, sizes[-1]))
    products = [a * b for a, b in zip(sizes, sizes[1:])]
    assert counting.forward_multiply_adds(net, X_data) == n * sum(products)
    # forward O @ W, backward Err @ W.T above the first layer, update O.T @ Err
    assert counting.epoch_multiply_adds(net, X_data, T_data) == n * (2 * sum(products) + sum(products[1:]))
    assert all(type(W) is np.ndarray for W in net.weights)  # the network itself does not count


def test_count_operations_counts_products_and_elementwise_work():
    A, B = np.ones((3, 4)), np.ones((4, 5))
    counts = counting.count_operations(lambda A, B: np.exp(A @ B + 1.0).sum(axis=0), A, B)
    assert counts.multiply_adds == 60          # 3 * 4 * 5
    assert counts.elementwise == 15 + 15 + 10  # + 1.0 and exp on 15 numbers; the sum: 2 additions per column
    stacked = counting.count_operations(lambda A, B: A @ B, np.ones((7, 3, 4)), B)
    assert stacked.multiply_adds == 7 * 60 and stacked.elementwise == 0
    mean = counting.count_operations(lambda A: A.mean(axis=0), np.ones((25, 8)))
    assert mean.elementwise == 24 * 8 + 8      # the additions, then one division per column
    assert counting.count_operations(lambda: None) == counting.Counts(0, 0)


# --- bad input --------------------------------------------------------------------------

@pytest.mark.parametrize("call, error, message", [
    (lambda: annealing.anneal("net", X, T, steps=10), TypeError, r"net must be a bpnb.Network; got 'net'"),
    (lambda: annealing.anneal(xor_net(), X[:, :1], T, steps=10), ValueError,
     r"X must have shape \(n_tuples, 2\) for a network with 2 inputs; got shape \(4, 1\)"),
    (lambda: annealing.anneal(xor_net(), X, T * 2, steps=10), ValueError, r"T must lie in \[0, 1\]"),
    (lambda: annealing.anneal(xor_net(), X, T, steps=0), ValueError, r"steps must be a whole number >= 1; got 0"),
    (lambda: annealing.anneal(xor_net(), X, T, steps=2.5), TypeError, r"steps must be a whole number >= 1; got 2.5"),
    (lambda: annealing.anneal(xor_net(), X, T, steps=10, temperature=-1), ValueError,
     r"temperature must be a positive finite number; got -1"),
    (lambda: annealing.anneal(xor_net(), X, T, steps=10, temperature="hot"), TypeError,
     r"temperature must be a positive number; got 'hot'"),
    (lambda: annealing.anneal(xor_net(), X, T, steps=10, temperature=0.1, final_temperature=0.5), ValueError,
     r"final_temperature must be at most temperature \(0.1\), so that it cools; got 0.5"),
    (lambda: annealing.anneal(xor_net(), X, T, steps=10, step_size=0), ValueError,
     r"step_size must be a positive finite number; got 0"),
    (lambda: annealing.anneal(xor_net(), X, T, steps=10, seed=-1), ValueError,
     r"seed must be None or a whole number >= 0; got -1"),
    (lambda: annealing.anneal(xor_net(), X, T, steps=10, loss="mae"), ValueError,
     r"loss must be one of 'mse', 'cross_entropy'; got 'mae'"),
    (lambda: annealing.acceptance_probability("up", 0.1), TypeError, r"dE must be a number; got 'up'"),
    (lambda: annealing.acceptance_probability(float("nan"), 0.1), ValueError, r"dE must be a finite number; got nan"),
    (lambda: annealing.acceptance_probability(0.1, 0), ValueError,
     r"temperature must be a positive finite number; got 0"),
    (lambda: annealing.metropolis_accepts(0.1, 0.1, 1.5), ValueError, r"u must lie between 0 and 1; got 1.5"),
    (lambda: annealing.temperatures(0), ValueError, r"steps must be a whole number >= 1; got 0"),
    (lambda: annealing.anneal(xor_net(), X, T, steps=5, seed=0).acceptance_rates(0), ValueError,
     r"window must be a whole number >= 1; got 0"),
    (lambda: annealing.anneal_many([], X, T, steps=5), TypeError, r"nets must be a non-empty list of bpnb.Network"),
    (lambda: annealing.anneal_many([xor_net(), "net"], X, T, steps=5), TypeError,
     r"nets\[1\] must be a bpnb.Network; got 'net'"),
    (lambda: annealing.anneal_many([xor_net(), bpnb.Network([2, 3, 1])], X, T, steps=5), ValueError,
     r"nets must all have the layer sizes and units of nets\[0\] \(Network\(layer_sizes=\[2, 2, 1\]\)\); "
     r"nets\[1\] is Network\(layer_sizes=\[2, 3, 1\]\)"),
    (lambda: annealing.anneal_many([xor_net(), xor_net()], X, T, steps=5, seeds=[1]), ValueError,
     r"seeds must be a list of one seed per network \(2\); got \[1\]"),
    (lambda: annealing.anneal_many([xor_net()], X, T, steps=5, seeds=[-2]), ValueError,
     r"seeds\[0\] must be None or a whole number >= 0; got -2"),
    (lambda: restarts.fit_many(xor_net(), X, T, lr=1.0, epochs=5), TypeError,
     r"nets must be a non-empty list of bpnb.Network; got Network\(layer_sizes=\[2, 2, 1\]\)"),
    (lambda: restarts.fit_many([xor_net()], X, T, lr=[1.0, 2.0], epochs=5), ValueError,
     r"lr must be a number or a list of one per network \(1\); got 2 values"),
    (lambda: restarts.fit_many([xor_net()], X, T, lr=[-1.0], epochs=5), ValueError,
     r"lr\[0\] must be a positive finite number; got -1.0"),
    (lambda: restarts.fit_many([xor_net()], X, T, lr="fast", epochs=5), TypeError,
     r"lr must be a positive number; got 'fast'"),
    (lambda: restarts.fit_many([xor_net()], X, T, lr=1.0, epochs=0), ValueError,
     r"epochs must be a whole number >= 1; got 0"),
    (lambda: restarts.fit_many([xor_net()], X, T, lr=1.0, epochs=5, update="tuple"), ValueError,
     r"update must be 'case', 'epoch' or a batch size >= 1; got 'tuple'"),
    (lambda: restarts.fit_many([xor_net()], X, T, lr=1.0, epochs=5, momentum=1.0), ValueError,
     r"momentum must lie in \[0, 1\)"),
    (lambda: restarts.fit_many([xor_net()], X, T, lr=1.0, epochs=5, lr_schedule="1/t^2"), ValueError,
     r"lr_schedule must be one of '1/t'; got '1/t\^2'"),
    (lambda: restarts.fit_many([xor_net()], X, T, lr=1.0, epochs=5, validation=X), TypeError,
     r"validation must be a pair \(X_val, T_val\)"),
    (lambda: restarts.fit_many([xor_net()], X, T, lr=1.0, epochs=5, shuffle_seed=-1), ValueError,
     r"shuffle_seed must be None or a whole number >= 0; got -1"),
    (lambda: counting.forward_multiply_adds("net", X), TypeError, r"net must be a bpnb.Network; got 'net'"),
    (lambda: counting.epoch_multiply_adds(xor_net(), X[:, :1], T), ValueError,
     r"X must have shape \(n_tuples, 2\) for a network with 2 inputs"),
    (lambda: counting.count_operations("f"), TypeError, r"fn must be a function; got 'f'"),
    (lambda: annealing.AnnealingHistory().steps_to("low"), TypeError, r"threshold must be a number; got 'low'"),
])
def test_bad_input_is_named(call, error, message):
    with pytest.raises(error, match=message):
        call()
