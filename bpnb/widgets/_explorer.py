"""What the explorers share: the base class that shows a figure in an Image widget with a
caption, its blitting subclass that changes artists made once, the output of a network over
the plane, the checks and controls of the two training explorers, and number formatting.

Left out: anything one explorer alone needs (it lives in that explorer's module).
"""

import io
import threading
import time
from html import escape
from numbers import Integral

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from contourpy import contour_generator
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from PIL import Image

from .. import _validate as v
from .. import data as bpnb_data
from .. import plots
from ..network import History
from ..notation import LR_RANGE, MINUS  # noqa: F401 (the explorers import them from here)
from ..notation import fixed as _fixed  # noqa: F401
from ..notation import number as _fmt  # noqa: F401

PLANAR = {"xor": bpnb_data.make_xor, "moons": bpnb_data.make_moons, "circles": bpnb_data.make_circles,
          "spirals": bpnb_data.make_spirals}


class _Explorer:
    """A figure shown as a PNG in an Image widget, a caption that describes it, and controls.

    Subclasses build `self.controls` (name -> widget) and `self.widget`, give `description`
    and `state`, draw the current state with `_draw(fig)` and show it with `_refresh()`.
    """

    _figsize = (9.0, 4.0)
    _dpi = 80
    _KEEP = 16  # pictures of still parts kept per axes (see _BlittedExplorer)

    def __init__(self) -> None:
        self._lock = threading.RLock()
        figure = Figure(figsize=self._figsize, dpi=self._dpi)
        FigureCanvasAgg(figure)
        self.figure = figure
        self.image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%", height="auto"))
        self.caption = widgets.HTML(layout=widgets.Layout(max_width=f"{int(self._figsize[0] * self._dpi)}px"))
        self.controls: dict = {}
        self.timing: dict = {}  # milliseconds the last answer spent: "train", "draw"
        self._stop = threading.Event()
        self._thread = None

    @property
    def description(self) -> str:
        """What the figure shows, in words (also written under it, for screen readers)."""
        raise NotImplementedError

    @property
    def state(self) -> dict:
        """Every setting as plain values: the explorer's function called with them opens the same view."""
        raise NotImplementedError

    def _draw(self, fig: Figure) -> None:
        """The whole figure of the current state, on `fig`."""
        raise NotImplementedError

    def _show_caption(self) -> None:
        self.caption.value = (
            '<div style="color:#444;font-size:0.9em;line-height:1.35">'
            f"<b>Figure, in words:</b> {escape(self.description)}</div>"
        )

    def static_figure(self) -> Figure:
        """The current state drawn into a new pyplot figure (close it when done)."""
        with self._lock:
            fig = plt.figure(figsize=self._figsize, dpi=100)
            self._draw(fig)
        return fig

    def _repr_mimebundle_(self, **kwargs) -> dict:
        bundle = self.widget._repr_mimebundle_(**kwargs) or {}
        bundle["text/plain"] = repr(self)
        return bundle

    # work in the background (training), so that the controls answer at once ----------------

    @property
    def running(self) -> bool:
        """Whether a training run is going on in the background."""
        return self._thread is not None and self._thread.is_alive()

    def wait(self, timeout: float | None = None) -> None:
        """Wait until a background training run has finished."""
        if self._thread is not None:
            self._thread.join(timeout)

    def stop(self) -> None:
        """Ask a training run to stop after its current part."""
        self._stop.set()

    def _in_background(self, work) -> None:
        """Run `work()` in a thread; `work` checks `self._stop` between its parts."""
        self._stop.clear()
        self._thread = threading.Thread(target=work, daemon=True)
        self._thread.start()


