"""Figures for the course: one shared style, colour-blind-safe colours (Okabe & Ito), and a
second cue (marker, line style, sign) wherever colour carries meaning.

Plots never train: they draw networks, traces and histories that the algorithm produced.
Every function takes an optional matplotlib `ax` and returns the Axes it drew on. One module
per kind of figure; everything is used as `plots.<name>`.
"""

from ._data import output_on_grid, plot_decision_boundary, plot_history, plot_points
from ._gradients import plot_error_curves, plot_gradient_norms, series_style
from ._graph import draw_graph
from ._images import plot_confusion_matrix, plot_images, plot_weight_images
from ._network import draw_network, redraw_network, restyle_edges
from ._style import CLASS_COLORS, CLASS_MARKERS, COLORS, CYCLE, PROBABILITY_CMAP, legend_below, point_style, use_style
from ._unfolded import draw_elman, draw_unfolded, plot_sequence

__all__ = [
    "COLORS", "CYCLE", "CLASS_COLORS", "CLASS_MARKERS", "PROBABILITY_CMAP", "point_style", "use_style",
    "legend_below", "plot_points", "plot_decision_boundary", "output_on_grid", "plot_history",
    "draw_network", "redraw_network", "restyle_edges",
    "plot_confusion_matrix", "plot_images", "plot_weight_images",
    "plot_gradient_norms", "plot_error_curves", "series_style",
    "draw_graph",
    "draw_elman", "draw_unfolded", "plot_sequence",
]
