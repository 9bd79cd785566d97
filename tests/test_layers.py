"""bpnb.layers: each layer's forward and backward, batch normalization's two modes, dropout's
masks, the Stack's gradients against finite differences, its training, its errors."""

import warnings

import numpy as np
import pytest

import bpnb
from bpnb.gradcheck import central_differences, relative_error
from bpnb.layers import Act, BatchNorm, Dense, Dropout, Stack, gradcheck

RNG = np.random.default_rng(0)
X = RNG.normal(size=(9, 3)) * [1.0, 4.0, 0.3] + [0.5, -2.0, 1.0]  # columns of different scales
T = RNG.uniform(size=(9, 2))


def layer_check(layer, X, training):
    """Backward of one layer against central differences of E = sum(R * forward(X)), whose
    dE/dO is R: for the inputs X and for every parameter."""
    R = np.random.default_rng(1).normal(size=layer.forward(X, training).shape)

    def E():
        return float(np.sum(R * layer.forward(X, training)))

    layer.forward(X, training)
    dX = layer.backward(R)
    numerical = central_differences(E, [X] + layer.parameters, 1e-6)
    return relative_error([dX] + layer.grads, numerical)


# --- each layer -------------------------------------------------------------------------


def test_dense_is_the_textbooks_net_input():
    layer = Dense(3, 4, seed=0)
    np.testing.assert_array_equal(layer.forward(X), X @ layer.W + layer.theta)
    assert layer.parameters[0] is layer.W and layer.parameters[1] is layer.theta
    assert repr(layer) == "Dense(3, 4)"


@pytest.mark.parametrize("init", ["uniform", "xavier", "he"])
def test_dense_draws_its_weights_as_network_does(init):
    layer = Dense(40, 30, init=init, init_scale=2.0, seed=3)
    net = bpnb.Network([40, 30], init=init, init_scale=2.0, seed=3)
    assert np.array_equal(layer.W, net.weights[0]) and np.array_equal(layer.theta, net.biases[0])


@pytest.mark.parametrize("layer", [Dense(3, 4, seed=0), Dense(3, 2, init="he", seed=1), Act("sigmoid"), Act("tanh"),
                                   Act("relu")], ids=repr)
def test_dense_and_act_backward_against_finite_differences(layer):
    assert np.abs(X).min() > 0.2  # away from ReLU's kink
    assert layer_check(layer, X.copy(), training=True) < 1e-7


def test_act_backward_is_the_slope_from_the_output_times_dO():
    layer = Act("tanh")
    O = layer.forward(X)
    dO = np.ones_like(O)
    np.testing.assert_array_equal(layer.backward(dO), 1.0 - np.tanh(X) ** 2)
    assert layer.parameters == [] and repr(layer) == "Act('tanh')"


def test_batchnorm_in_training_standardizes_each_column():
    layer = BatchNorm(3)
    O = layer.forward(X, training=True)
    var = X.var(axis=0)
    np.testing.assert_allclose(O.mean(axis=0), 0.0, atol=1e-15)
    np.testing.assert_allclose(O.std(axis=0), np.sqrt(var / (var + 1e-5)), rtol=1e-14)  # eps under the root
    np.testing.assert_allclose(O.std(axis=0), 1.0, rtol=1e-3)
    layer.gamma[...] = [2.0, 1.0, 0.5]
    layer.beta[...] = [1.0, 0.0, -3.0]
    O = layer.forward(X, training=True)
    np.testing.assert_allclose(O.mean(axis=0), [1.0, 0.0, -3.0], atol=1e-14)
    np.testing.assert_allclose(O.std(axis=0), [2.0, 1.0, 0.5], rtol=1e-3)


def test_batchnorm_in_evaluation_uses_the_running_statistics():
    layer = BatchNorm(3, eps=1e-3)
    layer.running_mean[...] = [1.0, -2.0, 0.0]
    layer.running_var[...] = [4.0, 1.0, 0.25]
    expected = (X - [1.0, -2.0, 0.0]) / np.sqrt(np.array([4.0, 1.0, 0.25]) + 1e-3)
    np.testing.assert_allclose(layer.forward(X), expected, rtol=1e-15)
    np.testing.assert_allclose(layer.forward(X[:1]), expected[:1], rtol=1e-15)  # one tuple alone: the same


