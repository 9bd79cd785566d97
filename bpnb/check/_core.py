"""The machinery every checker shares: run the learner's function on cases, compare, and
print either that it is right or the first failing case with a hint. Never raises."""

import traceback
import warnings

import numpy as np


class Case:
    """One test case: the arguments, the expected answer and a phrase that names the case."""

    def __init__(self, args, expected, about: str, rtol: float = 1e-6, atol: float = 1e-9):
        self.args, self.expected, self.about, self.rtol, self.atol = args, expected, about, rtol, atol


def _same(got, expected, rtol, atol) -> bool:
    if isinstance(expected, (list, tuple)):
        return (isinstance(got, (list, tuple)) and len(got) == len(expected)
                and all(_same(g, e, rtol, atol) for g, e in zip(got, expected)))
    try:
        got, expected = np.asarray(got, dtype=float), np.asarray(expected, dtype=float)
    except (TypeError, ValueError):
        return
    return got.shape == expected.shape and bool(np.allclose(got, expected, rtol=rtol, atol=atol))


def _show(value) -> str:
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    if isinstance(value, (np.ndarray, np.number, float)) and not isinstance(value, np.bool_):
        array = np.asarray(value)
        if np.issubdtype(array.dtype, np.floating):
            array = np.round(array, 4)
        return np.array2string(array, separator=", ")
    return repr(value)


def check_cases(fn, name: str, cases, hint: str) -> None:
    """Call fn(*case.args) for every case and print a verdict: right, or the first failing
    case with a hint."""
    if not callable(fn):
        print(f"✗ Not yet: pass your function itself, e.g. check.{name}({name}); got {type(fn).__name__}.")
        return
    for case in cases:
        args = [a.copy() if isinstance(a, np.ndarray) else a for a in case.args]
        try:
            with warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore")  # the verdict speaks; numpy's warnings would distract
                got = fn(*args)
        except Exception as error:  # the learner's code failed: say where, never raise
            frame = traceback.extract_tb(error.__traceback__)[-1]
            print(f"✗ Not yet: {case.about}, your function raised {type(error).__name__}: {error} "
                  f"(line {frame.lineno}: {frame.line}).\n  Hint: {hint}")
            return
        if got is None or got is Ellipsis:
            print(f"✗ Not yet: your {name} returns {got!r}; replace the ... with your code "
                  f"and return the result.\n  Hint: {hint}")
            return
        if not _same(got, case.expected, case.rtol, case.atol):
            print(f"✗ Not yet: {case.about}, expected {_show(case.expected)} but got {_show(got)}.\n"
                  f"  Hint: {hint}")
            return
    print(f"✓ Right: {name} passes all {len(cases)} cases.")
