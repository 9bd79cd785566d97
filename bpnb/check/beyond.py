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
    E = 0.25 and 1/3 where two, or one, of the four tuples sit at O = 0.5."""
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
))
def fraction_below():
    """Check fn(final_errors, threshold) -> the fraction of restarts whose final error is
    below threshold. final_errors: (n_restarts,); threshold: a number. Returns a number."""
    examples = [
        (_restart_errors(20, 0.25, seed=1), 0.05, "for 20 restarts and the threshold 0.05"),
        (_restart_errors(50, 0.4, seed=2), 0.1, "for 50 restarts and the threshold 0.1"),
        (np.array([0.004, 0.05, 0.25, 0.003]), 0.05, "for 4 restarts, one of them exactly at the threshold 0.05 "
                                                      "(it is not below it)"),
        (np.array([0.25, 0.26, 0.333]), 0.05, "for 3 restarts that all stalled"),
    ]
    cases = []
    for errors, threshold, about in examples:
        below = errors < threshold
        right = float(np.mean(below))
        variants = {"count_not_fraction": int(below.sum()), "percent_not_fraction": 100 * right,
                    "failures_not_successes": 1 - right}
        cases.append(Case((errors, threshold), right, about, variants=variants))
    return cases


@exercise(learner="acceptance_probability", reread="'The Metropolis rule'", hints=(
    "A move that lowers the error, or leaves it as it was, is always taken. A move that raises it is taken "
    "only sometimes: the more it raises the error, and the colder the search, the less often.",
    "P(accept) = 1 if ΔE ≤ 0, and e^(−ΔE / T) if ΔE > 0 (T here is the temperature, not a target).",
    "if dE <= ___:\n"
    "    return ___\n"
    "return math.exp(___)",
))
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
    ]
    cases = []
    for dE, temp, about in examples:
        variants = {
            "metropolis_no_cap": math.exp(-dE / temp),
            "metropolis_sign": AnyOf(min(1.0, math.exp(dE / temp)), math.exp(dE / temp)),
            "metropolis_times_t": AnyOf(min(1.0, math.exp(-dE * temp)), math.exp(-dE * temp)),
            "greedy_only": 1.0 if dE <= 0 else 0.0,
        }
        cases.append(Case((dE, temp), _metropolis(dE, temp), about, variants=variants))
    return cases
