"""The backprop stepper: one case update of a small network walked unit by unit, forward,
backward, then every weight and bias, each number from `Network.train_case`.

Each step's picture is drawn once per setting and kept, so Back (and Next, once the
pictures ahead have been drawn in the background) answers at once.

Left out: more than one case update, and epoch or mini-batch updating.
"""

import atexit
import re
import threading
import time
import weakref
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from html import escape

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .. import _validate as v
from .. import plots
from ..network import Network
from ..notation import LR_RANGE, MINUS, TEXTBOOK_BIASES, TEXTBOOK_WEIGHTS, subscript
from ._explorer import _Explorer, _fixed, _fmt, _png


def _plain(text: str) -> str:
    """Formula markup as plain text: _{14} -> ₁₄, ^{x} -> ^(x)."""
    text = re.sub(r"_\{([^}]*)\}", lambda m: subscript(m.group(1)), text)
    return re.sub(r"\^\{([^}]*)\}", r"^(\1)", text)


def _html(text: str) -> str:
    """Formula markup as HTML: _{14} -> <sub>14</sub>, ^{x} -> <sup>x</sup>."""
    text = re.sub(r"_\{([^}]*)\}", r"<sub>\1</sub>", escape(text))
    return re.sub(r"\^\{([^}]*)\}", r"<sup>\1</sup>", text)


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


def _parameter_names(numbers) -> dict:
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
    numbers = trace.unit_numbers
    sep = _separator(numbers)
    sub = lambda *units: sep.join(str(u) for u in units)
    t_text = ", ".join(f"T_{{{j}}} = {_fmt(t)}" for j, t in zip(numbers[-1], trace.t))
    steps = [Step(
        "start", tuple(int(j) for j in numbers[0]), (), "The inputs enter the input units",
        ", ".join(f"O_{{{j}}} = x_{{{a + 1}}} = {_fmt(x)}" for a, (j, x) in enumerate(zip(numbers[0], trace.x)))
        + f";   target {t_text};   learning rate l = {_fmt(trace.lr)}",
        {f"O{j}": float(x) for j, x in zip(numbers[0], trace.x)},
    )]

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

    for layer in reversed(range(len(trace.weights_before))):
        old, new = trace.weights_before[layer], trace.weights_after[layer]
        for a, i in enumerate(numbers[layer]):
            for b, j in enumerate(numbers[layer + 1]):
                err, O = trace.errors[layer][b], trace.outputs[layer][a]
                delta = new[a, b] - old[a, b]
                name = f"w{sub(i, j)}"
                written = _as_written(trace.lr, 4) * _as_written(err, 4) * _as_written(O, 4)
                formula = (f"Δw_{{{sub(i, j)}}} = l Err_{{{j}}} O_{{{i}}} = {_fmt(trace.lr)}·{_factor(_fixed(err, 4))}"
                           f"·{_fmt(O, 4)} {_is(written, delta, 4)} {_fixed(delta, 4)}\n"
                           f"w_{{{sub(i, j)}}} = {_fmt(old[a, b])} + {_factor(_fixed(delta, 4))} "
                           f"{_is(_as_written(old[a, b], 4) + _as_written(delta, 4), new[a, b], 4)} "
                           f"{_fixed(new[a, b], 4)}")
                steps.append(Step("update", (int(i), int(j)), ((int(i), int(j)),),
                                  f"Update: the weight from unit {i} to unit {j}", formula,
                                  {name: float(new[a, b])}))
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

    summary = "Every weight and bias has been updated: one case update is done."
    values = {}
    if net_after is not None:
        O_new = net_after.predict_proba(trace.x[None, :])[0]
        outs = "; ".join(
            f"O_{{{j}}} was {_fixed(o, 4)}, is now {_fixed(n, 4)} (target {_fmt(t)})"
            for j, o, n, t in zip(numbers[-1], trace.outputs[-1], O_new, trace.t))
        summary += f"\nThe same input through the updated network: {outs}"
        values = {f"new O{j}": float(n) for j, n in zip(numbers[-1], O_new)}
    steps.append(Step("done", (), (), "Done: the network after one step",
                      summary, values))

    revealed, out = set(), []
    for step in steps:
        revealed |= set(step.values)
        out.append(replace(step, revealed=frozenset(revealed)))
    return out


