"""The units' activations: their values, their slopes from the output, the registry."""

import numpy as np
import pytest

from bpnb import activations
from bpnb.activations import ACTIVATIONS, Activation, get_activation

# net inputs away from ReLU's kink at 0, where its slope jumps
I = np.array([[-6.0, -2.5, -0.7, -0.01], [0.02, 0.3, 1.9, 7.5]])


def test_the_registry_holds_the_three_units_by_name():
    assert list(ACTIVATIONS) == ["sigmoid", "tanh", "relu"]
    assert all(isinstance(f, Activation) and f.name == name for name, f in ACTIVATIONS.items())
    assert get_activation("tanh") is ACTIVATIONS["tanh"]
    assert ACTIVATIONS["sigmoid"].value is activations.sigmoid  # the textbook's unit, unchanged
    assert ACTIVATIONS["sigmoid"].slope is activations.sigmoid_derivative


@pytest.mark.parametrize("name, expected", [
    ("sigmoid", 1 / (1 + np.exp(-I))),
    ("tanh", (np.exp(I) - np.exp(-I)) / (np.exp(I) + np.exp(-I))),
    ("relu", np.where(I > 0, I, 0.0)),
])
def test_values(name, expected):
    O = ACTIVATIONS[name].value(I)
    assert O.shape == I.shape and O.dtype == np.float64
    np.testing.assert_allclose(O, expected, rtol=1e-14, atol=1e-16)


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "relu"])
def test_each_slope_from_the_output_is_the_derivative(name):
    f = ACTIVATIONS[name]
    h = 1e-6
    numerical = (f.value(I + h) - f.value(I - h)) / (2 * h)
    np.testing.assert_allclose(f.slope(f.value(I)), numerical, rtol=1e-8, atol=1e-10)


def test_the_slopes_written_out():
    O = np.array([-0.5, 0.0, 0.25, 0.9])
    assert activations.tanh_derivative(O).tolist() == [0.75, 1.0, 0.9375, 1 - 0.81]
    assert activations.relu_derivative(np.array([0.0, 1e-300, 3.0])).tolist() == [0.0, 1.0, 1.0]
    assert activations.relu_derivative(np.zeros(2)).dtype == np.float64


def test_the_largest_slopes():
    """What notebook 09 builds on: the sigmoid's slope is at most 1/4, tanh's at most 1."""
    grid = np.linspace(-10, 10, 2001)
    assert ACTIVATIONS["sigmoid"].slope(ACTIVATIONS["sigmoid"].value(grid)).max() == 0.25
    assert ACTIVATIONS["tanh"].slope(ACTIVATIONS["tanh"].value(grid)).max() == 1.0


def test_tanh_and_relu_take_lists_and_stay_finite():
    assert activations.tanh([-1e4, 1e4]).tolist() == [-1.0, 1.0]
    assert activations.relu([-2, 0, 3]).tolist() == [0.0, 0.0, 3.0]


@pytest.mark.parametrize("name, given", [("softmax", "'softmax'"), ("Tanh", "'Tanh'"), (None, "None"), (3, "3")])
def test_unknown_names_are_refused(name, given):
    with pytest.raises(ValueError, match=rf"activation must be one of 'sigmoid', 'tanh', 'relu'; got {given}$"):
        get_activation(name)


def test_the_refusal_names_the_argument_it_is_told():
    with pytest.raises(ValueError, match=r"^activation\[2\] must be one of 'sigmoid', 'tanh', 'relu'; got 'elu'$"):
        get_activation("elu", "activation[2]")
