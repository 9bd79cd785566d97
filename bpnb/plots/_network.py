"""Network diagrams: every unit numbered from the inputs, every weight on its edge, the
values of one update (a `Trace`) written next to the units."""

from dataclasses import dataclass
from numbers import Real

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.lines import Line2D

from ..notation import MINUS, fixed, number, subscript, unit_numbers
from ._style import COLORS, LABEL_BOX, VALUE_BOX


def _edge_style(w: float, largest: float) -> dict:
    """How `draw_network` draws an edge of weight `w` when the largest |w| is `largest`:
    solid blue if w >= 0, dashed vermillion if w < 0, thicker with |w|."""
    return {"linestyle": (0, (1.0, 0.0)) if w >= 0 else (0, (3.0, 1.6)),
            "color": COLORS["blue"] if w >= 0 else COLORS["vermillion"],
            "linewidth": 0.6 + 4.0 * abs(w) / largest}


def restyle_edges(edges: dict, weights) -> None:
    """Give the edges that `draw_network` drew (its `artists["edges"]`, (i, j) -> Line2D) the
    style of new weights, as `draw_network` would draw them. weights: weights[k] (n_k, n_{k+1})."""
    sizes = [W.shape[0] for W in weights] + [weights[-1].shape[1]]
    numbers = unit_numbers(sizes)
    largest = max(np.abs(W).max() for W in weights) or 1.0
    for layer, W in enumerate(weights):
        for a, i in enumerate(numbers[layer]):
            for b, j in enumerate(numbers[layer + 1]):
                edges[i, j].set(**_edge_style(W[a, b], largest))


_NETWORK_TITLE = "The network: every weight on its edge, units numbered from the inputs"


def draw_network(net, ax=None, trace=None, highlight=None, show_weights=True, title=None, *,
                 show_biases=None, show_errors=True, show_updates=False, input_names=None, legend=True,
                 decimals=3, artists=None):
    """The network as the textbook draws it: inputs on the left, units numbered 1, 2, ...
    from the input layer, every weight written on its edge and every bias θ_j above its unit.

    Edges: thickness grows with |w|; positive weights are solid blue, negative ones dashed
    vermillion (colour and line style both tell the sign). Each weight is written on a white
    box along its own edge, turned with it, nearer the edge's start where it is clear of the
    other labels and edges.

    Parameters
    ----------
    net : a Network; its weights[k] (n_k, n_{k+1}) and biases[k] (n_{k+1},) are drawn.
    ax : the Axes to draw on (None: a new figure sized to the network).
    trace : a Trace from `train_case`. Each unit then shows its net input I, output O and
        error term Err (input units: their value x), the output unit its target T, and the
        edges show the weights the trace used (`trace.weights_before`), so the picture
        matches the numbers even after `train_case` has changed `net`.
    highlight : a unit number j, or a list of them: drawn in yellow, and the edges that
        touch them drawn on top at full strength while the others fade.
    show_weights : write each weight's value on its edge.
    title : the title (None: a default that explains the edge code).
    show_biases : write θ_j above each non-input unit (None: when show_weights is True).
    show_errors : with a trace, write Err_j under the unit too (False: the forward pass only).
    show_updates : with a trace, write "old → new" on every edge and for every bias
        (the update l Err_j O_i of the step the trace recorded).
    input_names : names of the input units, e.g. ["x1", "x2"] (default x1, x2, ...).
    legend : draw a small legend of the edge code.
    decimals : decimals of the weights, biases, I and O written on the figure (Err gets one more).
    artists : a dict to fill with what was drawn, for changing it in place (as
        `redraw_network` does): "edges" maps (i, j) to the edge's Line2D, "units" j to its
        Circle, "numbers" j to its Text, "weights" (i, j) to the Text of its weight, "biases"
        and "values" j to the Texts of its bias and of its values from the trace, "outputs"
        j to the Text right of output unit j (when written).

    Returns
    -------
    The matplotlib Axes.
    """
    show_biases = show_weights if show_biases is None else show_biases
    written = _written(net, trace, show_weights, show_biases, show_errors, show_updates, decimals)
    grid = _Grid.of(net.layer_sizes, trace is not None, written.show_updates)
    if ax is None:
        ax = plt.subplots(figsize=grid.figsize(legend))[1]
    drawn = _draw_network_parts(ax, grid, written, input_names, legend)
    drawn["options"] = dict(show_weights=show_weights, show_biases=show_biases, decimals=decimals,
                            input_names=input_names, legend=legend)
    _show_network_values(ax, drawn, written, highlight, title)
    if artists is not None:
        artists.update(drawn)
    return ax


