"""bpnb.autodiff: every operation's gradient against finite differences, a node used twice,
backward called twice, the textbook's example against Network, clear errors; and its graph
drawn by plots.draw_graph."""

import math
import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import bpnb  # noqa: E402
from bpnb import autodiff, plots  # noqa: E402
from bpnb.autodiff import Value  # noqa: E402
from bpnb.notation import TEXTBOOK_LR, TEXTBOOK_T, TEXTBOOK_X, textbook_network  # noqa: E402

EPS = 1e-6


def relative_error(a, n) -> float:
    a, n = np.atleast_1d(a), np.atleast_1d(n)
    return float(np.linalg.norm(a - n) / (np.linalg.norm(a) + np.linalg.norm(n)))


def gradient_and_differences(f, point):
    """The gradient of f at point by autodiff, and by central differences."""
    xs = [Value(p, f"x{k}") for k, p in enumerate(point)]
    out = f(*xs)
    out.backward()
    numerical = []
    for k in range(len(point)):
        up, down = list(point), list(point)
        up[k] += EPS
        down[k] -= EPS
        numerical.append((f(*map(Value, up)).data - f(*map(Value, down)).data) / (2 * EPS))
    return np.array([x.grad for x in xs]), np.array(numerical)


OPERATIONS = {
    "a + b": (lambda a, b: a + b, (0.7, -1.3)),
    "a + 2": (lambda a: a + 2, (0.7,)),
    "2 + a": (lambda a: 2 + a, (0.7,)),
    "a - b": (lambda a, b: a - b, (0.7, -1.3)),
    "a - 2": (lambda a: a - 2, (0.7,)),
    "2 - a": (lambda a: 2 - a, (0.7,)),
    "a * b": (lambda a, b: a * b, (0.7, -1.3)),
    "a * 3": (lambda a: a * 3, (0.7,)),
    "3 * a": (lambda a: 3 * a, (0.7,)),
    "a / b": (lambda a, b: a / b, (0.7, -1.3)),
    "a / 4": (lambda a: a / 4, (0.7,)),
    "4 / a": (lambda a: 4 / a, (0.7,)),
    "-a": (lambda a: -a, (0.7,)),
    "a ** 2": (lambda a: a**2, (-1.3,)),
    "a ** 3": (lambda a: a**3, (-1.3,)),
    "a ** 0.5": (lambda a: a**0.5, (1.7,)),
    "a ** -1": (lambda a: a**-1, (1.7,)),
    "exp(a)": (lambda a: a.exp(), (0.7,)),
    "log(a)": (lambda a: a.log(), (0.7,)),
    "sigmoid(a), a > 0": (lambda a: a.sigmoid(), (0.7,)),
    "sigmoid(a), a < 0": (lambda a: a.sigmoid(), (-2.4,)),
    "sum of three": (lambda a, b, c: Value.sum([a, b, c]), (0.7, -1.3, 2.0)),
    "a neuron and its error": (lambda w1, w2, b: 0.5 * (1 - Value.sum([w1 * 1.0, w2 * 0.5, b]).sigmoid()) ** 2,
                               (0.2, -0.4, 0.1)),
    "a mixture": (lambda a, b: (a * b).exp() / (1 + a.sigmoid()) - (b**2).log(), (0.3, -0.8)),
}


@pytest.mark.parametrize("name", list(OPERATIONS))
def test_every_operations_gradient_agrees_with_finite_differences(name):
    f, point = OPERATIONS[name]
    exact, numerical = gradient_and_differences(f, point)
    assert relative_error(exact, numerical) < 1e-7, (exact, numerical)


def test_local_derivatives_are_the_rules_of_the_notebook():
    a, b = Value(2.0), Value(-3.0)
    assert (a * b).local == (-3.0, 2.0) and (a + b).local == (1.0, 1.0) and (a - b).local == (1.0, -1.0)
    assert (a / b).local == pytest.approx((-1 / 3, -2 / 9))
    assert (b**2).local == (-6.0,) and a.exp().local == (math.exp(2.0),) and a.log().local == (0.5,)
    O = a.sigmoid()
    assert O.data == pytest.approx(1 / (1 + math.exp(-2.0)), abs=1e-15) and O.local == (O.data * (1 - O.data),)
    assert Value(-800.0).sigmoid().data == 0.0 and Value(800.0).sigmoid().data == 1.0  # no overflow
    assert [n.op for n in (a + b, a - b, a * b, a / b, -a, a**2, a.exp(), a.log(), O)] == [
        "+", "−", "×", "÷", "neg", "**2", "exp", "log", "σ"]


