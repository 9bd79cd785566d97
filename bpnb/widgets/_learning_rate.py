"""The learning-rate explorer: the same small network trained again at every change of the
learning rate, update mode, schedule, data or epochs, its error curve beside the previous
setting's, and its output over the plane after training.

A change trains in a background thread, in parts, with a progress bar between them, so the
controls answer at once; a change made while a run trains stops it and starts the new one.
The drawing afterwards is quick. Left out: shuffling, momentum, and any rate schedule but 1/t.
"""

import time
from html import escape

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from .. import _validate as v
from .. import plots
from ..network import History, Network
from . import _explorer as shared
from ._explorer import LR_RANGE, PLANAR, OutputField, _BlittedExplorer
from ._neuron import _INPUTS, _POINT_SETS

_SMALL_DATA = {name: (_INPUTS, np.array(_POINT_SETS[name])) for name in ("xor", "and", "or")}


def _lr_data(name: str, seed: int):
    if name in _SMALL_DATA:
        return _SMALL_DATA[name]
    d = PLANAR[name.removesuffix("-cloud")](40, noise=0.1, seed=seed)
    return d.X, d.y


class LrExplorer(_BlittedExplorer):
    """Train the same small network with different learning rates; see `lr_explorer`."""

    _figsize = (10.0, 4.4)
    DATA = ("xor", "and", "or", "xor-cloud", "moons", "circles")

    def __init__(self, lr, update, schedule, data, epochs, seed, hidden, batch_size) -> None:
        super().__init__()
        lr = v.check_in_range(lr, "lr", *LR_RANGE)
        shared._check_update(update, batch_size)
        if schedule not in (None, "1/t"):
            raise ValueError(f"schedule must be None (constant) or '1/t'; got {v._describe(schedule)}")
        v.check_choice(data, "data", self.DATA)
        epochs = v.check_positive_int(epochs, "epochs")
        if not 10 <= epochs <= 2000:
            raise ValueError(f"epochs must lie between 10 and 2000 here (the slider's range, and quick); "
                             f"got {epochs}")
        self._seed = v.check_positive_int(seed, "seed", minimum=0)
        self._hidden = shared._check_hidden(hidden)
        self._batch_size = int(batch_size)
        self.controls = {
            "lr": shared._lr_slider(lr, "380px"),
            "update": shared._update_buttons(update, batch_size),
            "schedule": widgets.ToggleButtons(options=[("constant", None), ("1/t", "1/t")], value=schedule,
                                              description="schedule", style={"button_width": "80px"}),
            "data": widgets.Dropdown(options=self.DATA, value=data, description="data",
                                     layout=widgets.Layout(width="200px")),
            "epochs": widgets.IntSlider(value=epochs, min=10, max=max(1000, epochs), step=10,
                                        description="epochs", continuous_update=False),
        }
        self.progress = widgets.IntProgress(value=0, min=0, max=epochs, description="training",
                                            layout=widgets.Layout(width="300px"))
        self.status = widgets.HTML()
        for control in self.controls.values():
            control.observe(shared._finite_only(self._on_change), names="value")
        self.widget = widgets.VBox([
            widgets.HBox([self.controls["lr"], self.controls["epochs"]]),
            widgets.HBox([self.controls["update"], self.controls["data"]]),
            self.controls["schedule"],
            widgets.HBox([self.progress, self.status], layout=widgets.Layout(align_items="center")),
            self.image, self.caption,
        ])
        self.widget.add_class("bpnb-lr-explorer")
        self.previous = None
        self.run = None
        self._train_and_draw()  # the first run in the foreground: the notebook shows its result

    @property
    def state(self) -> dict:
        """Every setting as plain values: `lr_explorer(**state)` opens the same view."""
        c = self.controls
        return {"lr": float(f"{c['lr'].value:.6g}"), "update": c["update"].value, "schedule": c["schedule"].value,
                "data": c["data"].value, "epochs": c["epochs"].value, "seed": self._seed,
                "hidden": list(self._hidden), "batch_size": self._batch_size}

    def _label(self, state: dict) -> str:
        update = state["update"] if state["update"] != "mini-batch" else f"mini-batch of {state['batch_size']}"
        return f"lr={state['lr']:.3g}, {update} updating, {'1/t' if state['schedule'] else 'constant'}"

    def __repr__(self) -> str:
        s = self.state
        return (f"Learning-rate explorer: lr={s['lr']:g}, update={s['update']!r}, schedule={s['schedule']!r}, "
                f"data={s['data']!r}, epochs={s['epochs']}")

    # training ----------------------------------------------------------------------

    def _train(self, state: dict) -> dict | None:
        """Train a new network on the state's data, in ten parts, showing the progress; None
        when stopped before the end."""
        X, y = _lr_data(state["data"], self._seed)
        net = Network([2, *self._hidden, 1], init_range=(-1, 1), seed=self._seed)
        history, total = History(), state["epochs"]
        self.progress.max, self.progress.value = total, 0
        while history.epochs < total:
            if self._stop.is_set():
                return None
            part = min(max(1, total // 10), total - history.epochs)
            shared._fit_more(net, history, X, y, lr=state["lr"], epochs=part, schedule=state["schedule"],
                             update=shared._fit_update(state["update"], self._batch_size, len(X)))
            self.progress.value = history.epochs
            self.status.value = f"<i>training…</i> {history.epochs} of {total} epochs"
        return {"state": state, "net": net, "history": history, "X": X, "y": y}

    def _train_and_draw(self) -> None:
        started = time.perf_counter()
        self.status.value = "<i>training…</i>"
        try:
            run = self._train(self.state)
        except Exception as error:  # shown, not lost in the thread
            self.status.value = (f'<span style="color:#B00000">Training stopped by an error: '
                                 f"{escape(type(error).__name__)}: {escape(str(error))}</span>")
            raise
        if run is None:
            return
        with self._lock:
            self.previous, self.run = self.run, run
            self.timing["train"] = 1000 * (time.perf_counter() - started)
            h = run["history"]
            self.status.value = (f"after {h.epochs} epochs: error E = {h.loss[-1]:.4f}, "
                                 f"misclassified {h.misclassified[-1]:.0%}")
            self._refresh()

    def _on_change(self, change) -> None:
        self.stop()
        self.wait()
        self._in_background(self._train_and_draw)

    # the figure ----------------------------------------------------------------------

    def _build(self, fig: Figure) -> dict:
        loss_ax, boundary_ax = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.25, 1]})
        (now,) = loss_ax.plot([], [], color=plots.COLORS["blue"], lw=2)
        loss_ax.set_yscale("log")
        loss_ax.set_xlabel("epoch")
        loss_ax.set_ylabel("error E (log scale)")
        loss_ax.set_title("Training error per epoch", fontsize=11)
        field = OutputField(boundary_ax)
        boundary_ax.set_title("After training (black line: O = 0.5)", fontsize=11)
        plots.legend_below(boundary_ax, handles=field.points, fontsize=8)
        fig.subplots_adjust(left=0.08, right=0.98, bottom=0.25, top=0.91, wspace=0.25)
        return {"loss_ax": loss_ax, "now": now, "field": field, "moving": [now, *field.moving]}

    def _update(self, a: dict) -> None:
        run, loss_ax = self.run, a["loss_ax"]
        curves = [(run, a["now"], "now: ")]
        if self.previous is not None and self.previous["history"].epochs:
            if "previous" not in a:  # made when first needed: until then the axes have one curve
                (a["previous"],) = loss_ax.plot([], [], color=plots.COLORS["sky"], ls="--", lw=1.4, alpha=0.8,
                                                zorder=1.9)
                a["previous"].set_animated(a["now"].get_animated())
                a["moving"].insert(0, a["previous"])
            curves.append((self.previous, a["previous"], "previous: "))
        losses = []
        for past, line, prefix in curves:
            h = past["history"]
            line.set_data(np.arange(1, h.epochs + 1), h.loss)
            line.set_label(prefix + self._label(past["state"]))
            losses.append(np.asarray(h.loss, dtype=float))
        # Limits in whole decades and whole runs, so that the ticks drawn once can stay.
        losses = np.concatenate(losses)
        losses = losses[np.isfinite(losses) & (losses > 0)]
        low, high = (np.log10(losses.min() / 1.5), np.log10(losses.max() * 1.5)) if losses.size else (-3.0, 0.0)
        loss_ax.set_ylim(10 ** np.floor(low), 10 ** max(np.ceil(high), np.floor(low) + 1))
        loss_ax.set_xlim(0, max(run["state"]["epochs"], self.previous["state"]["epochs"] if curves[1:] else 0))
        # The legend names the settings, so it changes with them: drawn with the moving artists.
        legend = plots.legend_below(loss_ax, handles=[line for _, line, _ in curves], fontsize=8, ncol=1)
        legend.set_animated(a["now"].get_animated())
        a["moving"] = [artist for artist in a["moving"] if artist is not a.get("loss_legend")] + [legend]
        a["loss_legend"] = legend
        a["field"].set_points(run["X"], run["y"])
        a["field"].set_net(run["net"])

    def _still_keys(self) -> dict:
        a = self._artists
        return {a["loss_ax"]: (a["loss_ax"].get_xlim(), a["loss_ax"].get_ylim()),
                a["field"].ax: a["field"].extent}

    @property
    def description(self) -> str:
        """What the figure shows, in words (also written under it, for screen readers)."""
        run = self.run
        h = run["history"]
        text = (f"Left: the training error per epoch on a log scale, solid, for {self._label(run['state'])} "
                f"on the {run['state']['data']} data: ")
        text += f"from {h.loss[0]:.4f} after epoch 1 to {h.loss[-1]:.4f} after epoch {h.epochs}. "
        if self.previous is not None and self.previous["history"].epochs:
            p = self.previous["history"]
            text += (f"Dashed and lighter, the previous setting ({self._label(self.previous['state'])}) "
                     f"ended at {p.loss[-1]:.4f} after {p.epochs} epochs. ")
        return text + (f"Right: the trained network's output over the plane, blue (class 0) to orange "
                       f"(class 1), the black line where it is 0.5, and the data as blue circles (class 0) "
                       f"and orange triangles (class 1); {h.misclassified[-1]:.0%} of the tuples are misclassified.")


