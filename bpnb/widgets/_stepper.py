"""The backprop stepper: one case update of a small network walked unit by unit, forward,
backward, then every weight and bias, with Next and Back. The steps and their numbers come
from `bpnb.stepping`; this module draws them.

Each kind of step (the inputs and the forward pass, the backward pass, the updates) has a
figure of its own, whose diagram is drawn once and then changed in place: a step is shown by
drawing what changes over a saved picture of the rest. Each step's picture is kept until a
setting changes, so Back answers at once.

Left out: more than one case update, and epoch or mini-batch updating.
"""

import re
import time
from html import escape

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .. import _validate as v
from .. import plots
from ..notation import LR_RANGE, TEXTBOOK_BIASES, TEXTBOOK_WEIGHTS  # noqa: F401 (bpnb.widgets exports them)
from ..stepping import CaseUpdate, Step, partial_trace, plain, training_steps  # noqa: F401 (Step, training_steps too)
from ._explorer import _Explorer, _png

_PHASE_WORDS = {"start": "start", "forward": "forward pass", "backward": "backward pass",
                "update": "weight updates", "done": "done"}


def _html(text: str) -> str:
    """Formula markup as HTML: _{14} -> <sub>14</sub>, ^{x} -> <sup>x</sup>."""
    text = re.sub(r"_\{([^}]*)\}", r"<sub>\1</sub>", escape(text))
    return re.sub(r"\^\{([^}]*)\}", r"<sup>\1</sup>", text)