class _BlittedExplorer(_Explorer):
    """An explorer whose figure's artists are made once by `_build(fig)` (a dict of them)
    and changed in place by `_update(artists)`.

    The artists listed in `artists["moving"]` are drawn at every answer over a saved
    picture of the rest (blitting); the rest (axes, ticks, titles, legends) is drawn again
    only for the axes whose entry in `_still_keys()` changed, and its picture is kept for
    that entry, so that going back to a setting seen before draws none of it again. Legends listed in
    `artists["overlays"]` stay on top: their rectangle is copied back from the saved picture
    after the moving artists are drawn (so they read as legends with an opaque frame).
    """

    def __init__(self) -> None:
        super().__init__()
        self._artists: dict = {}
        self._background, self._keys, self._kept, self._boxes = None, {}, {}, {}

    # to be given by each explorer ----------------------------------------------------

    def _build(self, fig: Figure) -> dict:
        raise NotImplementedError

    def _update(self, artists: dict) -> None:
        raise NotImplementedError

    def _still_keys(self) -> dict:
        """Axes -> what its parts drawn once depend on (its limits, say); a change redraws them."""
        return {}

    # drawing -----------------------------------------------------------------------

    def _rebuild(self) -> None:
        """Make the live figure's artists anew (when the figure's layout changes)."""
        self.figure.clear()
        self._artists = self._build(self.figure)
        for artist in self._artists["moving"]:
            artist.set_animated(True)  # drawn over the saved background: see _show
        self._background, self._keys, self._kept, self._boxes = None, {}, {}, {}

    def _refresh(self) -> None:
        """Bring the artists up to date and show the figure and its description."""
        with self._lock:
            started = time.perf_counter()
            if not self._artists:
                self._rebuild()
            self._update(self._artists)
            self._show()
            self.timing["draw"] = 1000 * (time.perf_counter() - started)

    def _show(self) -> None:
        """Blitting: restore the saved still parts and draw only the moving artists over them."""
        fig, canvas = self.figure, self.figure.canvas
        keys = self._still_keys()
        stale = [ax for ax, key in keys.items() if self._keys.get(ax, self) != key]
        if self._background is None:
            canvas.draw()  # everything but the animated (moving) artists
            for ax, key in keys.items():
                self._keep(ax, key)
        else:
            canvas.restore_region(self._background)
            self._redraw_still(stale, keys)
        if self._background is None or stale:
            self._background = canvas.copy_from_bbox(fig.bbox)
        self._keys = keys
        for artist in self._artists["moving"]:
            fig.draw_artist(artist)
        height = fig.bbox.height
        for legend in self._artists.get("overlays", ()):
            x0, y0, x1, y1 = legend.get_window_extent(canvas.get_renderer()).extents
            canvas.restore_region(self._background, bbox=(x0 - 1, height - y1 - 1, x1 + 1, height - y0 + 1),
                                  xy=(0, 0))
        self.image.value = _png(np.asarray(canvas.buffer_rgba()))
        self._show_caption()

    def _redraw_still(self, stale: list, keys: dict) -> None:
        """Blank the old extent of each stale axes, then put back its still parts for the new
        key: the picture kept from when that key was last drawn, or drawn now and kept."""
        fig, canvas = self.figure, self.figure.canvas
        for ax in stale:
            box = self._boxes[ax]
            blank = Rectangle(box.p0, box.width, box.height, transform=None, facecolor=fig.get_facecolor(),
                              edgecolor="none")
            blank.set_figure(fig)
            fig.draw_artist(blank)
        for ax in stale:
            kept = self._kept.get(ax, {}).get(keys[ax])
            if kept is None:
                fig.draw_artist(ax)
                self._keep(ax, keys[ax])
            else:
                self._boxes[ax] = kept[0]
                canvas.restore_region(kept[1])

    def _keep(self, ax, key) -> None:
        """Keep the picture of `ax`'s still parts as drawn now, for `key` (the last few keys)."""
        box = ax.get_tightbbox(self.figure.canvas.get_renderer()).padded(2)
        kept = self._kept.setdefault(ax, {})
        kept.pop(key, None)
        kept[key] = (box, self.figure.canvas.copy_from_bbox(box))
        self._boxes[ax] = box
        if len(kept) > self._KEEP:
            kept.pop(next(iter(kept)))

    def _draw(self, fig: Figure) -> None:
        """The whole figure of the current state, on `fig` (nothing animated)."""
        self._update(self._build(fig))


def _png(rgba: np.ndarray) -> bytes:
    """An (h, w, 4) uint8 image of an opaque figure as RGB PNG bytes, compressed lightly
    (speed over size)."""
    buffer = io.BytesIO()
    Image.fromarray(rgba).convert("RGB").save(buffer, format="png", compress_level=1)
    return buffer.getvalue()


# --- the output of a network over the plane --------------------------------------------------

