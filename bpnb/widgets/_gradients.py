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
NORM_RANGE = (1e-8, 1e4)  # the gradient axis' limits; a norm beyond them is drawn at the edge, as a triangle
ERROR_TOP = 0.3  # the error axis' top; a larger error (at most 0.5 per tuple) is drawn there


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
        start = net.loss(self.X, self.y)
        with warnings.catch_warnings(record=True):  # a diverged run is said in the description instead
            warnings.simplefilter("always")
            history = net.fit(self.X, self.y, lr=self._lr, epochs=self._epochs, update=state["batch_size"],
                              shuffle_seed=self._seed)
        self.timing["train"] = 1000 * (time.perf_counter() - started)
        return {"state": state, "norms": norms, "errors": np.array([start, *history.loss]) / self._n,
                "wrong": history.misclassified[-1] if history.epochs else None, "history": history}

    def _on_change(self, change) -> None:
        with self._lock:
            self.previous, self.run = self.run, self._train(self.state)
            self._refresh()

    # the figure ----------------------------------------------------------------------

    def _build(self, fig: Figure) -> dict:
        grid = fig.add_gridspec(1, 2, width_ratios=[1.35, 1], left=0.075, right=0.985, bottom=0.3, top=0.91,
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
        for which, k in (("now", 0), ("previous", 1)):  # norms beyond the axis' range: triangles at its edge
            style = series_style(k, hollow=k == 1)
            for edge, marker in (("below", "v"), ("above", "^")):
                (lines[which, edge],) = norm_ax.plot([], [], ls="none", marker=marker, markersize=10, zorder=4,
                                                     color=style["color"], markeredgecolor=style["color"],
                                                     markerfacecolor=style.get("markerfacecolor", style["color"]))
        norm_ax.set_yscale("log")
        norm_ax.set_ylim(*NORM_RANGE)
        powers = range(int(np.log10(NORM_RANGE[0])), int(np.log10(NORM_RANGE[1])) + 1)
        norm_ax.yaxis.set_major_locator(FixedLocator([10.0 ** p for p in powers if p % 2 == 0]))
        norm_ax.yaxis.set_major_formatter(FixedFormatter([power_of_ten(p) for p in powers if p % 2 == 0]))
        norm_ax.set_xlim(0.5, MAX_DEPTH + 1.5)
        norm_ax.xaxis.set_major_locator(FixedLocator(range(1, MAX_DEPTH + 2)))
        norm_ax.set_xlabel("layer of weights (1: from the inputs; the last: into the output unit)", fontsize=10)
        norm_ax.set_ylabel("gradient norm ||∂E/∂W|| (log scale)", fontsize=10)
        norm_ax.set_title("Gradient of each layer, before training", fontsize=11)
        chance = error_ax.axhline(CHANCE, color="#666666", ls=":", lw=1.4, zorder=1)
        error_ax.set_xlim(0, self._epochs)
        error_ax.set_ylim(0, ERROR_TOP)
        error_ax.xaxis.set_major_locator(FixedLocator(range(0, self._epochs + 1, 5 if self._epochs > 10 else 1)))
        error_ax.set_xlabel("epoch", fontsize=10)
        error_ax.set_ylabel("mean error E per tuple", fontsize=10)
        error_ax.set_title(f"Error over the first {self._epochs} epochs", fontsize=11)
        norm_ax.yaxis.set_minor_locator(FixedLocator([10.0 ** p for p in powers if p % 2]))
        norm_ax.yaxis.set_minor_formatter(NullFormatter())
        error_ax.yaxis.set_minor_locator(NullLocator())
        for ax in (norm_ax, error_ax):
            ax.tick_params(labelsize=9)
        box = dict(boxstyle="round,pad=0.3", fc="white", ec="#999999", lw=0.6)
        ratio = norm_ax.text(0.98, 0.04, "", transform=norm_ax.transAxes, ha="right", va="bottom", fontsize=10,
                             bbox=box, zorder=5)
        final = error_ax.text(0.97, 0.96, "", transform=error_ax.transAxes, ha="right", va="top", fontsize=10,
                              bbox=box, zorder=5)
        fig.legend(handles=[lines["now", "norms"], lines["previous", "norms"], chance],
                   labels=["now (solid, filled circles)", "previous setting (dashed, hollow squares)",
                           f"dotted: E = {CHANCE}, an output of 0.5 for every tuple"],
                   loc="lower center", bbox_to_anchor=(0.5, 0.055), ncol=3, fontsize=9, frameon=False,
                   handlelength=3.0, columnspacing=1.5)
        # The previous setting in words: in a still figure only (the live one has it under the picture).
        setting = fig.text(0.5, 0.015, "", ha="center", va="bottom", fontsize=9, color="#333333",
                           visible=fig is not self.figure)
        return {"norm_ax": norm_ax, "error_ax": error_ax, "lines": lines, "ratio": ratio, "final": final,
                "setting": setting, "moving": [*lines.values(), ratio, final]}

    def _update(self, a: dict) -> None:
        low, high = NORM_RANGE
        for which, run in (("now", self.run), ("previous", self.previous)):
            norms = run["norms"] if run else np.empty(0)
            layers = np.arange(1, len(norms) + 1)
            shown = np.clip(np.nan_to_num(norms, nan=high, posinf=high), low, high)  # 0 and beyond: at the edge
            a["lines"][which, "norms"].set_data(layers, shown)
            below, above = norms <= low, (norms >= high) | np.isnan(norms)
            a["lines"][which, "below"].set_data(layers[below], shown[below])
            a["lines"][which, "above"].set_data(layers[above], shown[above])
            errors = run["errors"] if run else np.empty(0)
            # an error above the axes' top (at most 0.5) is drawn at the top
            a["lines"][which, "errors"].set_data(np.arange(len(errors)), np.minimum(errors, ERROR_TOP))
        ratio = self._ratio(self.run)
        a["ratio"].set_text("output layer's gradient: 0\n(its unit is saturated)" if ratio is None else
                            f"layer 1 / output layer: {_times(ratio)}\n"
                            f"per layer: × {_times(self._per_layer(self.run))}")
        wrong, errors = self.run["wrong"], self.run["errors"]
        a["final"].set_text(f"after epoch {len(errors) - 1}: E = {errors[-1]:.3f}"
                            + ("" if wrong is None else f"\n{wrong:.0%} misclassified"))
        words = "previous setting: " + (self._label(self.previous) if self.previous else "none yet (change a control)")
        a["setting"].set_text(words)
        self.status.value = f'<div style="font-size:0.9em;color:#333;text-align:center">{escape(words)}</div>'

    def _still_keys(self) -> dict:
        a = self._artists
        return {a["norm_ax"]: (), a["error_ax"]: ()}  # every range is fixed: the still parts never change

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

    def _label(self, run) -> str:
        """A run's settings in a few words."""
        s = run["state"]
        return (f"{s['depth']} hidden layer{'s' * (s['depth'] != 1)} of {ACTIVATIONS[s['activation']]} units, "
                f"{INITS[s['init']]} × {s['init_scale']:g}, batch {s['batch_size']}; "
                f"layer 1 / output layer {_times(self._ratio(run)) if self._ratio(run) else 'undefined'}, "
                f"E = {run['errors'][-1]:.3f} after epoch {len(run['errors']) - 1}")

    @property
    def description(self) -> str:
        """What the figure shows, in words (also written under it, for screen readers)."""
        run, s = self.run, self.run["state"]
        layers = len(run["norms"])
        ratio = self._ratio(run)
        text = (f"Left: the gradient norm of each of the {layers} layers of weights, before training, on a log "
                f"scale, for {s['depth']} hidden layer{'s' * (s['depth'] != 1)} of {self._width} "
                f"{ACTIVATIONS[s['activation']]} units with the {INITS[s['init']]} initialization scaled by "
                f"{s['init_scale']:g}, on {self._n} {self._data} tuples: ")
        if ratio is None:
            text += ("the output layer's gradient is 0, and so is every layer's: the output unit is saturated (its "
                     "output has rounded to 0 or 1 for the tuples, so its slope O(1 − O) is 0) and nothing learns. ")
        else:
            per_layer = self._per_layer(run)
            trend = ("it shrinks toward the inputs: the gradient vanishes" if ratio < 0.1 else
                     "it grows toward the inputs: the gradient explodes" if ratio > 10 else
                     "it stays within a factor of 10 from layer to layer")
            text += (f"layer 1's gradient is {_words(ratio)} of the output layer's (layer {layers}), "
                     f"a factor of about {_words(per_layer)} per layer; {trend}. ")
        h = run["history"]
        text += (f"Right: the mean error per tuple over the first {h.epochs} epochs of training (batches of "
                 f"{s['batch_size']}, l = {self._lr:g}), from {run['errors'][0]:.3f} to {run['errors'][-1]:.3f}, "
                 f"{run['wrong']:.0%} misclassified" if h.epochs else "Right: no epoch could be trained")
        if h.stop_reason.startswith("diverged"):
            text += f", and then training diverged (epoch {h.epochs + 1})"
        text += (". The dotted line at 0.125 is the error of an output of 0.5 for every tuple: a network on it has "
                 "learned nothing yet.")
        if self.previous is not None:
            p, ps = self.previous, self.previous["state"]
            ratio = self._ratio(p)
            text += (f" Dashed with hollow squares, the previous setting ({ps['depth']} hidden layers, "
                     f"{ACTIVATIONS[ps['activation']]}, {INITS[ps['init']]} × {ps['init_scale']:g}, batch "
                     f"{ps['batch_size']}): layer 1 at {_words(ratio) if ratio is not None else 'no share'} of "
                     f"its output layer's gradient, error {p['errors'][-1]:.3f} after its epochs.")
        return text


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
        error per tuple after each epoch (`"errors"`, epoch 0 first) and its `History`;
        `.previous` the same for the setting before.
    """
    return GradientExplorer(depth, activation, init, init_scale, batch_size, width, data, n, epochs, lr, seed)
