"""The computational graph of an `autodiff.Value`: every node a box with its operation and
value (and its gradient after backward), arrows from the values an operation used to its
result, laid out in columns by depth from the inputs."""

import math

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import FancyArrowPatch, Patch

from ..autodiff import Value, topological_order
from ..notation import number
from ._style import COLORS

LEAF_FILL, OP_FILL = "#d6e8f5", "#fbe3b8"  # light tints of the palette's blue and orange
LEAF_BOX = dict(boxstyle="square,pad=0.35", ec=COLORS["blue"], lw=1.0)  # a leaf: square corners
OP_BOX = dict(boxstyle="round,pad=0.35,rounding_size=0.6", ec=COLORS["orange"], lw=1.0)  # an operation: round
HIGHLIGHT = dict(fc=COLORS["yellow"], ec="black", lw=2.2)


def draw_graph(output, ax=None, *, title=None, show_grad=None, show_local=False, highlight=None, decimals=4,
               column_width=None, row_height=0.8):
    """The graph that made `output`, inputs on the left, `output` on the right.

    Each node is a box: leaves (inputs, weights, constants) square and blue, operations round
    and orange. A box shows the node's label and operation ("I4 = Σ", "O4 = σ"; an unlabelled
    product, sum or difference of labelled values by their names, "w14·x1"), its value and,
    with `show_grad`, its gradient d(output) / d(node). A node sits one column right of the
    deepest node it was made from; a leaf, one column left of its first use. Arrows run from
    the values an operation used to its result; a node used twice has two arrows out.

    Parameters
    ----------
    output : the Value at the top of the graph.
    ax : the Axes to draw on (None: a new figure sized to the graph).
    title : the title (None: one that says what the boxes show).
    show_grad : write each node's gradient (None: when `output.backward()` has run, i.e.
        output.grad is not 0); leaves that are not learned (inputs, targets, constants) have
        one too.
    show_local : write on each arrow the local derivative d(result) / d(value).
    highlight : Values to draw in yellow with a thick border (a list, or one Value).
    decimals : decimals of the numbers written.
    column_width, row_height : inches per column and per row of the new figure (column_width
        None: 1.45, or 1.9 with `show_local`, to leave room on the arrows).

    Returns
    -------
    The matplotlib Axes.
    """
    if not isinstance(output, Value):
        raise TypeError(f"output must be an autodiff.Value; got {type(output).__name__}")
    highlight = _check_highlight(highlight)
    show_grad = output.grad != 0 if show_grad is None else bool(show_grad)
    nodes = topological_order(output)
    column = _columns(nodes)
    row = _rows(nodes, column)
    n_columns, n_rows = max(column.values()) + 1, math.ceil(max(row.values()) - 1e-9) + 1  # rows from 0
    if ax is None:
        column_width = (1.9 if show_local else 1.45) if column_width is None else column_width
        width = max(4.5, column_width * n_columns + 0.6)
        ax = plt.subplots(figsize=(width, max(2.4, row_height * n_rows + 1.0)))[1]
    boxes = {}
    for node in nodes:
        style = dict(LEAF_BOX if not node.op else OP_BOX, fc=LEAF_FILL if not node.op else OP_FILL)
        if id(node) in highlight:
            style.update(HIGHLIGHT)
        boxes[id(node)] = ax.text(column[id(node)], -row[id(node)], _node_text(node, show_grad, decimals),
                                  ha="center", va="center", fontsize=8.5, bbox=style, zorder=3, linespacing=1.25)
    ys = [-r for r in row.values()]
    ax.set_xlim(-0.6, n_columns - 0.4)
    ax.set_ylim(min(ys) - 0.6, max(ys) + 0.6)
    half = _half_sizes(ax, boxes)
    for node in nodes:
        for parent, local in zip(node.parents, node.local):
            _arrow(ax, (column[id(parent)], -row[id(parent)]), (column[id(node)], -row[id(node)]),
                   half[id(parent)], half[id(node)], number(local, decimals) if show_local else None)
    ax.axis("off")
    if title is None:
        title = ("The computational graph: each node's operation, value and gradient" if show_grad
                 else "The computational graph: each node's operation and value")
    ax.set_title(title)
    handles = [Patch(fc=LEAF_FILL, ec=COLORS["blue"], label="leaf (square): an input, weight or constant"),
               Patch(fc=OP_FILL, ec=COLORS["orange"], label="operation (round corners)")]
    if highlight:
        handles.append(Patch(fc=COLORS["yellow"], ec="black", lw=2.2, label="highlighted (thick border)"))
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=len(handles), fontsize=9,
              handletextpad=0.4, columnspacing=1.4, borderaxespad=0.0)  # under the graph, off it
    return ax


