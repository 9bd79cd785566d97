"""Vanishing and exploding gradients: the gradient norm of every layer of weights against the
layer's number, on a log scale, and the error per epoch of several runs side by side.

Each curve has its own colour, marker and line style, so that the curves stay apart in grey
print and for every colour vision. The figures take numbers that were computed elsewhere
(`Network.gradients`, a `History`): they never train.
"""

import numpy as np
from matplotlib.ticker import FuncFormatter, LogLocator, NullLocator

from ._style import CYCLE, axes_or_new, legend_below

MARKERS = ("o", "s", "^", "D", "v", "P", "X")
_SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
LINESTYLES = ("-", "--", "-.", ":", (0, (5, 1.5, 1, 1.5, 1, 1.5)), (0, (1, 1)), (0, (8, 2)))


def series_style(k: int, hollow: bool = False) -> dict:
    """How curve number k (0, 1, ...) of a comparison is drawn (keywords of `plot`): its own
    colour, marker and line style; `hollow` gives the marker a white inside."""
    color = CYCLE[k % len(CYCLE)]
    style = dict(color=color, marker=MARKERS[k % len(MARKERS)], linestyle=LINESTYLES[k % len(LINESTYLES)],
                 linewidth=1.8, markersize=6, markeredgecolor=color)
    if hollow:
        style["markerfacecolor"] = "white"
    return style


def power_of_ten(p: int) -> str:
    """10^p as a tick label in plain text (quicker to draw than mathematics): 1, 10, 10², 10⁻³."""
    return {0: "1", 1: "10"}.get(p, "10" + str(p).translate(_SUPERSCRIPTS))


def _decade_label(value, position=None) -> str:
    """The label of a tick of a log axis: a power of ten in plain text, other ticks unlabelled."""
    p = np.log10(value) if value > 0 else np.nan
    return power_of_ten(int(round(p))) if np.isfinite(p) and abs(p - round(p)) < 1e-9 else ""


def plot_gradient_norms(norms: dict, ax=None, title=None, legend=True):
    """The gradient norm of every layer of weights against its number, on a log scale.

    norms: label -> (L,) sequence, entry k - 1 the norm ||dE/dW|| of the weights into layer k
    (layer 1 from the inputs, layer L the output layer). A norm of 0, which a log scale
    cannot show, is left out. Returns the Axes.
    """
    ax = axes_or_new(ax)
    longest = 1
    for k, (label, values) in enumerate(norms.items()):
        values = np.asarray(values, dtype=float)
        layers = np.arange(1, len(values) + 1)
        shown = np.isfinite(values) & (values > 0)
        ax.plot(layers[shown], values[shown], label=label, **series_style(k))
        longest = max(longest, len(values))
    ax.set_yscale("log")
    ax.yaxis.set_major_locator(LogLocator(base=10, numticks=12))
    ax.yaxis.set_major_formatter(FuncFormatter(_decade_label))
    ax.yaxis.set_minor_locator(NullLocator())  # decades only: the lines span many of them
    ax.set_xlim(0.5, longest + 0.5)
    step = 1 if longest <= 14 else 2
    ticks = list(range(1, longest + 1, step))
    ax.set_xticks(ticks, [str(t) for t in ticks])
    ax.set_xlabel("layer of weights (1: from the inputs; the last: into the output unit)")
    ax.set_ylabel("gradient norm ||∂E/∂W|| (log scale)")
    ax.set_title(title or "Gradient norm of each layer of weights")
    if legend:
        legend_below(ax, ncol=min(len(norms), 4), fontsize=9)
    return ax


def plot_error_curves(curves: dict, ax=None, title=None, ylabel="mean error E per tuple", first_epoch: int = 0,
                      legend=True, chance=None):
    """The error per epoch of several runs. curves: label -> (epochs,) sequence, the first
    entry at epoch `first_epoch` (0: before any training). chance: an error to mark with a
    dotted grey line named in the legend (0.125: an output of 0.5 for every tuple), or None.
    The markers of the curves take turns, so that curves lying on one another all show.
    Returns the Axes."""
    ax = axes_or_new(ax)
    for k, (label, values) in enumerate(curves.items()):
        values = np.asarray(values, dtype=float)
        epochs = np.arange(first_epoch, first_epoch + len(values))
        style = series_style(k)
        every = max(1, len(values) // 10)  # the markers tell the curves apart, not the epochs
        style["markevery"] = ((k * every) // len(curves), every)
        ax.plot(epochs, values, label=label, **style)
    if chance is not None:
        ax.axhline(chance, color="dimgrey", ls=":", lw=1.4, zorder=1,
                   label=f"E = {chance:g}: an output of 0.5 for every tuple")
    ax.set_xlabel("epoch (0: before training)" if first_epoch == 0 else "epoch")
    ax.set_ylabel(ylabel)
    ax.set_ylim(bottom=0)
    ax.set_title(title or "Error per epoch")
    if legend:
        legend_below(ax, ncol=min(len(curves) + (chance is not None), 3), fontsize=9)
    return ax
