"""Figures for the course: one shared style, colour-blind-safe colours (Okabe & Ito), and a
second cue (marker, line style, sign) wherever colour carries meaning.

Plots never train: they draw networks, traces and histories that the algorithm produced.
Every function takes an optional matplotlib `ax` and returns the Axes it drew on.
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import LinearSegmentedColormap

# The Okabe-Ito palette, distinguishable with every common colour-vision deficiency.
COLORS = {
    "blue": "#0072B2", "orange": "#E69F00", "green": "#009E73", "vermillion": "#D55E00",
    "sky": "#56B4E9", "purple": "#CC79A7", "yellow": "#F0E442", "black": "#000000",
}
CYCLE = [COLORS[c] for c in ("blue", "orange", "green", "vermillion", "purple", "sky", "black")]
CLASS_COLORS = [COLORS["blue"], COLORS["orange"]]
CLASS_MARKERS = ["o", "^", "s", "D", "v", "P", "X", "*", "h", "<"]
# From class 0 (blue) through white (undecided, O = 0.5) to class 1 (orange).
PROBABILITY_CMAP = LinearSegmentedColormap.from_list("bpnb_probability", [COLORS["blue"], "#ffffff", COLORS["orange"]])


def use_style() -> None:
    """Set the course's matplotlib style: sizes, grid and the colour cycle."""
    plt.rcParams.update({
        "figure.figsize": (6.4, 4.2), "figure.dpi": 100, "savefig.dpi": 100,
        "axes.grid": True, "grid.alpha": 0.3, "axes.spines.top": False, "axes.spines.right": False,
        "axes.titlesize": 12, "axes.labelsize": 11, "legend.frameon": False,
        "axes.prop_cycle": plt.cycler(color=CYCLE),
    })


def _axes(ax):
    return plt.subplots()[1] if ax is None else ax


def plot_points(X, y, ax=None, target_names=None):
    """A scatter of 2-D points, each class with its own colour and marker. X: (n, 2); y: (n,)."""
    ax = _axes(ax)
    y = np.asarray(y).astype(int)
    for k in np.unique(y):
        name = target_names[k] if target_names is not None else f"class {k}"
        ax.scatter(*X[y == k].T, s=28, marker=CLASS_MARKERS[k % len(CLASS_MARKERS)],
                   color=CYCLE[k % len(CYCLE)], edgecolor="black", linewidth=0.5, label=name, zorder=3)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.legend(loc="best")
    return ax


def plot_decision_boundary(net, X, y, ax=None, title=None, target_names=None, resolution=150, margin=0.25):
    """The network's output over the plane as shading, its O = 0.5 boundary as a black line,
    and the data on top. net: a network with 2 inputs and 1 output; X: (n, 2); y: (n,)."""
    ax = _axes(ax)
    (x_lo, y_lo), (x_hi, y_hi) = X.min(axis=0) - margin, X.max(axis=0) + margin
    gx, gy = np.meshgrid(np.linspace(x_lo, x_hi, resolution), np.linspace(y_lo, y_hi, resolution))
    O = net.predict_proba(np.c_[gx.ravel(), gy.ravel()])[:, 0].reshape(gx.shape)
    ax.contourf(gx, gy, O, levels=np.linspace(0, 1, 11), cmap=PROBABILITY_CMAP, alpha=0.8)
    if O.min() < 0.5 < O.max():
        ax.contour(gx, gy, O, levels=[0.5], colors="black", linewidths=1.5)
    plot_points(X, y, ax, target_names)
    ax.set_xlim(x_lo, x_hi)
    ax.set_ylim(y_lo, y_hi)
    ax.grid(False)
    ax.set_title(title or "Decision boundary (black line: output 0.5)")
    return ax


def plot_history(history, ax=None, what="loss", title=None, label="training"):
    """A training curve per epoch: `what` is "loss" or "misclassified"; the validation curve
    (dashed) is drawn too when the history has one."""
    ax = _axes(ax)
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