def test_a_node_used_twice_gets_the_sum_of_both_paths():
    x = Value(3.0, "x")
    f = x * x  # both parents of one node
    f.backward()
    assert x.grad == 6.0
    a, b = Value(2.0), Value(-3.0)
    g = a * b + a  # used by two nodes
    g.backward()
    assert (a.grad, b.grad) == (-2.0, 2.0)  # b + 1 and a
    y = Value(0.5)
    h = y + y + y
    h.backward()
    assert y.grad == 3.0


def test_backward_twice_gives_the_same_gradients_not_twice_them():
    graph = autodiff.textbook_example()
    graph.error.backward()
    first = graph.gradients()
    graph.error.backward()
    second = graph.gradients()
    for a, b in zip(first[0] + first[1], second[0] + second[1]):
        assert np.array_equal(a, b)
    x = Value(3.0)
    f = x * x
    f.backward()
    f.backward()
    assert x.grad == 6.0 and f.grad == 1.0


def test_backward_of_a_part_then_of_the_whole():
    a, b = Value(2.0), Value(-3.0)
    c = a * b
    out = c * c
    c.backward()
    assert (a.grad, b.grad) == (-3.0, 2.0)
    out.backward()  # the whole graph again: nothing left over from c's backward
    assert (c.grad, a.grad, b.grad) == (-12.0, 36.0, -24.0)


def test_the_textbook_example_gives_networks_gradients_exactly():
    graph = autodiff.textbook_example()
    graph.error.backward()
    dW, dtheta = graph.gradients()
    net = textbook_network()
    X, T = np.array([TEXTBOOK_X]), np.array([TEXTBOOK_T])
    nW, ntheta = net.gradients(X, T)
    for ours, theirs in zip(dW + dtheta, nW + ntheta):
        assert ours.shape == theirs.shape and np.max(np.abs(ours - theirs)) < 1e-12
    assert graph.error.data == pytest.approx(net.loss(X, T), abs=1e-15)


def test_the_textbook_example_gives_the_error_terms_and_updates_of_notebook_04():
    graph = autodiff.textbook_example()
    graph.error.backward()
    trace = textbook_network().train_case(np.array(TEXTBOOK_X), np.array(TEXTBOOK_T), TEXTBOOK_LR)
    for ours, theirs in zip(graph.error_terms(), trace.errors):
        assert np.max(np.abs(ours - theirs)) < 1e-12
    assert np.round(graph.error_terms()[1], 4).tolist() == [0.1312]  # Err6 (the book, rounding O6 first: 0.1311)
    assert np.round(graph.error_terms()[0], 4).tolist() == [-0.0087, -0.0065]  # Err4, Err5
    dW, dtheta = graph.updates(TEXTBOOK_LR)
    for k in range(2):
        assert np.max(np.abs(dW[k] - (trace.weights_after[k] - trace.weights_before[k]))) < 1e-12
        assert np.max(np.abs(dtheta[k] - (trace.biases_after[k] - trace.biases_before[k]))) < 1e-12


def test_the_textbook_graph_is_labelled_as_the_textbook_numbers_units():
    graph = autodiff.textbook_example()
    labels = [n.label for n in autodiff.topological_order(graph.error) if n.label]
    assert sorted(labels) == sorted(["x1", "x2", "x3", "w14", "w15", "w24", "w25", "w34", "w35", "θ4", "θ5",
                                     "I4", "I5", "O4", "O5", "w46", "w56", "θ6", "I6", "O6", "T6", "E"])
    assert len(autodiff.topological_order(graph.error)) == 33
    assert graph.weights[0][2][0].label == "w34" and graph.weights[0][2][0].data == -0.5
    assert graph.net_inputs[0][1][0].label == "I6" and graph.outputs[0][2][0].label == "O6"
    assert round(graph.outputs[0][2][0].data, 4) == 0.4739


def test_several_tuples_give_networks_summed_gradients():
    net = bpnb.Network([2, 3, 2], init_range=(-1, 1), seed=4)
    rng = np.random.default_rng(4)
    X, T = rng.uniform(-1, 1, (5, 2)), rng.integers(0, 2, (5, 2)).astype(float)
    graph = autodiff.network_graph(net, X, T)
    graph.error.backward()
    for ours, theirs in zip(sum(graph.gradients(), []), sum(net.gradients(X, T), [])):
        assert np.max(np.abs(ours - theirs)) < 1e-12
    errors = net.backward(net.forward(X)[1], T)
    for t in range(5):
        for ours, theirs in zip(graph.error_terms(t), errors):
            assert np.max(np.abs(ours - theirs[t])) < 1e-12
    assert graph.error.label == "E" and graph.net_inputs[2][0][1].label == "I4[2]"
    assert graph.net_inputs[2][1][1].label == "I7[2]" and graph.outputs[4][0][0].label == "x1[4]"
    assert graph.error.data == pytest.approx(net.loss(X, T), abs=1e-13)


