"""The record of one case update, shown as the textbook's three tables.

Units are numbered as in the textbook: consecutively from 1, input layer first, so the
worked example's inputs are units 1-3, its hidden units 4-5 and its output unit 6.
"""

from dataclasses import dataclass
from html import escape

import numpy as np

from .notation import unit_numbers


@dataclass(frozen=True)
class Trace:
    """Everything one call of `Network.train_case` computed, in the textbook's names.

    x: (n_in,) the tuple; t: (n_out,) its target; lr: the learning rate l.
    outputs: O of every layer, input layer first, each (n_k,).
    net_inputs, errors: I and Err of every non-input layer, each (n_k,).
    weights_before/after: W of every layer, each (n_k, n_{k+1}); biases_before/after: theta.
    """

    x: np.ndarray
    t: np.ndarray
    lr: float
    net_inputs: list
    outputs: list
    errors: list
    weights_before: list
    biases_before: list
    weights_after: list
    biases_after: list

    @property
    def unit_numbers(self) -> list:
        """The textbook's unit number j of each unit, one array per layer."""
        return unit_numbers([len(o) for o in self.outputs])

    def tables(self, decimals: int = 4) -> dict:
        """The three tables as {title: (header, rows)}, every number rounded."""
        numbers = self.unit_numbers
        wide = numbers[-1][-1] >= 10
        r = lambda v: f"{round(float(v), decimals) + 0.0:.{decimals}f}"  # +0.0: no "-0.0"
        forward = [
            (str(j), r(I), r(O))
            for layer in range(1, len(numbers))
            for j, I, O in zip(numbers[layer], self.net_inputs[layer - 1], self.outputs[layer])
        ]
        backward = [  # from the output layer down, as the errors are computed and the book lists them
            (str(j), r(e))
            for layer in reversed(range(1, len(numbers)))
            for j, e in reversed(list(zip(numbers[layer], self.errors[layer - 1])))
        ]
        updates = []
        for layer in reversed(range(len(self.weights_before))):
            old, new = self.weights_before[layer], self.weights_after[layer]
            for a, i in enumerate(numbers[layer]):
                for b, j in enumerate(numbers[layer + 1]):
                    name = f"w{i},{j}" if wide else f"w{i}{j}"
                    updates.append((name, r(old[a, b]), r(new[a, b] - old[a, b]), r(new[a, b])))
        for layer in reversed(range(len(self.biases_before))):
            old, new = self.biases_before[layer], self.biases_after[layer]
            for b, j in reversed(list(enumerate(numbers[layer + 1]))):
                updates.append((f"θ{j}", r(old[b]), r(new[b] - old[b]), r(new[b])))
        return {
            "Net input and output": (("unit j", "net input I_j", "output O_j"), forward),
            "Error term at each unit": (("unit j", "Err_j"), backward),
            "Weight and bias updates": (("w_ij or θ_j", "old value", "change", "new value"), updates),
        }

    def __str__(self) -> str:
        blocks = []
        for title, (header, rows) in self.tables().items():
            widths = [max(len(c) for c in column) for column in zip(header, *rows)]
            lines = ["  ".join(c.rjust(w) for c, w in zip(cells, widths)) for cells in (header, *rows)]
            blocks.append("\n".join([title, *lines]))
        return "\n\n".join(blocks)

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        html = ['<div style="display:flex;gap:2em;flex-wrap:wrap;align-items:flex-start">']
        for title, (header, rows) in self.tables().items():
            head = "".join(f"<th>{escape(h)}</th>" for h in header)
            body = "".join(
                "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows
            )
            html.append(
                f"<table><caption>{escape(title)}</caption><thead><tr>{head}</tr></thead>"
                f"<tbody>{body}</tbody></table>"
            )
        return "".join(html) + "</div>"
