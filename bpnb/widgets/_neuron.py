"""The neuron explorer: sliders for the two weights and the bias of one sigmoid neuron, and
what they do to its logistic curve, its decision line and its outputs on {0, 1}^2.

Left out: training (see `lr_explorer`), more than two inputs, and other activations.
"""

import functools

import ipywidgets as widgets
import numpy as np
from matplotlib import patheffects
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from .. import _validate as v
from .. import plots
from ..activations import sigmoid
from ..notation import BOOLEAN_INPUTS, TRUTH_TABLES
from ._explorer import _BlittedExplorer, _finite_only, _fixed, _fmt

_INPUTS = np.array(BOOLEAN_INPUTS, dtype=float)
_POINT_SETS = TRUTH_TABLES


class NeuronExplorer(_BlittedExplorer):
    """Two weights and a bias of one sigmoid neuron; see `neuron_explorer`."""

    _figsize = (9.6, 3.9)

    def __init__(self, w1: float, w2: float, theta: float, points: str) -> None:
        super().__init__()
        w1, w2, theta = (v.check_real(x, name) for x, name in ((w1, "w1"), (w2, "w2"), (theta, "theta")))
        v.check_choice(points, "points", tuple(_POINT_SETS))

        def slider(value, description):
            # -6 to 6, widened when a starting value lies outside
            low, high = min(-6.0, np.floor(value)), max(6.0, np.ceil(value))
            return widgets.FloatSlider(value=value, min=low, max=high, step=0.1, description=description,
                                       readout_format=".2f", continuous_update=True,
                                       layout=widgets.Layout(width="330px"))

        self.controls = {
            "w1": slider(w1, "w₁"),
            "w2": slider(w2, "w₂"),
            "theta": slider(theta, "θ (bias)"),
            "points": widgets.Dropdown(options=[(f"{k.upper()} targets", k) for k in _POINT_SETS], value=points,
                                       description="points", layout=widgets.Layout(width="230px")),
        }
        self.table = widgets.HTML()
        for control in self.controls.values():
            control.observe(_finite_only(self._on_change), names="value")
        self.widget = widgets.VBox([
            widgets.HBox([widgets.VBox([self.controls["w1"], self.controls["w2"], self.controls["theta"]]),
                          widgets.VBox([self.controls["points"], self.table])]),
            self.image, self.caption,
        ])
        self.widget.add_class("bpnb-neuron-explorer")
        self._refresh()

    # the numbers ---------------------------------------------------------------------

    @property
    def weights(self) -> tuple:
        """(w1, w2, theta) as the sliders set them."""
        return self.controls["w1"].value, self.controls["w2"].value, self.controls["theta"].value

    @property
    def targets(self) -> np.ndarray:
        """The four points' targets, (4,) of 0 and 1, in the order of the inputs (0, 0), (0, 1), (1, 0), (1, 1)."""
        return np.array(_POINT_SETS[self.controls["points"].value])

    def outputs(self):
        """I and O of the four points, each (4,)."""
        return _answer(*self.weights)[:2]

    @property
    def state(self) -> dict:
        """Every setting as plain values: `neuron_explorer(**state)` opens the same view."""
        w1, w2, theta = self.weights
        return {"w1": round(w1, 6) + 0.0, "w2": round(w2, 6) + 0.0, "theta": round(theta, 6) + 0.0,
                "points": self.controls["points"].value}

    def __repr__(self) -> str:
        s = self.state
        return f"Neuron explorer: w1={s['w1']!r}, w2={s['w2']!r}, theta={s['theta']!r}, points={s['points']!r}"

    # the figure ----------------------------------------------------------------------

    def _build(self, fig: Figure) -> dict:
        """The artists, made once; `_update` then sets their data."""
        curve_ax, plane_ax = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.15, 1]})
        a = {"curve_ax": curve_ax, "plane_ax": plane_ax}
        grid = np.linspace(-10, 10, 401)
        curve_ax.plot(grid, sigmoid(grid), color="black", lw=1.5, label="O = 1 / (1 + e^(−I))")
        curve_ax.axhline(0.5, color="#777777", lw=0.9, ls="--")
        curve_ax.axvline(0.0, color="#777777", lw=0.9, ls=":")
        curve_ax.text(0.02, 0.52, "O = 0.5", transform=curve_ax.get_yaxis_transform(), fontsize=8, color="#555555")
        curve_ax.set_xlabel("net input I = w₁x₁ + w₂x₂ + θ")
        curve_ax.set_ylabel("output O")
        curve_ax.set_ylim(-0.05, 1.1)
        curve_ax.set_title("The logistic curve, each point at its I and O", fontsize=11)

        side = np.linspace(-0.5, 1.5, 81)
        a["grid"] = np.meshgrid(side, side)
        a["shade"] = plane_ax.imshow(np.zeros((81, 81)), extent=(-0.5, 1.5, -0.5, 1.5), origin="lower",
                                     cmap=plots.PROBABILITY_CMAP, vmin=0, vmax=1, alpha=0.55, interpolation="bilinear")
        (a["line"],) = plane_ax.plot([], [], color="black", lw=2, label="decision line (O = 0.5)")
        a["above"] = plane_ax.text(0, 0, "O > 0.5 (class 1)", fontsize=8, ha="center", va="center",
                                   fontweight="bold", rotation_mode="anchor", clip_on=True)
        a["below"] = plane_ax.text(0, 0, "O < 0.5 (class 0)", fontsize=8, ha="center", va="center",
                                   rotation_mode="anchor", clip_on=True)
        plane_ax.set_xlim(-0.5, 1.5)
        plane_ax.set_ylim(-0.5, 1.5)
        plane_ax.set_aspect("equal")
        plane_ax.set_xlabel("x₁")
        plane_ax.set_ylabel("x₂")
        plane_ax.grid(False)
        plane_ax.set_title("The inputs, and the decision line", fontsize=11)

        a["curve_points"], a["plane_points"], a["labels"] = [], [], []
        for k in range(len(_INPUTS)):
            style = dict(ls="", markersize=9, markeredgecolor="black", markeredgewidth=1.0, zorder=4,
                         path_effects=[patheffects.withStroke(linewidth=2.6, foreground="white")])
            a["curve_points"].append(curve_ax.plot([], [], **style)[0])
            a["plane_points"].append(plane_ax.plot(*_INPUTS[k, :, None], **style)[0])
            a["labels"].append(curve_ax.annotate("", (0, 0.5), xytext=(9, -3), textcoords="offset points",
                                                 fontsize=8, va="top"))
        handles = [Line2D([], [], ls="", marker=plots.CLASS_MARKERS[c], markersize=8, markeredgecolor="black",
                          color=plots.CLASS_COLORS[c], label=f"target {c}") for c in (0, 1)]
        plane_ax.legend(handles=handles + [a["line"]], loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=8.5)
        curve_ax.legend(handles=handles, loc="upper left", fontsize=8.5)
        fig.subplots_adjust(left=0.07, right=0.80, bottom=0.15, top=0.90, wspace=0.28)
        a["moving"] = [a["shade"], *plane_ax.spines.values(), a["line"], a["above"], a["below"],
                       *a["plane_points"], *a["curve_points"], *a["labels"]]
        return a

    def _update(self, a: dict) -> None:
        w1, w2, theta = self.weights
        I, O, ends = _answer(w1, w2, theta)
        T = self.targets
        for k in range(len(_INPUTS)):
            for line in (a["curve_points"][k], a["plane_points"][k]):
                line.set_marker(plots.CLASS_MARKERS[T[k]])
                line.set_color(plots.CLASS_COLORS[T[k]])
            a["curve_points"][k].set_data([I[k]], [O[k]])
            # Points with the same net input share one label, e.g. "(0, 1), (1, 0)".
            same = [m for m in range(len(_INPUTS)) if np.isclose(I[m], I[k])]
            label = a["labels"][k]
            label.xy = (I[k], O[k])
            label.set_text(", ".join(f"({_INPUTS[m, 0]:g}, {_INPUTS[m, 1]:g})" for m in same))
            label.set_visible(same[0] == k)
        reach = 6.0 * np.ceil((float(np.abs(I).max()) + 1.0) / 6.0)  # in steps, so it seldom changes
        a["curve_ax"].set_xlim(-reach, reach)

        gx, gy = a["grid"]
        a["shade"].set_data(sigmoid(w1 * gx + w2 * gy + theta))
        a["line"].set_data(*(np.array(ends).T if ends else ([], [])))
        for text in (a["above"], a["below"]):
            text.set_visible(ends is not None)
        if ends is not None:
            # The two sides' names written along the line, near one end (clear of the points).
            start, end = np.array(ends)
            unit = np.array([w1, w2]) / np.hypot(w1, w2)
            angle = np.degrees(np.arctan2(end[1] - start[1], end[0] - start[0]))
            angle = angle - 180 if angle > 90 else angle + 180 if angle < -90 else angle
            # Along the line, where the labels keep farthest from the four points.
            candidates = start + np.linspace(0.3, 0.7, 9)[:, None] * (end - start)
            clearance = [min(np.linalg.norm(_INPUTS - (c + side * 0.1 * unit), axis=1).min() for side in (1, -1))
                         for c in candidates]
            anchor = candidates[int(np.argmax(clearance))]
            for text, sign in ((a["above"], 1), (a["below"], -1)):
                text.set_position(anchor + sign * 0.1 * unit)
                text.set_rotation(angle)
        self.table.value = self._table_html(I, O, T)

    def _still_keys(self) -> dict:
        return {self._artists["curve_ax"]: self._artists["curve_ax"].get_xlim()}

    def _on_change(self, change) -> None:
        self._refresh()

    def _table_html(self, I, O, T) -> str:
        rows = "".join(
            f"<tr><td>({x[0]:g}, {x[1]:g})</td><td>{t}</td><td>{_fixed(i, 2)}</td><td>{_fixed(o, 3)}</td>"
            f"<td>{int(o >= 0.5)}</td><td>{'yes' if int(o >= 0.5) == t else '<b>no</b>'}</td></tr>"
            for x, t, i, o in zip(_INPUTS, T, I, O)
        )
        return (
            "<style>.bpnb-outputs td, .bpnb-outputs th {padding: 1px 9px; text-align: right}</style>"
            '<table class="bpnb-outputs" style="border-collapse:collapse;font-size:0.9em">'
            "<caption>Outputs of the neuron</caption>"
            "<thead><tr><th>(x₁, x₂)</th><th>target</th><th>I</th><th>O</th><th>class (O ≥ 0.5)</th>"
            f"<th>right?</th></tr></thead><tbody>{rows}</tbody></table>"
        )

    @property
    def description(self) -> str:
        """What the figure shows, in words (also written under it, for screen readers)."""
        w1, w2, theta = self.weights
        I, O, ends = _answer(w1, w2, theta)
        T = self.targets
        right = int(np.sum((O >= 0.5) == T))
        points = "; ".join(f"({x[0]:g}, {x[1]:g}) has I = {_fixed(i, 2)}, O = {_fixed(o, 3)}"
                           for x, i, o in zip(_INPUTS, I, O))
        if ends is None:
            line = "no decision line crosses the square: the output is on one side of 0.5 everywhere."
        else:
            (xa, ya), (xb, yb) = ends
            line = (f"the decision line {_fmt(w1)} x1 + {_fmt(w2)} x2 + {_fmt(theta)} = 0 runs from "
                    f"({_fixed(xa, 2)}, {_fixed(ya, 2)}) to ({_fixed(xb, 2)}, {_fixed(yb, 2)}); "
                    f"the shading is orange where O > 0.5 and blue where O < 0.5.")
        return (f"Left: the logistic curve of the net input, with the four input points on it: {points}. "
                f"Right: the four points in the input plane, target 1 as orange triangles, target 0 as blue "
                f"circles; {line} {right} of 4 points are classified as their target ({self.state['points']}).")


