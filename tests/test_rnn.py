"""The Elman network: its forward pass is the textbook's formulas step by step, BPTT's
gradient is the true one (finite differences), truncated BPTT is what it says, training is
deterministic and learns a task that needs memory, and bad input gets clear errors."""

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest

import bpnb
from bpnb import plots, rnn
from bpnb.rnn import ElmanNetwork

matplotlib.use("Agg")


def data(sizes, n_seq=3, n_steps=5, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.uniform(-1, 1, (n_seq, n_steps, sizes[0]))
    T = rng.integers(0, 2, (n_seq, n_steps, sizes[2])).astype(float)
    return X, T


def logistic(I):
    return 1 / (1 + np.exp(-I))


# --- the forward pass ------------------------------------------------------------------


def test_forward_is_the_textbook_formula_unit_by_unit():
    net = ElmanNetwork(2, 3, 2, init_range=(-1, 1), seed=1)
    X, _ = data((2, 3, 2), n_seq=2, n_steps=4)
    states = net.forward(X)
    for s in range(2):
        O_prev = np.zeros(3)  # the context at the start
        for t in range(4):
            O_h = np.array([logistic(sum(net.W_in[i, j] * X[s, t, i] for i in range(2))
                                     + sum(net.W_rec[h, j] * O_prev[h] for h in range(3)) + net.theta_hidden[j])
                            for j in range(3)])
            O_k = np.array([logistic(sum(net.W_out[j, k] * O_h[j] for j in range(3)) + net.theta_out[k])
                            for k in range(2)])
            assert np.allclose(states.O_hidden[s, t], O_h, atol=1e-14)
            assert np.allclose(states.O_out[s, t], O_k, atol=1e-14)
            assert np.allclose(states.I_hidden[s, t], np.log(O_h / (1 - O_h)), atol=1e-12)
            O_prev = O_h
    assert np.array_equal(states.O_before[:, 0], np.zeros((2, 3)))
    assert np.array_equal(states.O_before[:, 1:], states.O_hidden[:, :-1])


def test_the_output_at_t_depends_on_earlier_inputs_only():
    net = ElmanNetwork(1, 3, 1, seed=2)
    X, _ = data((1, 3, 1), n_seq=1, n_steps=6)
    changed = X.copy()
    changed[0, 3] += 1.0
    before, after = net.predict_proba(X), net.predict_proba(changed)
    assert np.array_equal(before[0, :3], after[0, :3])  # steps before the change: the same
    assert np.all(np.abs(before[0, 3:] - after[0, 3:]) > 1e-6)  # the change is remembered


def test_step_is_one_step_of_forward():
    net = ElmanNetwork(2, 4, 1, seed=3)
    X, _ = data((2, 4, 1))
    states = net.forward(X)
    I, O = net.step(X[:, 2], states.O_hidden[:, 1])
    assert np.array_equal(I, states.I_hidden[:, 2]) and np.array_equal(O, states.O_hidden[:, 2])


# --- BPTT: the gradient ----------------------------------------------------------------


@pytest.mark.parametrize("sizes, n_seq, n_steps, seed", [
    ((1, 3, 1), 4, 6, 0), ((2, 4, 3), 3, 5, 1), ((3, 2, 2), 1, 12, 2), ((1, 5, 1), 2, 1, 3),
])
def test_bptt_gradient_passes_the_finite_difference_check(sizes, n_seq, n_steps, seed):
    net = ElmanNetwork(*sizes, init_range=(-1, 1), seed=seed)
    X, T = data(sizes, n_seq, n_steps, seed)
    assert rnn.gradcheck(net, X, T) < 1e-8


def test_every_parameter_gradient_matches_central_differences():
    net = ElmanNetwork(2, 3, 2, init_range=(-1.5, 1.5), seed=4)
    X, T = data((2, 3, 2), 2, 7, 4)
    exact, numerical = net.gradients(X, T), rnn.numerical_gradients(net, X, T)
    assert set(exact) == set(numerical) == set(rnn.PARAMETERS)
    for name in rnn.PARAMETERS:
        assert exact[name].shape == getattr(net, name).shape
        assert np.max(np.abs(exact[name] - numerical[name])) < 1e-9, name
    assert np.max(np.abs(exact["W_rec"])) > 1e-3  # the recurrent weights do get a gradient


def test_numerical_gradients_leave_the_network_as_it_was():
    net = ElmanNetwork(1, 2, 1, seed=5)
    before = {name: p.copy() for name, p in net.parameters.items()}
    rnn.numerical_gradients(net, *data((1, 2, 1)))
    assert all(np.array_equal(before[name], p) for name, p in net.parameters.items())


def test_a_broken_bptt_fails_the_check():
    # without the term from t + 1 the gradient is wrong, and the check says so loudly
    net = ElmanNetwork(1, 3, 1, init_range=(-1, 1), seed=6)
    X, T = data((1, 3, 1), 2, 6, 6)
    assert rnn.gradcheck(net, X, T, truncate=1) > 1e-3


def test_the_hidden_error_gets_a_term_from_the_next_step():
    net = ElmanNetwork(1, 3, 2, init_range=(-1, 1), seed=7)
    X, T = data((1, 3, 2), 1, 5, 7)
    states = net.forward(X)
    Err_out, Err_h = net.backward(states, T)
    O = states.O_hidden
    for t in range(5):
        from_next = net.W_rec @ Err_h[0, t + 1] if t < 4 else 0.0
        expected = O[0, t] * (1 - O[0, t]) * (net.W_out @ Err_out[0, t] + from_next)
        assert np.allclose(Err_h[0, t], expected, atol=1e-15)
    assert np.allclose(Err_out, states.O_out * (1 - states.O_out) * (T - states.O_out))


# --- truncated BPTT --------------------------------------------------------------------


def truncated_by_differences(net, X, T, tau, eps=1e-5):
    """The truncated gradient by its definition: the error of step s changes with the weights
    used in steps s - tau + 1, ..., s only (earlier steps keep the weights as they are)."""
    n_steps = X.shape[1]
    grads = {name: np.zeros_like(p) for name, p in net.parameters.items()}

    def error_of_step(s, changed):
        O_prev = np.zeros((X.shape[0], net.sizes[1]))
        for t in range(s + 1):
            use = changed if t > s - tau else net
            O_prev = use.step(X[:, t], O_prev)[1]
        O = logistic(O_prev @ changed.W_out + changed.theta_out)
        return 0.5 * np.sum((T[:, s] - O) ** 2)

    for name in grads:
        for index in np.ndindex(grads[name].shape):
            for sign in (1, -1):
                changed = net.copy()
                getattr(changed, name)[index] += sign * eps
                grads[name][index] += sign * sum(error_of_step(s, changed) for s in range(n_steps)) / (2 * eps)
    return grads


@pytest.mark.parametrize("tau", [1, 2, 3])
def test_truncated_bptt_sends_each_error_back_tau_steps(tau):
    net = ElmanNetwork(2, 3, 1, init_range=(-1, 1), seed=8)
    X, T = data((2, 3, 1), 2, 6, 8)
    exact, numerical = net.gradients(X, T, truncate=tau), truncated_by_differences(net, X, T, tau)
    for name in rnn.PARAMETERS:
        assert np.max(np.abs(exact[name] - numerical[name])) < 1e-9, (tau, name)


def test_truncation_as_long_as_the_sequence_is_full_bptt():
    net = ElmanNetwork(1, 4, 2, init_range=(-1, 1), seed=9)
    X, T = data((1, 4, 2), 3, 7, 9)
    full, truncated = net.gradients(X, T), net.gradients(X, T, truncate=7)
    longer = net.gradients(X, T, truncate=50)
    for name in rnn.PARAMETERS:
        assert np.allclose(full[name], truncated[name], rtol=0, atol=1e-14)
        assert np.allclose(full[name], longer[name], rtol=0, atol=1e-14)
    assert rnn.gradcheck(net, X, T, truncate=7) < 1e-8
    shorter = net.gradients(X, T, truncate=2)
    assert not np.allclose(full["W_rec"], shorter["W_rec"], atol=1e-6)


def test_truncated_to_one_step_uses_no_path_through_time():
    # tau = 1 is Elman's own training: the context is taken as a fixed extra input
    net = ElmanNetwork(1, 3, 1, init_range=(-1, 1), seed=10)
    X, T = data((1, 3, 1), 2, 5, 10)
    states = net.forward(X)
    Err_out = net.output_errors(states, T)
    Err_h = net.hidden_errors(states, Err_out, truncate=1)
    O = states.O_hidden
    assert np.allclose(Err_h, O * (1 - O) * (Err_out @ net.W_out.T), rtol=0, atol=1e-15)


# --- training --------------------------------------------------------------------------


def echo_net():
    return ElmanNetwork(1, 3, 1, init_range=(-1, 1), seed=3)


def test_fit_learns_to_echo_two_steps_back():
    X, T = rnn.echo_sequences(40, 20, 2, seed=1)
    X_new, T_new = rnn.echo_sequences(100, 20, 2, seed=2)
    net = echo_net()
    history = net.fit(X, T, lr=0.2, epochs=40, batch=4, shuffle_seed=0)
    assert history.epochs == 40 and history.stop_reason == "epoch limit (40) reached"
    assert history.loss[-1] < 0.1 * history.loss[0]
    assert history.misclassified[-1] == 0.0
    assert np.mean(net.predict(X_new)[:, 2:] == T_new[:, 2:, 0]) == 1.0


def test_truncation_shorter_than_the_memory_cannot_learn_the_echo():
    X, T = rnn.echo_sequences(40, 20, 2, seed=1)
    accuracy = {}
    for tau in (2, 3):
        net = echo_net()
        net.fit(X, T, lr=0.2, epochs=40, batch=4, truncate=tau, shuffle_seed=0)
        accuracy[tau] = np.mean(net.predict(X)[:, 2:] == T[:, 2:, 0])
    assert accuracy[2] < 0.6 and accuracy[3] > 0.99


def test_fit_is_deterministic():
    X, T = rnn.echo_sequences(8, 10, 1, seed=4)
    a, b = echo_net(), echo_net()
    ha = a.fit(X, T, lr=0.3, epochs=5, batch=2, shuffle_seed=7)
    hb = b.fit(X, T, lr=0.3, epochs=5, batch=2, shuffle_seed=7)
    assert ha.loss == hb.loss and ha.misclassified == hb.misclassified
    assert all(np.array_equal(a.parameters[n], b.parameters[n]) for n in rnn.PARAMETERS)


def test_one_batch_of_everything_is_one_gradient_step():
    X, T = data((2, 3, 1), 4, 6, 11)
    net = ElmanNetwork(2, 3, 1, seed=11)
    grads = net.gradients(X, T)
    expected = {name: p - 0.1 * grads[name] for name, p in net.parameters.items()}
    history = net.fit(X, T, lr=0.1, epochs=1, batch=4)
    for name in rnn.PARAMETERS:
        assert np.allclose(net.parameters[name], expected[name], rtol=0, atol=1e-15)
    assert history.loss == [pytest.approx(net.loss(X, T))]
    assert history.max_weight_change == [pytest.approx(max(0.1 * np.abs(g).max() for g in grads.values()))]
    assert history.lr == [0.1]


def test_predictions_and_error_have_the_documented_shapes():
    net = ElmanNetwork(2, 3, 1, seed=12)
    X, T = data((2, 3, 1), 3, 4)
    assert net.predict_proba(X).shape == (3, 4, 1)
    labels = net.predict(X)
    assert labels.shape == (3, 4) and labels.dtype.kind == "i"
    assert net.loss(X, T[..., 0]) == net.loss(X, T)  # (n_seq, n_steps) targets for one output
    assert net.loss(X, T) == pytest.approx(0.5 * np.sum((T - net.predict_proba(X)) ** 2))
    three = ElmanNetwork(2, 3, 3, seed=12)
    assert np.array_equal(three.predict(X), np.argmax(three.predict_proba(X), axis=-1))


def test_echo_sequences():
    X, T = rnn.echo_sequences(5, 9, 3, seed=0)
    assert X.shape == T.shape == (5, 9, 1)
    assert set(np.unique(X)) == {0.0, 1.0}
    assert np.array_equal(T[:, 3:], X[:, :6]) and not T[:, :3].any()
    assert np.array_equal(rnn.echo_sequences(5, 9, 3, seed=0)[0], X)
    X0, T0 = rnn.echo_sequences(2, 4, 0, seed=1)
    assert np.array_equal(X0, T0)


# --- the network as an object ----------------------------------------------------------


def test_from_weights_copy_and_repr():
    net = ElmanNetwork(2, 3, 1, seed=13)
    twin = ElmanNetwork.from_weights(net.W_in, net.W_rec, net.W_out, net.theta_hidden, net.theta_out)
    copy = net.copy()
    copy.W_rec[0, 0] += 1.0
    assert net.W_rec[0, 0] == twin.W_rec[0, 0] != copy.W_rec[0, 0]
    assert twin.sizes == (2, 3, 1) and repr(twin) == "ElmanNetwork(n_in=2, n_hidden=3, n_out=1)"
    assert ElmanNetwork(2, 3, 1, seed=13).W_in.tolist() == net.W_in.tolist()  # seeded
    assert bpnb.rnn is rnn


NET = ElmanNetwork(2, 3, 1, seed=0)
X_OK, T_OK = data((2, 3, 1))


@pytest.mark.parametrize("call, error, message", [
    (lambda: ElmanNetwork(0, 3, 1), ValueError, r"n_in must be a whole number >= 1; got 0"),
    (lambda: ElmanNetwork(2, 2.5, 1), TypeError, r"n_hidden must be a whole number >= 1; got 2.5"),
    (lambda: ElmanNetwork(2, 3, "1"), TypeError, r"n_out must be a whole number >= 1; got '1'"),
    (lambda: ElmanNetwork(2, 3, 1, init_range=(1, -1)), ValueError, r"init_range must be .*low < high; got \(1, -1\)"),
    (lambda: ElmanNetwork(2, 3, 1, init_range=1), TypeError, r"init_range must be a pair \(low, high\); got 1"),
    (lambda: ElmanNetwork(2, 3, 1, seed=-2), ValueError, r"seed must be None or a whole number >= 0; got -2"),
    (lambda: ElmanNetwork.from_weights(np.ones((2, 3)), np.ones((3, 2)), np.ones((3, 1)), np.ones(3), np.ones(1)),
     ValueError, r"W_rec must have shape \(3, 3\), a row and column per hidden unit, as W_in has 3 columns; got shape \(3, 2\)"),
    (lambda: ElmanNetwork.from_weights(np.ones((2, 3)), np.ones((3, 3)), np.ones((3, 1)), np.ones(2), np.ones(1)),
     ValueError, r"theta_hidden must have shape \(3,\), a bias per hidden unit.*got shape \(2,\)"),
    (lambda: ElmanNetwork.from_weights(np.ones((2, 3)), np.ones((3, 3)), np.ones((2, 1)), np.ones(3), np.ones(1)),
     ValueError, r"W_out must have shape \(3, 1\), a row per hidden unit.*got shape \(2, 1\)"),
    (lambda: ElmanNetwork.from_weights(np.ones((2, 3)), np.ones((3, 3)), np.ones((3, 2)), np.ones(3), np.ones(1)),
     ValueError, r"theta_out must have shape \(2,\), a bias per output unit, as W_out has 2 columns; got shape \(1,\)"),
    (lambda: ElmanNetwork.from_weights(np.ones(3), np.ones((3, 3)), np.ones((3, 1)), np.ones(3), np.ones(1)),
     ValueError, r"W_in must be a non-empty 2-D array of shape \(n_in, n_hidden\); got shape \(3,\)"),
    (lambda: ElmanNetwork.from_weights(np.ones((2, 3)), np.full((3, 3), np.nan), np.ones((3, 1)), np.ones(3),
                                       np.ones(1)), ValueError, r"W_rec must contain only finite numbers; got nan"),
    (lambda: ElmanNetwork.from_weights("W", np.ones((3, 3)), np.ones((3, 1)), np.ones(3), np.ones(1)),
     TypeError, r"W_in must be an array of real numbers; got 'W'"),
    (lambda: NET.predict(np.zeros((4, 2))), ValueError,
     r"X must have shape \(n_sequences, n_steps, 2\) for a network with 2 input\(s\); got shape \(4, 2\) "
     r"\(for one sequence x of shape \(n_steps, n_in\), pass x\[None\]\)"),
    (lambda: NET.predict(np.zeros((4, 5, 3))), ValueError, r"X must have shape \(n_sequences, n_steps, 2\).*got shape \(4, 5, 3\)$"),
    (lambda: NET.predict(np.zeros((2, 0, 2))), ValueError, r"X must hold at least one sequence of at least one step; got shape \(2, 0, 2\)"),
    (lambda: NET.predict(np.full((1, 2, 2), np.inf)), ValueError, r"X must contain only finite numbers; got inf at index \[0, 0, 0\]"),
    (lambda: NET.predict([[["a", "b"]]]), TypeError, r"X must be an array of real numbers; got \[\[\['a', 'b'\]\]\]"),
    (lambda: NET.loss(X_OK, np.zeros((3, 5, 2))), ValueError,
     r"T must have shape \(3, 5, 1\): 1 target\(s\) at every step of every sequence; got shape \(3, 5, 2\)"),
    (lambda: NET.loss(X_OK, np.full((3, 5), 2.0)), ValueError, r"T must lie in \[0, 1\], the range of a sigmoid output; got values from 2 to 2"),
    (lambda: NET.loss(X_OK, np.full((3, 5), np.nan)), ValueError, r"T must contain only finite numbers; got nan"),
    (lambda: NET.gradients(X_OK, T_OK, truncate=0), ValueError, r"truncate must be None \(full BPTT\) or a whole number of steps >= 1; got 0"),
    (lambda: NET.gradients(X_OK, T_OK, truncate=2.0), TypeError, r"truncate must be None \(full BPTT\) or a whole number.*got 2.0"),
    (lambda: NET.gradients(X_OK, T_OK, truncate=True), TypeError, r"truncate must be None.*got True"),
    (lambda: NET.hidden_errors(NET.forward(X_OK), np.zeros((3, 5, 1)), truncate=0), ValueError,
     r"truncate must be None \(full BPTT\) or a whole number of steps >= 1; got 0"),
    (lambda: NET.copy().fit(X_OK, T_OK, lr=0, epochs=1), ValueError, r"lr must be a positive finite number; got 0"),
    (lambda: NET.copy().fit(X_OK, T_OK, lr="0.1", epochs=1), TypeError, r"lr must be a positive number; got '0.1'"),
    (lambda: NET.copy().fit(X_OK, T_OK, lr=0.1, epochs=0), ValueError, r"epochs must be a whole number >= 1; got 0"),
    (lambda: NET.copy().fit(X_OK, T_OK, lr=0.1, epochs=1, batch=0), ValueError, r"batch must be a whole number >= 1; got 0"),
    (lambda: NET.copy().fit(X_OK, T_OK, lr=0.1, epochs=1, shuffle_seed="a"), TypeError,
     r"shuffle_seed must be None or a whole number >= 0; got 'a'"),
    (lambda: rnn.gradcheck(bpnb.Network([2, 3, 1]), X_OK, T_OK), TypeError,
     r"net must be a bpnb.rnn.ElmanNetwork; got Network\(layer_sizes=\[2, 3, 1\]\)"),
    (lambda: rnn.numerical_gradients(NET, X_OK, T_OK, eps=0), ValueError, r"eps must be a positive finite number; got 0"),
    (lambda: rnn.echo_sequences(2, 5, 5), ValueError, r"delay must be smaller than n_steps \(5\) so that something is echoed; got 5"),
    (lambda: rnn.echo_sequences(2, 5, -1), ValueError, r"delay must be a whole number >= 0; got -1"),
    (lambda: rnn.echo_sequences(0, 5, 1), ValueError, r"n_sequences must be a whole number >= 1; got 0"),
])
def test_bad_input_is_named(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_a_failed_fit_leaves_the_network_unchanged():
    net = NET.copy()
    with pytest.raises(ValueError):
        net.fit(X_OK, T_OK, lr=0.1, epochs=1, truncate=-1)
    assert all(np.array_equal(net.parameters[n], NET.parameters[n]) for n in rnn.PARAMETERS)


# --- the figures -----------------------------------------------------------------------


def test_the_unfolded_diagram_has_a_copy_of_the_network_per_step():
    net = ElmanNetwork(2, 3, 1, seed=14)
    ax = plots.draw_unfolded(net, n_steps=4, highlight=2)
    circles = [p for p in ax.patches if isinstance(p, matplotlib.patches.Circle)]
    assert len(circles) == 4 * (2 + 3 + 1) + 3  # every step's units and the context at the start
    yellow = [c for c in circles if matplotlib.colors.to_hex(c.get_facecolor()) == plots.COLORS["yellow"].lower()]
    assert len(yellow) == 3  # the hidden units of step 2
    assert len(ax.lines) == 4 * (2 * 3 + 3 * 3 + 3 * 1)  # every weight, once per step
    assert ax.get_title() == "Where the error terms of the hidden units at t = 2 come from"
    ax = plots.draw_elman(net)
    assert len([p for p in ax.patches if isinstance(p, matplotlib.patches.Circle)]) == 2 + 3 + 3 + 1
    assert len(ax.lines) == 2 * 3 + 3 * 3 + 3 * 1
    plt.close("all")


def test_the_elman_diagram_copies_every_hidden_unit_into_its_context_unit():
    net = ElmanNetwork(2, 3, 1, seed=14)
    ax = plots.draw_elman(net)
    circles = {t.get_text(): t.get_position() for t in ax.texts if t.get_text() in ("3", "4", "5", "c3", "c4", "c5")}
    arrows = [p for p in ax.patches if isinstance(p, matplotlib.patches.FancyArrowPatch)]
    assert len(arrows) == 3  # one copy per hidden unit, none shared
    for arrow, j in zip(arrows, ("3", "4", "5")):
        points = arrow.get_path().vertices  # the line and its arrowhead
        start, (x_c, y_c) = points[0], circles["c" + j]
        assert abs(start[1] - circles[j][1]) < 0.3 and start[0] > circles[j][0]  # out of hidden unit j ...
        assert np.isclose(points, [x_c - 0.3, y_c], atol=0.05).all(axis=1).any()  # ... its head at c_j's left
        assert arrow.get_linestyle() == "solid"  # dashes are the negative weights' and the context units'
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels[-1] == "copy $O_j(t)$ → $c_j$ (grey, arrow)" and len(labels) == 4
    plt.close("all")


@pytest.mark.parametrize("changes, message", [
    ({"n_steps": 0}, r"n_steps must be a whole number >= 1; got 0"),
    ({"highlight": 5}, r"highlight must be None or a step from 1 to 4; got 5"),
])
def test_the_unfolded_diagram_refuses_bad_arguments(changes, message):
    with pytest.raises(ValueError, match=message):
        plots.draw_unfolded(NET, **({"n_steps": 4} | changes))
