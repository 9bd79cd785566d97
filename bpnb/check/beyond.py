"""Checkers for the exercises of notebook 12 (beyond gradient descent).

The Metropolis acceptance probability comes from the package's own `bpnb.annealing`; the
fraction of restarts below a threshold from the rule the notebook states (a fraction of the
restarts, strictly below). The wrong answers of each case are the same computation with one
known mistake in it.
"""

import math

import numpy as np

from ..annealing import acceptance_probability as _metropolis
from ._core import AnyOf, Case, exercise

__all__ = ["fraction_below", "acceptance_probability"]


def _restart_errors(n: int, stalled: float, seed: int) -> np.ndarray:
    """(n,) final errors of restarts on XOR: most near 0, a share `stalled` on the plateaus of
    E = 1/4 (two tuples answered 1/2) and E = 1/3 (three answered 2/3)."""
    rng = np.random.default_rng(seed)
    plateau = rng.random(n) < stalled
    solved = rng.uniform(0.001, 0.01, n)
    stuck = rng.choice([0.25, 1 / 3], n) + rng.uniform(0.0, 0.005, n)
    return np.round(np.where(plateau, stuck, solved), 4)


@exercise(learner="fraction_below", reread="'Local minima and plateaus: restarts'", hints=(
    "Count the restarts whose final error lies under the threshold, and divide by the number of restarts: "
    "the answer is a fraction between 0 and 1.",
    "fraction = (number of restarts r with E_r < threshold) / (number of restarts)",
    "below = final_errors < ___      # True for each restart that got there\n"
    "return ___ / ___",
), stand_in=lambda final_errors, threshold: float(np.mean(final_errors < threshold)))
def fraction_below():
    """Check fn(final_errors, threshold) -> the fraction of restarts whose final error is
    below threshold. final_errors: (n_restarts,); threshold: a number. Returns a number."""
    examples = [
        (_restart_errors(20, 0.25, seed=1), 0.05, "for 20 restarts and the threshold 0.05"),
        (_restart_errors(50, 0.4, seed=2), 0.1, "for 50 restarts and the threshold 0.1"),
        (np.array([0.004, 0.05, 0.25, 0.003]), 0.05, "for 4 restarts, one of them exactly at the threshold 0.05 "
                                                      "(it is not below it)"),
        (np.array([0.25, 0.26, 0.333]), 0.05, "for 3 restarts that all stalled"),
        (np.array([0.003, 0.25, 0.26, 0.004, 0.34, 0.007, 0.255, 0.335, 0.002, 0.009]), 0.3,
         "for 10 restarts and the threshold 0.3, above the plateau at 1/4"),
        (np.array([0.001, 0.008, 0.003, 0.25, 0.006, 0.002, 0.34, 0.009]), 0.005,
         "for 8 restarts and the strict threshold 0.005"),
    ]
    cases = []
    for errors, threshold, about in examples:
        below = errors < threshold
        right = float(np.mean(below))
        variants = {
            "count_of_restarts": int(below.sum()),
            "percent_not_fraction": 100 * right,
            "failures_not_successes": AnyOf(1 - right, float(np.mean(errors > threshold))),
            "threshold_ignored": float(np.mean(errors < 0.05)),
            "integer_division": int(below.sum()) // len(errors),
            "fixed_restart_count": int(below.sum()) / 30,  # a number of restarts written in, not len(final_errors)
        }
        cases.append(Case((errors, threshold), right, about, variants=variants))
    return cases


def _exp(x: float) -> float:
    """e^x, and infinity where the float overflows (as a wrong answer may)."""
    try:
        return math.exp(x)
    except OverflowError:
        return math.inf


@exercise(learner="acceptance_probability", reread="'The Metropolis rule'", hints=(
    "A move that lowers the error, or leaves it as it was, is always taken. A move that raises it is taken "
    "only sometimes: the more it raises the error, and the colder the search, the less often.",
    "P(accept) = 1 if ΔE ≤ 0, and e^(−ΔE / T) if ΔE > 0 (T here is the temperature, not a target).",
    "if dE <= ___:\n"
    "    return ___\n"
    "return math.exp(___)",
), answered_by=(_metropolis,))
def acceptance_probability():
    """Check fn(dE, temperature) -> the Metropolis probability of taking a move that changes
    the error by dE: 1 when dE <= 0, exp(-dE / temperature) otherwise. Numbers in, a number out."""
    examples = [
        (0.05, 0.1, "for a move uphill, ΔE = 0.05, at the temperature 0.1"),
        (-0.02, 0.1, "for a move downhill, ΔE = −0.02, at the temperature 0.1"),
        (0.2, 2.0, "for a move uphill, ΔE = 0.2, at the hot temperature 2"),
        (0.0, 0.5, "for a move that leaves the error as it was, ΔE = 0"),
        (0.3, 0.01, "for a move uphill, ΔE = 0.3, at the cold temperature 0.01"),
        (-0.5, 0.05, "for a move downhill, ΔE = −0.5, at the temperature 0.05"),
        (-1.0, 0.001, "for a large move downhill in the cold, ΔE = −1 at the temperature 0.001, where "
                      "e^(−ΔE/T) = e^1000 is too large for a float"),
    ]
    cases = []
    for dE, temp, about in examples:
        uphill = dE > 0
        variants = {
            "metropolis_no_cap": _exp(-dE / temp),
            "metropolis_sign": AnyOf(min(1.0, _exp(dE / temp)), _exp(dE / temp)),
            "metropolis_times_t": AnyOf(min(1.0, _exp(-dE * temp)), _exp(-dE * temp)),
            "greedy_only": 1.0 if dE <= 0 else 0.0,
            "decision_not_probability": AnyOf(True, False),
            "metropolis_complement": 1 - math.exp(-dE / temp) if uphill else None,
            "metropolis_inverted": math.exp(-temp / dE) if uphill else None,
        }
        cases.append(Case((dE, temp), _metropolis(dE, temp), about, variants=variants))
    return cases
