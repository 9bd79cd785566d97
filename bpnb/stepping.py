"""One case update of a small network as the steps the textbook walks: forward, backward, then
every weight and bias, each step with its formula, its numbers and the values known once it
is done; every number from `Network.train_case`. The backprop stepper (`bpnb.widgets`) draws
these steps; this module holds no widgets and draws nothing.

Formulas are written with a light markup: _{14} for a subscript and ^{x} for a superscript
(`plain` turns it into plain text).

Left out: more than one case update, and epoch or mini-batch updating.
"""

import re
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

import numpy as np

from . import _validate as v
from .network import Network
from .notation import LR_RANGE, MINUS, TEXTBOOK_BIASES, TEXTBOOK_WEIGHTS, subscript, unit_numbers
from .notation import fixed as _fixed
from .notation import number as _fmt


def plain(text: str) -> str:
    """Formula markup as plain text: _{14} -> ₁₄, ^{x} -> ^(x)."""
    text = re.sub(r"_\{([^}]*)\}", lambda m: subscript(m.group(1)), text)
    return re.sub(r"\^\{([^}]*)\}", r"^(\1)", text)


@dataclass(frozen=True)
class Step:
    """One step of the walk through a training step.

    phase: "start", "forward", "backward", "update" or "done".
    highlight: the unit numbers drawn highlighted; edges: the (i, j) edges the step uses.
    title: a short heading; formula: the formula with its numbers (markup _{} and ^{}).
    values: the exact numbers the step computes, by name ("I4", "O4", "Err6", "w46", "θ6").
    revealed: the names of every value known once this step is done.
    """

    phase: str
    highlight: tuple
    edges: tuple
    title: str
    formula: str
    values: dict
    revealed: frozenset = field(default_factory=frozenset)


# --- the steps ---------------------------------------------------------------------------------

def _factor(text: str) -> str:
    """A negative number in brackets, as it reads inside a product: (−0.5)."""
    return f"({text})" if text.startswith(MINUS) else text


def _as_written(value: float, decimals: int) -> Decimal:
    """A number as a formula writes it, rounded to `decimals`, exactly (for arithmetic by hand)."""
    return Decimal(f"{round(float(value), decimals) + 0.0:.{decimals}f}")


def _is(written, exact: float, decimals: int) -> str:
    """"=" when the arithmetic of the numbers as written (`written`, a Decimal, or a float
    where it cannot be exact) gives the result as written, rounded by hand (halves away
    from zero), else "≈". exact: the result from the unrounded numbers."""
    by_hand = Decimal(written if isinstance(written, Decimal) else repr(float(written)))
    by_hand = by_hand.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return "=" if by_hand == _as_written(exact, decimals) else "≈"


def _separator(numbers) -> str:
    """What separates two unit numbers in a weight's name: nothing (w14), or a comma once a
    unit number has two digits (w4,12). numbers: the unit numbers, layer by layer."""
    return "," if numbers[-1][-1] >= 10 else ""


def parameter_names(numbers) -> dict:
    """Every weight's and bias's name -> where it is: "w14" -> ("w", layer, (a, b)) for
    weights[layer][a, b], "θ4" -> ("b", layer, (b,)) for biases[layer][b]; the weights
    first, layer by layer, then the biases. numbers: the unit numbers, layer by layer."""
    sep, names = _separator(numbers), {}
    for layer in range(len(numbers) - 1):
        for a, i in enumerate(numbers[layer]):
            for b, j in enumerate(numbers[layer + 1]):
                names[f"w{i}{sep}{j}"] = ("w", layer, (a, b))
    for layer in range(len(numbers) - 1):
        for b, j in enumerate(numbers[layer + 1]):
            names[f"θ{j}"] = ("b", layer, (b,))
    return names


def training_steps(trace, net_after: Network | None = None) -> list:
    """The steps of one case update, in the textbook's order, every number from `trace`.

    Forward: each non-input unit's I_j and O_j, layer by layer. Backward: each Err_j, the
    output layer first, the highest unit number first. Updates: each weight w_ij (last layer
    first), then each bias θ_j (highest first), as in the textbook's table.

    Parameters
    ----------
    trace : Trace
        One case update, from `Network.train_case`.
    net_after : Network, optional
        The network after that update; when given, the last step shows the same input's
        output through it.

    Returns
    -------
    list[Step]
        The inputs, the forward, backward and update steps, and a last step "done".
    """
    steps = [_start_step(trace), *_forward_steps(trace), *_backward_steps(trace), *_update_steps(trace),
             _done_step(trace, net_after)]
    revealed, out = set(), []
    for step in steps:
        revealed |= set(step.values)
        out.append(replace(step, revealed=frozenset(revealed)))
    return out