def _check_highlight(highlight) -> set:
    if highlight is None:
        return set()
    values = [highlight] if isinstance(highlight, Value) else highlight
    if not isinstance(values, (list, tuple)) or not all(isinstance(x, Value) for x in values):
        raise TypeError(f"highlight must be a Value or a list of Values; got {type(highlight).__name__}")
    return {id(x) for x in values}


_SYMBOLS = {"**2": "(·)²", "neg": "−(·)", "σ": "σ", "exp": "exp", "log": "log"}
_JOINS = {"×": "·", "+": " + ", "−": " − ", "÷": " ÷ "}  # an unnamed result written from its inputs' names


def _node_text(node: Value, show_grad: bool, decimals: int) -> str:
    symbol = _SYMBOLS.get(node.op, node.op if not node.op.startswith("**") else f"(·)^{node.op[2:]}")
    if node.label:
        head = f"{node.label} = {symbol}" if node.op else node.label
    elif node.op in _JOINS and all(p.label for p in node.parents):
        head = _JOINS[node.op].join(p.label for p in node.parents)  # w14·x1, T6 − O6
    else:
        head = symbol
    lines = [head, number(node.data, decimals)] if head else [number(node.data, decimals)]
    if show_grad:
        lines.append(f"grad {number(node.grad, decimals)}")
    return "\n".join(lines)


def _half_sizes(ax, boxes) -> dict:
    """id(node) -> half the width and height of its box, in data units (the axes' limits set)."""
    renderer = ax.figure.canvas.get_renderer()
    to_data = ax.transData.inverted()
    half = {}
    for key, text in boxes.items():
        text.update_bbox_position_size(renderer)
        corners = to_data.transform(text.get_bbox_patch().get_window_extent(renderer).get_points())
        half[key] = abs(corners[1] - corners[0]) / 2
    return half


def _edge_point(center, half, toward):
    """Where the line from `center` to `toward` leaves the box of half-sizes `half`."""
    dx, dy = toward[0] - center[0], toward[1] - center[1]
    t = min(half[0] / abs(dx) if dx else float("inf"), half[1] / abs(dy) if dy else float("inf"))
    return center[0] + t * dx, center[1] + t * dy


def _arrow(ax, start, end, half_start, half_end, text) -> None:
    """An arrow from the box at `start` to the box at `end`, edge to edge; `text` at its middle."""
    a, b = _edge_point(start, half_start, end), _edge_point(end, half_end, start)
    ax.add_artist(FancyArrowPatch(a, b, arrowstyle="-|>", mutation_scale=9, color="#555555", lw=0.9,
                                 shrinkA=0, shrinkB=1, zorder=2))
    if text is not None:
        ax.text((a[0] + b[0]) / 2, (a[1] + b[1]) / 2, text, ha="center", va="center", fontsize=8,
                color="#333333", zorder=4, bbox=dict(boxstyle="round,pad=0.12", fc="white", ec="none", alpha=0.9))


def _columns(nodes) -> dict:
    """id(node) -> its column: operations one right of their deepest parent, leaves one left
    of their first (leftmost) use."""
    column = {}
    for node in nodes:  # parents come first in topological order
        column[id(node)] = 1 + max((column[id(p)] for p in node.parents), default=-1)
    children = _children(nodes)
    for node in nodes:
        if not node.op and children[id(node)]:
            column[id(node)] = min(column[id(c)] for c in children[id(node)]) - 1
    low = min(column.values())
    return {k: c - low for k, c in column.items()}


def _children(nodes) -> dict:
    children = {id(node): [] for node in nodes}
    for node in nodes:
        for parent in node.parents:
            children[id(parent)].append(node)
    return children


