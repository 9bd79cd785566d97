"""Simulated annealing: the Metropolis rule, the schedule, reproducible runs that lower the
error of XOR, honest counts of forward passes, and clear errors for bad input."""

import math
import warnings

import numpy as np
import pytest

import bpnb
from bpnb import annealing

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
    current = net.copy()
    E = current.loss(X, T)
    assert h.start_loss == pytest.approx(E, rel=1e-14)
    for k, temp in enumerate(annealing.temperatures(200, 0.05, 0.001)):
        noise = rng.normal(0.0, 0.3, current.n_parameters)
        proposal, start = current.copy(), 0
        for p in proposal.weights + proposal.biases:
            p += noise[start:start + p.size].reshape(p.shape)
            start += p.size
        dE = proposal.loss(X, T) - E
        u = rng.random()
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
    h = annealing.anneal(net, X, T, steps=2000, temperature=0.05, final_temperature=1e-4, step_size=0.2, seed=1)
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


@pytest.mark.parametrize("sizes, n, epochs, expected", [
    ([2, 2, 1], 4, 1, 4 * (6 + 2 + 6) / 6),       # forward 2*2 + 2*1, backward 2*1, update 6
    ([3, 2, 1], 10, 3, 3 * 10 * (8 + 2 + 8) / 8),
    ([2, 1], 5, 2, 2 * 5 * 2),                     # one layer: no backward product
    ([2, 4, 4, 1], 1, 1, (8 + 16 + 4 + 20 + 28) / 28),
])
def test_backprop_cost_in_forward_passes(sizes, n, epochs, expected):
    assert annealing.backprop_forward_passes(sizes, n, epochs) == pytest.approx(expected, rel=1e-15)


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
    (lambda: annealing.backprop_forward_passes([2], 4, 1), ValueError, r"layer_sizes must list at least 2 layers"),
    (lambda: annealing.backprop_forward_passes([2, 2, 1], 0, 1), ValueError,
     r"n_tuples must be a whole number >= 1; got 0"),
    (lambda: annealing.backprop_forward_passes([2, 2, 1], 4, -1), ValueError,
     r"epochs must be a whole number >= 0; got -1"),
    (lambda: annealing.anneal(xor_net(), X, T, steps=5, seed=0).acceptance_rates(0), ValueError,
     r"window must be a whole number >= 1; got 0"),
])
def test_bad_input_is_named(call, error, message):
    with pytest.raises(error, match=message):
        call()
