"""The computational graph of an `autodiff.Value`: every node a box with its operation and
value (and its gradient after backward), arrows from the values an operation used to its
result, laid out in columns by depth from the inputs."""

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
    and orange. A box shows the node's label and operation ("I4 = Σ", "O4 = σ", "×"), its
    value and, with `show_grad`, its gradient d(output) / d(node). A node sits one column right
    of the deepest node it was made from; a leaf, one column left of its first use. Arrows run
    from the values an operation used to its result; a node used twice has two arrows out.

    Parameters
    ----------
    output : the Value at the top of the graph.
    ax : the Axes to draw on (None: a new figure sized to the graph).
    title : the title (None: one that says what the boxes show).
    show_grad : write each node's gradient (None: when `output.backward()` has run, i.e.
        output.grad is not 0). Constants (unlabelled leaves) never show one.
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
    n_columns, n_rows = max(column.values()) + 1, max(len(r) for r in _by_column(nodes, column).values())
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


def _node_text(node: Value, show_grad: bool, decimals: int) -> str:
    symbol = _SYMBOLS.get(node.op, node.op if not node.op.startswith("**") else f"(·)^{node.op[2:]}")
    head = f"{node.label} = {symbol}" if node.label and node.op else node.label or symbol
    lines = [head, number(node.data, decimals)] if head else [number(node.data, decimals)]
    if show_grad and (node.op or node.label):
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


def _rows(nodes, column, sweeps: int = 6) -> dict:
    """id(node) -> its row (0 at the top; rows at least 1 apart within a column): each node
    near the mean row of its neighbours, by sweeps from the output's side and back; of the
    layouts the sweeps pass through, the one whose arrows cross the fewest boxes."""
    groups = _by_column(nodes, column)
    children = _children(nodes)
    row = {}
    for group in groups.values():  # to begin with: in topological order, centred
        for k, node in enumerate(group):
            row[id(node)] = k - (len(group) - 1) / 2
    order = sorted(groups)
    best = (_cost(nodes, column, row), dict(row))
    for sweep in range(sweeps):
        for c in (order[::-1] if sweep % 2 == 0 else order):
            wanted = {}
            for node in groups[c]:
                near = [row[id(p)] for p in node.parents] if sweep % 2 else []
                near += [row[id(n)] for n in children[id(node)]] if sweep % 2 == 0 or not near else []
                wanted[id(node)] = sum(near) / len(near) if near else row[id(node)]
            _spread(groups[c], wanted, row)
        best = min(best, (_cost(nodes, column, row), dict(row)), key=lambda b: b[0])
    row = _improve(nodes, column, best[1])
    top = min(row.values())
    return {k: r - top for k, r in row.items()}


def _cost(nodes, column, row, half=(0.36, 0.4), samples=12) -> tuple:
    """How hard a layout is to read: the number of (arrow, box) pairs where an arrow passes
    behind a box it does not join, then the sum of the arrows' squared rises. half: a box's
    half width and height, in columns and rows."""
    by_column = _by_column(nodes, column)
    at = {c: np.array([row[id(n)] for n in group]) for c, group in by_column.items()}
    t = np.linspace(0.0, 1.0, samples + 1)[:, None]
    hidden, rise = 0, 0.0
    for node in nodes:
        x1, y1 = column[id(node)], row[id(node)]
        for parent in node.parents:
            x0, y0 = column[id(parent)], row[id(parent)]
            rise += (y1 - y0) ** 2
            if x1 - x0 == 1 and abs(y1 - y0) < 0.5:
                continue  # level with its ends: behind no other box
            xs, ys = x0 + t * (x1 - x0), y0 + t * (y1 - y0)  # points along the arrow, (samples + 1, 1)
            for c in range(x0, x1 + 1):
                near = np.abs(xs - c) < half[0]
                behind = near & (np.abs(ys - at[c][None, :]) < half[1])
                hidden += int(behind.any(axis=0).sum())
            hidden -= 2  # the two boxes the arrow joins
    return hidden, rise


def _improve(nodes, column, row, passes: int = 3) -> dict:
    """The layout after swapping neighbours within a column while that hides fewer arrows."""
    groups = _by_column(nodes, column)
    cost = _cost(nodes, column, row)
    for _ in range(passes):
        better = False
        for group in groups.values():
            ranked = sorted(group, key=lambda n: row[id(n)])
            for a, b in zip(ranked, ranked[1:]):
                row[id(a)], row[id(b)] = row[id(b)], row[id(a)]
                new = _cost(nodes, column, row)
                if new < cost:
                    cost, better = new, True
                else:
                    row[id(a)], row[id(b)] = row[id(b)], row[id(a)]
        if not better:
            break
    return row


def _spread(group, wanted, row) -> None:
    """Rows for one column: in the order of the wanted rows, at least 1 apart, as near the
    wanted rows as a common shift makes them."""
    ranked = sorted(group, key=lambda n: (wanted[id(n)], row[id(n)]))
    placed = []
    for node in ranked:
        placed.append(max(wanted[id(node)], placed[-1] + 1) if placed else wanted[id(node)])
    shift = sum(wanted[id(n)] for n in ranked) / len(ranked) - sum(placed) / len(placed)
    for node, r in zip(ranked, placed):
        row[id(node)] = r + shift
