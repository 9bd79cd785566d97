"""A recurrent network drawn two ways, in the style of the network diagrams: folded (Elman's
picture, the hidden layer copied into context units one step later) and unfolded in time
(one copy of the network per step, the copies joined by the recurrent weights); and a
sequence with its targets and the network's outputs, step by step."""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, FancyArrowPatch
from matplotlib.path import Path

from ..notation import unit_numbers
from ._network import _draw_edge_legend, _edge_style
from ._style import COLORS, axes_or_new, legend_below

_RADIUS = 0.3
_GREY = "#555555"
# the copy of a hidden output into its context unit: grey, square corners, an arrowhead; no weight looks so
_COPY_STYLE = dict(arrowstyle="-|>", mutation_scale=12, color=_GREY, lw=1.3, joinstyle="round", capstyle="round",
                   zorder=5)


def _unit(ax, x, y, text, *, face="white", dashed=False, fontsize=11):
    """A numbered circle as the network diagrams draw it (dashed: a context unit)."""
    ax.add_patch(Circle((x, y), _RADIUS, facecolor=face, edgecolor="black", linewidth=1.3, zorder=6,
                        linestyle=(0, (2.5, 1.5)) if dashed else "-"))
    ax.text(x, y, text, ha="center", va="center", fontsize=fontsize, fontweight="bold", zorder=7)


def _edge(ax, p, q, w, largest, alpha=1.0, zorder=1):
    """An edge from p to q in the code of `draw_network`: solid blue w >= 0, dashed vermillion
    w < 0, thicker with |w|."""
    ax.add_line(Line2D([p[0], q[0]], [p[1], q[1]], solid_capstyle="butt", dash_capstyle="butt", alpha=alpha,
                       zorder=zorder, **_edge_style(w, largest)))


def _largest(net) -> float:
    return max(np.abs(W).max() for W in (net.W_in, net.W_rec, net.W_out)) or 1.0


def _stack(n: int, y0: float, gap: float) -> np.ndarray:
    """The heights of n units stacked around y0, gap apart, the first at the top."""
    return y0 - gap * (np.arange(n) - (n - 1) / 2)


def draw_elman(net, ax=None, title=None, legend=True):
    """An Elman network as Elman drew it: inputs on the left, then the hidden and output
    layers; under the inputs the context units, which hold the hidden outputs of the step
    before and feed the hidden layer through the recurrent weights W_rec. A grey arrow with
    square corners runs from each hidden unit j around the diagram to its context unit c_j:
    the copy. Units numbered from the inputs; weights coded as in `draw_network`.

    net: an ElmanNetwork (its W_in (n_in, n_h), W_rec (n_h, n_h), W_out (n_h, n_out) are drawn).
    Returns the matplotlib Axes.
    """
    n_in, n_h, n_out = net.sizes
    inputs, hidden, outputs = unit_numbers([n_in, n_h, n_out])
    if ax is None:
        ax = plt.subplots(figsize=(8.4, 1.9 + 1.05 * max(n_h, n_in + n_h)))[1]
    gap, dx = 1.0, 2.6
    y_in = _stack(n_in, (n_h - 1) / 2 * gap + 0.9, gap)
    y_ctx = _stack(n_h, -0.9 - (n_in - 1) / 2 * gap, gap)  # the context units below the inputs
    y_h, y_out = _stack(n_h, 0.0, 1.15 * gap), _stack(n_out, 0.0, gap)
    largest = _largest(net)
    for a, ya in enumerate(y_in):
        for b, yb in enumerate(y_h):
            _edge(ax, (0, ya), (dx, yb), net.W_in[a, b], largest)
    for a, ya in enumerate(y_ctx):
        for b, yb in enumerate(y_h):
            _edge(ax, (0, ya), (dx, yb), net.W_rec[a, b], largest)
    for a, ya in enumerate(y_h):
        for b, yb in enumerate(y_out):
            _edge(ax, (dx, ya), (2 * dx, yb), net.W_out[a, b], largest)
    for a, j in enumerate(inputs):
        _unit(ax, 0, y_in[a], str(j), face="#eeeeee")
        ax.annotate(f"$x_{{{a + 1}}}(t)$", xy=(-_RADIUS, y_in[a]), xytext=(-1.0, y_in[a]), ha="right", va="center",
                    fontsize=11, arrowprops=dict(arrowstyle="->", color="black", lw=1.0))
    for a, j in enumerate(hidden):
        _unit(ax, dx, y_h[a], str(j))
        _unit(ax, 0, y_ctx[a], f"c{j}", face="#f7f7f7", dashed=True, fontsize=9.5)
    left, bottom = _copy_arrows(ax, dx, y_h, y_ctx)
    for a, j in enumerate(outputs):
        _unit(ax, 2 * dx, y_out[a], str(j))
        ax.annotate("", xy=(2 * dx + _RADIUS + 0.75, y_out[a]), xytext=(2 * dx + _RADIUS, y_out[a]),
                    arrowprops=dict(arrowstyle="->", color="black", lw=1.0))
        ax.text(2 * dx + _RADIUS + 0.85, y_out[a], f"$O_{{{j}}}(t)$", ha="left", va="center", fontsize=11)
    top = max(y_in.max(), y_h.max()) + 0.75
    for x, name in ((0, "input layer"), (dx, "hidden layer"), (2 * dx, "output layer")):
        ax.text(x, top, name, ha="center", va="bottom", fontsize=10, color=_GREY, style="italic")
    ax.text(left - 0.15, y_ctx.mean(), "context units:\n$c_j$ holds $O_j(t - 1)$", ha="right", va="center",
            fontsize=9.5, color=_GREY, style="italic")
    ax.text(dx * 0.5, bottom - 0.12, "copy each $O_j(t)$ into $c_j$, for step $t + 1$",
            ha="center", va="top", fontsize=9.5, color=_GREY, style="italic")
    ax.set_xlim(-3.0, 2 * dx + 1.9)
    ax.set_ylim(bottom - 0.75, top + 0.55)
    _finish(ax, title or "An Elman network: the hidden layer's outputs come back one step later", legend,
            copy=True)
    return ax