def test_network_graph_agrees_with_finite_differences():
    net = bpnb.Network([3, 4, 2, 1], init_range=(-1, 1), seed=1)
    X = np.random.default_rng(1).uniform(-1, 1, (4, 3))
    T = np.array([[0.0], [1.0], [1.0], [0.0]])
    graph = autodiff.network_graph(net, X, T)
    graph.error.backward()
    ours = np.concatenate([g.ravel() for g in sum(graph.gradients(), [])])
    numerical = np.concatenate([g.ravel() for g in sum(bpnb.numerical_gradients(net, X, T), [])])
    assert relative_error(ours, numerical) < 1e-7


def test_topological_order_puts_parents_first_each_node_once():
    a = Value(1.0, "a")
    b = a * 2
    c = a + b
    d = c * b
    order = autodiff.topological_order(d)
    assert order[-1] is d and len(order) == len({id(n) for n in order}) == 5  # a, the constant 2, b, c, d
    position = {id(n): k for k, n in enumerate(order)}
    assert all(position[id(p)] < position[id(n)] for n in order for p in n.parents)
    assert [n.label for n in autodiff.topological_order(d)] == [n.label for n in order]  # the same every time


def test_a_long_chain_does_not_hit_the_recursion_limit():
    x = Value(1.0)
    total = x
    for _ in range(5000):
        total = total + x
    total.backward()
    assert x.grad == 5001.0


def test_as_lists_gives_the_graph_by_positions():
    a, b = Value(2.0, "a"), Value(-3.0, "b")
    f = a * b + a
    nodes, parents, local = autodiff.as_lists(f)
    assert [n.label for n in nodes[:2]] == ["a", "b"] and nodes[-1] is f
    assert parents == [[], [], [0, 1], [2, 0]] and local == [[], [], [-3.0, 2.0], [1.0, 1.0]]


def test_repr_shows_label_value_operation_and_gradient():
    a = Value(2.0, "a")
    b = (a * 3.0).named("b")
    b.backward()
    assert repr(a) == "Value(a = 2, grad=3)"
    assert repr(b) == "Value(b = 6, op='×', grad=1)"


@pytest.mark.parametrize("make, error, message", [
    (lambda: Value("a"), TypeError, "data must be a number; got 'a'"),
    (lambda: Value(True), TypeError, "data must be a number; got True"),
    (lambda: Value(float("nan")), ValueError, "data must be a finite number; got nan"),
    (lambda: Value(1.0, label=3), TypeError, "label must be a string; got 3"),
    (lambda: Value(1.0) * "x", TypeError, "×: other must be a Value or a number; got 'x'"),
    (lambda: "x" + Value(1.0), TypeError, "+: other must be a Value or a number; got 'x'"),
    (lambda: Value(1.0) - [1], TypeError, "−: other must be a Value or a number; got [1]"),
    (lambda: Value(2.0) ** Value(2.0), TypeError, "exponent must be a number (an exponent that is a Value"),
    (lambda: Value(2.0) ** "2", TypeError, "exponent must be a number; got '2'"),
    (lambda: Value(-8.0) ** 0.5, ValueError, "a negative number to a fractional power is not real; got -8 ** 0.5"),
    (lambda: Value(0.0) ** -1, ValueError, "0 ** -1 has no finite derivative"),
    (lambda: Value(1e200) ** 2, ValueError, "**: the result for 1e+200 ** 2 is too large for a float"),
    (lambda: Value(1e200) * Value(1e200), ValueError, "×: the result for 1e+200, 1e+200 is inf, not a finite"),
    (lambda: Value(1.0) / 0, ValueError, "÷: the divisor must not be 0; got 1 ÷ 0"),
    (lambda: Value(-1.0).log(), ValueError, "log: the argument must be a positive number; got -1"),
    (lambda: Value(1000.0).exp(), ValueError, "exp: the result for 1000 is too large for a float"),
    (lambda: Value.sum([]), TypeError, "values must be a non-empty list of Values or numbers; got []"),
    (lambda: Value.sum([Value(1.0), "2"]), TypeError, "Σ: values[1] must be a Value or a number; got '2'"),
    (lambda: autodiff.topological_order(3.0), TypeError, "output must be a Value; got 3.0"),
    (lambda: autodiff.network_graph("net", [[1, 0, 1]], [1]), TypeError, "net must be a bpnb.Network; got 'net'"),
    (lambda: autodiff.network_graph(textbook_network(), [1, 0, 1], [1]), ValueError,
     "X must have shape (n_tuples, 3) for a network with 3 inputs; got shape (3,)"),
    (lambda: autodiff.network_graph(textbook_network(), [[1, 0, 1]], [2]), ValueError, "T must lie in [0, 1]"),
    (lambda: autodiff.textbook_example().error_terms(1), ValueError, "t must be the number of a tuple, 0 to 0; got 1"),
    (lambda: autodiff.textbook_example().error_terms(-1), ValueError, "t must be a whole number >= 0; got -1"),
    (lambda: autodiff.textbook_example().updates(0), ValueError, "lr must be a positive finite number; got 0"),
])
def test_bad_input_is_refused_with_a_clear_message(make, error, message):
    with pytest.raises(error) as raised:
        make()
    assert message in str(raised.value)


