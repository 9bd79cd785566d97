"""What Network gained for deep nets: momentum and clipping in fit, tanh and ReLU hidden units,
Xavier and He initialization; each gradient against finite differences, each bad argument refused."""

import numpy as np
import pytest

import bpnb


def problem(sizes, n=8, seed=0, **options):
    rng = np.random.default_rng(seed)
    net = bpnb.Network(sizes, init_range=(-1, 1), seed=seed, **options)
    return net, rng.normal(size=(n, sizes[0])), rng.uniform(size=(n, sizes[-1]))


def parameters(net) -> list:
    return [p.copy() for p in net.weights + net.biases]


def change(before: list, net) -> np.ndarray:
    """What training added to every weight and bias, as one vector."""
    return np.concatenate([(p - b).ravel() for p, b in zip(net.weights + net.biases, before)])


# --- momentum -------------------------------------------------------------------------


@pytest.mark.parametrize("fit", ["fit", "_fit_readable"])
@pytest.mark.parametrize("update", ["case", 3, "epoch"])
def test_momentum_zero_is_the_textbooks_fit_bit_for_bit(fit, update):
    plain, X, T = problem([3, 4, 2])
    beta0 = plain.copy()
    a = getattr(plain, fit)(X, T, lr=0.7, epochs=5, update=update, shuffle_seed=1)
    b = getattr(beta0, fit)(X, T, lr=0.7, epochs=5, update=update, shuffle_seed=1, momentum=0.0)
    assert all(np.array_equal(p, q) for p, q in zip(plain.weights + plain.biases, beta0.weights + beta0.biases))
    assert a.loss == b.loss and a.max_weight_change == b.max_weight_change


@pytest.mark.parametrize("fit", ["fit", "_fit_readable"])
def test_momentum_on_two_steps_worked_by_hand(fit):
    """One sigmoid unit, w = theta = 0, the tuple x = 1 with target 1, l = 1, beta = 0.5.
    Step 1: O = 1/2, Err = O (1 - O) (T - O) = 1/8, v = 1/8, so w = theta = 1/8.
    Step 2: I = 1/4, O = sigmoid(1/4) = 0.56217650..., Err = O (1 - O)**2 = 0.10776328...,
    v = 0.5 / 8 + Err = 0.17026328..., w = 1/8 + v = 0.29526328..."""
    net = bpnb.Network.from_weights([np.zeros((1, 1))], [np.zeros(1)])
    history = getattr(net, fit)([[1.0]], [1.0], lr=1.0, epochs=2, update="epoch", momentum=0.5)
    assert net.weights[0][0, 0] == pytest.approx(0.2952632853554398, abs=1e-15)
    assert net.biases[0][0] == pytest.approx(0.2952632853554398, abs=1e-15)
    assert history.max_weight_change == pytest.approx([0.125, 0.17026328535543978], abs=1e-15)


def flat_gradient(net, X, T) -> np.ndarray:
    return np.concatenate([g.ravel() for g in sum(net.gradients(X, T), [])])


def test_momentum_adds_the_velocity_of_earlier_steps():
    net, X, T = problem([3, 4, 2])
    stepped = net.copy()
    g1 = flat_gradient(stepped, X, T)
    stepped.fit(X, T, lr=0.2, epochs=1, update="epoch")
    g2 = flat_gradient(stepped, X, T)  # at the weights after one textbook step
    start = parameters(net)
    net.fit(X, T, lr=0.2, epochs=2, update="epoch", momentum=0.9)
    np.testing.assert_allclose(change(start, net), -0.2 * g1 + (0.9 * -0.2 * g1 - 0.2 * g2), rtol=1e-10, atol=1e-15)


def test_a_new_fit_starts_with_no_velocity():
    net, X, T = problem([3, 4, 2])
    net.fit(X, T, lr=0.2, epochs=1, update="epoch", momentum=0.9)
    g = flat_gradient(net, X, T)
    start = parameters(net)
    net.fit(X, T, lr=0.2, epochs=1, update="epoch", momentum=0.9)  # no history: v starts at 0
    np.testing.assert_allclose(change(start, net), -0.2 * g, rtol=1e-10, atol=1e-15)


