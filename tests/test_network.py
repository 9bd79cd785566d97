"""The algorithm: exact gradients, the update modes, termination, training."""

import warnings

import numpy as np
import pytest

import bpnb
from bpnb.activations import sigmoid


def random_problem(sizes, n=6, seed=0):
    rng = np.random.default_rng(seed)
    net = bpnb.Network(sizes, init_range=(-1, 1), seed=seed)
    return net, rng.normal(size=(n, sizes[0])), rng.uniform(size=(n, sizes[-1]))


@pytest.mark.parametrize("sizes", [[2, 1], [3, 4, 1], [4, 5, 3, 2], [3, 4, 4, 4, 2], [5, 6, 5, 4, 3, 2]])
@pytest.mark.parametrize("loss", ["mse", "cross_entropy"])
def test_gradients_agree_with_finite_differences(sizes, loss):
    net, X, T = random_problem(sizes)
    assert bpnb.gradcheck(net, X, T, loss=loss) < 1e-7


def test_gradcheck_exposes_a_wrong_gradient(monkeypatch):
    net, X, T = random_problem([3, 4, 2])
    right = net.gradients(X, T)
    monkeypatch.setattr(type(net), "gradients", lambda self, X, T, loss="mse": ([g * 1.01 for g in right[0]], right[1]))
    assert bpnb.gradcheck(net, X, T) > 1e-3


def test_gradcheck_leaves_the_network_unchanged():
    net, X, T = random_problem([3, 4, 2])
    before = [w.copy() for w in net.weights + net.biases]
    bpnb.gradcheck(net, X, T)
    assert all(np.array_equal(a, b) for a, b in zip(before, net.weights + net.biases))


def test_losses_are_the_stated_sums():
    net, X, T = random_problem([3, 4, 2])
    O = net.predict_proba(X)
    assert net.loss(X, T) == pytest.approx(0.5 * np.sum((T - O) ** 2), rel=1e-12)
    ce = -np.sum(T * np.log(O) + (1 - T) * np.log(1 - O))
    assert net.loss(X, T, loss="cross_entropy") == pytest.approx(ce, rel=1e-12)


def test_cross_entropy_stays_finite_for_saturated_outputs():
    net = bpnb.Network.from_weights([np.array([[100.0]])], [np.array([0.0])])
    assert net.loss([[10.0]], [[0.0]], loss="cross_entropy") == pytest.approx(1000.0)


def test_case_update_on_one_tuple_equals_epoch_update_on_it():
    a, X, T = random_problem([3, 4, 2], n=1)
    b = a.copy()
    a.fit(X, T, lr=0.7, epochs=1, update="case")
    b.fit(X, T, lr=0.7, epochs=1, update="epoch")
    for wa, wb in zip(a.weights + a.biases, b.weights + b.biases):
        np.testing.assert_allclose(wa, wb, rtol=1e-14, atol=1e-15)


def test_epoch_update_is_the_summed_gradient_step():
    net, X, T = random_problem([3, 4, 2], n=8)
    dW, dtheta = net.gradients(X, T)
    expected = [w - 0.3 * g for w, g in zip(net.weights + net.biases, dW + dtheta)]
    net.fit(X, T, lr=0.3, epochs=1, update="epoch")
    for w, e in zip(net.weights + net.biases, expected):
        np.testing.assert_allclose(w, e, rtol=1e-13, atol=1e-15)


def test_case_updating_is_a_loop_of_train_case():
    a, X, T = random_problem([3, 4, 2], n=5)
    b = a.copy()
    a.fit(X, T, lr=0.5, epochs=1, update="case")
    for x, t in zip(X, T):
        b.train_case(x, t, 0.5)
    for wa, wb in zip(a.weights + a.biases, b.weights + b.biases):
        np.testing.assert_allclose(wa, wb, rtol=1e-14, atol=1e-15)


def test_update_modes_are_batch_sizes():
    a, X, T = random_problem([3, 4, 2], n=6)
    b, c = a.copy(), a.copy()
    a.fit(X, T, lr=0.5, epochs=3, update="epoch")
    b.fit(X, T, lr=0.5, epochs=3, update=6)
    c.fit(X, T, lr=0.5, epochs=3, update=4)
    assert all(np.array_equal(wa, wb) for wa, wb in zip(a.weights, b.weights))
    assert not np.allclose(a.weights[0], c.weights[0])


def test_shuffling_is_seeded_and_changes_the_order():
    a, X, T = random_problem([3, 4, 1], n=10)
    b, c = a.copy(), a.copy()
    a.fit(X, T, lr=0.5, epochs=2, shuffle_seed=3)
    b.fit(X, T, lr=0.5, epochs=2, shuffle_seed=3)
    c.fit(X, T, lr=0.5, epochs=2)
    assert np.array_equal(a.weights[0], b.weights[0])
    assert not np.allclose(a.weights[0], c.weights[0])


def test_network_learns_xor_from_a_fixed_seed():
    xor = bpnb.data.load("xor")
    net = bpnb.Network([2, 2, 1], seed=0)
    history = net.fit(xor.X, xor.y, lr=0.9, epochs=5000, max_misclassified=0.0)
    assert history.misclassified[-1] == 0.0
    assert net.predict(xor.X).tolist() == [0, 1, 1, 0]
    assert history.stop_reason.startswith("misclassified fraction 0.000")
    assert history.epochs < 5000


def test_weight_change_termination():
    net, X, T = random_problem([3, 4, 1], n=10)
    history = net.fit(X, T, lr=0.5, epochs=10_000, min_weight_change=0.02)
    assert 1 < history.epochs < 10_000
    assert history.max_weight_change[-1] < 0.02 <= history.max_weight_change[-2]
    assert history.stop_reason == f"every weight change in epoch {history.epochs} was below 0.02"