def redraw_network(artists: dict, net, trace=None, highlight=None, title=None, *, show_errors=True,
                   show_updates=False) -> bool:
    """Show other values on a diagram that `draw_network` drew, by changing its artists in
    place (quicker than drawing anew): the picture `draw_network` draws with these arguments
    and the drawing's other options.

    artists: the dict that `draw_network` filled. Returns False, changing nothing, when the
    picture would be laid out differently (another shape of network, labels that need other
    room): then draw it anew.
    """
    options = artists["options"]
    written = _written(net, trace, options["show_weights"], options["show_biases"], show_errors, show_updates,
                       options["decimals"])
    ax = next(iter(artists["units"].values())).axes
    grid = _Grid.of(net.layer_sizes, trace is not None, written.show_updates)
    if _layout_key(ax, grid, written, options["input_names"], options["legend"]) != artists["layout"]:
        return False
    _show_network_values(ax, artists, written, highlight, title)
    return True


@dataclass(frozen=True)
class _Written:
    """What a network diagram writes, and the weights its edges show.

    edge_weights: W of each layer, (n_k, n_{k+1}). weights: (i, j) -> (text, room) of the
    weight on edge (i, j); biases, values: j -> (text, room) of unit j's bias and values;
    outputs: j -> the label right of output unit j. room: the (width, height) in points kept
    for the text, that of the longest it may get (a "?" not computed yet takes its value's).
    """

    edge_weights: list
    weights: dict
    biases: dict
    values: dict
    outputs: dict
    show_updates: bool
    weight_fontsize: float


def _written(net, trace, show_weights, show_biases, show_errors, show_updates, decimals) -> _Written:
    """Everything a diagram writes, for `draw_network`'s arguments."""
    numbers = unit_numbers(net.layer_sizes)
    if trace is not None:
        W_old, theta_old = trace.weights_before, trace.biases_before
        W_new, theta_new = trace.weights_after, trace.biases_after
    else:
        W_old, theta_old = net.weights, net.biases
        W_new, theta_new = W_old, theta_old
    show_updates = bool(show_updates and trace is not None)
    fontsize = 8 if show_updates else 8.5
    f = lambda value: _written_number(value, decimals, sign=True)
    weights, biases, values, outputs = {}, {}, {}, {}
    for layer, W in enumerate(W_old if show_weights else []):
        for a, i in enumerate(numbers[layer]):
            for b, k in enumerate(numbers[layer + 1]):
                w = W[a, b]
                text = f(w) if not show_updates else f"{f(w)} → {f(W_new[layer][a, b])}"
                longest = f(w) if not show_updates else f"{f(w)} → {f(w)}"  # the same place once revealed
                weights[i, k] = (text, _text_size(longest, fontsize, pad=0.18))
    for layer, column in enumerate(numbers):
        for a, k in enumerate(column):
            if layer > 0 and show_biases:
                theta = theta_old[layer - 1][a]
                text = f"θ{subscript(k)} = {f(theta)}"
                if show_updates:
                    text = f"θ{subscript(k)}: {f(theta)} → {f(theta_new[layer - 1][a])}"
                longest = f"θ{subscript(k)}: {f(theta)} → {f(theta)}" if show_updates else text  # a "?" no shorter
                biases[k] = (text, _text_size(longest, 8.5, pad=0.18))
            if trace is not None:
                lines, longest = _value_lines(trace, layer, a, k, show_errors, decimals)
                values[k] = ("\n".join(lines), _text_size("\n".join(longest), 8.5, pad=0.25, mono=True))
            if layer == len(numbers) - 1:
                outputs[k] = f"$O_{{{k}}}$" + (f"\n$T_{{{k}}} = {number(trace.t[a])}$" if trace is not None else "")
    return _Written(W_old, weights, biases, values, outputs, show_updates, fontsize)