@pytest.mark.parametrize("fit", ["fit", "_fit_readable"])
@pytest.mark.parametrize("chunks", [[1, 1, 1, 1], [3, 1], [2, 2]])
def test_going_on_from_a_history_keeps_the_velocity(fit, chunks):
    whole, X, T = problem([3, 4, 2], n=9)
    parts = whole.copy()
    expected = getattr(whole, fit)(X, T, lr=0.5, epochs=4, update=2, shuffle_seed=3, momentum=0.8, clip=0.5)
    history, done = None, 0
    for chunk in chunks:
        done += chunk
        history = getattr(parts, fit)(X, T, lr=0.5, epochs=done, update=2, shuffle_seed=3, momentum=0.8, clip=0.5,
                                      history=history)
    assert history.loss == expected.loss
    assert all(np.array_equal(a, b) for a, b in zip(whole.weights + whole.biases, parts.weights + parts.biases))


def test_momentum_speeds_up_a_slow_descent():
    xor = bpnb.data.load("xor")
    plain = bpnb.Network([2, 2, 1], seed=0).fit(xor.X, xor.y, lr=0.5, epochs=300, update="epoch")
    heavy = bpnb.Network([2, 2, 1], seed=0).fit(xor.X, xor.y, lr=0.5, epochs=300, update="epoch", momentum=0.9)
    assert heavy.loss[-1] < plain.loss[-1] - 0.01


# --- clipping -------------------------------------------------------------------------


@pytest.mark.parametrize("fit", ["fit", "_fit_readable"])
def test_a_step_longer_than_clip_is_scaled_to_exactly_clip(fit):
    net, X, T = problem([3, 4, 2])
    dW, dtheta = net.gradients(X, T)
    step = -1.0 * np.concatenate([g.ravel() for g in dW + dtheta])  # the textbook's update, l = 1
    assert np.linalg.norm(step) > 0.1
    start = parameters(net)
    getattr(net, fit)(X, T, lr=1.0, epochs=1, update="epoch", clip=0.1)
    moved = change(start, net)
    assert np.linalg.norm(moved) == pytest.approx(0.1, rel=1e-12)
    np.testing.assert_allclose(moved, step * 0.1 / np.linalg.norm(step), rtol=1e-10, atol=1e-15)  # same direction


@pytest.mark.parametrize("fit", ["fit", "_fit_readable"])
@pytest.mark.parametrize("update", ["case", "epoch"])
def test_a_step_shorter_than_clip_is_unchanged(fit, update):
    net, X, T = problem([3, 4, 2])
    plain = net.copy()
    getattr(plain, fit)(X, T, lr=0.1, epochs=3, update=update)
    getattr(net, fit)(X, T, lr=0.1, epochs=3, update=update, clip=10.0)
    assert all(np.array_equal(a, b) for a, b in zip(plain.weights + plain.biases, net.weights + net.biases))


def test_clipping_comes_before_momentum():
    net, X, T = problem([3, 4, 1])
    before = net.copy()
    g1 = -flat_gradient(before, X, T)
    first = g1 * 0.05 / np.linalg.norm(g1)  # clipped to 0.05
    before.fit(X, T, lr=1.0, epochs=1, update="epoch", clip=0.05)
    g2 = -flat_gradient(before, X, T)
    second = 0.5 * first + g2 * 0.05 / np.linalg.norm(g2)
    start = parameters(net)
    net.fit(X, T, lr=1.0, epochs=2, update="epoch", clip=0.05, momentum=0.5)
    np.testing.assert_allclose(change(start, net), first + second, rtol=1e-10, atol=1e-15)


def test_clipping_tames_an_exploding_step():
    """Large weights in a deep net and a huge rate: unclipped, the first steps throw the
    weights far away; clipped, no single step moves them by more than clip."""
    net, X, T = problem([3, 6, 6, 6, 1], n=20, init="he", init_scale=4.0, activation="relu")
    start = parameters(net)
    wild = net.copy()
    wild.fit(X, T, lr=5.0, epochs=1, update="epoch")
    assert np.linalg.norm(change(start, wild)) > 40 * 0.25
    history = net.fit(X, T, lr=5.0, epochs=1, update="epoch", clip=0.25)
    assert np.linalg.norm(change(start, net)) == pytest.approx(0.25, rel=1e-12)
    assert history.max_weight_change[0] <= 0.25