def _copy_arrows(ax, dx, y_h, y_ctx) -> tuple:
    """An arrow from each hidden unit j (at x = dx) to its context unit c_j (at x = 0), out to the
    right, under the diagram and up the left side, the outer ones around the inner ones so that
    none crosses another. Returns the leftmost x and the lowest y the arrows reach."""
    n_h, lane = len(y_h), 0.2
    leave = np.radians(40)  # out of the circle's lower right, clear of the edge to the output layer
    for a in range(n_h):
        out = n_h - 1 - a  # the lowest hidden unit gets the innermost lane
        right, low, left = dx + _RADIUS + 0.3 + lane * out, y_ctx.min() - _RADIUS - 0.3 - lane * out, \
            -_RADIUS - 0.3 - lane * out
        start = (dx + _RADIUS * np.cos(leave), y_h[a] - _RADIUS * np.sin(leave))
        path = [start, (right, start[1] - (right - start[0])), (right, low), (left, low), (left, y_ctx[a]),
                (-_RADIUS, y_ctx[a])]
        ax.add_patch(FancyArrowPatch(path=Path(path), **_COPY_STYLE))
    out = n_h - 1
    return -_RADIUS - 0.3 - lane * out, y_ctx.min() - _RADIUS - 0.3 - lane * out


def draw_unfolded(net, n_steps=4, ax=None, highlight=None, title=None, legend=True):
    """The recurrent network unfolded in time: one copy of the network per step t = 1, ...,
    n_steps, left to right, input units at the bottom, the hidden layer in the middle, output
    units at the top; every copy has the same weights, and the recurrent weights W_rec join
    the hidden layer of each step to that of the next. The column t = 0 is the context at the
    start (outputs 0, dashed).

    highlight : a step t (1 to n_steps): its hidden units are drawn in yellow, and the edges
        that bring their error terms back at full strength while the others fade: from the
        output units of step t (W_out) and from the hidden units of step t + 1 (W_rec).

    Returns the matplotlib Axes.
    """
    n_in, n_h, n_out = net.sizes
    inputs, hidden, outputs = unit_numbers([n_in, n_h, n_out])
    if not isinstance(n_steps, int) or isinstance(n_steps, bool) or n_steps < 1:
        raise ValueError(f"n_steps must be a whole number >= 1; got {n_steps!r}")
    if highlight is not None and highlight not in range(1, n_steps + 1):
        raise ValueError(f"highlight must be None or a step from 1 to {n_steps}; got {highlight!r}")
    gap, dx = 0.85, 2.6
    y_h = _stack(n_h, 0.0, gap)
    y_in = _stack(n_in, y_h.min() - 1.25 - gap * (n_in - 1) / 2, gap)
    y_out = _stack(n_out, y_h.max() + 1.25 + gap * (n_out - 1) / 2, gap)
    # inputs left of the column, outputs right of it, the hidden units slanted the other way: no edge
    # runs through a unit
    x_in, x_out = -0.95, 0.95
    x_h = 0.4 * (np.arange(n_h) - (n_h - 1) / 2)
    xlim, ylim = (-1.95, dx * n_steps + 1.5), (y_in.min() - 1.25, y_out.max() + 0.75)
    if ax is None:  # 0.75 inch a unit, and room for the title and the legend; whole pixels at 100 dpi
        size = 0.75 * (xlim[1] - xlim[0]), 0.75 * (ylim[1] - ylim[0]) + 1.0
        ax = plt.subplots(figsize=tuple(round(inches, 2) for inches in size))[1]
    largest = _largest(net)

    def lit(kind, t):  # whether an edge carries an error term into the highlighted hidden units
        if highlight is None:
            return True
        return (kind == "out" and t == highlight) or (kind == "rec" and t == highlight + 1)

    for t in range(1, n_steps + 1):
        x = dx * t
        at = lambda xs, n: np.broadcast_to(xs, n)
        for kind, W, ys_from, ys_to, xs_from, xs_to in (
            ("in", net.W_in, y_in, y_h, at(x + x_in, n_in), x + x_h),
            ("out", net.W_out, y_h, y_out, x + x_h, at(x + x_out, n_out)),
            ("rec", net.W_rec, y_h, y_h, x - dx + x_h, x + x_h),
        ):
            on = lit(kind, t)
            faded = 0.25 if not on else (0.35 if kind == "rec" and t == 1 else 1.0)  # from the context 0
            for a, ya in enumerate(ys_from):
                for b, yb in enumerate(ys_to):
                    _edge(ax, (xs_from[a], ya), (xs_to[b], yb), W[a, b], largest, alpha=faded,
                          zorder=2 if highlight is not None and on else 1)
        for a, j in enumerate(inputs):
            _unit(ax, x + x_in, y_in[a], str(j), face="#eeeeee")
        for a, j in enumerate(hidden):
            _unit(ax, x + x_h[a], y_h[a], str(j), face=COLORS["yellow"] if t == highlight else "white")
        for a, j in enumerate(outputs):
            _unit(ax, x + x_out, y_out[a], str(j))
        ax.text(x, y_in.min() - 0.75, f"t = {t}", ha="center", va="top", fontsize=11)
    for a in range(n_h):
        _unit(ax, x_h[a], y_h[a], "0", face="#f7f7f7", dashed=True)
    ax.text(0, y_in.min() - 0.75, "start", ha="center", va="top", fontsize=11, color=_GREY)
    for y, name in ((y_out.mean(), "outputs\n$O_k(t)$"), (y_h.mean(), "hidden\n$O_j(t)$"),
                    (y_in.mean(), "inputs\n$x_i(t)$")):
        ax.text(-0.75, y, name, ha="right", va="center", fontsize=10, color=_GREY, style="italic")
    if highlight is not None:
        _mark_error_paths(ax, highlight, n_steps, dx, x_out, y_h, y_out)
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    default = ("Unfolded in time: one copy of the network per step, the same weights in every copy"
               if highlight is None else f"Where the error terms of the hidden units at t = {highlight} come from")
    _finish(ax, title or default, legend)
    return ax