def _value_lines(trace, layer: int, a: int, k: int, show_errors: bool, decimals: int) -> tuple:
    """The lines written under unit k, the a-th of `layer`, from a trace; and lines as long
    as the longest they may get."""
    if layer == 0:
        lines = [f"O{subscript(k)} = {number(trace.outputs[0][a])}"]  # the input as the stepper's formulas write it
        return lines, lines
    I, O = trace.net_inputs[layer - 1][a], trace.outputs[layer][a]
    lines = [f"I{subscript(k)} = {_written_number(I, decimals, sign=True)}",
             f"O{subscript(k)} = {_written_number(O, decimals)}"]
    # as wide as a value, so that a "?" takes the same room
    longest = [f"I{subscript(k)} = {_written_number(0, decimals, sign=True)}",
               f"O{subscript(k)} = {_written_number(0, decimals)}"]
    if show_errors:
        lines.append(f"Err{subscript(k)} = {_written_number(trace.errors[layer - 1][a], decimals + 1, sign=True)}")
        longest.append(f"Err{subscript(k)} = {_written_number(0, decimals + 1, sign=True)}")
    return lines, longest


def _written_number(value, decimals: int, sign: bool = False) -> str:
    """`value` at `decimals` places with a real minus sign, and with a plus sign too when
    `sign`: −0.400, +0.200. Anything else (a value not computed yet) as it formats itself."""
    if not isinstance(value, Real):
        return format(value)
    text = fixed(value, decimals)
    return f"+{text}" if sign and not text.startswith(MINUS) else text


@dataclass(frozen=True)
class _Grid:
    """Where a diagram's units go: unit number j at pos[j] = (x, y), a circle of `radius`;
    layers dx apart and units dy apart, centred; the axes show xlim by ylim."""

    sizes: tuple
    with_values: bool
    pos: dict
    dx: float
    dy: float
    radius: float
    xlim: tuple
    ylim: tuple

    @classmethod
    def of(cls, sizes, with_values: bool, show_updates: bool) -> "_Grid":
        """The grid of layers of `sizes`, with room for a trace's values under the units when
        `with_values`, and for "old → new" on the edges when `show_updates`."""
        dx = 3.4 if show_updates else 3.0
        n_max = max(sizes)
        # distance between units of a layer: room for the trace's values, closer in wide layers
        dy = 2.1 if with_values else (1.8 if n_max <= 4 else max(0.9, 7.2 / n_max))
        radius = 0.32
        top = dy * (n_max - 1) / 2 + radius + 0.95
        bottom = -dy * (n_max - 1) / 2 - radius - (0.95 if with_values else 0.2)
        pos = {j: (dx * layer, dy * ((len(column) - 1) / 2 - a))
               for layer, column in enumerate(unit_numbers(sizes)) for a, j in enumerate(column)}
        return cls(tuple(sizes), with_values, pos, dx, dy, radius, (-1.9, dx * (len(sizes) - 1) + 1.9),
                   (bottom, top))

    @property
    def numbers(self) -> list:
        """The unit numbers, layer by layer."""
        return unit_numbers(self.sizes)

    @property
    def names_height(self) -> float:
        """The height of the layers' names: over the tallest layer."""
        return self.dy * (max(self.sizes) - 1) / 2 + self.radius + 0.55

    def figsize(self, legend: bool) -> tuple:
        """The size in inches of a figure of its own."""
        width = self.dx * (len(self.sizes) - 1) + 2.6
        height = (self.dy * (max(self.sizes) - 1) + 2 * self.radius + (1.9 if self.with_values else 1.15)
                  + (0.4 if legend else 0))
        return min(1.35 * width, 13), min(1.35 * height, 9)


def _layout_key(ax, grid: _Grid, written: _Written, input_names, legend) -> tuple:
    """What decides where every part of a diagram goes and what its still parts say."""
    rooms = [{key: room for key, (_, room) in labels.items()}
             for labels in (written.weights, written.biases, written.values)]
    return (grid, repr(rooms), written.weight_fontsize, tuple(input_names or ()), legend,
            tuple(ax.get_position().bounds), tuple(ax.figure.get_size_inches()))