# --- other units ------------------------------------------------------------------------


def test_one_name_serves_every_hidden_layer_and_the_outputs_stay_sigmoid():
    net = bpnb.Network([3, 4, 4, 2], activation="tanh", seed=0)
    assert net.activations == ["tanh", "tanh", "sigmoid"]
    assert bpnb.Network([3, 4, 4, 2], activation=["relu", "tanh"], seed=0).activations == ["relu", "tanh", "sigmoid"]
    assert bpnb.Network([3, 2], activation="relu", seed=0).activations == ["sigmoid"]  # no hidden layer
    assert bpnb.Network([3, 4, 2], seed=0).activations == ["sigmoid", "sigmoid"]


def test_the_forward_pass_uses_each_layers_unit():
    net, X, _ = problem([3, 4, 5, 2], activation=["tanh", "relu"])
    _, O = net.forward(X)
    O1 = np.tanh(X @ net.weights[0] + net.biases[0])
    O2 = np.maximum(0.0, O1 @ net.weights[1] + net.biases[1])
    np.testing.assert_allclose(O[1], O1, rtol=1e-15)
    np.testing.assert_allclose(O[2], O2, rtol=1e-15)
    np.testing.assert_allclose(O[3], 1 / (1 + np.exp(-(O2 @ net.weights[2] + net.biases[2]))), rtol=1e-14)
    assert (O[2] == 0).any() and (O[1] < 0).any()  # the units are not sigmoids


def test_a_hidden_error_term_takes_the_units_slope():
    """Err_j = f'(I_j) sum_k Err_k w_jk with f' = 1 - O_j**2 for tanh, in one case update."""
    net, X, T = problem([3, 4, 1], activation="tanh")
    trace = net.copy().train_case(X[0], T[0], 0.5)
    O_hidden, O_out = trace.outputs[1], trace.outputs[2]
    err_out = O_out * (1 - O_out) * (T[0] - O_out)
    np.testing.assert_allclose(trace.errors[0], (1 - O_hidden**2) * (net.weights[1] @ err_out), rtol=1e-14)


def relu_inputs_away_from_the_kink(net, X) -> float:
    """The smallest |I_j| of a ReLU unit over the tuples: the differences must not cross 0."""
    I, _ = net.forward(X)
    return min(np.abs(I[k]).min() for k, name in enumerate(net.activations) if name == "relu")


@pytest.mark.parametrize("activation", ["tanh", "relu", ["relu", "tanh", "sigmoid"], ["tanh", "relu", "relu"]], ids=str)
@pytest.mark.parametrize("init", ["uniform", "xavier", "he"])
@pytest.mark.parametrize("loss", ["mse", "cross_entropy"])
def test_gradients_of_every_unit_and_init_agree_with_finite_differences(activation, init, loss):
    net, X, T = problem([4, 6, 5, 4, 2], n=7, seed=3, activation=activation, init=init, init_scale=1.5)
    if "relu" in activation:
        assert relu_inputs_away_from_the_kink(net, X) > 1e-3
    assert bpnb.gradcheck(net, X, T, loss=loss) < 1e-7


def test_gradcheck_exposes_the_sigmoids_slope_used_for_tanh(monkeypatch):
    net, X, T = problem([3, 5, 2], activation="tanh")
    assert bpnb.gradcheck(net, X, T) < 1e-7
    from bpnb import activations
    wrong = activations.Activation("tanh", activations.tanh, activations.sigmoid_derivative)
    monkeypatch.setitem(activations.ACTIVATIONS, "tanh", wrong)
    assert bpnb.gradcheck(net, X, T) > 1e-2


def test_copies_and_from_weights_keep_the_units():
    net = bpnb.Network([3, 4, 4, 2], activation=["relu", "tanh"], seed=0)
    twin = net.copy()
    assert twin.activations == ["relu", "tanh", "sigmoid"]
    X = np.random.default_rng(0).normal(size=(5, 3))
    assert np.array_equal(twin.predict_proba(X), net.predict_proba(X))
    same = bpnb.Network.from_weights(net.weights, net.biases, activation=["relu", "tanh"])
    assert np.array_equal(same.predict_proba(X), net.predict_proba(X))
    assert bpnb.Network.from_weights(net.weights, net.biases).activations == ["sigmoid"] * 3


