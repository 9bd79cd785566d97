"""Checkers for the exercises of notebook 11 (automatic differentiation).

Every right answer comes from the package's own `autodiff`: a graph of Values is built, its
`backward` run, and the gradients it leaves are the answers, on the textbook's worked example
(Han & Kamber, Example 9.1) and on small graphs where a node is used twice. The wrong answers
of each case are the same computation with one known mistake in it.
"""

import numpy as np

from ..activations import sigmoid
from ..autodiff import Value, as_lists, textbook_example
from ..notation import number
from ._core import AnyOf, Case, exercise

__all__ = ["multiply_backward", "sigmoid_backward", "backward_pass"]


def _textbook():
    """The textbook's example after backward: its nodes in topological order, and by label."""
    graph = textbook_example()
    graph.error.backward()
    nodes = as_lists(graph.error)[0]
    return nodes, {node.label: node for node in nodes if node.label}


@exercise(learner="multiply_backward", reread="'The chain rule, node by node'", hints=(
    "The product of two numbers grows with the first as fast as the second is large, and with the second "
    "as fast as the first is large. Each input receives that local rate of change, scaled by the gradient "
    "that reached the product from above.",
    "The chain rule at one node c made from inputs a, b, ...: ∂E/∂a = ∂c/∂a · ∂E/∂c, the local derivative "
    "times the gradient from above (here grad = ∂E/∂c). Section 2's table gives each operation's local "
    "derivatives.",
    "local_a = ___          # ∂c/∂a for c = a · b\n"
    "local_b = ___          # ∂c/∂b\n"
    "return local_a * ___, local_b * ___",
))
def multiply_backward():
    """Check fn(a, b, grad) = (b grad, a grad): what the node c = a · b sends back to a and b.

    a, b: the two numbers multiplied; grad: dE/dc, the gradient that reached c. Returns the pair
    (dE/da, dE/db): a tuple, a list or an array of the two numbers.
    """
    nodes, named = _textbook()
    setups = []
    for w, O in (("w46", "O4"), ("w56", "O5")):  # the products w_j6 O_j into unit 6
        product = next(n for n in nodes if n.op == "×" and n.parents == (named[w], named[O]))
        setups.append((named[w], named[O], product.grad, f"for the node {w}·{O} of the textbook's example "
                                                          f"({w} = {number(named[w].data)}, {O} = "
                                                          f"{number(named[O].data)}, grad = {number(product.grad)})"))
    for a, b, upstream in ((2.0, -3.0, 1.0), (0.5, 4.0, -2.5)):
        A, B = Value(a, "a"), Value(b, "b")
        (A * B * upstream).backward()  # the product's gradient is `upstream`
        setups.append((A, B, upstream, f"for a = {number(a)}, b = {number(b)}, grad = {number(upstream)}"))
    pair = np.array  # the right answer as an array: a tuple, a list and an array of the two numbers all pass
    cases = []
    for A, B, g, about in setups:
        a, b = A.data, B.data
        cases.append(Case((a, b, g), pair([A.grad, B.grad]), about, variants={
            "forgot_upstream": pair([b, a]),
            "swapped_pair": pair([a * g, b * g]),
            "gradient_sign": AnyOf(pair([-b * g, -a * g]), pair([-b * g, a * g]), pair([b * g, -a * g])),
            "sum_rule_for_product": pair([g, g]),
            "divided_not_multiplied": AnyOf(pair([g / b, g / a]), pair([g / a, g / b]))}))
    return cases


@exercise(learner="sigmoid_backward", reread="'The chain rule, node by node'", hints=(
    "The sigmoid's slope at a node can be written from the node's output alone, as in notebook 01. The node "
    "passes back the gradient that reached it, scaled by that slope.",
    "The chain rule at the node O = σ(I): ∂E/∂I = ∂O/∂I · ∂E/∂O, the local derivative times the gradient "
    "from above (here grad = ∂E/∂O). The local derivative ∂O/∂I is the sigmoid's slope, written from O.",
    "slope = ___ * (1 - ___)      # ∂O/∂I, from the output O alone\n"
    "return ___ * ___             # local derivative × gradient from above",
))
def sigmoid_backward():
    """Check fn(O, grad) = O (1 - O) grad: what the node O = sigmoid(I) sends back to I.

    O: the node's output (a number); grad: dE/dO. Returns dE/dI (a number).
    """
    _, named = _textbook()
    setups = [(named[f"O{j}"], named[f"I{j}"], f"for unit {j} of the textbook's example (O{j} = "
                                                f"{number(named[f'O{j}'].data)}, grad = {number(named[f'O{j}'].grad)})")
              for j in (6, 4)]
    for I, upstream in ((0.0, 1.0), (2.2, 3.0), (-1.5, -0.8)):
        net_input = Value(I, "I")
        output = net_input.sigmoid()
        (output * upstream).backward()
        setups.append((output, net_input, f"for O = {number(output.data)}, grad = {number(upstream)}"))
    cases = []
    for output, net_input, about in setups:
        O, g = output.data, output.grad
        slope = O * (1 - O)
        cases.append(Case((O, g), net_input.grad, about, variants={
            "gradient_sign": -slope * g,
            "target_formula": AnyOf(slope * (1 - O), -slope * (1 - O)),  # Err of an output unit with T = 1
            "forgot_upstream": slope, "forgot_slope": g, "slope_half": AnyOf(O * g, (1 - O) * g),
            "slope_plus": O * (1 + O) * g, "divided_not_multiplied": g / slope,
            "slope_of_net_input": float(sigmoid(O) * (1 - sigmoid(O))) * g}))
    return cases


