"""Reverse-mode automatic differentiation on numbers: the backward pass, found by the program.

A `Value` is a number that remembers the operation that made it, the Values it was made from
(its parents) and the local derivative of the operation with respect to each parent. A
computation written with Values builds its own graph as it runs. `Value.backward` then applies
the chain rule once per node, from the output down (reverse topological order): every node
sends each parent its local derivative times its own gradient, and a parent used by several
nodes adds up what each sends.

    node = op(parents)                     forward: the value, and d node / d parent for each parent
    parent.grad += local * node.grad       backward, for each node from the output down

Static backpropagation is this algorithm on the graph of a feed-forward network: for the
error E = 1/2 sum (T_j - O_j)**2, the gradient of unit j's net input is -Err_j.
`network_graph` builds that graph from a `Network` and data; `textbook_example` builds the
textbook's worked example (Han & Kamber, Example 9.1).

Scalars only, one Python object per number, to show the idea: it computes what the matrix
code of `Network` computes, far more slowly.
"""

import math
from dataclasses import dataclass
from numbers import Real

import numpy as np

from . import _validate as v
from .network import Network
from .notation import TEXTBOOK_T, TEXTBOOK_X, textbook_network, unit_numbers

__all__ = ["Value", "topological_order", "as_lists", "NetworkGraph", "network_graph", "textbook_example"]


class Value:
    """A number that remembers how it was made.

    Parameters
    ----------
    data : the number (a finite real number).
    label : a name for printing and drawing, e.g. "w14" or "I4" ("" for none).

    Attributes
    ----------
    data : the number, a float.
    grad : d(output) / d(this value), set by the last `output.backward()` of a graph that holds
        this value; 0.0 before.
    op : the operation that made it ("" for a leaf: an input, a weight, a constant).
    parents : the Values it was made from (a tuple; empty for a leaf).
    local : d(this value) / d(parent) for each parent, in the same order (a tuple of floats).
    """

    def __init__(self, data, label: str = ""):
        self.data = v.check_real(data, "data")
        self.label, self.grad = _check_label(label), 0.0
        self.op, self.parents, self.local = "", (), ()

    @classmethod
    def _made(cls, data: float, op: str, parents: tuple, local: tuple) -> "Value":
        """The result of an operation: its value, the operation, its parents and local derivatives."""
        if not (math.isfinite(data) and all(math.isfinite(d) for d in local)):
            shown = ", ".join(_short(p.data) for p in parents)
            raise ValueError(f"{op}: the result for {shown} is {data}, not a finite number")
        out = cls.__new__(cls)
        out.data, out.label, out.grad = float(data), "", 0.0
        out.op, out.parents, out.local = op, parents, tuple(float(d) for d in local)
        return out

    # --- the operations and their local derivatives ------------------------------------

    def __add__(self, other) -> "Value":
        other = _as_value(other, "+")
        return Value._made(self.data + other.data, "+", (self, other), (1.0, 1.0))

    def __radd__(self, other) -> "Value":
        return _as_value(other, "+") + self

    def __sub__(self, other) -> "Value":
        other = _as_value(other, "−")
        return Value._made(self.data - other.data, "−", (self, other), (1.0, -1.0))

    def __rsub__(self, other) -> "Value":
        return _as_value(other, "−") - self

    def __mul__(self, other) -> "Value":
        other = _as_value(other, "×")
        return Value._made(self.data * other.data, "×", (self, other), (other.data, self.data))

    def __rmul__(self, other) -> "Value":
        return _as_value(other, "×") * self

    def __truediv__(self, other) -> "Value":
        other = _as_value(other, "÷")
        if other.data == 0:
            raise ValueError(f"÷: the divisor must not be 0; got {_short(self.data)} ÷ 0")
        a, b = self.data, other.data
        return Value._made(a / b, "÷", (self, other), (1.0 / b, -a / b**2))

    def __rtruediv__(self, other) -> "Value":
        return _as_value(other, "÷") / self

    def __neg__(self) -> "Value":
        return Value._made(-self.data, "neg", (self,), (-1.0,))

    def __pow__(self, exponent) -> "Value":
        if isinstance(exponent, Value):
            raise TypeError(f"exponent must be a number (an exponent that is a Value is not supported); "
                            f"got {exponent!r}")
        n = v.check_real(exponent, "exponent")
        x = self.data
        if x == 0 and n < 1:
            raise ValueError(f"**: 0 ** {_short(n)} has no finite derivative (exponent must be >= 1 at 0)")
        if x < 0 and not n.is_integer():
            raise ValueError(f"**: a negative number to a fractional power is not real; got "
                             f"{_short(x)} ** {_short(n)}")
        try:
            power, local = x**n, n * x ** (n - 1)
        except OverflowError:
            raise ValueError(f"**: the result for {_short(x)} ** {_short(n)} is too large for a float") from None
        return Value._made(power, f"**{_short(n)}", (self,), (local,))

    def exp(self) -> "Value":
        """e ** self; local derivative e ** self."""
        if self.data > 709:  # math.exp overflows above about 709.78
            raise ValueError(f"exp: the result for {_short(self.data)} is too large for a float")
        e = math.exp(self.data)
        return Value._made(e, "exp", (self,), (e,))

    def log(self) -> "Value":
        """The natural logarithm; local derivative 1 / self."""
        if self.data <= 0:
            raise ValueError(f"log: the argument must be a positive number; got {_short(self.data)}")
        return Value._made(math.log(self.data), "log", (self,), (1.0 / self.data,))

    def sigmoid(self) -> "Value":
        """O = 1 / (1 + e ** -I); local derivative O (1 - O), written from the output."""
        e = math.exp(-abs(self.data))  # in (0, 1]: never overflows, as bpnb.activations.sigmoid
        O = 1.0 / (1.0 + e) if self.data >= 0 else e / (1.0 + e)
        return Value._made(O, "σ", (self,), (O * (1.0 - O),))

    @staticmethod
    def sum(values, label: str = "") -> "Value":
        """One node for v_1 + v_2 + ... + v_n (local derivative 1 for each); values: Values or
        numbers, at least one."""
        if not isinstance(values, (list, tuple)) or not values:
            raise TypeError(f"values must be a non-empty list of Values or numbers; got {v._describe(values)}")
        terms = tuple(_as_value(x, "Σ", f"values[{k}]") for k, x in enumerate(values))
        total = 0.0
        for term in terms:  # in order, one addition at a time
            total += term.data
        return Value._made(total, "+" if len(terms) == 2 else "Σ", terms, (1.0,) * len(terms)).named(label)

    def named(self, label: str) -> "Value":
        """This Value with a label (for printing and drawing); returns self."""
        self.label = _check_label(label)
        return self

    # --- the backward pass ---------------------------------------------------------------

    def backward(self) -> None:
        """Set `grad` of every Value this one was made from to d(self) / d(that value).

        First every gradient of the graph is set to 0, so that a second call gives the same
        numbers, not twice them; then self.grad = 1, and each node, from self down, adds its
        local derivative times its gradient to each parent's gradient. A node used by several
        nodes (or twice by one) so receives the sum over all its paths to self.
        """
        order = topological_order(self)
        for node in order:
            node.grad = 0.0
        self.grad = 1.0
        for node in reversed(order):
            for parent, local in zip(node.parents, node.local):
                parent.grad += local * node.grad

    def __repr__(self) -> str:
        name = f"{self.label} = " if self.label else ""
        made = f", op={self.op!r}" if self.op else ""
        return f"Value({name}{_short(self.data)}{made}, grad={_short(self.grad)})"