class _Pending:
    """A number not computed yet at this step: written as "?" whatever the format."""

    def __format__(self, spec: str) -> str:
        return "?"

    def __add__(self, other):
        return self

    __radd__ = __add__


_PENDING = _Pending()


def _partial_trace(trace, revealed: frozenset):
    """`trace` with every value not in `revealed` replaced by "?" (object arrays)."""
    numbers = trace.unit_numbers[1:]  # of the units with a net input, an output and an error

    def masked(arrays, letter):  # arrays[layer][b] is the value `letter` of unit numbers[layer][b]
        out = [np.array(array, dtype=object) for array in arrays]
        for layer, m in enumerate(out):
            m[[f"{letter}{j}" not in revealed for j in numbers[layer]]] = _PENDING
        return out

    after = {"w": [np.array(W, dtype=object) for W in trace.weights_after],
             "b": [np.array(theta, dtype=object) for theta in trace.biases_after]}
    for name, (kind, layer, index) in _parameter_names(trace.unit_numbers).items():
        if name not in revealed:
            after[kind][layer][index] = _PENDING
    return replace(trace, net_inputs=masked(trace.net_inputs, "I"),
                   outputs=[trace.outputs[0]] + masked(trace.outputs[1:], "O"),
                   errors=masked(trace.errors, "Err"), weights_after=after["w"], biases_after=after["b"])


# Prefetching threads end at their next step when Python exits, not in the middle of drawing.
_PREFETCHERS: weakref.WeakSet = weakref.WeakSet()
_EXITING = threading.Event()


@atexit.register
def _end_prefetching() -> None:
    _EXITING.set()
    for thread in list(_PREFETCHERS):
        thread.cancel()
        thread.join(timeout=2.0)


_PHASE_WORDS = {"start": "start", "forward": "forward pass", "backward": "backward pass",
                "update": "weight updates", "done": "done"}


