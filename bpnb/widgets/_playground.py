"""The playground: a small network trained live on planar data, in the spirit of TensorFlow
Playground: its output over the plane, its error per epoch and its weights, while it learns.

Training runs in a background thread, in parts, showing its progress; every other control
answers with a drawing of the artists made once and changed in place.
Left out: other activations, regularization, feature crosses, and saving the network.
"""

import functools
import re
import time
from html import escape

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from .. import _validate as v
from .. import data as bpnb_data
from .. import plots
from ..network import History, Network
from . import _explorer as shared
from ._explorer import LR_RANGE, PLANAR, OutputField, _BlittedExplorer

MAX_EPOCHS = 100_000  # the epochs field's largest value
MAX_SEED = 2**31 - 1  # the seed field's largest value


class Playground(_BlittedExplorer):
    """A network trained live on planar data; see `playground`."""

    _figsize = (12.0, 4.9)
    DATA = tuple(PLANAR)
    N_POINTS = 200

    def __init__(self, data, noise, train_fraction, hidden, lr, update, epochs, seed, batch_size) -> None:
        super().__init__()
        v.check_choice(data, "data", self.DATA)
        noise = v.check_in_range(noise, "noise", 0.0, 0.5)
        train_fraction = v.check_in_range(train_fraction, "train_fraction", 0.1, 0.9)
        hidden = shared._check_hidden(hidden)
        lr = v.check_in_range(lr, "lr", *LR_RANGE)
        shared._check_update(update, batch_size)
        epochs = v.check_positive_int(epochs, "epochs")
        v.check_in_range(epochs, "epochs", 1, MAX_EPOCHS)
        seed = v.check_positive_int(seed, "seed", minimum=0)
        v.check_in_range(seed, "seed", 0, MAX_SEED)
        self.controls = {
            "data": widgets.Dropdown(options=self.DATA, value=data, description="data",
                                     layout=widgets.Layout(width="190px")),
            "noise": widgets.FloatSlider(value=noise, min=0.0, max=0.5, step=0.05, description="noise",
                                         continuous_update=False, layout=widgets.Layout(width="260px")),
            "train_fraction": widgets.FloatSlider(value=train_fraction, min=0.1, max=0.9, step=0.05,
                                                  description="train part", continuous_update=False,
                                                  layout=widgets.Layout(width="260px")),
            "hidden": widgets.Text(value=", ".join(str(n) for n in hidden), description="hidden",
                                   placeholder="e.g. 4, 4", continuous_update=False,
                                   layout=widgets.Layout(width="190px")),
            "lr": shared._lr_slider(lr, "300px"),
            "update": shared._update_buttons(update, batch_size),
            "epochs": widgets.BoundedIntText(value=epochs, min=1, max=MAX_EPOCHS, description="epochs",
                                             layout=widgets.Layout(width="160px")),
            "seed": widgets.BoundedIntText(value=seed, min=0, max=MAX_SEED, description="seed",
                                           layout=widgets.Layout(width="140px")),
            "train": widgets.Button(description="Train", icon="play", button_style="success",
                                    tooltip="train for the given number of epochs"),
            "step": widgets.Button(description="Step", icon="step-forward", tooltip="train one epoch"),
            "reset": widgets.Button(description="Reset", icon="undo", tooltip="new starting weights from the seed"),
            "stop": widgets.Button(description="Stop", icon="stop", disabled=True, tooltip="stop training"),
        }
        self._batch_size = int(batch_size)
        self.progress = widgets.IntProgress(value=0, min=0, max=epochs, description="epochs",
                                            layout=widgets.Layout(width="330px"))
        self.status = widgets.HTML()
        for name in ("data", "noise", "train_fraction", "seed"):
            self.controls[name].observe(shared._finite_only(self._on_data), names="value")
        self.controls["hidden"].observe(self._on_hidden, names="value")
        for name in ("lr", "update", "epochs"):
            on_change = shared._finite_only(lambda change: self._show_status(self.running))
            self.controls[name].observe(on_change, names="value")
        self.controls["train"].on_click(lambda _: self.train())
        self.controls["step"].on_click(lambda _: self.step())
        self.controls["reset"].on_click(lambda _: self.reset())
        self.controls["stop"].on_click(lambda _: self.stop())
        c = self.controls
        self.widget = widgets.VBox([
            widgets.HBox([c["data"], c["noise"], c["train_fraction"], c["seed"]]),
            widgets.HBox([c["hidden"], c["lr"], c["epochs"]]),
            c["update"],
            widgets.HBox([c["train"], c["step"], c["reset"], c["stop"], self.progress],
                         layout=widgets.Layout(align_items="center")),
            self.status, self.image, self.caption,
        ])
        self.widget.add_class("bpnb-playground")
        self._hidden = hidden
        self._make_data()
        self._reset_network()
        self._refresh()

    # state -------------------------------------------------------------------------

    @property
    def state(self) -> dict:
        """Every setting as plain values: `playground(**state)` opens the same view (untrained)."""
        c = self.controls
        return {"data": c["data"].value, "noise": round(c["noise"].value, 6),
                "train_fraction": round(c["train_fraction"].value, 6), "hidden": list(self._hidden),
                "lr": float(f"{c['lr'].value:.6g}"), "update": c["update"].value, "epochs": c["epochs"].value,
                "seed": c["seed"].value, "batch_size": self._batch_size}

    def __repr__(self) -> str:
        s = self.state
        return (f"Playground: data={s['data']!r}, hidden={tuple(s['hidden'])}, lr={s['lr']:g}, "
                f"update={s['update']!r}, {self.history.epochs} epochs trained")

    # data and network ----------------------------------------------------------------

    def _make_data(self) -> None:
        s = self.state
        d = PLANAR[s["data"]](self.N_POINTS, noise=s["noise"], seed=s["seed"])
        self.X_train, self.X_test, self.y_train, self.y_test = bpnb_data.train_test_split(
            d.X, d.y, test_fraction=float(1 - s["train_fraction"]), seed=s["seed"])

    def _reset_network(self) -> None:
        self.net = Network([2, *self._hidden, 1], init_range=(-1, 1), seed=self.state["seed"])
        self.history = History()
        self.progress.value = 0
        self._show_status()

    def _show_progress(self, top: int | None = None, training: bool = False) -> None:
        """The bar and the status line at the epochs trained so far; the bar full at `top`
        epochs (None: where it is, or further). Bounds are set in the order that keeps the
        bar's value within them."""
        value = self.history.epochs
        top = max(self.progress.max, value) if top is None else top
        if top >= self.progress.value:
            self.progress.max, self.progress.value = top, value
        else:
            self.progress.value, self.progress.max = value, top
        self._show_status(training=training)

    def _on_data(self, change) -> None:
        self.stop()
        self.wait()
        with self._lock:
            self._make_data()
            self._reset_network()
            self._refresh()

    def _on_hidden(self, change) -> None:
        self.stop()
        self.wait()
        try:
            parts = [p for p in re.split(r"[,\s]+", change["new"].strip("()[] ")) if p]
            hidden = shared._check_hidden(tuple(int(p) for p in parts))
        except (ValueError, TypeError):
            self.status.value = ('<span style="color:#B00000">hidden must be up to 4 layer sizes from 1 to 12, '
                                 f"separated by commas, e.g. 4, 4; got {escape(change['new'])!r}</span>")
            return
        with self._lock:
            self._hidden = hidden
            self._reset_network()
            self._new_diagram()
            self._refresh()

    def reset(self) -> None:
        """New starting weights from the seed; the training so far is forgotten."""
        self.stop()
        self.wait()
        with self._lock:
            self._reset_network()
            self._refresh()

    # training ----------------------------------------------------------------------

    def _fit(self, epochs: int) -> int:
        """Train `epochs` more epochs on the same network, extending `self.history`; returns
        how many were trained."""
        s = self.state
        with self._lock:
            started = time.perf_counter()
            trained = shared._fit_more(self.net, self.history, self.X_train, self.y_train, lr=s["lr"], epochs=epochs,
                                       update=shared._fit_update(s["update"], self._batch_size, len(self.X_train)),
                                       validation=(self.X_test, self.y_test), seed=s["seed"])
            self.timing["train"] = 1000 * (time.perf_counter() - started)
        return trained

    def step(self) -> None:
        """Train one epoch, then redraw."""
        if self.running:
            return
        self._fit(1)
        self._show_progress()
        self._refresh()

    def train(self, block: bool = False) -> None:
        """Train `epochs` epochs in chunks, redrawing between them; in a background thread
        unless `block` (then this returns when training is done). The numbers do not depend
        on the chunks: training in the background, blocking, or by Step gives the same.

        An error in training is shown in the status line (and raised too, when `block`)."""
        if self.running:
            return
        if block:
            self._stop.clear()
            self._run(raise_errors=True)
        else:
            self._in_background(self._run)

    def _run(self, raise_errors: bool = False) -> None:
        error = None
        try:
            total = self.state["epochs"]
            self._set_training(True)
            self._show_progress(top=self.history.epochs + total, training=True)  # full when this run is done
            done, chunk, last_draw = 0, 1, time.perf_counter()
            while done < total and not self._stop.is_set():
                started = time.perf_counter()
                asked = min(chunk, total - done)
                trained = self._fit(asked)
                done += trained
                self._show_progress(training=True)
                if trained < asked:  # fit stopped early: it diverged (its stop reason says so)
                    break
                # Chunks of about a tenth of a second; the figure at most every half second.
                elapsed = max(time.perf_counter() - started, 1e-4)
                chunk = int(np.clip(chunk * 0.1 / elapsed, 1, 500))
                if time.perf_counter() - last_draw > 0.5:
                    self._refresh()
                    last_draw = time.perf_counter()
        except Exception as exc:  # shown, not lost in the thread
            error = exc
            if raise_errors:
                raise
        finally:
            self._set_training(False)
            if error is not None:
                self.status.value = (f'<span style="color:#B00000">Training stopped by an error: '
                                     f"{escape(type(error).__name__)}: {escape(str(error))}</span>")
            self._refresh()

    def _set_training(self, on: bool) -> None:
        for name, control in self.controls.items():
            control.disabled = (name != "stop") if on else (name == "stop")
        self._show_status(training=on)

    def _show_status(self, training: bool = False) -> None:
        h = self.history
        text = f"{h.epochs} epochs trained"
        if h.epochs:
            text += (f"; train error {h.loss[-1] / len(self.X_train):.4f} per tuple, "
                     f"{h.misclassified[-1]:.0%} misclassified; test {h.val_loss[-1] / len(self.X_test):.4f} "
                     f"per tuple, {h.val_misclassified[-1]:.0%} misclassified")
        if training:
            text = "<i>training…</i> " + text
        self.status.value = text

    # the figure ----------------------------------------------------------------------

    def _build(self, fig: Figure) -> dict:
        grid = fig.add_gridspec(1, 3, width_ratios=[1, 1.05, 1.3], left=0.05, right=0.99, bottom=0.24, top=0.91,
                                wspace=0.28)
        boundary_ax, loss_ax, net_ax = (fig.add_subplot(g) for g in grid)
        field = OutputField(boundary_ax, hollow=True)
        boundary_ax.set_title("Output over the plane", fontsize=11)
        plots.legend_below(boundary_ax, handles=[*field.points, *field.hollow], fontsize=8, ncol=2)

        (train,) = loss_ax.plot([], [], color=plots.COLORS["blue"], lw=1.8, label="training (solid)")
        (test,) = loss_ax.plot([], [], color=plots.COLORS["orange"], lw=1.8, ls="--", label="test (dashed)")
        loss_ax.set_xlabel("epoch")
        loss_ax.set_ylabel("mean error per tuple")
        loss_ax.set_title("Error per epoch", fontsize=11)
        plots.legend_below(loss_ax, fontsize=8)

        edges, diagram = self._draw_diagram(net_ax)
        return {"field": field, "loss_ax": loss_ax, "train": train, "test": test, "edges": edges,
                "net_ax": net_ax,
                "moving": [*field.moving, train, test, *diagram]}

    def _draw_diagram(self, net_ax) -> tuple:
        """The network's diagram on `net_ax`; returns its edges ((i, j) -> Line2D) and the
        artists that change with the weights (edges, units and their numbers)."""
        network: dict = {}
        plots.draw_network(self.net, net_ax, show_weights=False, show_biases=False, legend=False,
                           title="The weights: solid blue w > 0,\ndashed vermillion w < 0, width ~ |w|",
                           input_names=["x₁", "x₂"], artists=network)
        net_ax.title.set_fontsize(10)
        return network["edges"], [*network["edges"].values(), *network["units"].values(),
                                  *network["numbers"].values()]

    def _new_diagram(self) -> None:
        """Draw the network's diagram anew (its layers changed) in the live figure."""
        a, net_ax = self._artists, self._artists["net_ax"]
        old = set(map(id, a["edges"].values())) | {id(p) for p in net_ax.patches} | {id(t) for t in net_ax.texts}
        net_ax.clear()
        a["edges"], new = self._draw_diagram(net_ax)
        for artist in new:
            artist.set_animated(True)
        a["moving"] = [artist for artist in a["moving"] if id(artist) not in old] + new

    def _update(self, a: dict) -> None:
        a["field"].set_points(self.X_train, self.y_train, self.X_test, self.y_test, extent=_extent(self.state["data"]))
        a["field"].set_net(self.net)
        h = self.history
        train, test = np.array(h.loss) / len(self.X_train), np.array(h.val_loss) / len(self.X_test)
        epochs = np.arange(1, h.epochs + 1)
        a["train"].set_data(epochs, train)
        a["test"].set_data(epochs, test)
        # Limits of 10, 20, 50, 100, ...: they change seldom, so the ticks drawn once can stay.
        finite = np.concatenate([train, test])
        finite = finite[np.isfinite(finite)]
        a["loss_ax"].set_xlim(0, _nice_ceiling(max(10, h.epochs), steps=(1, 1.5, 2, 3, 4, 5, 6, 8, 10)))
        a["loss_ax"].set_ylim(0, _nice_ceiling(finite.max() * 1.05) if finite.size and finite.max() > 0 else 0.5)
        plots.restyle_edges(a["edges"], self.net.weights)

    def _still_keys(self) -> dict:
        a = self._artists
        return {a["field"].ax: a["field"].extent, a["loss_ax"]: (a["loss_ax"].get_xlim(), a["loss_ax"].get_ylim()),
                a["net_ax"]: self._hidden}

    @property
    def description(self) -> str:
        """What the figure shows, in words (also written under it, for screen readers)."""
        s, h = self.state, self.history
        test_wrong = float(np.mean(self.net.predict(self.X_test) != self.y_test))
        train_wrong = float(np.mean(self.net.predict(self.X_train) != self.y_train))
        sizes = "-".join(str(n) for n in self.net.layer_sizes)
        biggest = max(float(np.abs(W).max()) for W in self.net.weights)
        text = (f"Left: the {s['data']} data with noise {s['noise']:.2f} ({len(self.X_train)} training points "
                f"filled, {len(self.X_test)} "
                f"test points hollow; class 0 blue circles, class 1 orange triangles) over the network's "
                f"output, blue below 0.5 and orange above, with the O = 0.5 line in black; "
                f"{train_wrong:.0%} of the training and {test_wrong:.0%} of the test points are misclassified. ")
        if h.epochs:
            text += (f"Middle: the mean error per tuple over {h.epochs} epochs, training solid "
                     f"(now {h.loss[-1] / len(self.X_train):.4f}), test dashed "
                     f"(now {h.val_loss[-1] / len(self.X_test):.4f}). ")
        else:
            text += "Middle: no training yet, so no error curve. "
        return text + (f"Right: the {sizes} network, each weight a line, solid blue if positive and dashed "
                       f"vermillion if negative, thicker when larger (largest |w| = {biggest:.2f}).")


