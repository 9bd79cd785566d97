"""The gradient explorer: a deep network's gradient norm in every layer of weights, on a log
scale, and its error over the first epochs, for the depth, units, initialization and batch
size chosen, beside the previous setting's.

Every change makes a new network from the same seed, measures the gradient of its error on
the training data before any training, and trains it for a few epochs with `Network.fit`.
Left out: widths other than one for all hidden layers, the cross-entropy, clipping and
batch normalization (notebook 09 shows them), and training beyond the first epochs.
"""

import time
import warnings
from html import escape

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FixedFormatter, FixedLocator, NullFormatter, NullLocator

from .. import _validate as v
from ..network import Network
from ..plots._gradients import power_of_ten, series_style
from ._explorer import LR_RANGE, MINUS, PLANAR, _BlittedExplorer, _finite_only

ACTIVATIONS = {"sigmoid": "sigmoid", "tanh": "tanh", "relu": "ReLU"}  # name -> as the controls write it
INITS = {"uniform": "uniform (textbook)", "xavier": "Xavier", "he": "He"}
MAX_DEPTH = 12
SCALE_RANGE = (0.25, 8.0)  # the init scale slider's ends
CHANCE = 0.125  # the error per tuple of an output of 0.5 for every tuple (targets 0 and 1)
NORM_RANGE = (1e-8, 1e4)  # the gradient axis' labelled range; a norm beyond it is a triangle in a band outside
BAND = 1.0  # the depth of the two bands, in decades, beyond NORM_RANGE
ERROR_TOPS = (0.3, 0.55)  # the error axis' top: the first unless an error is larger (at most 0.5 per tuple)
UNMOVED = 0.002  # an error per tuple that changes by less than this over the epochs has not moved
SATURATED = 1e-6  # an output unit whose slope O(1 - O) is below this for every tuple is saturated