class BackpropStepper(_Explorer):
    """One case update walked unit by unit; see `backprop_stepper`."""

    _figsize = (9.4, 5.4)
    _dpi = 80
    prefetch_delay = 0.25  # seconds of quiet before the other steps are drawn ahead (None: never)

    def __init__(self, x, t, lr, weights, biases, seed, step) -> None:
        super().__init__()
        self.steps: list = []
        self._pngs: dict = {}  # index in self.steps -> its PNG, for the current setting
        self._setting = 0  # counts the settings: a picture or a prefetch of an older one is void
        self._shown = None  # (setting, index) that the live figure's artists show
        self._timer, self._prefetching, self._prefetch_failed = None, None, None
        self._syncing = False
        x = v.as_float_array(x, "x")
        if x.ndim != 1 or x.size == 0:
            raise ValueError(f"x must be a flat list of input values such as (1, 0, 1); got {v._describe(x)}")
        v.check_finite(x, "x")
        t = v.as_float_array(t, "t")
        if t.ndim > 1 or t.size == 0:
            raise ValueError(f"t must be a number or a flat list of targets such as (1, 0); got {v._describe(t)}")
        t = np.atleast_1d(t)
        lr = v.check_in_range(lr, "lr", *LR_RANGE)
        self._seed = v.check_seed(seed)
        self._rng = np.random.default_rng(self._seed)
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
        self._net, self._x, self._t, self._lr = net, x, t, lr

        button = lambda text, tip, icon: widgets.Button(description=text, tooltip=tip, icon=icon,
                                                        layout=widgets.Layout(width="110px"))
        self.controls = {
            "back": button("Back", "one step back", "arrow-left"),
            "next": button("Next", "one step forward", "arrow-right"),
            "restart": button("Start over", "back to the first step", "undo"),
            "x": widgets.Text(description="inputs x", continuous_update=False,
                              layout=widgets.Layout(width="260px")),
            "t": widgets.Text(description="target T", continuous_update=False,
                              layout=widgets.Layout(width="200px")),
            "lr": widgets.BoundedFloatText(value=lr, min=LR_RANGE[0], max=LR_RANGE[1], step=0.1, description="rate l",
                                           layout=widgets.Layout(width="180px")),
            "weights": widgets.Textarea(description="weights", continuous_update=False,
                                        layout=widgets.Layout(width="640px", height="64px")),
            "randomize": widgets.Button(description="Randomize", icon="random",
                                        tooltip="draw new weights and biases in [-0.5, 0.5]"),
            "textbook": widgets.Button(description="Textbook example", icon="book",
                                       tooltip="Han & Kamber, Example 9.1"),
        }
        self.counter = widgets.HTML()
        self.formula = widgets.HTML()
        self.message = widgets.HTML()
        self.controls["back"].on_click(lambda _: self.go(self.step - 1))
        self.controls["next"].on_click(lambda _: self.go(self.step + 1))
        self.controls["restart"].on_click(lambda _: self.go(1))
        self.controls["randomize"].on_click(lambda _: self.randomize())
        self.controls["textbook"].on_click(lambda _: self._set_network(Network.from_weights(
            TEXTBOOK_WEIGHTS, TEXTBOOK_BIASES)) if self._net.layer_sizes == [3, 2, 1] else self._say(
            "The textbook's network has 3 inputs and 1 output: set x to three values first."))
        for name in ("x", "t", "lr", "weights"):
            self.controls[name].observe(self._on_setting, names="value")
        settings = widgets.VBox([
            widgets.HBox([self.controls["x"], self.controls["t"], self.controls["lr"]]),
            self.controls["weights"],
            widgets.HBox([self.controls["randomize"], self.controls["textbook"]]),
            self.message,
        ])
        accordion = widgets.Accordion(children=[settings], titles=("Inputs, target, learning rate and weights",))
        self.widget = widgets.VBox([
            widgets.HBox([self.controls["back"], self.controls["next"], self.controls["restart"], self.counter],
                         layout=widgets.Layout(align_items="center")),
            self.formula, self.image, self.caption, accordion,
        ])
        self.widget.add_class("bpnb-backprop-stepper")
        self.index = 0  # the step shown, as an index into self.steps (step number index + 1)
        self._recompute()
        step = v.check_positive_int(step, "step", minimum=1)
        if step > len(self.steps):
            raise ValueError(f"step must lie between 1 and {len(self.steps)}, the number of steps; got {step}")
        self.go(step)

    # the model ---------------------------------------------------------------------

    def _draw_weights(self, sizes):
        """Weights and biases uniform in [-0.5, 0.5], rounded to one decimal as in the textbook."""
        draw = lambda shape: (np.round(self._rng.uniform(-0.5, 0.5, shape), 1) + 0.0).tolist()
        return ([draw((a, b)) for a, b in zip(sizes, sizes[1:])], [draw(b) for b in sizes[1:]])

    def _recompute(self) -> None:
        self._setting += 1
        self._pngs = {}
        after = self._net.copy()
        self.trace = after.train_case(self._x, self._t, self._lr)
        self.steps = training_steps(self.trace, after)
        self._sync_settings()

    def _sync_settings(self) -> None:
        """Write the current values into the settings fields, without reacting to it."""
        self._syncing = True
        try:
            self.controls["x"].value = ", ".join(_fmt(x).replace(MINUS, "-") for x in self._x)
            self.controls["t"].value = ", ".join(_fmt(t).replace(MINUS, "-") for t in self._t)
            self.controls["lr"].value = self._lr
            self.controls["weights"].value = self.weights_text()
        finally:
            self._syncing = False

    def weights_text(self) -> str:
        """The weights and biases as the editable text: "w14 = 0.2, w15 = -0.3, ..., θ6 = 0.1"."""
        parameters = {"w": self._net.weights, "b": self._net.biases}
        return ", ".join(f"{name} = {_fmt(parameters[kind][layer][index]).replace(MINUS, '-')}"
                         for name, (kind, layer, index) in _parameter_names(self.trace.unit_numbers).items())

    def _parse_weights(self, text: str) -> Network:
        """A copy of the network with the weights and biases that `text` names set; a value left as
        the text shows it (rounded) keeps its exact value."""
        where = _parameter_names(self.trace.unit_numbers)
        net = self._net.copy()
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
            if value != float(_fmt(params[index]).replace(MINUS, "-")):  # as shown: keep all its digits
                params[index] = value
        return net

    def _set_network(self, net: Network) -> None:
        with self._lock:
            self._net = net
            self._recompute()
            self._say("")
            self.go(self.step)

    def randomize(self) -> None:
        """New weights and biases from the explorer's generator (seeded by `seed`)."""
        weights, biases = self._draw_weights(self._net.layer_sizes)
        self._set_network(Network.from_weights(weights, biases))

    def _say(self, text: str) -> None:
        self.message.value = f'<span style="color:#B00000">{escape(text)}</span>' if text else ""

    def _on_setting(self, change) -> None:
        if self._syncing:
            return
        owner, text = change["owner"], change["new"]
        with self._lock:  # the prefetching thread reads these under the lock
            try:
                if owner is self.controls["x"]:
                    self._x = _parse_numbers(text, "inputs x", self._net.layer_sizes[0])
                elif owner is self.controls["t"]:
                    t = _parse_numbers(text, "target T", self._net.layer_sizes[-1])
                    if t.min() < 0 or t.max() > 1:
                        raise ValueError("target T must lie between 0 and 1, the range of a sigmoid output")
                    self._t = t
                elif owner is self.controls["lr"]:
                    self._lr = v.check_in_range(text, "lr", *LR_RANGE)
                else:
                    self._net = self._parse_weights(text)
            except ValueError as error:
                self._say(str(error))
                return
            self._set_network(self._net)

    # walking -----------------------------------------------------------------------

    @property
    def step(self) -> int:
        """The number of the step shown, as the counter writes it: 1 is the first."""
        return self.index + 1

    def go(self, step: int) -> None:
        """Show step number `step` (1 is the first, as the counter counts), clamped to the
        steps there are."""
        with self._lock:
            self.index = int(min(max(step, 1), len(self.steps))) - 1
            self.controls["back"].disabled = self.index == 0
            self.controls["next"].disabled = self.index == len(self.steps) - 1
            current = self.steps[self.index]
            phases = [p for p in ("forward", "backward", "update") if any(s.phase == p for s in self.steps)]
            trail = " › ".join(f"<b>{_PHASE_WORDS[p]}</b>" if p == current.phase else
                               f'<span style="color:#888">{_PHASE_WORDS[p]}</span>' for p in phases)
            self.counter.value = (f'<span style="font-size:1.05em">&nbsp; step {self.step} of '
                                  f"{len(self.steps)} &nbsp;·&nbsp; {trail}</span>")
            lines = "".join(f"<div>{_html(line)}</div>" for line in current.formula.split("\n"))
            self.formula.value = (
                f'<div style="border-left:4px solid {plots.COLORS["yellow"]};padding:4px 10px;margin:4px 0;'
                f'background:#fbfaf0"><div style="font-weight:bold;margin-bottom:2px">{escape(current.title)}</div>'
                f'<div style="font-family:serif;font-size:1.12em;line-height:1.6">{lines}</div></div>'
            )
            self._refresh()

    @property
    def current(self) -> Step:
        """The step shown."""
        return self.steps[self.index]

    # drawing: each step's picture once per setting ----------------------------------------

    @property
    def figure(self) -> Figure:
        """The live figure, showing the current step. A step whose picture was kept is shown
        without making the figure's artists; they are made here, when asked for."""
        with self._lock:
            if self.steps and self._shown != (self._setting, self.index):
                self._draw_live()
            return self._figure

    @figure.setter
    def figure(self, fig: Figure) -> None:
        self._figure = fig

    def _draw_live(self) -> None:
        self._figure.clear()
        self._draw(self._figure)
        self._shown = (self._setting, self.index)

    def _refresh(self) -> None:
        with self._lock:
            started = time.perf_counter()
            png = self._pngs.get(self.index)
            if png is None:
                self._draw_live()
                png = self._pngs[self.index] = _render(self._figure)
            self.image.value = png
            self._show_caption()
            self.timing["draw"] = 1000 * (time.perf_counter() - started)
            self._schedule_prefetch()

    def _schedule_prefetch(self) -> None:
        """After `prefetch_delay` seconds without an answer, draw the other steps in a thread."""
        if (self.prefetch_delay is None or self._setting in (self._prefetching, self._prefetch_failed)
                or len(self._pngs) == len(self.steps)):
            return
        if self._timer is not None:
            self._timer.cancel()
        self._timer = threading.Timer(self.prefetch_delay, self._prefetch, args=(self._setting,))
        self._timer.daemon = True
        self._timer.start()
        _PREFETCHERS.add(self._timer)

    def _prefetch(self, setting: int) -> None:
        """Draw the steps not drawn yet, those after the current one first, on a figure of
        their own, one at a time under the lock (so an answer waits for one step at most);
        stop when the setting changes. An error stops it quietly for this setting: a step not
        drawn ahead is drawn when it is shown, and an error there is raised as usual."""
        fig = Figure(figsize=self._figsize, dpi=self._dpi)
        FigureCanvasAgg(fig)
        self._prefetching = setting
        try:
            while True:
                with self._lock:
                    n, here = len(self.steps), self.index
                    missing = [k for k in (*range(here + 1, n), *range(here, -1, -1)) if k not in self._pngs]
                    if setting != self._setting or not missing or _EXITING.is_set():
                        return
                    fig.clear()
                    self._draw(fig, index=missing[0])
                    self._pngs[missing[0]] = _render(fig)
                time.sleep(0.002)  # let an answer that waits for the lock have it
        except Exception:
            self._prefetch_failed = setting
        finally:
            if self._prefetching == setting:
                self._prefetching = None

    def _wait_for_prefetch(self, timeout: float | None = None) -> None:
        """Wait until the steps ahead have been drawn (for tests and benchmarks)."""
        if self._timer is not None:
            self._timer.join(timeout)

    def _draw(self, fig: Figure, with_formula: bool = False, index: int | None = None) -> None:
        """The step at `index` in self.steps (None: the one shown) on `fig`."""
        number = self.index if index is None else index
        step = self.steps[number]
        bottom = 0.16 if with_formula else 0.07
        ax = fig.add_axes((0.0, bottom, 1.0, 0.93 - bottom))
        trace = _partial_trace(self.trace, step.revealed)
        plots.draw_network(
            self._net, ax, trace=trace, highlight=list(step.highlight),
            show_errors=step.phase in ("backward", "update", "done"),
            show_updates=step.phase in ("update", "done"),
            title=f"Step {number + 1} of {len(self.steps)}: {step.title.lower()}",
            input_names=[f"x{_plain(f'_{{{a + 1}}}')}" for a in range(len(self._x))],  # plain text: quicker than $x_1$
            artists=(artists := {}),
        )
        _glow_edges(ax, artists["units"], step.edges, arrows=step.phase in ("forward", "backward"),
                    backwards=step.phase == "backward")
        if with_formula:
            fig.text(0.03, 0.02, _plain(step.formula), fontsize=10, va="bottom", ha="left", family="serif")

    def static_figure(self) -> Figure:
        """The current step, with its formula under the network, in a new pyplot figure."""
        with self._lock:
            fig = plt.figure(figsize=(self._figsize[0], self._figsize[1] + 0.6), dpi=100)
            self._draw(fig, with_formula=True)
        return fig

    @property
    def description(self) -> str:
        """What the figure shows, in words (also written under it, for screen readers)."""
        step = self.current
        units = ", ".join(str(j) for j in step.highlight)
        lit = f"unit(s) {units} are highlighted in yellow" if units else "every weight shows its old and new value"
        known = sorted(step.revealed - {f"O{j}" for j in self.trace.unit_numbers[0]})
        return (
            f"Step {self.step} of {len(self.steps)} ({_PHASE_WORDS[step.phase]}): {step.title}. "
            f"The network diagram has inputs on the left and the output on the right; {lit}. "
            f"Positive weights are solid blue lines, negative ones dashed "
            f"vermillion, thicker for larger values. The step computes: {_plain(step.formula)}. "
            f"Values known so far: {', '.join(known) if known else 'only the inputs'}; the rest are shown as '?'."
        )

    @property
    def state(self) -> dict:
        """Every setting as plain values: `backprop_stepper(**state)` opens the same view."""
        t = self._t.tolist()
        return {
            "x": [float(x) for x in self._x], "t": t[0] if len(t) == 1 else t, "lr": self._lr,
            "weights": [w.tolist() for w in self._net.weights], "biases": [b.tolist() for b in self._net.biases],
            "seed": self._seed, "step": self.step,
        }

    def __repr__(self) -> str:
        x = ", ".join(f"{x:g}" for x in self._x)
        t = ", ".join(f"{t:g}" for t in self._t)
        return (f"Backprop stepper: x=({x}), t={t}, lr={self._lr:g}, network {self._net.layer_sizes}, "
                f"step {self.step} of {len(self.steps)}")