class OutputField:
    """A network's output O over a rectangle of the plane, the line O = 0.5 and the data,
    drawn on `ax` once and then changed in place (the look of `plots.plot_decision_boundary`,
    with a smooth image of `resolution`^2 values instead of filled contours).

    `set_points(X, y)` and `set_net(net)` change it; `moving` lists the artists that change.
    """

    def __init__(self, ax, resolution: int = 60, hollow: bool = False) -> None:
        self.ax, self.resolution = ax, resolution
        self.field = ax.imshow(np.full((resolution, resolution), 0.5), origin="lower", aspect="auto",
                               cmap=plots.PROBABILITY_CMAP, vmin=0, vmax=1, alpha=0.8, interpolation="bilinear",
                               zorder=0)
        (self.line,) = ax.plot([], [], color="black", lw=1.5, zorder=2, label="O = 0.5")
        self.points = [ax.scatter(np.empty(0), np.empty(0), label=f"class {k}" + (", training" if hollow else ""),
                                  **plots.point_style(k)) for k in (0, 1)]
        self.hollow = []
        if hollow:  # test points: the same markers, hollow
            self.hollow = [ax.scatter(np.empty(0), np.empty(0), label=f"class {k}, test (hollow)",
                                      **plots.point_style(k, hollow=True)) for k in (0, 1)]
        ax.set_xlabel("$x_1$")
        ax.set_ylabel("$x_2$")
        ax.grid(False)
        self.moving = [self.field, self.line, *self.points, *self.hollow]
        self.extent = None

    def set_points(self, X, y, X_hollow=None, y_hollow=None, margin: float = 0.25, extent=None) -> None:
        """X: (n, 2), y: (n,); the hollow ones likewise. The axes span `extent` (x_lo, x_hi,
        y_lo, y_hi), or every point with `margin` to spare, rounded out to halves so that
        small changes keep the ticks."""
        y = np.asarray(y).astype(int)
        for k, scatter in enumerate(self.points):
            scatter.set_offsets(X[y == k].reshape(-1, 2))
            scatter.set_sizes([90 if len(y) <= 12 else 44])  # as plots.plot_points: larger when few
        every = X
        if self.hollow:
            y_hollow = np.asarray(y_hollow).astype(int)
            for k, scatter in enumerate(self.hollow):
                scatter.set_offsets(X_hollow[y_hollow == k].reshape(-1, 2))
            every = np.vstack([X, X_hollow])
        if extent is None:
            extent = _halves_around(every.min(axis=0), every.max(axis=0), margin)
        self.extent = extent
        self.ax.set_xlim(*self.extent[:2])
        self.ax.set_ylim(*self.extent[2:])
        self.field.set_extent(self.extent)

    def set_net(self, net) -> np.ndarray:
        """Shade the network's output; returns O, (resolution, resolution)."""
        xs, ys, O = plots.output_on_grid(net, self.extent, self.resolution)
        self.field.set_data(O)
        pieces = contour_generator(xs, ys, O).lines(0.5) if O.min() < 0.5 < O.max() else []
        joined = np.vstack([np.vstack([p, [np.nan, np.nan]]) for p in pieces]) if pieces else np.empty((0, 2))
        self.line.set_data(joined[:, 0], joined[:, 1])
        return O


def _halves_around(low, high, margin: float) -> tuple:
    """(x_lo, x_hi, y_lo, y_hi): the box from `low` to `high` (each (2,)) with `margin` to
    spare, rounded out to halves."""
    lo = np.floor(2 * (np.asarray(low) - margin)) / 2
    hi = np.ceil(2 * (np.asarray(high) + margin)) / 2
    return float(lo[0]), float(hi[0]), float(lo[1]), float(hi[1])


# --- checks and controls shared by the training explorers ------------------------------------

def _check_update(update, batch_size) -> None:
    v.check_choice(update, "update", ("case", "epoch", "mini-batch"))
    v.check_positive_int(batch_size, "batch_size")


def _check_hidden(hidden) -> tuple:
    if isinstance(hidden, Integral) and not isinstance(hidden, bool):
        hidden = (hidden,)
    if isinstance(hidden, (str, bytes)) or not isinstance(hidden, (tuple, list)):
        raise TypeError(f"hidden must be a tuple of layer sizes such as (4,) or (4, 4); got {v._describe(hidden)}")
    if len(hidden) > 4:
        raise ValueError(f"hidden must list at most 4 hidden layers; got {tuple(hidden)!r}")
    sizes = tuple(v.check_positive_int(n, f"hidden[{k}]") for k, n in enumerate(hidden))
    if any(n > 12 for n in sizes):
        raise ValueError(f"hidden must have at most 12 units per layer here; got {sizes!r}")
    return sizes


def _finite_only(handler):
    """A control's change handler that first refuses a value that is not a finite number (NaN or
    infinity set from code): the control goes back to its old value, which the handler then sees."""
    def on_change(change):
        new = change["new"]
        if isinstance(new, float) and not np.isfinite(new):
            change["owner"].value = change["old"]
            return
        handler(change)
    return on_change


def _lr_slider(lr: float, width: str) -> widgets.FloatLogSlider:
    return widgets.FloatLogSlider(value=lr, base=10, min=float(np.log10(LR_RANGE[0])), max=float(np.log10(LR_RANGE[1])),
                                  step=0.05, description="rate l", readout_format=".3g", continuous_update=False,
                                  layout=widgets.Layout(width=width))


def _update_buttons(update: str, batch_size: int) -> widgets.ToggleButtons:
    return widgets.ToggleButtons(options=[("case", "case"), ("epoch", "epoch"),
                                          (f"mini-batch ({batch_size})", "mini-batch")],
                                 value=update, description="update", style={"button_width": "130px"})


def _fit_update(update: str, batch_size: int, n: int):
    """What `Network.fit` takes as `update` for the explorers' three modes."""
    return {"case": "case", "epoch": "epoch"}.get(update, min(batch_size, n))


# --- training, in parts ------------------------------------------------------------------------

def _fit_more(net, history: History, X, y, *, lr: float, epochs: int, update, schedule=None, seed=None,
              validation=None) -> int:
    """Train `net` `epochs` more epochs, extending `history`; returns how many were trained.
    `Network.fit` going on from a History makes parts of any sizes give the numbers of one run."""
    done = history.epochs
    net.fit(X, y, lr=lr, epochs=done + epochs, update=update, lr_schedule=schedule, shuffle_seed=seed,
            validation=validation, history=history)
    return history.epochs - done


# --- numbers as the figures write them --------------------------------------------------------