@functools.lru_cache(maxsize=4)
def _answer(w1: float, w2: float, theta: float) -> tuple:
    """What the figure and its description show for these weights, computed once for both:
    I and O of the four points, each (4,), and the ends of the decision line in the square
    shown, [-0.5, 1.5]^2 (or None)."""
    I = _INPUTS @ np.array([w1, w2]) + theta
    return I, sigmoid(I), _line_in_square(w1, w2, theta, -0.5, 1.5)


def _line_in_square(w1: float, w2: float, theta: float, low: float, high: float):
    """The two ends of the line w1 x1 + w2 x2 + theta = 0 inside [low, high]^2, or None."""
    ends = []
    for x in (low, high):  # crossings with the left and right sides
        if w2 != 0:
            y = -(w1 * x + theta) / w2
            if low <= y <= high:
                ends.append((x, y))
    for y in (low, high):  # crossings with the bottom and top
        if w1 != 0:
            x = -(w2 * y + theta) / w1
            if low < x < high:
                ends.append((x, y))
    ends = sorted(set(ends))
    return (ends[0], ends[-1]) if len(ends) >= 2 and ends[0] != ends[-1] else None


def neuron_explorer(w1: float = 1.0, w2: float = 1.0, theta: float = -1.5, points: str = "and") -> NeuronExplorer:
    """Sliders for the weights w1, w2 and bias theta of a sigmoid neuron with two inputs.

    Shows the logistic curve O = 1 / (1 + exp(-I)) with the four points (x1, x2) in {0, 1}^2
    at their net inputs I = w1 x1 + w2 x2 + theta, the decision line w1 x1 + w2 x2 + theta = 0
    in the input plane, and a table of every point's I and O.

    Parameters
    ----------
    w1, w2, theta : the starting weights and bias (numbers).
    points : whose targets the four points carry: "and", "or", "nand" or "xor".

    Returns
    -------
    NeuronExplorer
        Show it by making it a cell's last expression; `.state` holds its settings.
    """
    return NeuronExplorer(w1, w2, theta, points)