def _parse_numbers(text: str, name: str, n: int) -> np.ndarray:
    parts = [p for p in re.split(r"[,\s;]+", text.replace(MINUS, "-").strip("()[] ")) if p]
    try:
        values = np.array([float(p) for p in parts])
    except ValueError:
        raise ValueError(f"{name} must be {n} number(s) separated by commas; got {text!r}") from None
    if values.size != n or not np.all(np.isfinite(values)):
        raise ValueError(f"{name} must be {n} finite number(s) separated by commas; got {text!r}")
    return values


def _glow_edges(ax, units: dict, edges, arrows: bool, backwards: bool) -> None:
    """A broad yellow band under each edge a step uses, with an arrowhead in the direction the
    numbers flow (towards the output forward, towards the inputs backward). units: the
    Circle of each unit number, as `draw_network` drew them."""
    for i, j in edges:
        (x0, y0), (x1, y1) = units[i].center, units[j].center
        ax.plot([x0, x1], [y0, y1], color=plots.COLORS["yellow"], lw=11, alpha=0.55, solid_capstyle="round",
                zorder=0.5)
        if not arrows:
            continue
        start, end = ((x1, y1), (x0, y0)) if backwards else ((x0, y0), (x1, y1))
        tip = (start[0] + 0.8 * (end[0] - start[0]), start[1] + 0.8 * (end[1] - start[1]))
        tail = (start[0] + 0.7 * (end[0] - start[0]), start[1] + 0.7 * (end[1] - start[1]))
        ax.annotate("", xy=tip, xytext=tail, zorder=3,
                    arrowprops=dict(arrowstyle="-|>", color="black", lw=1.2, mutation_scale=14))