class GradientExplorer(_BlittedExplorer):
    """A deep network's gradient norm per layer and its first epochs' error; see `gradient_explorer`."""

    _figsize = (10.5, 4.6)

    def __init__(self, depth, activation, init, init_scale, batch_size, width, data, n, epochs, lr, seed) -> None:
        super().__init__()
        depth = v.check_positive_int(depth, "depth")
        if depth > MAX_DEPTH:
            raise ValueError(f"depth must be a number of hidden layers from 1 to {MAX_DEPTH}; got {depth}")
        v.check_choice(activation, "activation", tuple(ACTIVATIONS))
        v.check_choice(init, "init", tuple(INITS))
        init_scale = v.check_in_range(init_scale, "init_scale", *SCALE_RANGE)
        self._width = v.check_positive_int(width, "width", minimum=2)
        if self._width > 32:
            raise ValueError(f"width must be from 2 to 32 units here (quick to train); got {self._width}")
        v.check_choice(data, "data", tuple(PLANAR))
        self._n = v.check_positive_int(n, "n", minimum=8)
        if self._n > 400:
            raise ValueError(f"n must be from 8 to 400 tuples here (quick to train); got {self._n}")
        self._epochs = v.check_positive_int(epochs, "epochs")
        if self._epochs > 50:
            raise ValueError(f"epochs must be from 1 to 50 here (the first epochs, quick to train); got {epochs}")
        self._lr = v.check_in_range(lr, "lr", *LR_RANGE)
        self._seed = v.check_positive_int(seed, "seed", minimum=0)
        self._data = data
        self.batch_sizes = tuple(sorted({b for b in (8, 16, 32, 64) if b < self._n} | {self._n}))
        batch_size = v.check_positive_int(batch_size, "batch_size")
        if batch_size not in self.batch_sizes:
            raise ValueError(f"batch_size must be one of {self.batch_sizes} (n = {self._n}: all of them is epoch "
                             f"updating); got {batch_size}")
        d = PLANAR[data](self._n, noise=0.15, seed=self._seed)
        self.X, self.y = d.X, d.y

        self.controls = {
            "depth": widgets.IntSlider(value=depth, min=1, max=MAX_DEPTH, description="hidden layers",
                                       continuous_update=False, style={"description_width": "90px"},
                                       layout=widgets.Layout(width="330px")),
            "activation": widgets.ToggleButtons(options=[(label, name) for name, label in ACTIVATIONS.items()],
                                                value=activation, description="units",
                                                style={"button_width": "80px"}),
            "init": widgets.ToggleButtons(options=[(label, name) for name, label in INITS.items()], value=init,
                                          description="init", style={"button_width": "150px"}),
            "init_scale": widgets.FloatLogSlider(value=init_scale, base=2, min=np.log2(SCALE_RANGE[0]),
                                                 max=np.log2(SCALE_RANGE[1]), step=0.25, readout_format=".3g",
                                                 description="init scale", continuous_update=False,
                                                 style={"description_width": "90px"},
                                                 layout=widgets.Layout(width="330px")),
            "batch_size": widgets.ToggleButtons(
                options=[(f"{b} (epoch)" if b == self._n else str(b), b) for b in self.batch_sizes],
                value=batch_size, description="batch size", style={"button_width": "100px"}),
        }
        for control in self.controls.values():
            control.observe(_finite_only(self._on_change), names="value")
        # the previous setting in words, under the live figure (text drawn by matplotlib is slow)
        self.status = widgets.HTML(layout=widgets.Layout(max_width=f"{int(self._figsize[0] * self._dpi)}px"))
        self.widget = widgets.VBox([
            widgets.HBox([self.controls["depth"], self.controls["activation"]]),
            widgets.HBox([self.controls["init_scale"], self.controls["init"]]),
            self.controls["batch_size"],
            self.image, self.status, self.caption,
        ])
        self.widget.add_class("bpnb-gradient-explorer")
        self.previous = None
        self.run = self._train(self.state)
        self._refresh()

    @property
    def state(self) -> dict:
        """Every setting as plain values: `gradient_explorer(**state)` opens the same view."""
        c = self.controls
        return {"depth": c["depth"].value, "activation": c["activation"].value, "init": c["init"].value,
                "init_scale": float(f"{c['init_scale'].value:.6g}"), "batch_size": c["batch_size"].value,
                "width": self._width, "data": self._data, "n": self._n, "epochs": self._epochs, "lr": self._lr,
                "seed": self._seed}

    def __repr__(self) -> str:
        s = self.state
        return (f"Gradient explorer: depth={s['depth']}, activation={s['activation']!r}, init={s['init']!r}, "
                f"init_scale={s['init_scale']:g}, batch_size={s['batch_size']}, width={s['width']}, "
                f"data={s['data']!r}, epochs={s['epochs']}")

    # the numbers ---------------------------------------------------------------------

    def _train(self, state: dict) -> dict:
        """A new network for `state`: its gradient norms before training, then `epochs` epochs."""
        started = time.perf_counter()
        net = Network([2] + [self._width] * state["depth"] + [1], activation=state["activation"],
                      init=state["init"], init_scale=state["init_scale"], seed=self._seed)
        dW, _ = net.gradients(self.X, self.y)
        norms = np.array([np.sqrt(np.sum(g * g)) for g in dW])
        O = net.predict_proba(self.X)
        start = net.loss(self.X, self.y)
        with warnings.catch_warnings(record=True):  # a diverged run is said in the description instead
            warnings.simplefilter("always")
            history = net.fit(self.X, self.y, lr=self._lr, epochs=self._epochs, update=state["batch_size"],
                              shuffle_seed=self._seed)
        self.timing["train"] = 1000 * (time.perf_counter() - started)
        return {"state": state, "norms": norms, "errors": np.array([start, *history.loss]) / self._n,
                "wrong": history.misclassified[-1] if history.epochs else None, "history": history,
                "saturated": bool(np.max(O * (1 - O)) < SATURATED)}

    def _on_change(self, change) -> None:
        with self._lock:
            self.previous, self.run = self.run, self._train(self.state)
            self._refresh()

    # the figure ----------------------------------------------------------------------

    def _build(self, fig: Figure) -> dict:
        grid = fig.add_gridspec(1, 2, width_ratios=[1.35, 1], left=0.075, right=0.985, bottom=0.34, top=0.91,
                                wspace=0.22)
        norm_ax, error_ax = fig.add_subplot(grid[0]), fig.add_subplot(grid[1])
        now, before = series_style(0), series_style(1, hollow=True)
        lines = {}
        for ax, key in ((norm_ax, "norms"), (error_ax, "errors")):
            (lines["previous", key],) = ax.plot([], [], alpha=0.85, zorder=2.6, **before)  # over the spines, as blitted
            (lines["now", key],) = ax.plot([], [], zorder=3, **now)
        for which in ("now", "previous"):
            lines[which, "errors"].set_markevery(5)
        # Fixed ranges where they can be: the parts drawn once then stay (see _still_keys).
        low, high = NORM_RANGE
        for which, k in (("now", 0), ("previous", 1)):  # norms beyond the labelled range: triangles in a band
            style = series_style(k, hollow=k == 1)
            for edge, marker in (("below", "v"), ("above", "^")):
                # the previous setting's hollow triangle larger, under the current one, so that both show
                (lines[which, edge],) = norm_ax.plot([], [], ls="none", marker=marker, markersize=(8, 12)[k],
                                                     zorder=(4.2, 4)[k], color=style["color"],
                                                     markeredgecolor=style["color"], markeredgewidth=1.6,
                                                     markerfacecolor=style.get("markerfacecolor", style["color"]))
        norm_ax.set_yscale("log")
        norm_ax.set_ylim(low / 10 ** BAND, high * 10 ** BAND)
        for y0, y1 in ((low / 10 ** BAND, low), (high, high * 10 ** BAND)):
            norm_ax.axhspan(y0, y1, color="#e6e6e6", lw=0, zorder=0.5)
        powers = [p for p in range(int(np.log10(low)), int(np.log10(high)) + 1) if p % 2 == 0]
        bands = [low / 10 ** (BAND / 2), high * 10 ** (BAND / 2)]  # a tick in the middle of each band names it
        inside = powers[1:-1]  # the range's own ends are named by the bands
        norm_ax.yaxis.set_major_locator(FixedLocator([bands[0], *(10.0 ** p for p in inside), bands[1]]))
        norm_ax.yaxis.set_major_formatter(FixedFormatter([f"< {power_of_ten(powers[0])}",
                                                          *map(power_of_ten, inside), f"> {power_of_ten(powers[-1])}"]))
        norm_ax.set_xlim(0.5, MAX_DEPTH + 1.5)
        norm_ax.xaxis.set_major_locator(FixedLocator(range(1, MAX_DEPTH + 2)))
        norm_ax.set_xlabel("layer of weights (1: from the inputs; the last: into the output unit)", fontsize=10)
        norm_ax.set_ylabel("gradient norm ||∂E/∂W|| (log scale)", fontsize=10)
        norm_ax.set_title("Gradient of each layer, before training", fontsize=11)
        chance = error_ax.axhline(CHANCE, color="#666666", ls=":", lw=1.4, zorder=1)
        error_ax.set_xlim(0, self._epochs)
        error_ax.set_ylim(0, ERROR_TOPS[0])
        error_ax.xaxis.set_major_locator(FixedLocator(range(0, self._epochs + 1, 5 if self._epochs > 10 else 1)))
        error_ax.set_xlabel("epoch (0: before training)", fontsize=10)
        error_ax.set_ylabel("mean error E per tuple", fontsize=10)
        error_ax.set_title(f"Error over the first {self._epochs} epochs", fontsize=11)
        norm_ax.yaxis.set_minor_locator(FixedLocator([10.0 ** (p + 1) for p in powers[:-1]]))
        norm_ax.yaxis.set_minor_formatter(NullFormatter())
        error_ax.yaxis.set_minor_locator(NullLocator())
        for ax in (norm_ax, error_ax):
            ax.tick_params(labelsize=9)
        box = dict(boxstyle="round,pad=0.3", fc="white", ec="#999999", lw=0.6)
        ratio = norm_ax.text(0.98, 0.1, "", transform=norm_ax.transAxes, ha="right", va="bottom", fontsize=10,
                             bbox=box, zorder=5)
        final = error_ax.text(0.97, 0.96, "", transform=error_ax.transAxes, ha="right", va="top", fontsize=10,
                              bbox=box, zorder=5)
        beyond = Line2D([], [], ls="none", marker="v", markersize=8, color=now["color"])
        fig.legend(handles=[lines["now", "norms"], lines["previous", "norms"], beyond, chance],
                   labels=["now (solid, filled circles)", "previous setting (dashed, hollow squares)",
                           f"▼ ▲ in a grey band (hollow: previous): a norm below {power_of_ten(-8)} (or 0), "
                           f"above {power_of_ten(4)}", f"dotted: E = {CHANCE}, an output of 0.5 for every tuple"],
                   loc="lower center", bbox_to_anchor=(0.5, 0.05), ncol=2, fontsize=9, frameon=False,
                   handlelength=3.0, columnspacing=1.5)
        # The previous setting in words: in a still figure only (the live one has it under the picture).
        setting = fig.text(0.5, 0.012, "", ha="center", va="bottom", fontsize=9, color="#333333",
                           visible=fig is not self.figure)
        return {"norm_ax": norm_ax, "error_ax": error_ax, "lines": lines, "ratio": ratio, "final": final,
                "setting": setting, "moving": sorted([*lines.values(), ratio, final], key=lambda a: a.get_zorder())}

    def _error_top(self) -> float:
        """The error axis' top: the smaller one unless an error drawn is above it."""
        errors = [run["errors"] for run in (self.run, self.previous) if run]
        return ERROR_TOPS[0] if max(float(np.max(e)) for e in errors) <= ERROR_TOPS[0] else ERROR_TOPS[1]

    def _update(self, a: dict) -> None:
        low, high = NORM_RANGE
        top = self._error_top()
        a["error_ax"].set_ylim(0, top)
        for which, run in (("now", self.run), ("previous", self.previous)):
            norms = run["norms"] if run else np.empty(0)
            layers = np.arange(1, len(norms) + 1)
            below, above = norms < low, (norms > high) | np.isnan(norms)
            # beyond the labelled range: in the middle of its band, as a triangle, not a circle
            shown = np.where(below, low / 10 ** (BAND / 2), np.where(above, high * 10 ** (BAND / 2), norms))
            a["lines"][which, "norms"].set_data(layers, shown)
            a["lines"][which, "norms"].set_markevery(list(~(below | above)))
            a["lines"][which, "below"].set_data(layers[below], shown[below])
            a["lines"][which, "above"].set_data(layers[above], shown[above])
            errors = run["errors"] if run else np.empty(0)
            a["lines"][which, "errors"].set_data(np.arange(len(errors)), np.minimum(errors, top))
        a["ratio"].set_text(self._box(self.run))
        wrong, errors = self.run["wrong"], self.run["errors"]
        verdict = ("\nthe error has not moved" if self._unmoved(self.run) else
                   "\nno better than O = 0.5 for all" if self._learned_nothing(self.run) else "")
        a["final"].set_text(f"after epoch {len(errors) - 1}: E = {errors[-1]:.3f}"
                            + ("" if wrong is None else f"\n{wrong:.0%} misclassified") + verdict)
        words = "previous setting: " + (self._label(self.previous) if self.previous else "none yet (change a control)")
        a["setting"].set_text(words)
        self.status.value = f'<div style="font-size:0.9em;color:#333;text-align:center">{escape(words)}</div>'

    def _box(self, run) -> str:
        """The corner box of the gradient panel: the ratio, the factor per layer and the largest norm."""
        norms = run["norms"]
        saturated = "\n(the output unit is saturated)" if run["saturated"] else ""
        if not np.any(norms):
            return "every layer's gradient: 0" + saturated
        if np.nanmax(norms) < NORM_RANGE[0]:
            return f"every layer's gradient below {power_of_ten(-8)}" + saturated
        ratio = self._ratio(run)
        largest = int(np.nanargmax(norms))
        lines = [f"largest: {_times(norms[largest])} (layer {largest + 1})"]
        if ratio is None:
            return "output layer's gradient: 0\n" + lines[0]
        return f"layer 1 / output layer: {_times(ratio)}\nper layer: × {_times(self._per_layer(run))}\n" + lines[0]

    def _still_keys(self) -> dict:
        a = self._artists
        return {a["norm_ax"]: (), a["error_ax"]: self._error_top()}  # the error axis has two tops

    # words -----------------------------------------------------------------------------

    @staticmethod
    def _ratio(run):
        """Layer 1's gradient norm over the output layer's (None when the latter is 0)."""
        norms = run["norms"]
        return float(norms[0] / norms[-1]) if np.isfinite(norms[-1]) and norms[-1] > 0 else None

    def _per_layer(self, run):
        """The factor by which the gradient norm changes, on average, from one layer to the one below."""
        ratio = self._ratio(run)
        return ratio ** (1 / (len(run["norms"]) - 1)) if ratio else ratio

    @staticmethod
    def _unmoved(run) -> bool:
        """Whether the error has changed by less than UNMOVED per tuple over the epochs."""
        return bool(abs(run["errors"][-1] - run["errors"][0]) < UNMOVED)

    @staticmethod
    def _learned_nothing(run) -> bool:
        """Whether the error ends on the line of an output of 0.5 for every tuple, or above it."""
        return bool(run["errors"][-1] >= CHANCE - UNMOVED)

    def _gradient_words(self, run) -> str:
        """The gradient panel in a few words: 'every gradient 0', or the ratio of layer 1's to the output layer's."""
        norms, ratio = run["norms"], self._ratio(run)
        if not np.any(norms):
            return "every gradient 0"
        if np.nanmax(norms) < NORM_RANGE[0]:
            return f"every gradient below 1e{MINUS}8"
        return f"layer 1 at {_words(ratio)} of its output layer's gradient" if ratio else "output layer's gradient 0"

    def _label(self, run) -> str:
        """A run's settings in a few words."""
        s = run["state"]
        ratio = self._ratio(run)
        gradients = (f"layer 1 / output layer {_times(ratio)}" if ratio and np.nanmax(run["norms"]) >= NORM_RANGE[0]
                     else self._gradient_words(run))
        return (f"{_layers(s['depth'])} of {ACTIVATIONS[s['activation']]} units, "
                f"{INITS[s['init']]} × {s['init_scale']:.3g}, batch {s['batch_size']}; {gradients}, "
                f"E = {run['errors'][-1]:.3f} after epoch {len(run['errors']) - 1}")

    def _norms_in_words(self, run) -> str:
        """What the gradient panel shows of a run, in sentences."""
        norms, layers = run["norms"], len(run["norms"])
        saturated = ("the output unit is saturated (its output is 0 or 1 for every tuple, so its slope O(1 − O) "
                     "is nearly 0, and every error term below it with it)")
        if not np.any(norms) or np.nanmax(norms) < NORM_RANGE[0]:
            size = ("exactly 0" if not np.any(norms) else
                    f"below 1e{MINUS}8 (the largest is {_words(float(np.nanmax(norms)))})")
            return (f"every layer's gradient is {size}, drawn as ▼ in the grey band under the axis: "
                    + (saturated + ", and " if run["saturated"] else "") + "no weight can learn from it. ")
        ratio, largest, smallest = self._ratio(run), int(np.nanargmax(norms)), int(np.nanargmin(norms))
        if ratio is None:
            text = "the output layer's gradient is 0, so there is no ratio to the output layer. "
        else:
            per_layer = _words(self._per_layer(run))
            if ratio < 0.1:
                text = (f"the line falls towards the inputs: layer 1's gradient is {_words(ratio)} of the output "
                        f"layer's (layer {layers}), about × {per_layer} per layer down: the gradient vanishes. ")
            elif ratio > 10:
                text = (f"the line climbs towards the inputs: layer 1's gradient is {_words(ratio)} times the "
                        f"output layer's (layer {layers}), about × {per_layer} per layer down: the gradient "
                        "explodes. ")
            else:
                text = (f"the line is about level: layer 1's gradient is {_words(ratio)} of the output layer's "
                        f"(layer {layers}), about × {per_layer} per layer down. ")
        text += (f"In size the gradients go from {_words(float(norms[smallest]))} (layer {smallest + 1}) to "
                 f"{_words(float(norms[largest]))} (layer {largest + 1})")
        below, above = int(np.sum(norms < NORM_RANGE[0])), int(np.sum((norms > NORM_RANGE[1]) | np.isnan(norms)))
        if below:
            text += f"; {below} of them below 1e{MINUS}8 (or 0), drawn as ▼ in the grey band under the axis"
        if above:
            text += f"; {above} of them above 1e4, drawn as ▲ in the grey band over the axis"
        return text + ". "

    def _errors_in_words(self, run) -> str:
        """What the error panel shows of a run, in a sentence."""
        s, h, errors = run["state"], run["history"], run["errors"]
        if not h.epochs:
            return "Right: no epoch could be trained."
        text = (f"Right: the mean error per tuple from epoch 0 (before training) to epoch {h.epochs} (batches of "
                f"{s['batch_size']}, l = {self._lr:g}): from {errors[0]:.3f} to {errors[-1]:.3f}, "
                f"{run['wrong']:.0%} misclassified")
        if h.stop_reason.startswith("diverged"):
            text += f", and then training diverged (epoch {h.epochs + 1})"
        if self._learned_nothing(run):
            where = "on the dotted line" if errors[-1] < CHANCE + UNMOVED else "above the dotted line"
            text += (": the error does not move, and it stays " if self._unmoved(run) else ": it ends ") + where
            text += (" (0.125, the error of an output of 0.5 for every tuple): the network has learned nothing of "
                     "its inputs")
            ratio = self._ratio(run)
            if ratio is not None and 0.1 <= ratio <= 10 and np.nanmax(run["norms"]) >= NORM_RANGE[0]:
                text += ", level as its gradient line is"
            return text + "."
        if self._unmoved(run):
            text += ": the error does not move"
        return text + ". The dotted line at 0.125 is the error of an output of 0.5 for every tuple."

    @property
    def description(self) -> str:
        """What the figure shows, in words (also written under it, for screen readers)."""
        run, s = self.run, self.run["state"]
        text = (f"Left: the gradient norm of each of the {len(run['norms'])} layers of weights, before training, on "
                f"a log scale, for {_layers(s['depth'])} of {self._width} {ACTIVATIONS[s['activation']]} units "
                f"with the {INITS[s['init']]} initialization scaled by {s['init_scale']:.3g}, on {self._n} "
                f"{self._data} tuples: ")
        text += self._norms_in_words(run) + self._errors_in_words(run)
        if self.previous is not None:
            p, ps = self.previous, self.previous["state"]
            text += (f" Dashed with hollow squares, the previous setting ({_layers(ps['depth'])}, "
                     f"{ACTIVATIONS[ps['activation']]}, {INITS[ps['init']]} × {ps['init_scale']:.3g}, batch "
                     f"{ps['batch_size']}): {self._gradient_words(p)}, error {p['errors'][0]:.3f} before training "
                     f"and {p['errors'][-1]:.3f} after epoch {len(p['errors']) - 1}.")
        return text