def test_batchnorm_tracks_the_batches_with_its_momentum():
    layer = BatchNorm(3, momentum=0.75)
    layer.forward(X, training=True)
    layer.track()
    np.testing.assert_allclose(layer.running_mean, 0.25 * X.mean(axis=0), rtol=1e-15)
    np.testing.assert_allclose(layer.running_var, 0.75 + 0.25 * X.var(axis=0), rtol=1e-15)
    layer.forward(X, training=False)  # evaluation leaves them
    layer.track()  # the last training batch again
    np.testing.assert_allclose(layer.running_mean, (0.25 + 0.75 * 0.25) * X.mean(axis=0), rtol=1e-14)


@pytest.mark.parametrize("training", [True, False])
def test_batchnorm_backward_against_finite_differences(training):
    layer = BatchNorm(3)
    layer.gamma[...] = [1.5, -0.5, 2.0]
    layer.beta[...] = [0.1, 0.2, -0.3]
    layer.running_mean[...] = [0.3, -1.0, 1.2]
    layer.running_var[...] = [1.5, 9.0, 0.2]
    assert layer_check(layer, X.copy(), training) < 1e-7


def test_dropout_in_evaluation_is_the_identity():
    layer = Dropout(0.5, seed=0)
    assert layer.forward(X) is X
    assert layer.backward(T) is T


def test_dropout_in_training_keeps_about_1_minus_p_scaled_by_1_over_1_minus_p():
    layer = Dropout(0.3, seed=0)
    ones = np.ones((1000, 100))
    O = layer.forward(ones, training=True)
    kept = O != 0
    assert kept.mean() == pytest.approx(0.7, abs=0.005)  # 100 000 units
    assert np.all(O[kept] == 1 / 0.7)
    assert O.mean() == pytest.approx(1.0, abs=0.01)  # the expected output is unchanged
    np.testing.assert_array_equal(layer.backward(ones), O)  # the same mask on the way back


def test_dropout_masks_are_seeded_and_fresh_each_pass():
    a, b = Dropout(0.5, seed=4), Dropout(0.5, seed=4)
    first = a.forward(np.ones((6, 5)), training=True)
    assert np.array_equal(first, b.forward(np.ones((6, 5)), training=True))
    assert not np.array_equal(first, a.forward(np.ones((6, 5)), training=True))
    assert np.array_equal(Dropout(0.0, seed=0).forward(X, training=True), X)
    assert repr(Dropout(0.25)) == "Dropout(0.25)"


def test_dropout_backward_with_a_fixed_mask_against_finite_differences():
    layer = Dropout(0.4, seed=0)
    layer.forward(X, training=True)
    layer.fixed = layer.mask
    assert (layer.fixed == 0).any()
    assert layer_check(layer, X.copy(), training=True) < 1e-7


# --- the stack --------------------------------------------------------------------------


def deep_layers(seed=0, p=0.25) -> list:
    return [Dense(3, 6, init="he", seed=seed), BatchNorm(6), Act("relu"), Dropout(p, seed=seed + 1),
            Dense(6, 5, init="xavier", seed=seed + 2), BatchNorm(5), Act("tanh"),
            Dense(5, 2, seed=seed + 3), Act("sigmoid")]


def deep_stack(seed=0, p=0.25) -> Stack:
    return Stack(deep_layers(seed, p))


@pytest.mark.parametrize("layers", [
    lambda: [Dense(3, 2, seed=0), Act("sigmoid")],
    lambda: [Dense(3, 5, seed=0), Act("tanh"), Dense(5, 2, seed=1), Act("sigmoid")],
    lambda: [Dense(3, 5, seed=0), BatchNorm(5), Act("sigmoid"), Dense(5, 2, seed=1), Act("sigmoid")],
    lambda: [BatchNorm(3), Dense(3, 5, seed=0), Act("relu"), Dense(5, 2, seed=1), Act("sigmoid")],
    lambda: [Dense(3, 5, seed=0), Act("tanh"), Dropout(0.5, seed=2), Dense(5, 2, seed=1), Act("sigmoid")],
    deep_layers,
], ids=["one-layer", "tanh", "batchnorm", "batchnorm-first", "dropout", "deep"])
@pytest.mark.parametrize("training", [True, False])
def test_stack_gradients_agree_with_finite_differences(layers, training):
    stack = Stack(layers())
    if training:  # train a little first: gamma, beta and the running statistics away from their start
        stack.fit(X, T, lr=0.05, epochs=3, batch_size=4, seed=0)
    assert gradcheck(stack, X, T, training=training) < 1e-7