# --- the graph drawn --------------------------------------------------------------------

def neuron():
    w, x, theta = Value(-0.3, "w46"), Value(0.3318, "O4"), Value(0.1, "θ6")
    I = Value.sum([w * x, theta], "I6")
    O = I.sigmoid().named("O6")
    return (0.5 * (Value(1.0, "T6") - O) ** 2).named("E"), x


def box_texts(ax):
    return [t.get_text() for t in ax.texts if t.get_bbox_patch() is not None]


def test_the_graph_shows_each_nodes_operation_and_value_before_backward():
    E, _ = neuron()
    ax = plots.draw_graph(E)
    texts = box_texts(ax)
    assert len(texts) == len(autodiff.topological_order(E)) == 11
    assert "O6 = σ\n0.5001" in texts and "w46\n−0.3" in texts and "E = ×\n0.1249" in texts
    assert not any("grad" in t for t in texts)
    assert ax.get_title() == "The computational graph: each node's operation and value"
    edges = sum(len(n.parents) for n in autodiff.topological_order(E))
    assert len(ax.patches) == edges == 10
    plt.close("all")


def test_after_backward_the_graph_shows_the_gradients_and_local_derivatives():
    E, x = neuron()
    E.backward()
    ax = plots.draw_graph(E, show_local=True, highlight=x)
    texts = box_texts(ax)
    assert "I6 = +\n0.0005\ngrad −0.125" in texts and "w46\n−0.3\ngrad −0.0415" in texts  # −Err6, −Err6 O4
    assert "0.5\ngrad 0.2499" in texts and "T6\n1\ngrad 0.4999" in texts  # leaves not learned have one too
    assert "w46·O4\n−0.0995\ngrad −0.125" in texts and "T6 − O6\n0.4999\ngrad 0.4999" in texts  # named by inputs
    assert "−0.3" in [t.get_text() for t in ax.texts]  # dI/dO4 = w46 on its arrow
    assert "highlighted (thick border)" in [t.get_text() for t in ax.get_legend().get_texts()]
    assert re.fullmatch(r"Figure\(\d+x\d+\)", str(ax.figure))  # whole pixels: the stored repr is sanitized
    plt.close("all")


def test_the_layout_runs_left_to_right_in_columns_of_depth():
    graph = autodiff.textbook_example()
    ax = plots.draw_graph(graph.error)
    where = {t.get_text().split("\n")[0]: t.get_position() for t in ax.texts}
    assert where["x1"][0] == 0 and where["I4 = Σ"][0] == 2 and where["O6 = σ"][0] == 6 and where["E = ×"][0] == 9
    assert where["w46"][0] == where["O4 = σ"][0] == 3  # a leaf one column before its first use
    plt.close("all")


def test_the_textbook_graph_keeps_each_input_between_its_two_uses():
    graph = autodiff.textbook_example()
    graph.error.backward()
    ax = plots.draw_graph(graph.error)
    where = {t.get_text().split("\n")[0]: t.get_position() for t in ax.texts}
    column = lambda c: [name for name, (x, _) in sorted(where.items(), key=lambda i: -i[1][1]) if x == c]  # noqa: E731
    assert column(0) == ["w14", "x1", "w15", "w24", "x2", "w25", "w34", "x3", "w35"]
    assert column(1) == ["θ4", "w14·x1", "w15·x1", "w24·x2", "w25·x2", "w34·x3", "w35·x3", "θ5"]
    rows = [y for name, (x, y) in where.items() if x == 0]
    assert min(abs(a - b) for a in rows for b in rows if a != b) >= 1 - 1e-9  # boxes a row apart at least
    plt.close("all")


def test_crossing_arrows_are_counted():
    from bpnb.plots._graph import _crossings
    column, row = {1: 0, 2: 0, 3: 1, 4: 1}, {1: 0.0, 2: 1.0, 3: 0.0, 4: 1.0}
    assert _crossings([(1, 4), (2, 3)], column, row) == 1  # an X
    assert _crossings([(1, 3), (2, 4)], column, row) == 0  # two level arrows
    assert _crossings([(1, 3), (1, 4)], column, row) == 0  # two arrows out of one box
    assert _crossings([(1, 3)], column, row) == 0


def test_draw_graph_refuses_what_is_not_a_value():
    with pytest.raises(TypeError, match="output must be an autodiff.Value; got float"):
        plots.draw_graph(3.0)
    with pytest.raises(TypeError, match="highlight must be a Value or a list of Values; got str"):
        plots.draw_graph(Value(1.0) + 1, highlight="x1")