def lr_explorer(lr: float = 0.5, update: str = "epoch", schedule: str | None = None, data: str = "xor",
                epochs: int = 500, seed: int = 0, hidden=(3,), batch_size: int = 2) -> LrExplorer:
    """Train one small network again at every change of the learning rate, update mode or
    schedule, and compare the error curve with the previous setting's.

    Every run starts from the same weights (drawn from `seed`), so only the setting differs.
    With sigmoid units and the squared error, the error E stays finite at every rate on the
    slider: a large rate makes it oscillate or stall rather than diverge.

    Parameters
    ----------
    lr : the learning rate l, 0.001 to 100 (a log-scale slider).
    update : "case", "epoch" or "mini-batch" (of `batch_size` tuples).
    schedule : None (constant l) or "1/t" (l / t in epoch t).
    data : "xor", "and", "or" (the four tuples of {0, 1}^2), or 40 planar points:
        "xor-cloud", "moons", "circles".
    epochs : how many epochs each run trains (10 to 2000).
    seed : a whole number >= 0 (not None: every run must start from the same weights);
        seeds the starting weights and the planar data.
    hidden : the hidden layers' sizes, e.g. (3,) or (4, 4).
    batch_size : the tuples per update in "mini-batch" mode.

    Returns
    -------
    LrExplorer
        `.run` holds the last run's network and `History`, `.previous` the one before;
        `.wait()` waits for a run started by a change of a control.
    """
    return LrExplorer(lr, update, schedule, data, epochs, seed, hidden, batch_size)
