"""The course's notation, said once and used everywhere."""

import numpy as np

from bpnb import notation, plots
from bpnb.check import backprop, training
from bpnb.widgets import _explorer, _stepper


def test_unit_numbers_run_across_the_layers():
    assert [list(u) for u in notation.unit_numbers([3, 2, 1])] == [[1, 2, 3], [4, 5], [6]]


def test_numbers_are_written_with_a_real_minus_sign():
    assert notation.number(-0.5) == "−0.5" and notation.number(0.20000001) == "0.2"
    assert notation.fixed(-0.7, 3) == "−0.700" and notation.fixed(-0.00001, 3) == "0.000"
    assert notation.subscript(46) == "₄₆"


def test_the_textbook_example_is_one_network_for_all():
    net = notation.textbook_network()
    assert net.layer_sizes == [3, 2, 1] and net.weights[0][2, 0] == -0.5 and net.biases[1][0] == 0.1
    net.weights[0][0, 0] = 9.0  # a copy each call
    assert notation.textbook_network().weights[0][0, 0] == 0.2


def test_one_range_of_learning_rates_for_every_explorer():
    assert _explorer.LR_RANGE is notation.LR_RANGE is _stepper.LR_RANGE


def test_no_module_keeps_its_own_copy():
    for module in (plots, backprop, training, _explorer, _stepper):
        source = open(module.__file__).read()
        assert "[[0.2, -0.3], [0.4, 0.1], [-0.5, 0.2]]" not in source, module.__name__
        assert "₀₁₂₃₄₅₆₇₈₉" not in source and 'MINUS = "' not in source, module.__name__
    assert np.array_equal(training._XOR_T[:, 0], notation.TRUTH_TABLES["xor"])