def test_gradcheck_exposes_a_batchnorm_backward_that_forgets_the_batch_statistics(monkeypatch):
    stack = deep_stack()
    assert gradcheck(stack, X, T) < 1e-7

    def as_if_constant(self, dO):
        self.grads = [(dO * self.I_hat).sum(axis=0), dO.sum(axis=0)]
        return dO * self.gamma * self.inv_std

    monkeypatch.setattr(BatchNorm, "backward", as_if_constant)
    assert gradcheck(stack, X, T) > 1e-3


def test_gradcheck_leaves_the_stack_as_it_was():
    stack = deep_stack()
    twin = deep_stack()
    gradcheck(stack, X, T)
    for a, b in zip(stack.parameters, twin.parameters):
        assert np.array_equal(a, b)
    for a, b in zip(stack.layers, twin.layers):
        if isinstance(a, BatchNorm):
            assert np.array_equal(a.running_mean, b.running_mean) and np.array_equal(a.running_var, b.running_var)
    assert stack.layers[3].fixed is None
    np.testing.assert_array_equal(stack.forward(X, training=True), twin.forward(X, training=True))  # the same next mask


def test_the_stack_of_a_network_computes_its_numbers():
    net = bpnb.Network([3, 5, 4, 2], activation=["relu", "tanh"], seed=0)
    stack = Stack.from_network(net)
    assert repr(stack) == "Stack([Dense(3, 5), Act('relu'), Dense(5, 4), Act('tanh'), Dense(4, 2), Act('sigmoid')])"
    np.testing.assert_array_equal(stack.forward(X), net.predict_proba(X))
    assert stack.loss(X, T) == net.loss(X, T)
    dW, dtheta = net.gradients(X, T)
    expected = [g for pair in zip(dW, dtheta) for g in pair]
    for a, b in zip(stack.gradients(X, T), expected):
        np.testing.assert_allclose(a, b, rtol=1e-13, atol=1e-16)


def test_the_stack_of_a_network_trains_as_it_does():
    net = bpnb.Network([3, 5, 2], activation="tanh", seed=0)
    stack = Stack.from_network(net)
    history = net.fit(X, T, lr=0.3, epochs=6, update=4)
    losses = stack.fit(X, T, lr=0.3, epochs=6, batch_size=4)
    np.testing.assert_allclose(losses, history.loss, rtol=1e-12)
    for a, b in zip(stack.parameters, [p for pair in zip(net.weights, net.biases) for p in pair]):
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-14)


def test_parameters_are_the_stacks_own_arrays():
    stack = Stack([Dense(3, 2, seed=0), Act("sigmoid")])
    before = stack.forward(X)
    stack.parameters[1][...] = 100.0  # every bias
    assert np.all(stack.forward(X) > before) and np.allclose(stack.forward(X), 1.0)


def test_fit_learns_the_moons_with_batch_norm_and_dropout():
    moons = bpnb.data.make_moons(200, noise=0.15, seed=0)
    stack = Stack([Dense(2, 16, init="he", seed=0), BatchNorm(16), Act("relu"), Dropout(0.1, seed=1),
                   Dense(16, 1, seed=2), Act("sigmoid")])
    start = stack.loss(moons.X, moons.y)
    losses = stack.fit(moons.X, moons.y, lr=0.1, epochs=40, batch_size=20, seed=0)
    assert len(losses) == 40
    assert losses[-1] < 0.25 * start and losses[-1] < losses[0]
    assert np.mean(stack.predict(moons.X) == moons.y) > 0.9


def test_fit_learns_xor():
    xor = bpnb.data.load("xor")
    stack = Stack([Dense(2, 4, init="xavier", seed=3), Act("tanh"), Dense(4, 1, seed=4), Act("sigmoid")])
    losses = stack.fit(xor.X, xor.y, lr=0.5, epochs=500, batch_size=4)
    assert losses[-1] < 0.05 < losses[0]
    assert stack.predict(xor.X).tolist() == [0, 1, 1, 0]