def _mark_error_paths(ax, t, n_steps, dx, x_out, y_h, y_out):
    """Curved arrows, backwards, from what sends error terms to the hidden units of step t."""
    x = dx * t
    arrow = dict(arrowstyle="-|>", color="black", lw=1.4, mutation_scale=14)
    ax.annotate("", xy=(x + 0.32, y_h.max() + 0.3), xytext=(x + x_out + 0.2, y_out.min() - 0.35), zorder=8,
                arrowprops=arrow | dict(connectionstyle="arc3,rad=-0.4"))
    ax.text(x + x_out + 0.45, (y_h.max() + y_out.min()) / 2 + 0.15, "$Err_k(t)$", fontsize=11, ha="left",
            va="center", zorder=8, bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.9))
    if t < n_steps:
        ax.annotate("", xy=(x + 0.35, y_h.min() - 0.25), xytext=(x + dx - 0.35, y_h.min() - 0.25), zorder=8,
                    arrowprops=arrow | dict(connectionstyle="arc3,rad=-0.35"))
        ax.text(x + 1.05, y_h.min() - 0.72, "$Err_m(t + 1)$", fontsize=11, ha="right", va="top", zorder=8,
                bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.9))


def _finish(ax, title, legend, copy=False):
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(title)
    if legend:
        _draw_edge_legend(ax)
    if legend and copy:  # the same legend, and the copy arrows' style after the weights'
        old = ax.get_legend()
        handles = old.legend_handles + [Line2D([], [], color=_GREY, lw=1.3, marker=">", markevery=[-1], ms=5,
                                               label="copy $O_j(t)$ → $c_j$ (grey, arrow)")]
        labels = [t.get_text() for t in old.get_texts()] + [handles[-1].get_label()]
        ax.legend(handles=handles, labels=labels, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=2,
                  fontsize=9, frameon=False, handlelength=3.0)


def plot_sequence(x, T, O, ax=None, title=None):
    """One sequence step by step: the input bits x(t), the targets T(t) and the network's
    outputs O(t), with the 0.5 line that separates the output's two labels.

    x, T, O: (n_steps,) each. Returns the Axes.
    """
    ax = axes_or_new(ax)
    steps = np.arange(1, len(x) + 1)
    ax.step(steps, x, where="mid", color=COLORS["sky"], lw=2.2, label="input $x(t)$")
    ax.plot(steps, T, "s", ms=11, mfc="none", mec=COLORS["black"], mew=1.4, label="target $T(t)$")
    ax.plot(steps, O, "o", ms=6, color=COLORS["orange"], mec="black", mew=0.6, label="output $O(t)$")
    ax.axhline(0.5, color=_GREY, lw=0.8, ls=":")
    ax.set_xlabel("time step t")
    ax.set_ylabel("value")
    ax.set_ylim(-0.15, 1.15)
    ax.set_xticks(steps)
    ax.set_title(title or "One sequence: input, target and output at every step")
    legend_below(ax)
    return ax