def _draw_network_parts(ax, grid: _Grid, written: _Written, input_names, legend) -> dict:
    """Every part of the diagram in its place, its values not shown yet: the artists, by
    kind, and the layout they make ("layout")."""
    ax.set_xlim(*grid.xlim)
    ax.set_ylim(*grid.ylim)
    ax.set_aspect("equal")
    ax.axis("off")
    points = _points_per_unit(ax, grid.xlim, grid.ylim)
    drawn = {"edges": _draw_edges(ax, grid)}
    drawn["units"], drawn["numbers"] = _draw_units(ax, grid)
    _draw_inputs(ax, grid, input_names)
    drawn["outputs"] = _draw_outputs(ax, grid)
    drawn["biases"], drawn["values"], obstacles = _draw_unit_labels(ax, grid, written, points)
    drawn["weights"] = _draw_weight_labels(ax, grid, written, obstacles, points)
    _draw_layer_names(ax, grid)
    if legend:
        _draw_edge_legend(ax)
    drawn["layout"] = _layout_key(ax, grid, written, input_names, legend)
    return drawn


def _draw_edges(ax, grid: _Grid) -> dict:
    """A line for each weight: (i, j) -> Line2D, from unit i to unit j."""
    edges = {}
    for below, above in zip(grid.numbers, grid.numbers[1:]):
        for i in below:
            for j in above:
                (x0, y0), (x1, y1) = grid.pos[i], grid.pos[j]
                edges[i, j] = ax.add_line(Line2D([x0, x1], [y0, y1], solid_capstyle="butt", dash_capstyle="butt"))
    return edges


def _draw_units(ax, grid: _Grid) -> tuple:
    """A numbered circle for each unit: j -> Circle, j -> the Text of its number."""
    units, numbers = {}, {}
    for j, (x, y) in grid.pos.items():
        units[j] = ax.add_patch(plt.Circle((x, y), grid.radius, edgecolor="black", linewidth=1.3, zorder=6))
        numbers[j] = ax.text(x, y, str(j), ha="center", va="center", fontsize=12, fontweight="bold", zorder=7)
    return units, numbers


def _draw_inputs(ax, grid: _Grid, input_names) -> None:
    """Each input's name, with an arrow into its unit."""
    for a, j in enumerate(grid.numbers[0]):
        x, y = grid.pos[j]
        name = input_names[a] if input_names is not None else f"$x_{{{a + 1}}}$"
        ax.annotate(name, xy=(x - grid.radius, y), xytext=(x - grid.radius - 0.75, y), fontsize=11,
                    ha="right", va="center", zorder=7, arrowprops=dict(arrowstyle="->", color="black", lw=1.0))


def _draw_outputs(ax, grid: _Grid) -> dict:
    """An arrow out of each output unit, to the right, and a Text after it: j -> Text."""
    outputs = {}
    for j in grid.numbers[-1]:
        x, y = grid.pos[j]
        ax.annotate("", xy=(x + grid.radius + 0.75, y), xytext=(x + grid.radius, y), zorder=7,
                    arrowprops=dict(arrowstyle="->", color="black", lw=1.0))
        outputs[j] = ax.text(x + grid.radius + 0.85, y, "", fontsize=11, ha="left", va="center", zorder=7)
    return outputs


def _draw_unit_labels(ax, grid: _Grid, written: _Written, points: float) -> tuple:
    """The bias over each unit and its values under it, on boxes: j -> Text, j -> Text; and
    what the weights' labels must not cover, (x, y, half width, half height) each."""
    biases, values = {}, {}
    obstacles = [(x, y, grid.radius, grid.radius) for x, y in grid.pos.values()]
    for j, (x, y) in grid.pos.items():
        if j in written.biases:
            biases[j] = ax.text(x, y + grid.radius + 0.08, "", ha="center", va="bottom", fontsize=8.5, zorder=7,
                                bbox=LABEL_BOX)
            w, h = np.array(written.biases[j][1]) / 2 / points
            obstacles.append((x, y + grid.radius + 0.08 + h, w, h))
        if j in written.values:
            values[j] = ax.text(x, y - grid.radius - 0.08, "", ha="center", va="top", fontsize=8.5,
                                family="monospace", zorder=7, bbox=VALUE_BOX)
            w, h = np.array(written.values[j][1]) / 2 / points
            obstacles.append((x, y - grid.radius - 0.08 - h, w, h))
    return biases, values, obstacles


