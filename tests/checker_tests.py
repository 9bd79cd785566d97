"""The three tests every checker module gets: its right answers pass, its stubs do not, and
each catalogued mistake is named when a learner makes it. A test module calls
`checker_tests(check, RIGHT, CASES, MISTAKES)` and keeps the three functions it returns."""

import pytest

from bpnb.check import MISCONCEPTIONS
from bpnb.check._core import LEARNERS


def stub(*args):
    ...


def checker_tests(check, right: dict, cases: dict, mistakes: list):
    """right: checker name -> a right answer; cases: checker name -> its number of cases;
    mistakes: (checker name, wrong answer, the misconception it must be named as)."""

    @pytest.mark.parametrize("name", right)
    def test_right_answer_passes(name):
        answer = right[name]
        shown = LEARNERS[name] if answer.__name__ == "<lambda>" else answer.__name__
        verdict = getattr(check, name)(answer)
        assert verdict and verdict.right and verdict.misconception is None
        assert repr(verdict) == f"✓ Right: {shown} passes all {cases[name]} cases."

    @pytest.mark.parametrize("name", right)
    def test_stub_is_not_yet(name):
        verdict = getattr(check, name)(stub)
        assert not verdict and verdict.misconception is None
        assert "your stub returns None: replace the ... with your code" in verdict.message
        assert f'check.hint("{name}")' in verdict.message

    @pytest.mark.parametrize("name, answer, misconception", mistakes,
                             ids=[f"{m[2]}-{m[0]}-{k}" for k, m in enumerate(mistakes)])
    def test_misconception_is_named(name, answer, misconception):
        verdict = getattr(check, name)(answer)
        assert not verdict and verdict.misconception == misconception
        assert MISCONCEPTIONS[misconception] in verdict.message

    return test_right_answer_passes, test_stub_is_not_yet, test_misconception_is_named