def _start_step(trace) -> Step:
    """The first step: the inputs enter the input units."""
    numbers = trace.unit_numbers
    t_text = ", ".join(f"T_{{{j}}} = {_fmt(t)}" for j, t in zip(numbers[-1], trace.t))
    return Step(
        "start", tuple(int(j) for j in numbers[0]), (), "The inputs enter the input units",
        ", ".join(f"O_{{{j}}} = x_{{{a + 1}}} = {_fmt(x)}" for a, (j, x) in enumerate(zip(numbers[0], trace.x)))
        + f";   target {t_text};   learning rate l = {_fmt(trace.lr)}",
        {f"O{j}": float(x) for j, x in zip(numbers[0], trace.x)},
    )


def _forward_steps(trace) -> list:
    """Each non-input unit's net input and output, layer by layer."""
    numbers, steps = trace.unit_numbers, []
    sub = _subscripts(numbers)
    for layer in range(1, len(numbers)):
        W, theta = trace.weights_before[layer - 1], trace.biases_before[layer - 1]
        for b, j in enumerate(numbers[layer]):
            I, O = trace.net_inputs[layer - 1][b], trace.outputs[layer][b]
            below, O_below = numbers[layer - 1], trace.outputs[layer - 1]
            symbols = " + ".join(f"w_{{{sub(i, j)}}} O_{{{i}}}" for i in below) + f" + θ_{{{j}}}"
            numbers_ = " + ".join(f"{_factor(_fmt(W[a, b]))}·{_fmt(O_below[a], 3)}"
                                  for a in range(len(below))) + f" + {_factor(_fmt(theta[b]))}"
            written_I = sum(_as_written(W[a, b], 4) * _as_written(O_below[a], 3)
                            for a in range(len(below))) + _as_written(theta[b], 4)
            written_O = 1 / (1 + np.exp(float(_as_written(-I, 3))))
            formula = (f"I_{{{j}}} = {symbols} = {numbers_} {_is(written_I, I, 3)} {_fixed(I, 3)}\n"
                       f"O_{{{j}}} = 1 / (1 + e^{{{MINUS}I_{{{j}}}}}) = 1 / (1 + e^{{{_fmt(-I, 3)}}}) "
                       f"{_is(written_O, O, 3)} {_fixed(O, 3)}")
            steps.append(Step(
                "forward", (int(j),), tuple((int(i), int(j)) for i in below),
                f"Forward: the net input and output of unit {j}", formula,
                {f"I{j}": float(I), f"O{j}": float(O)},
            ))
    return steps


def _backward_steps(trace) -> list:
    """Each error term, the output layer first, the highest unit number first."""
    numbers, steps = trace.unit_numbers, []
    sub = _subscripts(numbers)
    for layer in reversed(range(1, len(numbers))):
        for b, j in reversed(list(enumerate(numbers[layer]))):  # 6, 5, 4, as the textbook lists them
            O, err = trace.outputs[layer][b], trace.errors[layer - 1][b]
            o, o_ = _fmt(O, 4), _as_written(O, 4)  # four decimals: then the product written is the result
            if layer == len(numbers) - 1:
                t = _fmt(trace.t[b])
                written = o_ * (1 - o_) * (_as_written(trace.t[b], 4) - o_)
                formula = (f"Err_{{{j}}} = O_{{{j}}} (1 {MINUS} O_{{{j}}}) (T_{{{j}}} {MINUS} O_{{{j}}}) = "
                           f"{o}·(1 {MINUS} {o})·({t} {MINUS} {o}) {_is(written, err, 4)} {_fixed(err, 4)}")
                edges, title = (), f"Backward: the error term of output unit {j}"
            else:
                above, errors_above = numbers[layer + 1], trace.errors[layer]
                W = trace.weights_before[layer]
                symbols = " + ".join(f"Err_{{{k}}} w_{{{sub(j, k)}}}" for k in above)
                numbers_ = " + ".join(f"{_fixed(errors_above[c], 4)}·{_factor(_fmt(W[b, c]))}"
                                      for c in range(len(above)))
                written = o_ * (1 - o_) * sum(_as_written(errors_above[c], 4) * _as_written(W[b, c], 4)
                                              for c in range(len(above)))
                formula = (f"Err_{{{j}}} = O_{{{j}}} (1 {MINUS} O_{{{j}}}) ({symbols}) = "
                           f"{o}·(1 {MINUS} {o})·({numbers_}) {_is(written, err, 4)} {_fixed(err, 4)}")
                edges = tuple((int(j), int(k)) for k in above)
                title = f"Backward: the error term of hidden unit {j}, from the error terms above it"
            steps.append(Step("backward", (int(j),), edges, title, formula, {f"Err{j}": float(err)}))
    return steps