def _draw_weight_labels(ax, grid: _Grid, written: _Written, obstacles, points: float) -> dict:
    """Each weight's label on a box along its edge, turned with it, where it is clear of the
    others: (i, j) -> Text."""
    if not written.weights:
        return {}
    pos = grid.pos
    segments = np.array([[pos[i], pos[j]] for i, j in written.weights], float)
    halves = np.array([room for _, room in written.weights.values()]) / 2 / points
    labels = {}
    for (i, j), t in zip(written.weights, _label_positions(segments, halves, obstacles, grid.radius + 0.1)):
        (x0, y0), (x1, y1) = pos[i], pos[j]
        labels[i, j] = ax.text(x0 + t * (x1 - x0), y0 + t * (y1 - y0), "", fontsize=written.weight_fontsize,
                               ha="center", va="center", rotation=np.degrees(np.arctan2(y1 - y0, x1 - x0)),
                               rotation_mode="anchor", bbox=LABEL_BOX)
    return labels


def _draw_layer_names(ax, grid: _Grid) -> None:
    """"input layer", "hidden layer", "output layer" (or hidden 1, hidden 2, ...) over the layers."""
    sizes = grid.sizes
    hidden = ["hidden layer"] if len(sizes) == 3 else [f"hidden {k}" for k in range(1, len(sizes) - 1)]
    names = ["input layer", *hidden, "output layer"] if len(sizes) <= 3 else ["input", *hidden, "output"]
    for layer, name in enumerate(names):
        ax.text(grid.dx * layer, grid.names_height, name, ha="center", va="bottom", fontsize=10, color="#555555",
                style="italic")


def _draw_edge_legend(ax) -> None:
    """A legend of the edges' code under the axes."""
    handles = [Line2D([], [], color=COLORS["blue"], lw=2.5, label="w > 0 (solid blue)"),
               Line2D([], [], color=COLORS["vermillion"], lw=2.5, linestyle=(0, (3.0, 1.6)),
                      label="w < 0 (dashed vermillion)"),
               Line2D([], [], color="grey", lw=0.8, label="line width ~ |w|")]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=3, fontsize=9,
              frameon=False, handlelength=3.0)


def _show_network_values(ax, drawn: dict, written: _Written, highlight, title) -> None:
    """Give the diagram's artists their values: the texts, the edges' look, the highlight
    and the title."""
    highlight = set(np.atleast_1d(highlight).tolist()) if highlight is not None else set()
    numbers = unit_numbers([len(W) for W in written.edge_weights] + [written.edge_weights[-1].shape[1]])
    largest = max(np.abs(W).max() for W in written.edge_weights) or 1.0
    for layer, W in enumerate(written.edge_weights):
        for a, i in enumerate(numbers[layer]):
            for b, j in enumerate(numbers[layer + 1]):
                lit = not highlight or i in highlight or j in highlight
                drawn["edges"][i, j].set(**_edge_style(W[a, b], largest), alpha=1.0 if lit else 0.25,
                                         zorder=2 if lit and highlight else 1)
                if (i, j) in drawn["weights"]:
                    drawn["weights"][i, j].set(text=written.weights[i, j][0], alpha=1.0 if lit else 0.55,
                                               zorder=5 if lit and highlight else 4)
    for layer, column in enumerate(numbers):
        for j in column:
            drawn["units"][j].set_facecolor(COLORS["yellow"] if j in highlight else
                                            ("#eeeeee" if layer == 0 else "white"))
    for kind in ("biases", "values"):
        for j, text in drawn[kind].items():
            text.set_text(getattr(written, kind)[j][0])
    for j, text in drawn["outputs"].items():
        text.set_text(written.outputs[j])
    ax.set_title(title or _NETWORK_TITLE)


def _points_per_unit(ax, xlim, ylim) -> float:
    """Typographic points per data unit of an Axes with equal aspect showing xlim by ylim."""
    width, height = ax.figure.get_size_inches()
    box = ax.get_position()
    return 72.0 * min(box.width * width / (xlim[1] - xlim[0]), box.height * height / (ylim[1] - ylim[0]))


_EM = {**dict.fromkeys("0123456789", 0.64), **dict.fromkeys("+−=→", 0.86), **dict.fromkeys("-:", 0.36),
       **dict.fromkeys(" .,", 0.29), "?": 0.5}


def _text_size(text: str, fontsize: float, pad: float = 0.0, mono: bool = False) -> tuple:
    """An estimate of the (width, height) in points of `text` (lines split at newlines) in
    the course's font, with a box of `pad` (a fraction of the font size) around it."""
    lines = str(text).split("\n")
    em = max(len(line) * 0.61 if mono else sum(_EM.get(c, 0.62) for c in line) for line in lines)
    height = 1.2 * len(lines) - 0.05
    return (em + 2 * pad) * fontsize, (height + 2 * pad) * fontsize


