"""What a matplotlib figure shows, as comparable data, for the explorers' tests."""

import numpy as np


def drawn(fig) -> list:
    """Every line's points and style, every text and where it stands, every image, collection and
    patch colour, and each axes' title and limits."""
    parts = []
    for ax in fig.axes:
        parts += [np.asarray(line.get_xydata(), dtype=float).round(9).tobytes() + repr(
            (line.get_color(), line.get_marker(), line.get_linestyle(), line.get_alpha(), line.get_label())).encode()
            for line in ax.lines]
        parts += [t.get_text() + repr(t.get_position()) for t in ax.texts]
        parts += [np.asarray(im.get_array()).round(9).tobytes() for im in ax.images]
        parts += [np.asarray(c.get_offsets()).round(9).tobytes() for c in ax.collections]
        parts += [repr(p.get_facecolor()) for p in ax.patches]
        parts += [ax.get_title(), ax.get_ylim(), ax.get_xlim()]
    return parts