class BackpropStepper(_Explorer):
    """One case update walked unit by unit; see `backprop_stepper`."""

    _figsize = (9.4, 5.4)
    _dpi = 80

    def __init__(self, x, t, lr, weights, biases, seed, step) -> None:
        self.model = CaseUpdate(x, t, lr, weights, biases, seed)
        super().__init__()
        self._pictures: dict = {}  # a kind of step (see _picture) -> its _Picture
        self._pngs: dict = {}  # index in self.steps -> its PNG, for the current settings
        self._setting = 0  # counts the settings: a picture of an older one is void
        self._syncing = False
        self._build_controls()
        self.index = 0  # the step shown, as an index into self.steps (step number index + 1)
        self._sync_settings()
        step = v.check_positive_int(step, "step", minimum=1)
        if step > len(self.steps):
            raise ValueError(f"step must lie between 1 and {len(self.steps)}, the number of steps; got {step}")
        self.go(step)

    def _build_controls(self) -> None:
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
            "lr": widgets.BoundedFloatText(value=self.model.lr, min=LR_RANGE[0], max=LR_RANGE[1], step=0.1,
                                           description="rate l", layout=widgets.Layout(width="180px")),
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
        c = self.controls
        c["back"].on_click(lambda _: self.go(self.step - 1))
        c["next"].on_click(lambda _: self.go(self.step + 1))
        c["restart"].on_click(lambda _: self.go(1))
        c["randomize"].on_click(lambda _: self.randomize())
        c["textbook"].on_click(lambda _: self._change(self.model.use_textbook))
        for name in ("x", "t", "lr", "weights"):
            c[name].observe(self._on_setting, names="value")
        settings = widgets.VBox([widgets.HBox([c["x"], c["t"], c["lr"]]), c["weights"],
                                 widgets.HBox([c["randomize"], c["textbook"]]), self.message])
        accordion = widgets.Accordion(children=[settings], titles=("Inputs, target, learning rate and weights",))
        self.widget = widgets.VBox([
            widgets.HBox([c["back"], c["next"], c["restart"], self.counter],
                         layout=widgets.Layout(align_items="center")),
            self.formula, self.image, self.caption, accordion,
        ])
        self.widget.add_class("bpnb-backprop-stepper")

    # the settings ----------------------------------------------------------------------

    @property
    def steps(self) -> list:
        """Every step of the case update, with the exact numbers it computes."""
        return self.model.steps

    @property
    def trace(self):
        """The `Trace` of the case update that the steps walk."""
        return self.model.trace

    def weights_text(self) -> str:
        """The weights and biases as the editable text: "w14 = 0.2, w15 = -0.3, ..., θ6 = 0.1"."""
        return self.model.weights_text()

    def randomize(self) -> None:
        """New weights and biases from the explorer's generator (seeded by `seed`)."""
        self._change(self.model.randomize)

    def _on_setting(self, change) -> None:
        if self._syncing:
            return
        c, m, value = self.controls, self.model, change["new"]
        setter = {"x": m.set_inputs, "t": m.set_target, "lr": m.set_rate, "weights": m.set_weights}
        name = next(name for name in setter if c[name] is change["owner"])
        self._change(lambda: setter[name](value))

    def _change(self, change) -> None:
        """Change the settings by calling `change`, and show the same step of the new case
        update; a ValueError is explained under the settings, and nothing changes."""
        try:
            change()
        except ValueError as error:
            self._say(str(error))
            return
        self._setting += 1
        self._pngs = {}
        self._sync_settings()
        self._say("")
        self.go(self.step)

    def _sync_settings(self) -> None:
        """Write the current values into the settings fields, without reacting to it."""
        self._syncing = True
        try:
            for name, text in self.model.texts.items():
                self.controls[name].value = text
            self.controls["lr"].value = self.model.lr
        finally:
            self._syncing = False

    def _say(self, text: str) -> None:
        self.message.value = f'<span style="color:#B00000">{escape(text)}</span>' if text else ""

    # walking -----------------------------------------------------------------------

    @property
    def step(self) -> int:
        """The number of the step shown, as the counter writes it: 1 is the first."""
        return self.index + 1

    @property
    def current(self) -> Step:
        """The step shown."""
        return self.steps[self.index]

    def go(self, step: int) -> None:
        """Show step number `step` (1 is the first, as the counter counts), clamped to the
        steps there are."""
        self.index = int(min(max(step, 1), len(self.steps))) - 1
        self.controls["back"].disabled = self.index == 0
        self.controls["next"].disabled = self.index == len(self.steps) - 1
        current = self.current
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

    # drawing -----------------------------------------------------------------------

    @property
    def figure(self) -> Figure:
        """The live figure, showing the current step (the figure of its kind of step)."""
        return self._picture(self.index).figure

    @figure.setter
    def figure(self, fig: Figure) -> None:
        self._spare = fig  # the first kind of step drawn takes it

    def _refresh(self) -> None:
        started = time.perf_counter()
        png = self._pngs.get(self.index)
        if png is None:
            png = self._pngs[self.index] = self._picture(self.index).render()
        self.image.value = png
        self._show_caption()
        self.timing["draw"] = 1000 * (time.perf_counter() - started)

    def _picture(self, index: int) -> "_Picture":
        """The live picture of the kind of the step at `index`, showing that step."""
        kind = self.steps[index].phase in ("start", "forward"), self.steps[index].phase == "backward"
        if kind not in self._pictures:
            figure = self.__dict__.pop("_spare", None)
            if figure is None:
                figure = Figure(figsize=self._figsize, dpi=self._dpi)
                FigureCanvasAgg(figure)
            self._pictures[kind] = _Picture(figure)
        picture = self._pictures[kind]
        if picture.shows != (self._setting, index):
            picture.show(self.model.net, self.steps[index], self._diagram(index), self._input_names())
            picture.shows = (self._setting, index)
        return picture

    def _diagram(self, index: int) -> dict:
        """What `plots.draw_network` draws for the step at `index`: its keywords."""
        step = self.steps[index]
        return dict(trace=partial_trace(self.trace, step.revealed), highlight=list(step.highlight),
                    show_errors=step.phase in ("backward", "update", "done"),
                    show_updates=step.phase in ("update", "done"),
                    title=f"Step {index + 1} of {len(self.steps)}: {step.title.lower()}")

    def _input_names(self) -> list:
        return [f"x{plain(f'_{{{a + 1}}}')}" for a in range(len(self.model.x))]  # plain text: quicker than $x_1$

    def static_figure(self) -> Figure:
        """The current step, with its formula under the network, in a new pyplot figure."""
        fig = plt.figure(figsize=self._figsize, dpi=100)
        _draw_step(fig, self.model.net, self.current, self._diagram(self.index), self._input_names())
        _write_under(fig, plain(self.current.formula), inches=0.6)
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
            f"vermillion, thicker for larger values. The step computes: {plain(step.formula)}. "
            f"Values known so far: {', '.join(known) if known else 'only the inputs'}; the rest are shown as '?'."
        )

    @property
    def state(self) -> dict:
        """Every setting as plain values: `backprop_stepper(**state)` opens the same view."""
        return {**self.model.state, "step": self.step}

    def __repr__(self) -> str:
        m = self.model
        x = ", ".join(f"{x:g}" for x in m.x)
        t = ", ".join(f"{t:g}" for t in m.t)
        return (f"Backprop stepper: x=({x}), t={t}, lr={m.lr:g}, network {m.net.layer_sizes}, "
                f"step {self.step} of {len(self.steps)}")