def topological_order(output) -> list:
    """Every Value that `output` was made from, each once and after all its parents; output last.

    The order is that of a depth-first walk from the output, parents in their order: the same
    graph gives the same list every time.
    """
    if not isinstance(output, Value):
        raise TypeError(f"output must be a Value; got {v._describe(output)}")
    order, seen = [], {id(output)}
    stack = [(output, iter(output.parents))]
    while stack:  # a loop, not recursion: a long chain of additions must not hit Python's limit
        node, parents = stack[-1]
        for parent in parents:
            if id(parent) not in seen:
                seen.add(id(parent))
                stack.append((parent, iter(parent.parents)))
                break
        else:
            order.append(node)
            stack.pop()
    return order


def as_lists(output):
    """The graph of `output` as plain lists, nodes in topological order (output last).

    Returns (nodes, parents, local): nodes[k] the k-th Value; parents[k] the positions of its
    parents in nodes (all < k; a parent used twice appears twice); local[k] its local
    derivatives, one per parent.
    """
    nodes = topological_order(output)
    position = {id(node): k for k, node in enumerate(nodes)}
    parents = [[position[id(p)] for p in node.parents] for node in nodes]
    return nodes, parents, [list(node.local) for node in nodes]


@dataclass
class NetworkGraph:
    """A network's error on some tuples, built of Values: weights, biases, every unit's net
    input and output for every tuple, and the error E at the top.

    weights[k][i][j], biases[k][j]: the Values of w_ij and theta_j, nested like
    `Network.weights[k]` (n_k, n_{k+1}) and `Network.biases[k]` (n_{k+1},).
    net_inputs[t][k][j]: I_j of layer k + 1 for tuple t; outputs[t][k][j]: O_j of layer k for
    tuple t, the inputs first (layer 0). error: E = sum over tuples of 1/2 sum_j (T_j - O_j)**2.
    """

    weights: list
    biases: list
    net_inputs: list
    outputs: list
    error: Value

    def gradients(self):
        """dE/dW and dE/dtheta from the Values' gradients (call `error.backward()` first):
        lists of arrays shaped like `Network.gradients`'s."""
        dW = [np.array([[w.grad for w in row] for row in W]) for W in self.weights]
        return dW, [np.array([b.grad for b in theta]) for theta in self.biases]

    def error_terms(self, t: int = 0) -> list:
        """Err_j = -dE/dI_j of every non-input layer for tuple t (call `error.backward()`
        first): one (n_k,) array per layer, as `Network.backward` gives them."""
        t = v.check_positive_int(t, "t", minimum=0)
        if t >= len(self.net_inputs):
            raise ValueError(f"t must be the number of a tuple, 0 to {len(self.net_inputs) - 1}; got {t}")
        return [-np.array([I.grad for I in layer]) for layer in self.net_inputs[t]]

    def updates(self, lr):
        """The textbook's updates dw_ij = l Err_j O_i and dtheta_j = l Err_j, summed over the
        tuples: -lr times the gradients. Lists of arrays shaped like the weights and biases."""
        lr = v.check_positive_number(lr, "lr")
        dW, dtheta = self.gradients()
        return [-lr * d for d in dW], [-lr * d for d in dtheta]


