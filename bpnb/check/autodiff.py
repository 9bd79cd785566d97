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
from ._core import Case, exercise

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
    "c = a · b: ∂E/∂a = b · ∂E/∂c and ∂E/∂b = a · ∂E/∂c, where grad is ∂E/∂c.",
    "grad_a = ___ * grad\n"
    "grad_b = ___ * grad\n"
    "return grad_a, grad_b",
))
def multiply_backward():
    """Check fn(a, b, grad) = (b grad, a grad): what the node c = a · b sends back to a and b.

    a, b: the two numbers multiplied; grad: dE/dc, the gradient that reached c. Returns the pair
    (dE/da, dE/db).
    """
    nodes, named = _textbook()
    setups = []
    for w, O in (("w46", "O4"), ("w56", "O5")):  # the products w_j6 O_j into unit 6
        product = next(n for n in nodes if n.op == "×" and n.parents == (named[w], named[O]))
        setups.append((named[w], named[O], product.grad, f"for the node {w} × {O} of the textbook's example "
                                                          f"({w} = {number(named[w].data)}, {O} = "
                                                          f"{number(named[O].data)}, grad = {number(product.grad)})"))
    for a, b, upstream in ((2.0, -3.0, 1.0), (0.5, 4.0, -2.5)):
        A, B = Value(a, "a"), Value(b, "b")
        (A * B * upstream).backward()  # the product's gradient is `upstream`
        setups.append((A, B, upstream, f"for a = {number(a)}, b = {number(b)}, grad = {number(upstream)}"))
    cases = []
    for A, B, upstream, about in setups:
        a, b = A.data, B.data
        cases.append(Case((a, b, upstream), (A.grad, B.grad), about, names=("grad_a", "grad_b"),
                          variants={"forgot_upstream": (b, a), "swapped_pair": (a * upstream, b * upstream)}))
    return cases


@exercise(learner="sigmoid_backward", reread="'The chain rule, node by node'", hints=(
    "The sigmoid's slope at a node can be written from the node's output alone, as in notebook 01. The node "
    "passes back the gradient that reached it, scaled by that slope.",
    "O = σ(I): ∂E/∂I = O (1 − O) · ∂E/∂O, where grad is ∂E/∂O.",
    "slope = ___\n"
    "return ___",
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
        O, upstream = output.data, output.grad
        cases.append(Case((O, upstream), net_input.grad, about, variants={
            "forgot_upstream": O * (1 - O), "forgot_slope": upstream, "slope_half": O * upstream,
            "slope_of_net_input": float(sigmoid(O) * (1 - sigmoid(O))) * upstream}))
    return cases


@exercise(learner="backward_pass", reread="'A node used twice: gradients add up'", twice=True, hints=(
    "Start at the output, whose gradient with respect to itself is 1. Visit the nodes from the output back "
    "towards the inputs; each node hands every one of its inputs its local derivative times its own gradient, "
    "and an input used more than once collects the sum of what it is handed.",
    "grad[n − 1] = 1; then for k = n − 1, n − 2, ..., 0 and each input p of node k with local derivative d: "
    "grad[p] += d · grad[k].",
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
        cases.append(Case((parents, local), np.array([node.grad for node in nodes]), about, variants={
            "overwrote_gradient": _reverse(parents, local, overwrite=True),
            "forgot_upstream": _reverse(parents, local, upstream=False),
            "forward_order": _reverse(parents, local, order="forward")}))
    return cases


def _reverse(parents, local, *, overwrite=False, upstream=True, order="reverse") -> np.ndarray:
    """The backward pass over the lists with a mistake in it: each contribution written over
    the gradient instead of added, the upstream gradient left out, or the nodes visited from
    the inputs up."""
    grad = np.zeros(len(parents))
    grad[-1] = 1.0
    visits = range(len(parents) - 1, -1, -1) if order == "reverse" else range(len(parents))
    for k in visits:
        for p, d in zip(parents[k], local[k]):
            sent = d * grad[k] if upstream else d
            grad[p] = sent if overwrite else grad[p] + sent
    return grad
