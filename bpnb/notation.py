"""The course's names and numbers, said once: the textbook's worked example, how units are
numbered and weights named, subscripts, numbers written with a real minus sign, the truth
tables of the logic functions, and the range of learning rates the explorers offer.

Han & Kamber number the units of a network 1, 2, 3, ... across all layers, input layer first,
and name a weight by the units it joins: w_46 joins unit 4 to unit 6. In code a layer's
weights are a matrix W with W[i, j] = w_ij (n_in, n_out), and its biases theta (n_out,).
"""

import numpy as np

MINUS = "\u2212"  # the minus sign of printed mathematics, not the hyphen

# Example 9.1: units 1-3 the inputs, 4-5 hidden, 6 the output; W[i, j] = w_ij.
TEXTBOOK_WEIGHTS = [[[0.2, -0.3], [0.4, 0.1], [-0.5, 0.2]], [[-0.3], [-0.2]]]
TEXTBOOK_BIASES = [[-0.4, 0.2], [0.1]]
TEXTBOOK_X = [1.0, 0.0, 1.0]
TEXTBOOK_T = [1.0]
TEXTBOOK_LR = 0.9

# The inputs of a two-input logic function, one tuple a row, and each function's targets.
BOOLEAN_INPUTS = [[0, 0], [0, 1], [1, 0], [1, 1]]
TRUTH_TABLES = {"and": [0, 0, 0, 1], "or": [0, 1, 1, 1], "nand": [1, 1, 1, 0], "xor": [0, 1, 1, 0]}

LR_RANGE = (1e-3, 100.0)  # the learning rates an explorer accepts, ends included

_SUBSCRIPT_DIGITS = str.maketrans("0123456789,", "₀₁₂₃₄₅₆₇₈₉,")


def textbook_network():
    """The network of Example 9.1, a new copy each call (a 3-2-1 `Network`)."""
    from .network import Network  # the network imports nothing of the course's notation

    return Network.from_weights([np.array(W) for W in TEXTBOOK_WEIGHTS], [np.array(b) for b in TEXTBOOK_BIASES])


def unit_numbers(layer_sizes) -> list:
    """The textbook's unit numbers, layer by layer: [1, 2, 3], [4, 5], [6] for sizes [3, 2, 1]."""
    return np.split(np.arange(1, sum(layer_sizes) + 1), np.cumsum(layer_sizes)[:-1])


def subscript(text) -> str:
    """Digits as subscript digits, so that O₄ cannot be read as 0 = ..."""
    return str(text).translate(_SUBSCRIPT_DIGITS)


def number(value: float, decimals: int = 4) -> str:
    """A number as short as it can be at `decimals` places, with a real minus sign: 0.2, −0.5."""
    text = f"{round(float(value), decimals) + 0.0:.{decimals}f}".rstrip("0").rstrip(".")
    return text.replace("-", MINUS)


def fixed(value: float, decimals: int) -> str:
    """A number at exactly `decimals` places, with a real minus sign: −0.700."""
    return f"{round(float(value), decimals) + 0.0:.{decimals}f}".replace("-", MINUS)
