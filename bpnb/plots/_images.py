"""Images and tables of counts: digits, weight images, the confusion matrix."""


import matplotlib.pyplot as plt
import numpy as np

from ._style import axes_or_new


def plot_confusion_matrix(y_true, y_pred, labels, ax=None, title=None):
    """Counts of (true class, predicted class), each cell labelled with its count.
    y_true, y_pred: (n,) class labels 0 .. len(labels) - 1."""
    ax = axes_or_new(ax)
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


def plot_weight_images(images, titles=None, ncols=8, cmap="PuOr", suptitle=None, colorbar_label="weight",
                       vmax=None):
    """Signed images in a grid, all on one diverging colour scale centred at 0, with a shared
    colorbar: for example each hidden unit's incoming weights w_ij reshaped like its input image.

    Parameters
    ----------
    images : (k, h, w) array of numbers of either sign.
    titles : optional list of k strings, one above each image.
    ncols : images per row.
    cmap : a diverging colour-blind-safe colormap; with "PuOr" purple is > 0, orange < 0
        and white is 0.
    suptitle : optional title of the whole figure.
    colorbar_label : the label of the shared colorbar.
    vmax : the scale runs from -vmax to +vmax (default: the largest |value| in all the
        images); values beyond it get the end colours and the colorbar shows arrows.

    Returns
    -------
    The Figure. White means 0 and equal colours mean equal values in every image. All the
    images are drawn on one Axes, which is much faster than one Axes per image.
    """
    images = np.asarray(images, dtype=float)
    k, h, w = images.shape
    nrows = int(np.ceil(k / ncols))
    largest = float(np.abs(images).max()) or 1.0
    m = largest if vmax is None else float(vmax)
    gap_x, gap_y = 1.0, 2.6 if titles is not None else 1.0  # room between tiles, for the titles
    fig, ax = plt.subplots(figsize=(1.0 * ncols + 1.4, 1.15 * nrows + 0.5))
    shown = None
    for n in range(k):
        x0, y0 = (n % ncols) * (w + gap_x), (n // ncols) * (h + gap_y) + (gap_y - 1.0)
        shown = ax.imshow(images[n], cmap=cmap, vmin=-m, vmax=m, extent=(x0, x0 + w, y0 + h, y0),
                          interpolation="nearest")
        ax.add_patch(plt.Rectangle((x0, y0), w, h, fill=False, edgecolor="0.6", linewidth=0.6))
        if titles is not None:
            ax.text(x0 + w / 2, y0 - 0.3, titles[n], ha="center", va="bottom", fontsize=8)
    ax.set_xlim(-0.5, ncols * (w + gap_x) - gap_x + 0.5)
    ax.set_ylim(nrows * (h + gap_y) - 0.5, -0.5)
    ax.set_aspect("equal")
    ax.axis("off")
    fig.colorbar(shown, ax=ax, shrink=0.8, label=colorbar_label, extend="both" if m < largest else "neither")
    if suptitle:
        ax.set_title(suptitle)
    return fig