def _update_steps(trace) -> list:
    """Each weight's update (the last layer first), then each bias's (the highest unit first)."""
    numbers, steps = trace.unit_numbers, []
    sub = _subscripts(numbers)
    for layer in reversed(range(len(trace.weights_before))):
        old, new = trace.weights_before[layer], trace.weights_after[layer]
        for a, i in enumerate(numbers[layer]):
            for b, j in enumerate(numbers[layer + 1]):
                err, O = trace.errors[layer][b], trace.outputs[layer][a]
                delta = new[a, b] - old[a, b]
                written = _as_written(trace.lr, 4) * _as_written(err, 4) * _as_written(O, 4)
                formula = (f"Δw_{{{sub(i, j)}}} = l Err_{{{j}}} O_{{{i}}} = {_fmt(trace.lr)}·{_factor(_fixed(err, 4))}"
                           f"·{_fmt(O, 4)} {_is(written, delta, 4)} {_fixed(delta, 4)}\n"
                           f"w_{{{sub(i, j)}}} = {_fmt(old[a, b])} + {_factor(_fixed(delta, 4))} "
                           f"{_is(_as_written(old[a, b], 4) + _as_written(delta, 4), new[a, b], 4)} "
                           f"{_fixed(new[a, b], 4)}")
                steps.append(Step("update", (int(i), int(j)), ((int(i), int(j)),),
                                  f"Update: the weight from unit {i} to unit {j}", formula,
                                  {f"w{sub(i, j)}": float(new[a, b])}))
    for layer in reversed(range(len(trace.biases_before))):
        old, new = trace.biases_before[layer], trace.biases_after[layer]
        for b, j in reversed(list(enumerate(numbers[layer + 1]))):
            err, delta = trace.errors[layer][b], new[b] - old[b]
            written = _as_written(trace.lr, 4) * _as_written(err, 4)
            formula = (f"Δθ_{{{j}}} = l Err_{{{j}}} = {_fmt(trace.lr)}·{_factor(_fixed(err, 4))} "
                       f"{_is(written, delta, 4)} {_fixed(delta, 4)}\n"
                       f"θ_{{{j}}} = {_fmt(old[b])} + {_factor(_fixed(delta, 4))} "
                       f"{_is(_as_written(old[b], 4) + _as_written(delta, 4), new[b], 4)} {_fixed(new[b], 4)}")
            steps.append(Step("update", (int(j),), (), f"Update: the bias of unit {j}", formula,
                              {f"θ{j}": float(new[b])}))
    return steps


def _done_step(trace, net_after) -> Step:
    """The last step: done, and (with `net_after`) the same input through the updated network."""
    numbers = trace.unit_numbers
    summary = "Every weight and bias has been updated: one case update is done."
    values = {}
    if net_after is not None:
        O_new = net_after.predict_proba(trace.x[None, :])[0]
        outs = "; ".join(
            f"O_{{{j}}} was {_fixed(o, 4)}, is now {_fixed(n, 4)} (target {_fmt(t)})"
            for j, o, n, t in zip(numbers[-1], trace.outputs[-1], O_new, trace.t))
        summary += f"\nThe same input through the updated network: {outs}"
        values = {f"new O{j}": float(n) for j, n in zip(numbers[-1], O_new)}
    return Step("done", (), (), "Done: the network after one step", summary, values)


def _subscripts(numbers):
    """The subscript of a weight's name from its units: (1, 4) -> "14", or "4,12" once a unit
    number has two digits."""
    sep = _separator(numbers)
    return lambda *units: sep.join(str(u) for u in units)


# --- what a step knows -----------------------------------------------------------------------

class _Pending:
    """A number not computed yet at this step: written as "?" whatever the format."""

    def __format__(self, spec: str) -> str:
        return "?"

    def __add__(self, other):
        return self

    __radd__ = __add__


_PENDING = _Pending()