class _Picture:
    """A live figure for one kind of step: the diagram drawn once and changed in place for
    each step, shown by drawing the artists that change ("moving") over a saved picture of
    the rest (the layers' names, the inputs' names and arrows, the legend). The moving
    artists are drawn in the order a full drawing draws them, and the still ones overlap
    none of them: the picture is the one a full drawing gives."""

    def __init__(self, figure: Figure) -> None:
        self.figure = figure
        self.artists: dict = {}  # what plots.draw_network drew
        self.glow: list = []  # the current step's bands and arrows
        self.background = None  # the saved picture of the still parts
        self.shows = None  # (setting, index) of the step the artists show

    def show(self, net, step: Step, options: dict, input_names: list) -> None:
        """Make the artists show `step`: changed in place, or drawn anew when the diagram's
        layout changed. options: `draw_network`'s keywords for the step."""
        if not self.artists or not plots.redraw_network(self.artists, net, **options):
            self.figure.clear()
            self.artists, self.glow = _draw_step(self.figure, net, step, options, input_names)
            self.background = None
        else:
            for artist in self.glow:
                artist.remove()
            self.glow = _glow_edges(self.figure.axes[0], self.artists["units"], step)
        for artist in self._moving():
            artist.set_animated(True)

    def _moving(self) -> list:
        """The artists that change from step to step, in the order a full drawing draws them."""
        a, ax = self.artists, self.figure.axes[0]
        moving = [*a["edges"].values(), *a["units"].values(), *a["numbers"].values(), *a["weights"].values(),
                  *a["biases"].values(), *a["values"].values(), *a["outputs"].values(), ax.title, *self.glow]
        order = {id(artist): k for k, artist in enumerate(ax.get_children())}
        return sorted(moving, key=lambda artist: (artist.get_zorder(), order[id(artist)]))

    def render(self) -> bytes:
        """The figure as PNG bytes."""
        canvas = self.figure.canvas
        if self.background is None:
            canvas.draw()  # the still parts: the moving ones are animated
            self.background = canvas.copy_from_bbox(self.figure.bbox)
        else:
            canvas.restore_region(self.background)
        for artist in self._moving():
            self.figure.draw_artist(artist)
        return _png(np.asarray(canvas.buffer_rgba()))


def _draw_step(fig: Figure, net, step: Step, options: dict, input_names: list) -> tuple:
    """The network at `step` on `fig`, a new drawing; returns the diagram's artists and the
    glow's. options: `draw_network`'s keywords for the step."""
    bottom, top = 0.07, 0.93
    ax = fig.add_axes((0.0, bottom, 1.0, top - bottom))
    artists: dict = {}
    plots.draw_network(net, ax, input_names=input_names, artists=artists, **options)
    return artists, _glow_edges(ax, artists["units"], step)


def _write_under(fig: Figure, text: str, inches: float) -> None:
    """`text` under what `fig` shows, on `inches` more of height; the axes keep their size,
    so the labels placed for them stay in place."""
    width, height = fig.get_size_inches()
    fig.set_size_inches(width, height + inches)
    for ax in fig.axes:
        x, y, w, h = ax.get_position(original=True).bounds
        ax.set_position((x, (y * height + inches) / (height + inches), w, h * height / (height + inches)))
    fig.text(0.03, 0.02, text, fontsize=10, va="bottom", ha="left", family="serif")


def _glow_edges(ax, units: dict, step: Step) -> list:
    """A broad yellow band under each edge the step uses, with an arrowhead in the direction
    the numbers flow (towards the output forward, towards the inputs backward); returns them.
    units: the Circle of each unit number, as `draw_network` drew them."""
    arrows, backwards = step.phase in ("forward", "backward"), step.phase == "backward"
    glow = []
    for i, j in step.edges:
        (x0, y0), (x1, y1) = units[i].center, units[j].center
        glow += ax.plot([x0, x1], [y0, y1], color=plots.COLORS["yellow"], lw=11, alpha=0.55, solid_capstyle="round",
                        zorder=0.5)
        if not arrows:
            continue
        start, end = ((x1, y1), (x0, y0)) if backwards else ((x0, y0), (x1, y1))
        tip = (start[0] + 0.8 * (end[0] - start[0]), start[1] + 0.8 * (end[1] - start[1]))
        tail = (start[0] + 0.7 * (end[0] - start[0]), start[1] + 0.7 * (end[1] - start[1]))
        glow.append(ax.annotate("", xy=tip, xytext=tail, zorder=3,
                                arrowprops=dict(arrowstyle="-|>", color="black", lw=1.2, mutation_scale=14)))
    return glow


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
    lr : the learning rate l, 0.001 to 100.
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
        step n; `.model` is the `bpnb.stepping.CaseUpdate` behind it.
    """
    return BackpropStepper(x, t, lr, weights, biases, seed, step)
