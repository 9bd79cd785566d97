"""Bad input gets a ValueError or TypeError that names the argument, what was expected and
what was given."""

import numpy as np
import pytest

import bpnb

NET = bpnb.Network([3, 2, 1], seed=0)
X = np.zeros((4, 3))
T = np.array([0.0, 1.0, 1.0, 0.0])


def fit(**changes):
    args = dict(X=X, T=T, lr=0.5, epochs=2) | changes
    return NET.copy().fit(args.pop("X"), args.pop("T"), **args)


@pytest.mark.parametrize("call, error, message", [
    # layer sizes
    (lambda: bpnb.Network([3]), ValueError, r"layer_sizes must list at least 2 layers.*got \[3\]"),
    (lambda: bpnb.Network([3, 0, 1]), ValueError, r"layer_sizes\[1\] must be a whole number >= 1; got 0"),
    (lambda: bpnb.Network([3, 2.5, 1]), TypeError, r"layer_sizes\[1\] must be a whole number >= 1; got 2.5"),
    (lambda: bpnb.Network("321"), TypeError, r"layer_sizes must be a list of whole numbers.*got '321'"),
    (lambda: bpnb.Network(3), TypeError, r"layer_sizes must be a list.*got 3"),
    (lambda: bpnb.Network([3, 1], init_range=(0.5, -0.5)), ValueError, r"init_range must be .*low < high; got \(0.5, -0.5\)"),
    (lambda: bpnb.Network([3, 1], init_range=0.5), TypeError, r"init_range must be a pair \(low, high\); got 0.5"),
    (lambda: bpnb.Network([3, 1], seed=1.5), TypeError, r"seed must be None or a whole number >= 0; got 1.5"),
    (lambda: bpnb.Network([3, 1], seed=-1), ValueError, r"seed must be None or a whole number >= 0; got -1"),
    # explicit weights
    (lambda: bpnb.Network.from_weights([np.ones((3, 2)), np.ones((3, 1))], [np.ones(2), np.ones(1)]),
     ValueError, r"weights\[1\] must have 2 rows, one per unit of layer 1; got shape \(3, 1\)"),
    (lambda: bpnb.Network.from_weights([np.ones((3, 2))], [np.ones(3)]), ValueError,
     r"biases\[0\] must have shape \(2,\); got shape \(3,\)"),
    (lambda: bpnb.Network.from_weights([np.ones((3, 2))], []), ValueError, r"biases must be a list with one array"),
    (lambda: bpnb.Network.from_weights([np.full((3, 2), np.nan)], [np.ones(2)]), ValueError,
     r"weights\[0\] must contain only finite numbers; got nan"),
    (lambda: bpnb.Network.from_weights(np.ones((3, 2)), [np.ones(2)]), TypeError, r"weights must be a non-empty list"),
    # data
    (lambda: NET.predict(np.zeros((4, 2))), ValueError, r"X must have shape \(n_tuples, 3\).*got shape \(4, 2\)"),
    (lambda: NET.predict(np.zeros(3)), ValueError, r"got shape \(3,\) \(for one tuple x, pass x\[None, :\]\)"),
    (lambda: NET.predict(np.zeros((0, 3))), ValueError, r"X must contain at least one tuple; got an empty data set"),
    (lambda: NET.predict([[1, np.nan, 0]]), ValueError, r"X must contain only finite numbers; got nan at index \[0, 1\]"),
    (lambda: NET.predict([[1, np.inf, 0]]), ValueError, r"X must contain only finite numbers; got inf"),
    (lambda: NET.predict([["a", "b", "c"]]), TypeError, r"X must be an array of real numbers; got \[\['a', 'b', 'c'\]\]"),
    (lambda: NET.predict([[1, 2], [3]]), TypeError, r"X must be an array of real numbers"),
    (lambda: NET.loss(X, np.zeros((4, 2))), ValueError, r"T must have shape \(4, 1\).*got shape \(4, 2\)"),
    (lambda: NET.loss(X, [0, 1, 2, 0]), ValueError, r"T must lie in \[0, 1\], the range of a sigmoid output; got values from 0 to 2"),
    (lambda: NET.loss(X, [0, 1, -1, 0]), ValueError, r"T must lie in \[0, 1\].*got values from -1 to 1"),
    (lambda: NET.loss(X, [0, 1, np.nan, 0]), ValueError, r"T must contain only finite numbers; got nan"),
    (lambda: NET.gradients(X, T, loss="mae"), ValueError, r"loss must be one of 'mse', 'cross_entropy'; got 'mae'"),
    (lambda: NET.loss(X, T, loss="l2"), ValueError, r"loss must be one of 'mse', 'cross_entropy'; got 'l2'"),
    # a case update
    (lambda: NET.copy().train_case([1, 0], 1, 0.9), ValueError, r"x must be one tuple of 3 inputs, shape \(3,\); got shape \(2,\)$"),
    (lambda: NET.copy().train_case([[1, 0, 1]], 1, 0.9), ValueError, r"x must be one tuple of 3 inputs, shape \(3,\); got shape \(1, 3\)$"),
    (lambda: NET.copy().train_case([1, 0, 1], [1, 0], 0.9), ValueError, r"t must be one tuple of 1 targets, shape \(1,\); got shape \(2,\)$"),
    (lambda: NET.copy().train_case([1, 0, 1], 1.5, 0.9), ValueError, r"t must lie in \[0, 1\]"),
    (lambda: NET.copy().train_case([1, 0, 1], 1, 0), ValueError, r"lr must be a positive finite number; got 0"),
    # training options
    (lambda: fit(lr=-0.1), ValueError, r"lr must be a positive finite number; got -0.1"),
    (lambda: fit(lr=float("nan")), ValueError, r"lr must be a positive finite number; got nan"),
    (lambda: fit(lr="0.1"), TypeError, r"lr must be a positive number; got '0.1'"),
    (lambda: fit(lr=True), TypeError, r"lr must be a positive number; got True"),
    (lambda: fit(epochs=0), ValueError, r"epochs must be a whole number >= 1; got 0"),
    (lambda: fit(epochs=2.0), TypeError, r"epochs must be a whole number >= 1; got 2.0"),
    (lambda: fit(update="batch"), ValueError, r"update must be 'case', 'epoch' or a batch size >= 1; got 'batch'"),
    (lambda: fit(update=0), ValueError, r"update must be 'case', 'epoch' or a batch size >= 1; got 0"),
    (lambda: fit(update=2.5), TypeError, r"update must be 'case', 'epoch' or a batch size >= 1; got 2.5"),
    (lambda: fit(loss="hinge"), ValueError, r"loss must be one of 'mse', 'cross_entropy'; got 'hinge'"),
    (lambda: fit(lr_schedule="exp"), ValueError, r"lr_schedule must be one of '1/t'; got 'exp'"),
    (lambda: fit(shuffle_seed="a"), TypeError, r"shuffle_seed must be None or a whole number >= 0; got 'a'"),
    (lambda: fit(min_weight_change=0), ValueError, r"min_weight_change must be a positive finite number; got 0"),
    (lambda: fit(max_misclassified=1.5), ValueError, r"max_misclassified must be a fraction between 0 and 1; got 1.5"),
    (lambda: fit(max_misclassified="0"), TypeError, r"max_misclassified must be a fraction between 0 and 1; got '0'"),
    (lambda: fit(validation=X), TypeError, r"validation must be a pair \(X_val, T_val\)"),
    (lambda: fit(validation=(X, np.zeros(3))), ValueError, r"validation T must have shape \(4, 1\)"),
    (lambda: fit(X=np.zeros((0, 3)), T=np.zeros(0)), ValueError, r"X must contain at least one tuple"),
    # gradient checking and data
    (lambda: bpnb.gradcheck(NET, X, T, eps=0), ValueError, r"eps must be a positive finite number; got 0"),
    (lambda: bpnb.data.load("iris"), ValueError, r"name must be one of 'diabetes', 'digits', 'xor'; got 'iris'"),
    (lambda: bpnb.data.load("diabetes", missing="zero"), ValueError, r"missing must be one of 'nan', 'drop'; got 'zero'"),
    (lambda: bpnb.data.load("diabetes", features=["age", "height"]), ValueError,
     r"features must be a non-empty list of names from \[.*\]; got \['age', 'height'\]"),
    (lambda: bpnb.data.load("diabetes", features="age"), TypeError, r"features must be a list of column names; got 'age'"),
    (lambda: bpnb.data.make_moons(1), ValueError, r"n must be a whole number >= 2; got 1"),
    (lambda: bpnb.data.make_moons(noise=-1), ValueError, r"noise must be a number >= 0; got -1"),
    (lambda: bpnb.data.one_hot([0, 1.5]), ValueError, r"y must be a 1-D array of class labels"),
    (lambda: bpnb.data.one_hot([0, 3], 3), ValueError, r"y must hold labels below n_classes=3; got a label 3"),
    (lambda: bpnb.data.train_test_split(X, T, test_fraction=1.0), ValueError,
     r"test_fraction must be a number strictly between 0 and 1; got 1.0"),
    (lambda: bpnb.data.train_test_split(X, T[:3]), ValueError, r"X must be \(n, d\) and y \(n,\); got shapes"),
])
def test_bad_input_is_named_in_a_clear_error(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_a_failed_call_changes_nothing():
    net = NET.copy()
    before = [w.copy() for w in net.weights + net.biases]
    with pytest.raises(ValueError):
        net.fit(X, [0, 1, 2, 0], lr=0.5, epochs=3)
    with pytest.raises(ValueError):
        net.train_case([1, 0, 1], 1, -1)
    assert all(np.array_equal(a, b) for a, b in zip(before, net.weights + net.biases))


@pytest.mark.parametrize("loss", ["mae", "MSE", "", None, 3])
def test_an_unknown_loss_is_refused_everywhere(loss):
    net = bpnb.Network([2, 2, 1], seed=0)
    X, T = np.zeros((3, 2)), np.ones((3, 1))
    _, outputs = net.forward(X)
    for call in (lambda: net.backward(outputs, T, loss=loss), lambda: net.loss(X, T, loss=loss),
                 lambda: net.gradients(X, T, loss=loss), lambda: net.fit(X, T, lr=0.1, epochs=1, loss=loss)):
        with pytest.raises(ValueError, match=r"loss must be one of 'mse', 'cross_entropy'; got"):
            call()


@pytest.mark.parametrize("X, kind", [(np.zeros((2, 3), dtype=complex), "complex"),
                                     (np.zeros((2, 3), dtype="timedelta64[s]"), "timedelta"),
                                     (np.zeros((2, 3), dtype="datetime64[s]"), "datetime")])
def test_arrays_that_are_not_real_numbers_are_refused(X, kind):
    with pytest.raises(TypeError, match=r"X must be an array of real numbers; got an array of shape \(2, 3\)"):
        NET.predict(X)


def test_gradcheck_of_something_that_is_not_a_network():
    with pytest.raises(TypeError, match=r"net must be a bpnb.Network; got None"):
        bpnb.gradcheck(None, X, T)


def test_gradcheck_checks_the_data_with_the_networks_own_messages():
    with pytest.raises(ValueError, match=r"X must have shape \(n_tuples, 3\)"):
        bpnb.gradcheck(NET, np.zeros((4, 2)), T)


def test_one_hot_of_no_labels_and_of_infinity():
    with pytest.raises(ValueError, match=r"y is empty: with no labels, give n_classes"):
        bpnb.data.one_hot([])
    assert bpnb.data.one_hot([], 3).shape == (0, 3)
    with pytest.raises(ValueError, match=r"y must be a 1-D array of class labels"):
        bpnb.data.one_hot([np.inf])


def test_standardize_with_mismatched_columns_names_the_array():
    with pytest.raises(ValueError, match=r"others\[1\] must have the 3 columns of X_train, shape \(m, 3\); got shape \(2, 2\)"):
        bpnb.data.standardize(np.ones((4, 3)), np.ones((2, 3)), np.ones((2, 2)))


def test_features_as_an_array_or_a_generator_are_accepted():
    as_list = bpnb.data.load("diabetes", features=["age", "bmi"], missing="drop")
    for features in (np.array(["age", "bmi"]), (f for f in ["age", "bmi"]), ("age", "bmi")):
        d = bpnb.data.load("diabetes", features=features, missing="drop")
        assert d.feature_names == ["age", "bmi"] and np.array_equal(d.X, as_list.X)


def test_a_split_keeps_every_class_in_both_parts():
    x = bpnb.data.load("xor")
    X_train, X_test, y_train, y_test = bpnb.data.train_test_split(x.X, x.y)  # 0.25 of 2 per class rounds to 0
    assert sorted(y_train.tolist()) == [0, 1] and sorted(y_test.tolist()) == [0, 1]
    with pytest.raises(ValueError, match=r"y has a single tuple of class 1: each class needs at least 2"):
        bpnb.data.train_test_split(np.zeros((3, 2)), np.array([0, 0, 1]))


def test_numpy_floats_are_fractions_and_noise_levels():
    x = bpnb.data.load("xor")
    parts = bpnb.data.train_test_split(x.X, x.y, test_fraction=np.float32(0.5))
    assert len(parts[1]) == 2
    assert bpnb.data.make_moons(20, noise=np.float32(0.2)).X.shape == (20, 2)


def test_noise_that_gives_infinite_points_is_refused():
    with pytest.raises(ValueError, match=r"noise must be small enough to give finite points; got 1e\+308"):
        bpnb.data.make_circles(50, noise=1e308)


@pytest.mark.parametrize("sizes", [{3, 2, 1}, {3: 1, 2: 1}, range(3, 0, -1)])
def test_unordered_or_lazy_layer_sizes_are_refused(sizes):
    with pytest.raises(TypeError, match=r"layer_sizes must be a list of whole numbers such as \[3, 2, 1\]"):
        bpnb.Network(sizes)


def test_a_huge_rate_in_train_case_is_refused_and_changes_nothing():
    net = bpnb.Network([3, 2, 1], seed=0)
    before = [w.copy() for w in net.weights + net.biases]
    with pytest.raises(ValueError, match=r"lr: 1e\+308 is so large that the updated weights would not be finite"):
        net.train_case([1e10, 0, 1], 1, 1e308)
    assert all(np.array_equal(a, b) for a, b in zip(before, net.weights + net.biases))


def test_a_diverged_fit_restores_the_weights_in_place():
    net = bpnb.Network([2, 3, 1], seed=0)
    held = net.weights[0]  # a reference taken before the call
    X, T = np.array([[0.0, 1e10], [1e10, 0.0]]), np.array([1.0, 0.0])
    with pytest.warns(RuntimeWarning, match="diverged"):
        history = net.fit(X, T, lr=1e308, epochs=3)
    assert history.epochs == 0 and held is net.weights[0]
    assert np.array_equal(held, bpnb.Network([2, 3, 1], seed=0).weights[0])


def test_train_case_trace_comes_from_the_pass_that_updated_the_weights():
    net = bpnb.Network([3, 2, 1], seed=0)
    trace = net.copy().train_case([1, 0, 1], 1, 0.9)
    for k in range(2):  # every change is l Err_j O_i of the traced values
        assert np.allclose(trace.weights_after[k] - trace.weights_before[k],
                           0.9 * np.outer(trace.outputs[k], trace.errors[k]), atol=1e-15)