@exercise(learner="backward_pass", reread="'A node used twice: gradients add up'", twice=True, hints=(
    "Start at the output, whose gradient with respect to itself is 1. Visit the nodes from the output back "
    "towards the inputs; each node hands every one of its inputs its local derivative times its own gradient, "
    "and an input used more than once collects the sum of what it is handed.",
    "The chain rule, summed over the uses: ∂out/∂out = 1, and for every other node p, "
    "∂out/∂p = Σ_k ∂k/∂p · ∂out/∂k, one term for each use of p by a node k: the local derivative (in "
    "local[k]) times node k's gradient.",
    "grad = [0.0] * len(parents)\n"
    "grad[-1] = ___\n"
    "for k in ___:                # in which order?\n"
    "    for p, d in zip(parents[k], local[k]):\n"
    "        grad[p] ___ d * grad[k]\n"
    "return grad",
))
def backward_pass():
    """Check fn(parents, local) = the gradient of the output with respect to every node.

    The graph's nodes are numbered in topological order, the output last (n - 1).
    parents[k]: the numbers of node k's inputs (each < k; a node used twice by k is listed
    twice); local[k]: d node_k / d input, one per input. Returns grad, n numbers:
    grad[k] = d output / d node_k.
    """
    a, b = Value(2.0, "a"), Value(-3.0, "b")
    x = Value(3.0, "x")
    c, d = Value(0.5, "c"), Value(-1.2, "d")
    shared = c * d
    setups = [
        (a * b + a, "for f = a·b + a with a = 2, b = −3 (node 0, a, is used twice)"),
        (x * x, "for f = x·x with x = 3 (node 0, x, is both inputs of node 1)"),
        ((shared.exp() + shared.sigmoid() * c) / d, "for f = (e^(c·d) + σ(c·d)·c) / d, c = 0.5, d = −1.2 "
                                                     "(c, d and c·d are each used more than once)"),
        (textbook_example().error, "for the textbook's example, the 33 nodes of its error E"),
    ]
    cases = []
    for output, about in setups:
        nodes, parents, local = as_lists(output)
        output.backward()
        right = np.array([node.grad for node in nodes])
        lists = (parents, local)
        cases.append(Case(lists, right, about, variants={
            "dropped_repeat": _reverse(*lists, once_each=True),  # before overwriting: x·x decides
            "overwrote_gradient": _reverse(*lists, overwrite=True),
            "forgot_upstream": _reverse(*lists, upstream=False),
            "forgot_local": _reverse(*lists, local_derivative=False),
            "forward_order": _reverse(*lists, order="forward"),
            "no_seed": _reverse(*lists, seed=0.0),
            "nothing_sent": _reverse(*lists, seed=0.0) + np.eye(len(parents))[-1],  # the output's 1 stays put
            "all_started_at_one": _reverse(*lists, start=1.0),
            "gradient_sign": -right,
            "reversed_list": right[::-1]}))
    return cases


def _reverse(parents, local, *, overwrite=False, upstream=True, local_derivative=True, once_each=False,
             order="reverse", seed=1.0, start=0.0) -> np.ndarray:
    """The backward pass over the lists with one mistake in it: each contribution written over
    the gradient instead of added, the upstream gradient or the local derivative left out, an
    input listed twice by one node counted once, the nodes visited from the inputs up, the
    output's gradient not 1, or every gradient started at `start` instead of 0."""
    grad = np.full(len(parents), start)
    grad[-1] = seed
    visits = range(len(parents) - 1, -1, -1) if order == "reverse" else range(len(parents))
    for k in visits:
        pairs = list(zip(parents[k], local[k]))
        if once_each:
            pairs = [(p, d) for m, (p, d) in enumerate(pairs) if p not in parents[k][:m]]
        for p, d in pairs:
            sent = (d if local_derivative else 1.0) * (grad[k] if upstream else 1.0)
            grad[p] = sent if overwrite else grad[p] + sent
    return grad