def test_repr_names_units_other_than_the_sigmoid():
    assert repr(bpnb.Network([3, 4, 2], seed=0)) == "Network(layer_sizes=[3, 4, 2])"
    assert repr(bpnb.Network([3, 4, 2], activation="sigmoid", seed=0)) == "Network(layer_sizes=[3, 4, 2])"
    assert repr(bpnb.Network([3, 4, 4, 2], activation="tanh")) == "Network(layer_sizes=[3, 4, 4, 2], activation='tanh')"
    assert repr(bpnb.Network([3, 4, 4, 2], activation=["relu", "tanh"])) == \
        "Network(layer_sizes=[3, 4, 4, 2], activation=['relu', 'tanh'])"


def layer_gradient_norms(net, X, T) -> list:
    dW, _ = net.gradients(X, T)
    return [float(np.linalg.norm(g)) for g in dW]


def test_a_deep_sigmoid_net_stalls_where_tanh_with_xavier_does_not():
    """The vanishing gradient of notebook 09: ten layers of 16 units, the first layer's gradient
    against the last's."""
    rng = np.random.default_rng(0)
    X, T = rng.normal(size=(32, 16)), rng.uniform(size=(32, 1))
    sizes = [16] * 10 + [1]
    sigmoid = layer_gradient_norms(bpnb.Network(sizes, seed=0), X, T)
    tanh = layer_gradient_norms(bpnb.Network(sizes, activation="tanh", init="xavier", seed=0), X, T)
    assert sigmoid[0] / sigmoid[-1] < 1e-4
    assert tanh[0] / tanh[-1] > 1e-1


# --- initialization ------------------------------------------------------------------------


def test_uniform_init_is_the_textbooks_draws():
    """Weights then biases, uniform in init_range, from one generator: the numbers of 00-08."""
    rng = np.random.default_rng(5)
    sizes = [3, 4, 2]
    weights = [rng.uniform(-0.5, 0.5, (a, b)) for a, b in zip(sizes, sizes[1:])]
    biases = [rng.uniform(-0.5, 0.5, b) for b in sizes[1:]]
    for options in (dict(), dict(init="uniform", activation="tanh", init_scale=1.0)):
        net = bpnb.Network(sizes, seed=5, **options)
        assert all(np.array_equal(a, b) for a, b in zip(net.weights + net.biases, weights + biases))


def test_xavier_weights_have_the_glorot_spread():
    net = bpnb.Network([400, 600, 1], init="xavier", seed=0)
    W, limit = net.weights[0], np.sqrt(6 / (400 + 600))
    assert np.abs(W).max() <= limit and np.abs(W).max() > 0.99 * limit
    assert W.std() == pytest.approx(limit / np.sqrt(3), rel=0.05)  # the std of uniform(-a, a) is a / sqrt(3)
    assert abs(W.mean()) < 0.01 * limit
    assert all(not b.any() for b in net.biases)


def test_he_weights_have_the_he_spread():
    net = bpnb.Network([500, 400, 1], init="he", seed=0)
    W = net.weights[0]
    assert W.std() == pytest.approx(np.sqrt(2 / 500), rel=0.05)
    assert abs(W.mean()) < 0.01 * np.sqrt(2 / 500)
    assert net.weights[1].std() == pytest.approx(np.sqrt(2 / 400), rel=0.2)  # 400 weights only
    assert all(not b.any() for b in net.biases)


@pytest.mark.parametrize("init", ["uniform", "xavier", "he"])
def test_init_scale_multiplies_the_drawn_weights_not_the_biases(init):
    one = bpnb.Network([3, 5, 2], init=init, seed=2)
    three = bpnb.Network([3, 5, 2], init=init, init_scale=3.0, seed=2)
    assert all(np.array_equal(3.0 * a, b) for a, b in zip(one.weights, three.weights))
    assert all(np.array_equal(a, b) for a, b in zip(one.biases, three.biases))