def partial_trace(trace, revealed: frozenset):
    """`trace` with every value not in `revealed` replaced by "?" (object arrays)."""
    numbers = trace.unit_numbers[1:]  # of the units with a net input, an output and an error

    def masked(arrays, letter):  # arrays[layer][b] is the value `letter` of unit numbers[layer][b]
        out = [np.array(array, dtype=object) for array in arrays]
        for layer, m in enumerate(out):
            m[[f"{letter}{j}" not in revealed for j in numbers[layer]]] = _PENDING
        return out

    after = {"w": [np.array(W, dtype=object) for W in trace.weights_after],
             "b": [np.array(theta, dtype=object) for theta in trace.biases_after]}
    for name, (kind, layer, index) in parameter_names(trace.unit_numbers).items():
        if name not in revealed:
            after[kind][layer][index] = _PENDING
    return replace(trace, net_inputs=masked(trace.net_inputs, "I"),
                   outputs=[trace.outputs[0]] + masked(trace.outputs[1:], "O"),
                   errors=masked(trace.errors, "Err"), weights_after=after["w"], biases_after=after["b"])


# --- the settings ------------------------------------------------------------------------------

def weights_text(net: Network) -> str:
    """The weights and biases as editable text: "w14 = 0.2, w15 = -0.3, ..., θ6 = 0.1"
    (a hyphen for the minus sign: it is typed)."""
    parameters = {"w": net.weights, "b": net.biases}
    return ", ".join(f"{name} = {_typed(parameters[kind][layer][index])}"
                     for name, (kind, layer, index) in parameter_names(unit_numbers(net.layer_sizes)).items())


def parse_weights(net: Network, text: str) -> Network:
    """A copy of `net` with the weights and biases that `text` names set ("w14 = 0.2, θ4 = -0.4");
    a value left as `weights_text` shows it (rounded) keeps its exact value."""
    where = parameter_names(unit_numbers(net.layer_sizes))
    net = net.copy()
    for item in filter(None, (s.strip() for s in re.split(r"[,;\n]+(?=\s*[wθt])", text))):
        match = re.fullmatch(r"(w\s*[\d,]+|(?:θ|theta)\s*\d+)\s*=\s*(\S+)", item.replace(MINUS, "-"))
        if not match:
            raise ValueError(f"cannot read {item!r}: write name = number, e.g. w14 = 0.2 or θ4 = -0.4")
        name = re.sub(r"\s|theta", lambda m: "θ" if m.group() == "theta" else "", match.group(1))
        if name not in where:
            raise ValueError(f"this network has no {name}; its names are {', '.join(where)}")
        try:
            value = float(match.group(2))
        except ValueError:
            raise ValueError(f"{name} must be a number; got {match.group(2)!r}") from None
        if not np.isfinite(value):
            raise ValueError(f"{name} must be a finite number; got {match.group(2)!r}")
        kind, layer, index = where[name]
        params = (net.weights if kind == "w" else net.biases)[layer]
        if value != float(_typed(params[index])):  # as shown: keep all its digits
            params[index] = value
    return net


def _typed(value: float) -> str:
    """A number as a settings field shows it: short, with a hyphen for the minus sign."""
    return _fmt(value).replace(MINUS, "-")


def parse_numbers(text: str, name: str, n: int) -> np.ndarray:
    """`n` finite numbers from text such as "1, 0, 1" or "(0.5 -1)"; (n,)."""
    parts = [p for p in re.split(r"[,\s;]+", text.replace(MINUS, "-").strip("()[] ")) if p]
    try:
        values = np.array([float(p) for p in parts])
    except ValueError:
        raise ValueError(f"{name} must be {n} number(s) separated by commas; got {text!r}") from None
    if values.size != n or not np.all(np.isfinite(values)):
        raise ValueError(f"{name} must be {n} finite number(s) separated by commas; got {text!r}")
    return values