def _by_column(nodes, column) -> dict:
    groups = {}
    for node in nodes:
        groups.setdefault(column[id(node)], []).append(node)
    return groups


def _rows(nodes, column) -> dict:
    """id(node) -> its row (0 at the top; rows at least 1 apart within a column).

    First the order within each column: the uses of a value used more than once next to each
    other, its other inputs around them (so that its arrows fan out to neighbours); then single
    nodes moved within their column while that makes fewer arrows cross. Then each node as near
    the mean row of its neighbours as its column's order allows.
    """
    children = _children(nodes)
    orders = _first_orders(nodes, column, children)
    _fewer_crossings(nodes, column, orders)
    row = _place(orders, children)
    top = min(row.values())
    return {k: r - top for k, r in row.items()}


def _first_orders(nodes, column, children) -> dict:
    """column -> its nodes in a first order: for each value used more than once (in
    topological order), each of its uses with the leaves it is made from just before it; then
    every other node, in topological order."""
    sequence, seen = [], set()
    for shared in (n for n in nodes if len(children[id(n)]) > 1):
        for use in children[id(shared)]:
            for node in [p for p in use.parents if not p.op] + [use]:
                if id(node) not in seen:
                    seen.add(id(node))
                    sequence.append(node)
    sequence += [n for n in nodes if id(n) not in seen]
    rank = {id(n): k for k, n in enumerate(sequence)}
    return {c: sorted(group, key=lambda n: rank[id(n)]) for c, group in _by_column(nodes, column).items()}


def _centred(orders) -> dict:
    """id(node) -> its place in its column's order, the column centred on 0."""
    return {id(n): k - (len(group) - 1) / 2 for group in orders.values() for k, n in enumerate(group)}


def _crossings(edges, column, row) -> int:
    """How many pairs of arrows cross (straight lines between the boxes' centres; arrows that
    share a box do not count)."""
    x0, y0, x1, y1 = np.array([(column[a], row[a], column[b], row[b]) for a, b in edges], dtype=float).reshape(-1, 4).T
    i, j = np.triu_indices(len(edges), 1)

    def side(k, m, end_x, end_y):  # which side of arrow k the point (end_x[m], end_y[m]) is on
        return np.sign((x1[k] - x0[k]) * (end_y[m] - y0[k]) - (y1[k] - y0[k]) * (end_x[m] - x0[k]))

    apart_j = side(i, j, x0, y0) * side(i, j, x1, y1) < 0  # j's ends on either side of i
    apart_i = side(j, i, x0, y0) * side(j, i, x1, y1) < 0
    return int(np.sum(apart_i & apart_j))


def _fewer_crossings(nodes, column, orders, passes: int = 8) -> None:
    """Move one node at a time to another place in its column while that makes fewer arrows
    cross (in place)."""
    edges = [(id(p), id(n)) for n in nodes for p in n.parents]
    best = _crossings(edges, column, _centred(orders))
    for _ in range(passes):
        moved = False
        for group in orders.values():
            for k in range(len(group)):
                for m in range(len(group)):
                    if m == k or best == 0:
                        continue
                    group.insert(m, group.pop(k))
                    now = _crossings(edges, column, _centred(orders))
                    if now < best:
                        best, moved = now, True
                    else:
                        group.insert(k, group.pop(m))
        if not moved:
            break


def _place(orders, children, sweeps: int = 8) -> dict:
    """id(node) -> its row: each node near the mean row of its neighbours (inputs and uses),
    in its column's order and at least 1 below the node above, by sweeps from the output's
    side and back."""
    row = _centred(orders)
    columns = sorted(orders)
    for sweep in range(sweeps):
        for c in (columns[::-1] if sweep % 2 == 0 else columns):
            wanted = []
            for node in orders[c]:
                near = [row[id(p)] for p in node.parents] + [row[id(n)] for n in children[id(node)]]
                wanted.append(sum(near) / len(near) if near else row[id(node)])
            placed = []
            for w in wanted:
                placed.append(max(w, placed[-1] + 1) if placed else w)
            shift = sum(wanted) / len(wanted) - sum(placed) / len(placed)  # as near the wanted rows as can be
            for node, r in zip(orders[c], placed):
                row[id(node)] = r + shift
    return row