def test_fit_is_seeded_and_trains_in_batch_statistics():
    a, b = deep_stack(), deep_stack()
    assert a.fit(X, T, lr=0.1, epochs=4, batch_size=3, seed=5) == b.fit(X, T, lr=0.1, epochs=4, batch_size=3, seed=5)
    assert not np.array_equal(a.layers[1].running_mean, np.zeros(6))  # tracked while training


def test_fit_stops_when_the_loss_is_not_finite():
    stack = Stack([Dense(3, 4, seed=0), Act("relu"), Dense(4, 2, seed=1), Act("sigmoid")])
    stack.layers[0].W[...] = 1e308  # inputs of both signs: the net inputs are inf - inf
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        losses = stack.fit(X, T, lr=0.1, epochs=5, batch_size=9)
    assert len(losses) == 1 and np.isnan(losses[0])
    assert [str(w.message) for w in caught] == [
        "diverged: the loss was not finite in epoch 1; try a smaller learning rate than 0.1"]


def test_predict_gives_labels():
    stack = Stack([Dense(1, 3, seed=0), Act("sigmoid")])
    stack.layers[0].W[...] = [[1.0, -1.0, 0.0]]
    stack.layers[0].theta[...] = 0.0
    assert stack.predict([[2.0], [-2.0]]).tolist() == [0, 1]
    two = Stack([Dense(1, 1, seed=0), Act("sigmoid")])
    two.layers[0].W[...] = 1.0
    two.layers[0].theta[...] = 0.0
    assert two.predict([[2.0], [-2.0]]).tolist() == [1, 0]


# --- bad arguments ------------------------------------------------------------------------


@pytest.mark.parametrize("make, error, message", [
    (lambda: Dropout(1.0), ValueError, r"^p must lie in \[0, 1\): at least 0 and below 1; got 1.0$"),
    (lambda: Dropout(-0.1), ValueError, r"^p must lie in \[0, 1\): at least 0 and below 1; got -0.1$"),
    (lambda: Dropout("0.5"), TypeError, r"^p must be a number; got '0.5'$"),
    (lambda: Dropout(0.5, seed=-1), ValueError, r"^seed must be None or a whole number >= 0; got -1$"),
    (lambda: BatchNorm(0), ValueError, r"^n must be a whole number >= 1; got 0$"),
    (lambda: BatchNorm(2.5), TypeError, r"^n must be a whole number >= 1; got 2.5$"),
    (lambda: BatchNorm(True), TypeError, r"^n must be a whole number >= 1; got True$"),
    (lambda: BatchNorm(4, momentum=1.0), ValueError, r"^momentum must lie in \[0, 1\): at least 0 and below 1"),
    (lambda: BatchNorm(4, eps=0.0), ValueError, r"^eps must be a positive finite number; got 0.0$"),
    (lambda: Dense(0, 3), ValueError, r"^n_in must be a whole number >= 1; got 0$"),
    (lambda: Dense(3, "4"), TypeError, r"^n_out must be a whole number >= 1; got '4'$"),
    (lambda: Dense(3, 4, init="glorot"), ValueError, r"^init must be one of 'uniform', 'xavier', 'he'; got 'glorot'$"),
    (lambda: Dense(3, 4, init_scale=0), ValueError, r"^init_scale must be a positive finite number; got 0$"),
    (lambda: Dense(3, 4, init_range=(1, -1)), ValueError, r"^init_range must be finite numbers \(low, high\)"),
    (lambda: Dense.from_weights(np.zeros((3, 2)), np.zeros(3)), ValueError,
     r"^theta must have shape \(2,\), one bias per unit; got shape \(3,\)$"),
    (lambda: Act("softmax"), ValueError, r"^activation must be one of 'sigmoid', 'tanh', 'relu'; got 'softmax'$"),
    (lambda: Stack([]), TypeError, r"^layers must be a non-empty list of layers; got \[\]$"),
    (lambda: Stack(Dense(3, 2)), TypeError, r"^layers must be a non-empty list of layers; got Dense\(3, 2\)$"),
    (lambda: Stack([Dense(3, 2), "relu", Act("sigmoid")]), TypeError,
     r"^layers\[1\] must be a Dense, Act, BatchNorm or Dropout layer; got 'relu'$"),
    (lambda: Stack([Dense(3, 2)]), ValueError,
     r"^layers must end with the output layer, a Dense then Act\('sigmoid'\); got \[Dense\(3, 2\)\]$"),
    (lambda: Stack([Dense(3, 2), Act("tanh")]), ValueError,
     r"^layers must end with the output layer, a Dense then Act\('sigmoid'\); got \[Dense\(3, 2\), Act\('tanh'\)\]$"),
    (lambda: Stack([Dense(3, 8), Act("tanh"), Dense(4, 1), Act("sigmoid")]), ValueError,
     r"^layers\[2\]: Dense\(4, 1\) takes 4 inputs; got 8 from the layer before$"),
    (lambda: Stack([Dense(3, 8), BatchNorm(6), Dense(6, 1), Act("sigmoid")]), ValueError,
     r"^layers\[1\]: BatchNorm\(6\) normalizes 6 units; got 8 from the layer before$"),
])
def test_bad_layers_are_refused(make, error, message):
    with pytest.raises(error, match=message):
        make()