class CaseUpdate:
    """One case update and its settings: a network, the tuple x, its target t and the rate lr;
    the `trace` that `Network.train_case` records for them, and its `steps`.

    Each `set_...` checks its value and raises ValueError, changing nothing, or changes the
    setting and computes the trace and steps again.

    Parameters: as `bpnb.widgets.backprop_stepper` (but the step shown).
    """

    def __init__(self, x=(1, 0, 1), t=1, lr: float = 0.9, weights=None, biases=None, seed: int | None = None):
        x = v.as_float_array(x, "x")
        if x.ndim != 1 or x.size == 0:
            raise ValueError(f"x must be a flat list of input values such as (1, 0, 1); got {v._describe(x)}")
        v.check_finite(x, "x")
        t = v.as_float_array(t, "t")
        if t.ndim > 1 or t.size == 0:
            raise ValueError(f"t must be a number or a flat list of targets such as (1, 0); got {v._describe(t)}")
        t = np.atleast_1d(t)
        lr = v.check_in_range(lr, "lr", *LR_RANGE)
        self.seed = v.check_seed(seed)
        self._rng = np.random.default_rng(self.seed)
        if (weights is None) != (biases is None):
            raise ValueError("weights and biases must be given together (or neither, for the textbook's values)")
        if weights is None and (x.size, t.size) == (3, 1):
            weights, biases = TEXTBOOK_WEIGHTS, TEXTBOOK_BIASES
        elif weights is None:
            weights, biases = self._draw_weights([x.size, 2, t.size])
        net = Network.from_weights(weights, biases)
        n_in, n_out = net.layer_sizes[0], net.layer_sizes[-1]
        if x.size != n_in:
            raise ValueError(f"x must have {n_in} value{'s' * (n_in != 1)}, one per input unit; got {x.size}")
        if t.size != n_out:
            raise ValueError(f"t must have {n_out} value{'s' * (n_out != 1)}, one per output unit; got {t.size}")
        v.check_targets(t[None, :], n_out, 1, "t")
        self.net, self.x, self.t, self.lr = net, x, t, lr
        self._compute()

    def _compute(self) -> None:
        after = self.net.copy()
        self.trace = after.train_case(self.x, self.t, self.lr)
        self.steps = training_steps(self.trace, after)

    def _draw_weights(self, sizes) -> tuple:
        """Weights and biases uniform in [-0.5, 0.5], rounded to one decimal as in the textbook."""
        draw = lambda shape: (np.round(self._rng.uniform(-0.5, 0.5, shape), 1) + 0.0).tolist()
        return [draw((a, b)) for a, b in zip(sizes, sizes[1:])], [draw(b) for b in sizes[1:]]

    # the settings ---------------------------------------------------------------------------

    def set_inputs(self, text: str) -> None:
        """The tuple x from text such as "1, 0, 1"."""
        self.x = parse_numbers(text, "inputs x", self.net.layer_sizes[0])
        self._compute()

    def set_target(self, text: str) -> None:
        """The target T from text such as "1" or "1, 0", each in [0, 1]."""
        t = parse_numbers(text, "target T", self.net.layer_sizes[-1])
        if t.min() < 0 or t.max() > 1:
            raise ValueError("target T must lie between 0 and 1, the range of a sigmoid output")
        self.t = t
        self._compute()

    def set_rate(self, lr: float) -> None:
        """The learning rate l."""
        self.lr = v.check_in_range(lr, "lr", *LR_RANGE)
        self._compute()

    def set_weights(self, text: str) -> None:
        """The weights and biases that `text` names, as `parse_weights` reads them."""
        self.net = parse_weights(self.net, text)
        self._compute()

    def randomize(self) -> None:
        """New weights and biases from the generator (seeded by `seed`)."""
        self.net = Network.from_weights(*self._draw_weights(self.net.layer_sizes))
        self._compute()

    def use_textbook(self) -> None:
        """The textbook's weights and biases (Example 9.1), for a network of its shape."""
        if self.net.layer_sizes != [3, 2, 1]:
            raise ValueError("The textbook's network has 3 inputs and 1 output: set x to three values first.")
        self.net = Network.from_weights(TEXTBOOK_WEIGHTS, TEXTBOOK_BIASES)
        self._compute()

    def weights_text(self) -> str:
        """The weights and biases as editable text: "w14 = 0.2, w15 = -0.3, ..., θ6 = 0.1"."""
        return weights_text(self.net)

    @property
    def texts(self) -> dict:
        """The settings as their fields show them: "x", "t" and "weights"."""
        return {"x": ", ".join(_typed(x) for x in self.x), "t": ", ".join(_typed(t) for t in self.t),
                "weights": self.weights_text()}

    @property
    def state(self) -> dict:
        """Every setting as plain values."""
        t = self.t.tolist()
        return {
            "x": [float(x) for x in self.x], "t": t[0] if len(t) == 1 else t, "lr": self.lr,
            "weights": [w.tolist() for w in self.net.weights], "biases": [b.tolist() for b in self.net.biases],
            "seed": self.seed,
        }