def test_epoch_limit_termination():
    net, X, T = random_problem([3, 4, 1], n=10)
    history = net.fit(X, T, lr=0.5, epochs=7)
    assert history.epochs == 7 and history.stop_reason == "epoch limit (7) reached"
    assert len(history.misclassified) == len(history.max_weight_change) == len(history.lr) == 7


def test_one_over_t_schedule():
    net, X, T = random_problem([3, 4, 1], n=10)
    history = net.fit(X, T, lr=0.8, epochs=4, lr_schedule="1/t")
    assert history.lr == pytest.approx([0.8, 0.4, 0.8 / 3, 0.2])


def test_validation_curves_are_recorded():
    net, X, T = random_problem([3, 4, 1], n=10)
    history = net.fit(X[:7], T[:7], lr=0.5, epochs=5, validation=(X[7:], T[7:]))
    assert len(history.val_loss) == 5
    assert history.val_loss[-1] == pytest.approx(net.loss(X[7:], T[7:]))


def test_divergence_stops_with_a_message_and_keeps_finite_weights():
    net, X, T = random_problem([3, 4, 1], n=10)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        history = net.fit(X, T, lr=1e308, epochs=50)
    assert history.stop_reason.startswith("diverged: the loss was not finite in epoch")
    assert "smaller learning rate" in history.stop_reason
    assert any("diverged" in str(w.message) for w in caught)
    assert all(np.all(np.isfinite(w)) for w in net.weights + net.biases)
    assert all(np.isfinite(history.loss))


def test_sigmoid_is_stable_for_huge_net_inputs():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = sigmoid(np.array([-1e4, -800.0, 0.0, 800.0, 1e4]))
    assert out.tolist() == [0.0, 0.0, 0.5, 1.0, 1.0]
    assert sigmoid(np.array([-30.0]))[0] == pytest.approx(np.exp(-30) / (1 + np.exp(-30)), rel=1e-14)


def test_predict_shapes_and_labels():
    net = bpnb.Network([2, 3, 1], seed=1)
    X = np.zeros((5, 2))
    assert net.predict_proba(X).shape == (5, 1)
    assert net.predict(X).shape == (5,)
    multi = bpnb.Network.from_weights([np.array([[1.0, -1.0, 0.0]])], [np.zeros(3)])
    assert multi.predict([[2.0], [-2.0]]).tolist() == [0, 1]


def test_network_is_seeded_and_drawn_from_the_init_range():
    a = bpnb.Network([3, 5, 2], seed=4, init_range=(-0.1, 0.3))
    b = bpnb.Network([3, 5, 2], seed=4, init_range=(-0.1, 0.3))
    assert all(np.array_equal(x, y) for x, y in zip(a.weights + a.biases, b.weights + b.biases))
    values = np.concatenate([p.ravel() for p in a.weights + a.biases])
    assert values.min() >= -0.1 and values.max() < 0.3 and values.dtype == np.float64
    assert [w.shape for w in a.weights] == [(3, 5), (5, 2)] and a.n_parameters == 3 * 5 + 5 + 5 * 2 + 2
    assert repr(a) == "Network(layer_sizes=[3, 5, 2])"


@pytest.mark.parametrize("chunks", [[7], [1] * 7, [3, 4], [2, 2, 3]])
@pytest.mark.parametrize("settings", [dict(update="case", shuffle_seed=5, lr_schedule="1/t"),
                                      dict(update=3, shuffle_seed=None), dict(update="epoch", shuffle_seed=0)])
def test_training_in_chunks_is_training_at_once(chunks, settings):
    whole, X, T = random_problem([3, 4, 2], n=9)
    parts = whole.copy()
    expected = whole.fit(X, T, lr=0.8, epochs=7, **settings)
    history, done = None, 0
    for chunk in chunks:
        done += chunk
        history = parts.fit(X, T, lr=0.8, epochs=done, history=history, **settings)
    assert history.epochs == 7 and history.stop_reason == expected.stop_reason == "epoch limit (7) reached"
    assert history.lr == expected.lr and history.loss == expected.loss
    for a, b in zip(whole.weights + whole.biases, parts.weights + parts.biases):
        assert np.array_equal(a, b)


def test_going_on_from_a_history_past_its_limit_trains_nothing():
    net, X, T = random_problem([3, 4, 1], n=6)
    history = net.fit(X, T, lr=0.5, epochs=4)
    before = [w.copy() for w in net.weights]
    assert net.fit(X, T, lr=0.5, epochs=4, history=history).epochs == 4
    assert all(np.array_equal(a, b) for a, b in zip(before, net.weights))
    with pytest.raises(TypeError, match=r"history must be the History of an earlier fit, or None; got \[\]"):
        net.fit(X, T, lr=0.5, epochs=5, history=[])


@pytest.mark.parametrize("args, expected", [
    ((3, 0.2, 0.5), None),
    ((50, 0.004, 0.25), "every weight change in epoch 50 was below 0.01"),
    ((50, 0.01, 0.25), None),  # 0.01 is not below 0.01
    ((50, 0.3, 0.05), "misclassified fraction 0.050 <= 0.05 after epoch 50"),  # at most
    ((100, 0.3, 0.25), "epoch limit (100) reached"),
])
def test_stop_reason_is_the_textbooks_three_conditions(args, expected):
    from bpnb.network import stop_reason
    assert stop_reason(*args, epochs=100, min_weight_change=0.01, max_misclassified=0.05) == expected
