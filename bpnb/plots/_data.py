"""Data and training: points, decision boundaries, training curves."""


import numpy as np

from ._style import COLORS, PROBABILITY_CMAP, axes_or_new, legend_below, point_style


def plot_points(X, y, ax=None, target_names=None):
    """A scatter of 2-D points, each class with its own colour and marker (larger when there
    are few). X: (n, 2); y: (n,)."""
    ax = axes_or_new(ax)
    y = np.asarray(y).astype(int)
    for k in np.unique(y):
        name = target_names[k] if target_names is not None else f"class {k}"
        ax.scatter(*X[y == k].T, label=name, **point_style(k) | ({"s": 90} if len(y) <= 12 else {}))
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.legend(loc="best")
    return ax


def plot_decision_boundary(net, X, y, ax=None, title=None, target_names=None, resolution=150, margin=0.25):
    """The network's output over the plane as shading, its O = 0.5 boundary as a black line,
    and the data on top, with the legend under the axes (off the shading).
    net: a network with 2 inputs and 1 output; X: (n, 2); y: (n,)."""
    ax = axes_or_new(ax)
    (x_lo, y_lo), (x_hi, y_hi) = X.min(axis=0) - margin, X.max(axis=0) + margin
    xs, ys, O = output_on_grid(net, (x_lo, x_hi, y_lo, y_hi), resolution)
    ax.contourf(xs, ys, O, levels=np.linspace(0, 1, 11), cmap=PROBABILITY_CMAP, alpha=0.8)
    if O.min() < 0.5 < O.max():
        ax.contour(xs, ys, O, levels=[0.5], colors="black", linewidths=1.5)
    plot_points(X, y, ax, target_names)
    legend_below(ax)
    ax.set_xlim(x_lo, x_hi)
    ax.set_ylim(y_lo, y_hi)
    ax.grid(False)
    ax.set_title(title or "Decision boundary (black line: output 0.5)")
    return ax


def output_on_grid(net, extent, resolution: int):
    """The output O of a network with 2 inputs and 1 output over a grid of the plane.

    extent: (x_lo, x_hi, y_lo, y_hi); resolution: points per side.
    Returns xs (resolution,), ys (resolution,) and O (resolution, resolution), where
    O[r, c] is the output at (xs[c], ys[r]): rows run up the plane, as imshow and contour take them.
    """
    x_lo, x_hi, y_lo, y_hi = extent
    xs, ys = np.linspace(x_lo, x_hi, resolution), np.linspace(y_lo, y_hi, resolution)
    gx, gy = np.meshgrid(xs, ys)
    O = net.predict_proba(np.c_[gx.ravel(), gy.ravel()])[:, 0].reshape(gx.shape)
    return xs, ys, O


def plot_history(history, ax=None, what="loss", title=None, label="training"):
    """A training curve per epoch: `what` is "loss" or "misclassified"; the validation curve
    (dashed) is drawn too when the history has one."""
    ax = axes_or_new(ax)
    epochs = np.arange(1, history.epochs + 1)
    ax.plot(epochs, getattr(history, what), label=label, color=COLORS["blue"])
    validation = getattr(history, "val_" + what)
    if validation:
        ax.plot(epochs, validation, "--", label="validation", color=COLORS["orange"])
    ax.set_xlabel("epoch")
    ax.set_ylabel({"loss": "error E (summed over tuples)", "misclassified": "fraction misclassified"}[what])
    ax.set_title(title or f"{what.capitalize()} per epoch")
    ax.legend()
    return ax
