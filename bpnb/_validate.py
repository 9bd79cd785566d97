"""Input checks for the public edge: each error names the argument, what was expected and
what was given. Inside the package, arrays are trusted."""

from numbers import Integral, Real

import numpy as np


def _describe(value) -> str:
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def as_float_array(value, name: str) -> np.ndarray:
    """`value` as a float64 array, or a TypeError naming `name`."""
    try:
        array = np.asarray(value)
    except Exception:  # ragged nested lists and the like
        raise TypeError(f"{name} must be an array of real numbers; got {_describe(value)}") from None
    if array.dtype.kind not in "biuf":  # not strings, objects, complex numbers, dates or durations
        raise TypeError(f"{name} must be an array of real numbers; got {_describe(value)}")
    return array.astype(float)


def check_finite(array: np.ndarray, name: str) -> None:
    if not np.all(np.isfinite(array)):
        bad = np.argwhere(~np.isfinite(array))[0]
        where = ", ".join(str(i) for i in bad)
        raise ValueError(
            f"{name} must contain only finite numbers; got {array[tuple(bad)]} at index "
            f"[{where}] ({np.sum(~np.isfinite(array))} non-finite values in all)"
        )


def check_inputs(X, n_in: int, name: str = "X") -> np.ndarray:
    """X as a finite float64 array of shape (n, n_in) with n >= 1."""
    X = as_float_array(X, name)
    if X.ndim != 2 or X.shape[1] != n_in:
        hint = " (for one tuple x, pass x[None, :])" if X.ndim == 1 else ""
        raise ValueError(
            f"{name} must have shape (n_tuples, {n_in}) for a network with {n_in} inputs; "
            f"got shape {X.shape}{hint}"
        )
    if X.shape[0] == 0:
        raise ValueError(f"{name} must contain at least one tuple; got an empty data set")
    check_finite(X, name)
    return X


def check_targets(T, n_out: int, n: int, name: str = "T") -> np.ndarray:
    """T as a float64 array of shape (n, n_out), finite, in [0, 1] (sigmoid outputs).

    A 1-D T of length n is taken as one column when the network has one output.
    """
    T = as_float_array(T, name)
    if T.ndim == 1 and n_out == 1:
        T = T[:, None]
    if T.shape != (n, n_out):
        raise ValueError(
            f"{name} must have shape ({n}, {n_out}): one row of {n_out} target(s) per tuple; "
            f"got shape {T.shape}"
        )
    check_finite(T, name)
    if T.min() < 0 or T.max() > 1:
        raise ValueError(
            f"{name} must lie in [0, 1], the range of a sigmoid output; got values from "
            f"{T.min():g} to {T.max():g}"
        )
    return T


def check_positive_number(value, name: str) -> float:
    """A finite real number > 0 (not a bool), as float."""
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"{name} must be a positive number; got {_describe(value)}")
    if not np.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a positive finite number; got {value!r}")
    return float(value)


def check_positive_or_none(value, name: str):
    """None, or a finite real number > 0 (not a bool) as float."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"{name} must be None or a positive number; got {_describe(value)}")
    if not np.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be None or a positive finite number; got {value!r}")
    return float(value)


def check_real(value, name: str) -> float:
    """A finite real number (not a bool), as float."""
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"{name} must be a number; got {_describe(value)}")
    if not np.isfinite(value):
        raise ValueError(f"{name} must be a finite number; got {value!r}")
    return float(value)


def check_in_range(value, name: str, low: float, high: float) -> float:
    """A finite real number with low <= value <= high, as float."""
    value = check_real(value, name)
    if not low <= value <= high:
        raise ValueError(f"{name} must lie between {low:g} and {high:g}; got {value!r}")
    return value


def check_below(value, name: str, low: float, high: float) -> float:
    """A finite real number with low <= value < high (high itself refused), as float."""
    value = check_real(value, name)
    if not low <= value < high:
        raise ValueError(f"{name} must lie in [{low:g}, {high:g}): at least {low:g} and below {high:g}; "
                         f"got {value!r}")
    return value


def check_positive_int(value, name: str, minimum: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise TypeError(f"{name} must be a whole number >= {minimum}; got {_describe(value)}")
    if value < minimum:
        raise ValueError(f"{name} must be a whole number >= {minimum}; got {value!r}")
    return int(value)


def check_choice(value, name: str, choices) -> str:
    if not isinstance(value, str) or value not in choices:
        options = ", ".join(repr(c) for c in choices)
        raise ValueError(f"{name} must be one of {options}; got {_describe(value)}")
    return value


def check_seed(value, name: str = "seed"):
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise TypeError(f"{name} must be None or a whole number >= 0; got {_describe(value)}")
    if value < 0:
        raise ValueError(f"{name} must be None or a whole number >= 0; got {value!r}")
    return int(value)
