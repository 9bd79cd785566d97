"""The course's one figure style: colour-blind-safe colours (Okabe & Ito), a marker for
every class, legends off the data."""


import matplotlib.pyplot as plt
from matplotlib import patheffects
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.transforms import ScaledTranslation

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
# The boxes a network diagram writes on: white under a weight or bias, grey under a unit's values.
LABEL_BOX = dict(boxstyle="round,pad=0.18", fc="white", ec="none", alpha=0.92)
VALUE_BOX = dict(boxstyle="round,pad=0.25", fc="#f4f4f4", ec="#999999", lw=0.6)


def point_style(k: int, hollow: bool = False) -> dict:
    """How a point of class k is drawn (keywords of `scatter`): the class's colour and marker,
    with an outline that shows on shading of any colour, its own included. Filled: a black
    edge in a white ring. Hollow: white inside, a thick edge of the class's colour, outlined
    in black."""
    marker, color = CLASS_MARKERS[k % len(CLASS_MARKERS)], CYCLE[k % len(CYCLE)]
    if hollow:
        return dict(marker=marker, s=34, facecolor="white", edgecolor=color, linewidth=1.8, zorder=3,
                    path_effects=[patheffects.withStroke(linewidth=3.0, foreground="black")])
    return dict(marker=marker, s=44, color=color, edgecolor="black", linewidth=1.0, zorder=3,
                path_effects=[patheffects.withStroke(linewidth=2.6, foreground="white")])


def use_style() -> None:
    """Set the course's matplotlib style: sizes, grid and the colour cycle."""
    plt.rcParams.update({
        "figure.figsize": (6.4, 4.2), "figure.dpi": 100, "savefig.dpi": 100,
        "axes.grid": True, "grid.alpha": 0.3, "axes.spines.top": False, "axes.spines.right": False,
        "axes.titlesize": 12, "axes.labelsize": 11, "legend.frameon": False,
        "axes.prop_cycle": plt.cycler(color=CYCLE),
    })


def axes_or_new(ax):
    return plt.subplots()[1] if ax is None else ax


def legend_below(ax, handles=None, fontsize=9, **kwargs):
    """The legend of `ax` under its x-axis label, off the data, in one row unless `ncol` says
    otherwise. handles: the artists to name (default: every labelled one). Returns the Legend."""
    under_label = ScaledTranslation(0, -38 / 72, ax.figure.dpi_scale_trans)  # 38 points: ticks and label
    if handles is None:
        handles = ax.get_legend_handles_labels()[0]
    kwargs.setdefault("ncol", len(handles))
    return ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0),
                     bbox_transform=ax.transAxes + under_label, fontsize=fontsize,
                     handletextpad=0.3, columnspacing=1.2, borderaxespad=0.0, **kwargs)