def draw_network(net, ax=None, trace=None, highlight=None, show_weights=True, title=None):
    """The network as the textbook draws it: units numbered 1, 2, ... from the input layer,
    every weight on its edge.

    Edges: thickness grows with |w|; positive weights are solid blue, negative ones dashed
    vermillion. With a `trace` (from `train_case`), each unit shows its I, O and Err.
    highlight: a unit number j (or a list of them) drawn in yellow.
    """
    ax = _axes(ax)
    sizes = net.layer_sizes
    highlight = set(np.atleast_1d(highlight).tolist()) if highlight is not None else set()
    pos, j = {}, 1  # unit number -> (x, y): layers 2.5 apart, units 1.4 apart, centred
    for layer, n in enumerate(sizes):
        for a in range(n):
            pos[j] = (2.5 * layer, 1.4 * ((n - 1) / 2 - a))
            j += 1
    numbers = np.split(np.arange(1, j), np.cumsum(sizes)[:-1])
    largest = max(np.abs(W).max() for W in net.weights) or 1.0
    for layer, W in enumerate(net.weights):
        for a, i in enumerate(numbers[layer]):
            for b, k in enumerate(numbers[layer + 1]):
                w = W[a, b]
                (x0, y0), (x1, y1) = pos[i], pos[k]
                ax.plot([x0, x1], [y0, y1], linestyle="-" if w >= 0 else "--",
                        color=COLORS["blue"] if w >= 0 else COLORS["vermillion"],
                        linewidth=0.5 + 3.5 * abs(w) / largest, zorder=1)
                if show_weights:  # labels staggered along the edges so that they do not collide
                    t = 0.25 + 0.5 * (b + 0.5) / len(numbers[layer + 1])
                    ax.text(x0 + t * (x1 - x0), y0 + t * (y1 - y0), f"{w:+.3f}", fontsize=8, ha="center",
                            va="center", bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.9),
                            zorder=2)
    for layer, column in enumerate(numbers):
        for a, k in enumerate(column):
            x_, y_ = pos[k]
            face = COLORS["yellow"] if k in highlight else "white"
            ax.add_patch(plt.Circle((x_, y_), 0.28, facecolor=face, edgecolor="black", linewidth=1.2, zorder=3))
            ax.text(x_, y_, str(k), ha="center", va="center", fontsize=11, fontweight="bold", zorder=4)
            if trace is not None:
                lines = [f"O={trace.outputs[layer][a]:.3f}"]
                if layer > 0:
                    lines = [f"I={trace.net_inputs[layer - 1][a]:.3f}"] + lines
                    lines.append(f"Err={trace.errors[layer - 1][a]:.4f}")
                ax.text(x_, y_ - 0.34, "\n".join(lines), ha="center", va="top", fontsize=8, zorder=4)
            elif layer > 0:
                ax.text(x_ + 0.32, y_ + 0.2, f"θ={net.biases[layer - 1][a]:+.3f}", fontsize=8, zorder=4)
    ax.set_xlim(-0.6, 2.5 * (len(sizes) - 1) + 1.0)
    top = max(abs(p[1]) for p in pos.values()) + 0.5
    ax.set_ylim(-top - (0.7 if trace is not None else 0), top)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(title or "Network: solid blue w > 0, dashed vermillion w < 0, width ~ |w|")
    return ax


def plot_confusion_matrix(y_true, y_pred, labels, ax=None, title=None):
    """Counts of (true class, predicted class), each cell labelled with its count.
    y_true, y_pred: (n,) class labels 0 .. len(labels) - 1."""
    ax = _axes(ax)
    k = len(labels)
    counts = np.zeros((k, k), dtype=int)
    np.add.at(counts, (np.asarray(y_true, int), np.asarray(y_pred, int)), 1)
    ax.imshow(counts, cmap="Blues")
    for (i, j), c in np.ndenumerate(counts):
        ax.text(j, i, str(c), ha="center", va="center", color="white" if c > counts.max() / 2 else "black")
    ax.set_xticks(range(k), labels)
    ax.set_yticks(range(k), labels)
    ax.set_xlabel("predicted class")
    ax.set_ylabel("true class")
    ax.grid(False)
    ax.set_title(title or "Confusion matrix (rows: truth, columns: prediction)")
    return ax


def plot_images(images, titles=None, ncols=10, cmap="gray_r", suptitle=None):
    """Small images in a grid. images: (k, h, w). Returns the Figure."""
    images = np.asarray(images)
    nrows = int(np.ceil(len(images) / ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(1.1 * ncols, 1.3 * nrows), squeeze=False)
    for ax, k in zip(axes.ravel(), range(nrows * ncols)):
        ax.axis("off")
        if k < len(images):
            ax.imshow(images[k], cmap=cmap)
            if titles is not None:
                ax.set_title(titles[k], fontsize=9)
    if suptitle:
        fig.suptitle(suptitle)
    fig.tight_layout()
    return fig