def test_a_layer_used_twice_is_refused():
    act = Act("tanh")
    with pytest.raises(ValueError, match=r"^layers\[3\] must be a layer of its own; got the same Act\('tanh'\) again$"):
        Stack([Dense(3, 3), act, Dense(3, 3), act, Dense(3, 1), Act("sigmoid")])


STACK = Stack([Dense(3, 4, seed=0), Act("tanh"), Dense(4, 2, seed=1), Act("sigmoid")])


@pytest.mark.parametrize("call, error, message", [
    (lambda: STACK.forward(np.zeros((4, 2))), ValueError,
     r"^X must have shape \(n_tuples, 3\) for a network with 3 inputs; got shape \(4, 2\)$"),
    (lambda: STACK.forward(X, training="yes"), TypeError, r"^training must be True or False; got 'yes'$"),
    (lambda: STACK.loss(X, T[:5]), ValueError, r"^T must have shape \(9, 2\)"),
    (lambda: STACK.gradients(X, T * 3), ValueError, r"^T must lie in \[0, 1\]"),
    (lambda: STACK.fit(X, T, lr=0, epochs=1, batch_size=2), ValueError, r"^lr must be a positive finite number; got 0$"),
    (lambda: STACK.fit(X, T, lr=0.1, epochs=0, batch_size=2), ValueError, r"^epochs must be a whole number >= 1"),
    (lambda: STACK.fit(X, T, lr=0.1, epochs=1, batch_size=0), ValueError,
     r"^batch_size must be a whole number >= 1; got 0$"),
    (lambda: STACK.fit(X, T, lr=0.1, epochs=1, batch_size=2, seed=1.5), TypeError,
     r"^seed must be None or a whole number >= 0; got 1.5$"),
    (lambda: gradcheck(bpnb.Network([3, 2]), X, T), TypeError,
     r"^stack must be a bpnb.layers.Stack; got Network\(layer_sizes=\[3, 2\]\)$"),
    (lambda: gradcheck(STACK, X, T, eps=-1), ValueError, r"^eps must be a positive finite number; got -1$"),
])
def test_bad_calls_are_refused(call, error, message):
    before = [p.copy() for p in STACK.parameters]
    with pytest.raises(error, match=message):
        call()
    assert all(np.array_equal(a, b) for a, b in zip(before, STACK.parameters))


def test_fit_is_a_loop_of_steps():
    a, b = deep_stack(), deep_stack()
    a.fit(X, T, lr=0.1, epochs=2, batch_size=4)
    for _ in range(2):
        for start in (0, 4, 8):
            b.step(X[start:start + 4], T[start:start + 4], 0.1)
    assert all(np.array_equal(p, q) for p, q in zip(a.parameters, b.parameters))
    assert np.array_equal(a.layers[5].running_var, b.layers[5].running_var)
    with pytest.raises(ValueError, match=r"^lr must be a positive finite number; got -0.1$"):
        b.step(X, T, -0.1)