def backprop_stepper(x=(1, 0, 1), t=1, lr: float = 0.9, weights=None, biases=None, seed: int | None = None,
                     step: int = 1) -> BackpropStepper:
    """Walk one case update of a small network, unit by unit, with Next and Back.

    The steps: the inputs; each non-input unit's net input I_j and output O_j (forward);
    each error Err_j, the output layer first (backward); each weight update w_ij and bias
    update θ_j. Every number comes from `Network.train_case`. The defaults are Han &
    Kamber's Example 9.1.

    Parameters
    ----------
    x : the input tuple, (n_in,).
    t : the target, a number (one output unit) or (n_out,), each in [0, 1].
    lr : the learning rate l, 0.0001 to 100.
    weights, biases : the network, as for `Network.from_weights`: weights[k] (n_k, n_{k+1})
        nested lists, biases[k] (n_{k+1},). None: the textbook's 3-2-1 network when x has 3
        values and t one, else random weights (from `seed`) for a len(x)-2-len(t) network.
    seed : seeds the generator that the Randomize button draws weights from.
    step : the step to open at, as the counter numbers them: 1 is the first (the inputs).

    Returns
    -------
    BackpropStepper
        `.steps` lists every step with the exact numbers it computes, `.trace` is the
        `Trace` they come from; `.step` is the number of the step shown and `.go(n)` shows
        step n.
    """
    return BackpropStepper(x, t, lr, weights, biases, seed, step)


def _render(fig: Figure) -> bytes:
    fig.canvas.draw()
    return _png(np.asarray(fig.canvas.buffer_rgba()))