@functools.cache
def _extent(data: str) -> tuple:
    """The plane shown for `data`: where its points lie at the largest noise (all but the
    farthest 2% on each side), rounded out to halves. The same for every noise, seed and
    split, so that their ticks stay drawn; a far outlier at high noise may fall outside."""
    X = PLANAR[data](1000, noise=0.5, seed=0).X
    return shared._halves_around(np.percentile(X, 2, axis=0), np.percentile(X, 98, axis=0), margin=0.25)


def _nice_ceiling(value: float, steps=(1, 2, 5, 10)) -> float:
    """The smallest of steps times a power of ten (1, 2, 5, 10, 20, 50, ...) at least `value`
    (> 0): an axis limit that changes seldom, so that the ticks drawn once can stay. The
    epoch axis takes finer steps, so that it ends at a round number of epochs trained."""
    power = 10.0 ** np.floor(np.log10(value))
    return next(s * power for s in steps if s * power >= value * (1 - 1e-12))


def playground(data: str = "xor", noise: float = 0.1, train_fraction: float = 0.7, hidden=(4,), lr: float = 0.3,
               update: str = "mini-batch", epochs: int = 300, seed: int = 0, batch_size: int = 10) -> Playground:
    """Train a small network on planar data and watch it learn, in the spirit of TensorFlow
    Playground.

    Changing the data, noise, train part or seed makes new data and new starting weights;
    changing the hidden layers makes new starting weights; the learning rate, update mode
    and epochs apply to the next training. Train runs `epochs` epochs in the background,
    in chunks, redrawing between them; Stop ends it after the current chunk.

    Parameters
    ----------
    data : "xor", "moons", "circles" or "spirals" (200 points from `bpnb.data`).
    noise : the standard deviation of the noise added to the points, 0 to 0.5.
    train_fraction : the part of the points used for training, 0.1 to 0.9; the rest test.
    hidden : the hidden layers' sizes, e.g. (4,) or (4, 4); at most 4 layers of 12 units.
    lr : the learning rate l, 0.001 to 100.
    update : "case", "epoch" or "mini-batch" (of `batch_size` tuples, reshuffled each epoch).
    epochs : how many epochs the Train button trains, 1 to 100 000.
    seed : a whole number >= 0; seeds the data, the split, the starting weights and the
        shuffling (epoch t shuffles with seed + t - 1, however the training is split up).
    batch_size : the tuples per update in "mini-batch" mode.

    Returns
    -------
    Playground
        `.train(block=True)` trains without a thread, `.wait()` waits for a background run,
        `.net` and `.history` are the network and its training so far.
    """
    return Playground(data, noise, train_fraction, hidden, lr, update, epochs, seed, batch_size)