def _rects_overlap(c1, u1, half1, c2, u2, half2):
    """Whether oriented rectangles overlap (separating axes), broadcast over leading axes.
    c: (..., 2) centres; u: (..., 2) unit vectors along the rectangles' length; half: (..., 2)
    half length and half height."""
    n1, n2 = u1[..., ::-1] * [-1, 1], u2[..., ::-1] * [-1, 1]
    d = c2 - c1
    apart = False
    for axis in (u1, n1, u2, n2):
        r1 = half1[..., 0] * abs((u1 * axis).sum(-1)) + half1[..., 1] * abs((n1 * axis).sum(-1))
        r2 = half2[..., 0] * abs((u2 * axis).sum(-1)) + half2[..., 1] * abs((n2 * axis).sum(-1))
        apart = apart | (abs((d * axis).sum(-1)) > r1 + r2)
    return ~apart


def _segments_cross(c, u, half, p0, p1):
    """Whether segments p0-p1 (..., 2) pass through oriented rectangles (c, u, half as in
    `_rects_overlap`), broadcast over leading axes (Liang-Barsky clipping)."""
    n = u[..., ::-1] * [-1, 1]
    q0 = np.stack([((p0 - c) * u).sum(-1), ((p0 - c) * n).sum(-1)], -1)  # in the rectangle's frame
    q1 = np.stack([((p1 - c) * u).sum(-1), ((p1 - c) * n).sum(-1)], -1)
    step = q1 - q0
    lo, hi = np.zeros(q0.shape[:-1]), np.ones(q0.shape[:-1])
    inside = np.ones(q0.shape[:-1], bool)
    with np.errstate(divide="ignore", invalid="ignore"):
        for k in (0, 1):
            for sign in (-1, 1):  # the sides sign * x_k <= half_k
                p, q = sign * step[..., k], half[..., k] - sign * q0[..., k]
                s = q / p
                inside &= ~((p == 0) & (q < 0))
                lo = np.where(p < 0, np.maximum(lo, s), lo)
                hi = np.where(p > 0, np.minimum(hi, s), hi)
    return inside & (lo <= hi)


def _label_positions(segments, halves, obstacles, clearance: float, margin: float = 0.05,
                     preferred: float = 0.3) -> np.ndarray:
    """Where along its edge each label goes, as a fraction t from the edge's start: clear of
    the other labels, of the obstacles and of the other edges where possible, and near
    `preferred` (nearer the start than the end). segments: (E, 2, 2) the edges' ends;
    halves: (E, 2) each label's half length and half height (data units); obstacles: (K, 4)
    axis-aligned boxes (x, y, half width, half height); clearance: how far a label must stay
    from an edge's ends; margin: the room kept around each label."""
    ts = np.linspace(0.1, 0.9, 41)
    p0, p1 = segments[:, 0], segments[:, 1]
    length = np.linalg.norm(p1 - p0, axis=1)
    u = (p1 - p0) / length[:, None]
    placed = np.array(obstacles, float).reshape(-1, 4)
    placed = [placed[:, :2], np.tile([1.0, 0.0], (len(placed), 1)), placed[:, 2:]]
    chosen = np.full(len(segments), 0.5)
    for e in range(len(segments)):
        c = p0[e] + ts[:, None] * (p1[e] - p0[e])  # (T, 2)
        ue, half = np.broadcast_to(u[e], c.shape), np.broadcast_to(halves[e] + margin, c.shape)
        room = np.minimum(ts, 1 - ts) * length[e] - halves[e, 0] >= clearance
        if not room.any():
            continue
        hits = _rects_overlap(c[:, None], ue[:, None], half[:, None], *(a[None] for a in placed)).sum(1)
        others = np.arange(len(segments)) != e
        crossed = _segments_cross(c[:, None], ue[:, None], half[:, None], p0[others][None], p1[others][None]).sum(1)
        cost = np.where(room, 100.0 * hits + 4.0 * crossed + abs(ts - preferred), np.inf)
        best = int(np.argmin(cost))
        chosen[e] = ts[best]
        placed = [np.vstack([placed[0], c[best]]), np.vstack([placed[1], u[e]]), np.vstack([placed[2], halves[e]])]
    return chosen