def test_the_inits_differ_and_each_is_seeded():
    nets = {init: bpnb.Network([3, 5, 2], init=init, seed=1) for init in ("uniform", "xavier", "he")}
    assert not np.allclose(nets["uniform"].weights[0], nets["xavier"].weights[0])
    assert not np.allclose(nets["xavier"].weights[0], nets["he"].weights[0])
    again = bpnb.Network([3, 5, 2], init="he", seed=1)
    assert np.array_equal(again.weights[1], nets["he"].weights[1])


# --- bad arguments ----------------------------------------------------------------------

NET, X4, T4 = problem([3, 4, 1], n=4)


@pytest.mark.parametrize("settings, error, message", [
    (dict(momentum=1.0), ValueError, r"momentum must lie in \[0, 1\): at least 0 and below 1; got 1.0"),
    (dict(momentum=-0.1), ValueError, r"momentum must lie in \[0, 1\): at least 0 and below 1; got -0.1"),
    (dict(momentum=float("nan")), ValueError, r"momentum must be a finite number; got nan"),
    (dict(momentum="0.9"), TypeError, r"momentum must be a number; got '0.9'"),
    (dict(momentum=True), TypeError, r"momentum must be a number; got True"),
    (dict(clip=0), ValueError, r"clip must be None or a positive finite number; got 0"),
    (dict(clip=-1.5), ValueError, r"clip must be None or a positive finite number; got -1.5"),
    (dict(clip=float("inf")), ValueError, r"clip must be None or a positive finite number; got inf"),
    (dict(clip="1"), TypeError, r"clip must be None or a positive number; got '1'"),
])
def test_fit_refuses_bad_momentum_and_clip(settings, error, message):
    net = NET.copy()
    with pytest.raises(error, match=message):
        net.fit(X4, T4, lr=0.5, epochs=1, **settings)
    assert all(np.array_equal(a, b) for a, b in zip(net.weights, NET.weights))


@pytest.mark.parametrize("options, error, message", [
    (dict(activation="softmax"), ValueError, r"^activation must be one of 'sigmoid', 'tanh', 'relu'; got 'softmax'$"),
    (dict(activation=["tanh"]), ValueError,
     r"^activation must list one name per hidden layer \(2\); got 1 names: \['tanh'\]$"),
    (dict(activation=["tanh", "relu", "tanh"]), ValueError, r"one name per hidden layer \(2\); got 3 names"),
    (dict(activation=["tanh", "ReLU"]), ValueError,
     r"^activation\[1\] must be one of 'sigmoid', 'tanh', 'relu'; got 'ReLU'$"),
    (dict(activation=None), TypeError,
     r"^activation must be a name such as 'tanh', or a list of one name per hidden layer; got None$"),
    (dict(activation=np.tanh), TypeError, r"^activation must be a name such as 'tanh'"),
    (dict(init="glorot"), ValueError, r"^init must be one of 'uniform', 'xavier', 'he'; got 'glorot'$"),
    (dict(init=None), ValueError, r"^init must be one of 'uniform', 'xavier', 'he'; got None$"),
    (dict(init_scale=0), ValueError, r"^init_scale must be a positive finite number; got 0$"),
    (dict(init_scale=-2.0), ValueError, r"^init_scale must be a positive finite number; got -2.0$"),
    (dict(init_scale=float("inf")), ValueError, r"^init_scale must be a positive finite number; got inf$"),
    (dict(init_scale=float("nan")), ValueError, r"^init_scale must be a positive finite number; got nan$"),
    (dict(init_scale="2"), TypeError, r"^init_scale must be a positive number; got '2'$"),
])
def test_network_refuses_bad_units_and_inits(options, error, message):
    with pytest.raises(error, match=message):
        bpnb.Network([3, 4, 4, 1], seed=0, **options)


def test_from_weights_refuses_a_list_of_the_wrong_length():
    net = bpnb.Network([3, 4, 1], seed=0)
    with pytest.raises(ValueError, match=r"^activation must list one name per hidden layer \(1\); got 2 names"):
        bpnb.Network.from_weights(net.weights, net.biases, activation=["tanh", "tanh"])