def network_graph(net, X, T) -> NetworkGraph:
    """The graph of `net`'s error E = 1/2 sum (T - O)**2 on the tuples X, built of Values.

    net: a Network (its weights are copied into new Values). X: (n, n_in); T: (n, n_out), or
    (n,) with one output. Each net input is one sum node, I_j = Σ_i w_ij O_i + θ_j; each output
    O_j = σ(I_j). Weights are labelled w14, ..., net inputs I4, ..., as the textbook numbers the
    units (with the tuple's number, I4[t], when there are several tuples).
    """
    if not isinstance(net, Network):
        raise TypeError(f"net must be a bpnb.Network; got {v._describe(net)}")
    X, T = net._check_data(X, T)
    numbers = unit_numbers(net.layer_sizes)
    weights = [[[Value(W[a, b], f"w{i}{j}") for b, j in enumerate(numbers[k + 1])] for a, i in enumerate(numbers[k])]
               for k, W in enumerate(net.weights)]
    biases = [[Value(theta[b], f"θ{j}") for b, j in enumerate(numbers[k + 1])] for k, theta in enumerate(net.biases)]
    several = len(X) > 1
    net_inputs, outputs, terms = [], [], []
    for t, (x, target) in enumerate(zip(X, T)):
        tag = f"[{t}]" if several else ""
        O = [Value(xi, f"x{i}{tag}") for xi, i in zip(x, numbers[0])]
        I_layers, O_layers = [], [O]
        for k, (W, theta) in enumerate(zip(weights, biases)):
            I = [Value.sum([W[a][b] * O[a] for a in range(len(O))] + [theta[b]], f"I{j}{tag}")
                 for b, j in enumerate(numbers[k + 1])]
            O = [I_j.sigmoid().named(f"O{j}{tag}") for I_j, j in zip(I, numbers[k + 1])]
            I_layers.append(I)
            O_layers.append(O)
        for O_j, T_j, j in zip(O, target, numbers[-1]):
            terms.append(0.5 * (Value(T_j, f"T{j}{tag}") - O_j) ** 2)
        net_inputs.append(I_layers)
        outputs.append(O_layers)
    error = terms[0].named("E") if len(terms) == 1 else Value.sum(terms, "E")
    return NetworkGraph(weights, biases, net_inputs, outputs, error)


def textbook_example() -> NetworkGraph:
    """The textbook's worked example (Example 9.1) as Values: the 3-2-1 network, the tuple
    x = (1, 0, 1) with target T6 = 1, and its error E."""
    return network_graph(textbook_network(), np.array([TEXTBOOK_X]), np.array([TEXTBOOK_T]))


def _as_value(x, op: str, name: str = "other") -> Value:
    """x as a Value: a Value itself, a number as a new leaf; else a TypeError naming the operation."""
    if isinstance(x, Value):
        return x
    if isinstance(x, bool) or not isinstance(x, Real):
        raise TypeError(f"{op}: {name} must be a Value or a number; got {v._describe(x)}")
    return Value(x)


def _check_label(label) -> str:
    if not isinstance(label, str):
        raise TypeError(f"label must be a string; got {v._describe(label)}")
    return label


def _short(x: float) -> str:
    """A number for messages and reprs: 4 significant digits, no trailing noise."""
    return f"{float(x):.4g}"
