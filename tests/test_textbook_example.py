"""Han & Kamber, Example 9.1: one case update of a 3-2-1 network, checked against the
formulas worked by hand and against the values the book prints."""

from math import exp

import numpy as np
import pytest

import bpnb


def book_network():
    # W[i, j] = w_ij; units 1-3 are inputs, 4-5 hidden, 6 the output.
    W1 = np.array([[0.2, -0.3],   # w14, w15
                   [0.4, 0.1],    # w24, w25
                   [-0.5, 0.2]])  # w34, w35
    W2 = np.array([[-0.3],        # w46
                   [-0.2]])       # w56
    return bpnb.Network.from_weights([W1, W2], [np.array([-0.4, 0.2]), np.array([0.1])])


def s(I):
    return 1 / (1 + exp(-I))


# Worked by hand from the formulas, for x = (1, 0, 1), T = 1, l = 0.9:
I4 = 0.2 * 1 + 0.4 * 0 + (-0.5) * 1 + (-0.4)  # = -0.7
I5 = -0.3 * 1 + 0.1 * 0 + 0.2 * 1 + 0.2  # = 0.1
O4, O5 = s(I4), s(I5)  # 0.3318, 0.5250
I6 = -0.3 * O4 + (-0.2) * O5 + 0.1  # = -0.1045
O6 = s(I6)  # 0.4739
Err6 = O6 * (1 - O6) * (1 - O6)  # output unit: O(1 - O)(T - O) = 0.1312
Err5 = O5 * (1 - O5) * Err6 * (-0.2)  # hidden: O(1 - O) sum_k Err_k w_jk, w56 = -0.2: -0.0065
Err4 = O4 * (1 - O4) * Err6 * (-0.3)  # w46 = -0.3: -0.0087
l = 0.9
NEW = {  # w_ij += l Err_j O_i, theta_j += l Err_j
    "w46": -0.3 + l * Err6 * O4, "w56": -0.2 + l * Err6 * O5,
    "w14": 0.2 + l * Err4 * 1, "w15": -0.3 + l * Err5 * 1,
    "w24": 0.4 + l * Err4 * 0, "w25": 0.1 + l * Err5 * 0,
    "w34": -0.5 + l * Err4 * 1, "w35": 0.2 + l * Err5 * 1,
    "theta6": 0.1 + l * Err6, "theta5": 0.2 + l * Err5, "theta4": -0.4 + l * Err4,
}
# As printed in the book (rounded to three or four places along the way).
BOOK = {
    "O4": 0.332, "O5": 0.525, "O6": 0.474, "Err6": 0.1311, "Err5": -0.0065, "Err4": -0.0087,
    "w46": -0.261, "w56": -0.138, "w14": 0.192, "w15": -0.306, "w24": 0.4, "w25": 0.1,
    "w34": -0.508, "w35": 0.194, "theta6": 0.218, "theta5": 0.194, "theta4": -0.408,
}


@pytest.fixture
def step():
    net = book_network()
    return net, net.train_case([1, 0, 1], 1, 0.9)


def learned(net):
    (W1, W2), (b1, b2) = net.weights, net.biases
    return {
        "w46": W2[0, 0], "w56": W2[1, 0], "w14": W1[0, 0], "w15": W1[0, 1], "w24": W1[1, 0],
        "w25": W1[1, 1], "w34": W1[2, 0], "w35": W1[2, 1], "theta6": b2[0], "theta5": b1[1], "theta4": b1[0],
    }


def test_forward_values_match_the_hand_computation(step):
    _, trace = step
    np.testing.assert_allclose(trace.net_inputs[0], [I4, I5], rtol=1e-12)
    np.testing.assert_allclose(trace.net_inputs[1], [I6], rtol=1e-12)
    np.testing.assert_allclose(trace.outputs[1], [O4, O5], rtol=1e-12)
    np.testing.assert_allclose(trace.outputs[2], [O6], rtol=1e-12)
    np.testing.assert_array_equal(trace.outputs[0], [1, 0, 1])


def test_errors_match_the_hand_computation(step):
    _, trace = step
    np.testing.assert_allclose(trace.errors[1], [Err6], rtol=1e-12)
    np.testing.assert_allclose(trace.errors[0], [Err4, Err5], rtol=1e-12)


def test_updated_weights_match_the_hand_computation(step):
    net, trace = step
    got = learned(net)
    for name, value in NEW.items():
        assert got[name] == pytest.approx(value, rel=1e-12), name
    assert [w.tolist() for w in trace.weights_after] == [w.tolist() for w in net.weights]


def test_values_agree_with_the_book_to_its_printed_precision(step):
    net, trace = step
    got = learned(net) | {
        "O4": trace.outputs[1][0], "O5": trace.outputs[1][1], "O6": trace.outputs[2][0],
        "Err6": trace.errors[1][0], "Err5": trace.errors[0][1], "Err4": trace.errors[0][0],
    }
    for name, printed in BOOK.items():
        # the book rounds intermediate values, so its Err6 is 0.1311 where the exact one is 0.13116
        assert got[name] == pytest.approx(printed, abs=6e-4), name


def test_trace_renders_the_textbook_tables(step):
    _, trace = step
    text = str(trace)
    for title in ("Net input and output", "Error term at each unit", "Weight and bias updates"):
        assert title in text
    assert "     6        -0.1045      0.4739" in text
    assert "     5  -0.0065" in text
    assert "w46    -0.3000   0.0392    -0.2608" in text
    assert "θ4    -0.4000  -0.0079    -0.4079" in text
    html = trace._repr_html_()
    assert html.count("<table>") == 3 and "<td>-0.2608</td>" in html


def test_trace_keeps_the_weights_before_the_step(step):
    _, trace = step
    assert trace.weights_before[1][:, 0].tolist() == [-0.3, -0.2]
    assert trace.biases_before[0].tolist() == [-0.4, 0.2]
