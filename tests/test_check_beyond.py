"""The checkers of notebook 12: right answers pass, stubs fail, and each named misconception
is recognised when a learner makes it."""

import json
import math
import re
from pathlib import Path

import numpy as np
import pytest
from checker_tests import checker_tests

from bpnb.check import beyond as check


def stub(*args):
    ...


def metropolis(dE, temperature, *, cap=True, sign=-1.0, times=False, greedy=False):
    if greedy:
        return 1.0 if dE <= 0 else 0.0
    p = math.exp(sign * dE * temperature) if times else math.exp(sign * dE / temperature)
    return min(1.0, p) if cap else p


RIGHT = {
    "fraction_below": lambda errors, threshold: np.mean(errors < threshold),
    "acceptance_probability": lambda dE, temperature: 1.0 if dE <= 0 else math.exp(-dE / temperature),
}
CASES = {"fraction_below": 6, "acceptance_probability": 7}


def decide(dE, temperature):
    """The Metropolis decision itself, True or False, where the probability is asked for."""
    return bool(np.random.default_rng(0).random() < metropolis(dE, temperature))


MISTAKES = [
    ("fraction_below", lambda e, t: int(np.sum(e < t)), "count_of_restarts"),
    ("fraction_below", lambda e, t: 100 * np.mean(e < t), "percent_not_fraction"),
    ("fraction_below", lambda e, t: np.mean(e >= t), "failures_not_successes"),
    ("fraction_below", lambda e, t: np.mean(e > t), "failures_not_successes"),
    ("fraction_below", lambda e, t: 1 - np.mean(e < t), "failures_not_successes"),
    ("fraction_below", lambda e, t: np.mean(e < 0.05), "threshold_ignored"),
    ("fraction_below", lambda e, t: np.sum(e < t) // len(e), "integer_division"),
    ("fraction_below", lambda e, t: np.sum(e < t) / 30, "fixed_restart_count"),
    ("acceptance_probability", lambda dE, temp: metropolis(dE, temp, cap=False), "metropolis_no_cap"),
    ("acceptance_probability", lambda dE, temp: metropolis(dE, temp, sign=1.0), "metropolis_sign"),
    ("acceptance_probability", lambda dE, temp: metropolis(dE, temp, sign=1.0, cap=False), "metropolis_sign"),
    ("acceptance_probability", lambda dE, temp: metropolis(dE, temp, times=True), "metropolis_times_t"),
    ("acceptance_probability", lambda dE, temp: metropolis(dE, temp, greedy=True), "greedy_only"),
    ("acceptance_probability", decide, "decision_not_probability"),
    ("acceptance_probability", lambda dE, temp: 1.0 if dE <= 0 else 1 - math.exp(-dE / temp),
     "metropolis_complement"),
    ("acceptance_probability", lambda dE, temp: 1.0 if dE <= 0 else math.exp(-temp / dE), "metropolis_inverted"),
]


def test_ignoring_the_threshold_is_caught_where_it_matters():
    verdict = check.fraction_below(lambda e, t: np.mean(e < 0.05))
    assert verdict.message.startswith("for 10 restarts and the threshold 0.3, above the plateau at 1/4: your answer "
                                      "is 0.5; expected 0.8.")


def test_the_count_is_explained_as_one_of_restarts():
    verdict = check.fraction_below(lambda e, t: int(np.sum(e < t)))
    assert "your answer is 16; expected 0.8." in verdict.message
    assert "divide by the number of restarts, len(final_errors)" in verdict.message
    assert "tuples" not in verdict.message


def test_a_downhill_move_in_the_cold_must_not_overflow():
    verdict = check.acceptance_probability(lambda dE, temp: min(1.0, math.exp(-dE / temp)))
    assert not verdict and verdict.misconception is None
    assert verdict.message.startswith("for a large move downhill in the cold, ΔE = −1 at the temperature 0.001, "
                                      "where e^(−ΔE/T) = e^1000 is too large for a float: your acceptance_probability "
                                      "raised OverflowError: math range error")


def test_the_decision_is_named_in_every_case_whatever_it_is():
    for answer in (lambda dE, temp: True, lambda dE, temp: False):
        verdict = check.acceptance_probability(answer)
        assert not verdict and verdict.misconception == "decision_not_probability"
        assert "should be a number, but it is" in verdict.message


def test_at_most_instead_of_below_is_caught_at_the_threshold():
    verdict = check.fraction_below(lambda e, t: np.mean(e <= t))
    assert not verdict and verdict.misconception is None
    assert verdict.message.startswith("for 4 restarts, one of them exactly at the threshold 0.05 (it is not below "
                                      "it): your answer is 0.75; expected 0.5.")


def test_a_probability_for_dE_zero_below_one_is_caught():
    verdict = check.acceptance_probability(lambda dE, temp: 1.0 if dE < 0 else
                                           (0.5 if dE == 0 else math.exp(-dE / temp)))
    assert not verdict
    assert "for a move that leaves the error as it was, ΔE = 0: your answer is 0.5; expected 1." in verdict.message


def test_the_right_answer_comes_from_the_package():
    from bpnb import annealing
    cases = check.acceptance_probability.__wrapped__()
    assert [c.expected for c in cases] == [annealing.acceptance_probability(*c.args) for c in cases]
    assert cases[0].expected == pytest.approx(math.exp(-0.5), rel=1e-15)


NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "12_beyond_gradient_descent.ipynb"


@pytest.mark.skipif(not NOTEBOOK.is_file(), reason="the notebook is not there yet")
@pytest.mark.parametrize("name", list(RIGHT))
def test_the_section_to_reread_is_a_heading_of_the_notebook(name):
    cells = json.loads(NOTEBOOK.read_text())["cells"]
    headings = [line.lstrip("#").strip() for c in cells if c["cell_type"] == "markdown"
                for line in "".join(c["source"]).splitlines() if line.startswith("#")]
    reread = re.search(r"Reread '([^']+)'", getattr(check, name)(stub).message).group(1)
    assert reread in headings


def test_no_hint_gives_the_whole_answer():
    from bpnb.check._core import HINTS
    for name in RIGHT:
        idea, formula, skeleton = HINTS[name]
        assert "___" in skeleton and "np." not in idea and "___" not in idea and "e^" not in idea, name
    assert "-dE / temperature" not in HINTS["acceptance_probability"][2]


test_right_answer_passes, test_stub_is_not_yet, test_misconception_is_named = checker_tests(
    check, RIGHT, CASES, MISTAKES)