def _layers(depth: int) -> str:
    """'1 hidden layer', '8 hidden layers'."""
    return f"{depth} hidden layer{'s' * (depth != 1)}"


_SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _times(x: float) -> str:
    """A positive factor as the figure writes it: 0.62, 4.5, 210, or 1.1 × 10⁻⁵."""
    if 0.01 <= x < 1000:
        return f"{x:.2g}" if x < 10 else f"{x:.0f}"
    mantissa, exponent = f"{x:.1e}".split("e")
    return f"{mantissa} × 10{str(int(exponent)).translate(_SUPERSCRIPTS)}"


def _words(x: float) -> str:
    """A positive factor as the description writes it: 0.62, 4.5, 210, or 1.1e−5 (a real minus)."""
    if 0.01 <= x < 1000:
        return f"{x:.2g}" if x < 10 else f"{x:.0f}"
    mantissa, exponent = f"{x:.1e}".split("e")
    return f"{mantissa}e{int(exponent)}".replace("-", MINUS)


def gradient_explorer(depth: int = 8, activation: str = "sigmoid", init: str = "uniform", init_scale: float = 1.0,
                      batch_size: int = 16, width: int = 16, data: str = "moons", n: int = 128, epochs: int = 20,
                      lr: float = 0.05, seed: int = 0) -> GradientExplorer:
    """See how the gradient of a deep network's error shrinks or grows from layer to layer,
    and what that does to its first epochs of training.

    Every change of a control makes a new network from the same seed (so only the setting
    differs), draws the gradient norm ||dE/dW|| of each layer of weights before training on
    a log scale, trains `epochs` epochs with `Network.fit` and draws the error per epoch;
    the previous setting stays in the figure, dashed.

    Parameters
    ----------
    depth : the number of hidden layers, 1 to 12.
    activation : the hidden units: "sigmoid", "tanh" or "relu" (the output unit is a sigmoid).
    init : "uniform" (the textbook's, weights and biases uniform in (-0.5, 0.5)), "xavier"
        (Glorot's uniform range) or "he" (normal, for ReLU units).
    init_scale : a factor on the drawn weights, 0.25 to 8 (a log-scale slider).
    batch_size : the tuples per update: 8, 16, 32, 64 or all n (epoch updating).
    width : the units of every hidden layer, 2 to 32.
    data : "xor", "moons", "circles" or "spirals" (n planar points from `bpnb.data`, noise 0.15).
    n : the number of training tuples, 8 to 400.
    epochs : how many epochs each setting trains, 1 to 50.
    lr : the learning rate l (a batch's step is l times its summed updates).
    seed : a whole number >= 0; seeds the data, the starting weights and the shuffling.

    Returns
    -------
    GradientExplorer
        `.run` holds the current setting's gradient norms (`"norms"`, (depth + 1,)), its
        error per tuple after each epoch (`"errors"`, epoch 0 first), its `History` and
        whether its output unit starts saturated (`"saturated"`); `.previous` the same for
        the setting before.
    """
    return GradientExplorer(depth, activation, init, init_scale, batch_size, width, data, n, epochs, lr, seed)
