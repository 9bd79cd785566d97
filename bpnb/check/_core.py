"""What every checker shares: run the learner's function on cases, diagnose a wrong answer,
and return a one-line verdict. Never raises.

A checker is declared, not written: a function decorated with `exercise` returns its cases
(each with the known wrong answers of that case, by misconception), and the decorator turns
it into `checker(fn) -> Verdict`. The diagnosis asks, in this order: did the function return
at all, is the answer of the right kind (a number, True/False, a pair, a list of arrays), has
it the right shape, is it finite, is it the right value; a wrong answer that equals one of
the case's known wrong answers is named as that misconception.

A check refuses the course's own answers in the learner's place (the package's functions, a
stand-in, or a function that calls them) and stops a function that runs too long.
`yours_or_ours` hands the cells after an exercise the learner's function or the stand-in.
"""

import contextlib
import copy
import dis
import functools
import inspect
import io
import signal
import sys
import threading
import traceback
import warnings
from numbers import Integral, Real

import numpy as np

from .misconceptions import MISCONCEPTIONS, TRANSPOSITIONS

CHECKERS: dict = {}  # checker name -> the checker
HINTS: dict = {}  # checker name -> its three hint stages: the idea, the formula, a skeleton
LEARNERS: dict = {}  # checker name -> the name of the learner's function it checks
STAND_INS: dict = {}  # checker name -> the course's own function, used in the learner's place by yours_or_ours
ANSWERED_BY: dict = {}  # checker name -> the package's functions that compute the whole answer
_hints_given: dict = {}  # checker name -> how many stages have been shown
TIME_LIMIT = 10  # seconds of wall-clock time a learner's function may take on one case before the check stops it


_TRANSPOSED_SHAPE = ": is your matrix transposed?"  # what a shape that is the expected one reversed suggests


class _TooSlow(BaseException):
    """Raised into a learner's function that has run longer than TIME_LIMIT."""


class Verdict:
    """The result of a check: true when right; `message` says why not, `misconception`
    names the known mistake the answer matches (a key of `MISCONCEPTIONS`), if any."""

    def __init__(self, exercise: str, right: bool, message: str, misconception: str | None = None):
        self.exercise, self.right, self.message, self.misconception = exercise, right, message, misconception

    def __bool__(self) -> bool:
        return self.right

    def __repr__(self) -> str:
        return ("✓ Right: " if self.right else "✗ Not yet: ") + self.message

    def _repr_pretty_(self, p, cycle) -> None:
        p.text(repr(self))


class AnyOf:
    """Wrong answers one misconception can give in one case, any of them (a slope with one of
    its two factors, one of three conditions left out)."""

    def __init__(self, *answers):
        self.answers = answers


class Case:
    """One case: the arguments, the right answer, a phrase that names the case, and the
    wrong answers known misconceptions give for it ({misconception: answer}).
    `names` names the parts of an answer that is a pair or a list (e.g. ("dW", "dtheta"))."""

    def __init__(self, args, expected, about: str, *, variants=None, names=None, rtol=1e-6, atol=1e-9):
        unknown = set(variants or {}) - set(MISCONCEPTIONS)
        if unknown:
            raise KeyError(f"misconceptions not in the catalogue: {sorted(unknown)}")
        self.args, self.expected, self.about = args, expected, about
        self.names, self.rtol, self.atol = names, rtol, atol
        # a mistake that cannot be made here (None), or that gives the right answer here, tells nothing
        self.variants = {}
        for key, wrong in (variants or {}).items():
            answers = [a for a in (wrong.answers if isinstance(wrong, AnyOf) else [wrong])
                       if a is not None and _difference(a, expected, names, rtol, atol) is not None]
            if answers:
                self.variants[key] = answers


def exercise(*, learner: str, reread: str, hints, twice: bool = False, stand_in=None, answered_by=()):
    """Declare a checker. The decorated function returns the exercise's cases; the result
    is `checker(fn, strict=False) -> Verdict`. `learner` is the name of the learner's
    function, `reread` the section of the notebook that explains the exercise, `hints`
    its three stages (idea in words, formula, skeleton). With `twice`, each case is called
    a second time, so that state kept between calls shows. `stand_in`, for an exercise whose
    function later cells use, is the course's own function with the learner's arguments;
    `answered_by`, the package's functions that do the whole exercise: a learner's function that
    calls one of them, or a stand-in, is told to write the computation itself. Both are Python
    functions (their code is what a call is recognised by)."""
    if len(hints) != 3:
        raise ValueError(f"hints: expected 3 stages (idea, formula, skeleton), got {len(hints)}")
    for fn in ([stand_in] if stand_in is not None else []) + list(answered_by):
        if not hasattr(fn, "__code__"):
            raise TypeError(f"stand_in, answered_by: expected Python functions, got {_kind(fn)}")

    def declare(make_cases):
        name = make_cases.__name__
        HINTS[name], LEARNERS[name] = tuple(hints), learner
        ANSWERED_BY[name] = tuple(answered_by)
        if stand_in is not None:
            STAND_INS[name] = stand_in

        @functools.wraps(make_cases)
        def checker(fn=None, *, strict: bool = False) -> Verdict:
            verdict = _judge(name, learner, reread, make_cases, fn, twice)
            if strict and not verdict:
                raise AssertionError(repr(verdict))
            return verdict

        checker.cases = make_cases
        CHECKERS[name] = checker
        checker.__doc__ = (make_cases.__doc__ or "") + (
            f"\n\n    Returns a Verdict (true when right); strict=True raises AssertionError instead of "
            f"returning a wrong verdict. Hints: check.hint({name!r}).")
        return checker

    return declare


def _judge(name, learner, reread, make_cases, fn, twice) -> Verdict:
    stuck = f'Stuck? check.hint("{name}") gives a first hint.'
    if not callable(fn):
        return Verdict(name, False, f"pass your function itself, e.g. check.{name}({learner}); "
                                    f"got {_kind(fn)}.")
    if _is_ours(getattr(fn, "__module__", None)):  # the package's own, or a stand-in
        return Verdict(name, False, f"that is the course's own function (from {fn.__module__}), not yours: write "
                                    f"your own {learner} in the exercise's cell and pass it. {stuck}")
    not_yours = _courses_answers(name)
    if getattr(fn, "__name__", "<lambda>") != "<lambda>":
        learner = fn.__name__
    try:
        cases = make_cases()
        for k, case in enumerate(cases):
            for attempt in range(2 if twice else 1):
                problem, suspects, _ = _try_case(fn, learner, case, not_yours=not_yours)
                if problem:
                    if attempt == 1:
                        problem = f"called a second time with the same arguments, {problem}"
                        suspects = suspects or ["state_between_calls"]
                    misconception = _narrow(suspects, fn, cases[k + 1:])
                    if misconception in TRANSPOSITIONS:  # said once, not twice
                        problem = problem.removesuffix(_TRANSPOSED_SHAPE)
                    text = f"{case.about}: {problem}" + ("" if problem.endswith((".", "?")) else ".")
                    if misconception:
                        text += f" {MISCONCEPTIONS[misconception]}"
                    text += "".join(f" {note}" for note in _unsolved_helpers(fn, name))
                    return Verdict(name, False, f"{text} Reread {reread}. {stuck}", misconception)
    except BaseException as error:  # the learner's answer broke the comparison itself
        return Verdict(name, False, f"your answer could not be compared ({type(error).__name__}: {error}). {stuck}")
    return Verdict(name, True, f"{learner} passes all {len(cases)} cases.")


def yours_or_ours(checker, fn):
    """fn when it passes `checker`, else the course's own function for that exercise, so that
    the cells after an exercise run before it is solved (the student edition has no solutions).
    Prints which one the cells below use."""
    name = getattr(checker, "__name__", None)
    if CHECKERS.get(name) is not checker or name not in STAND_INS:
        raise TypeError(f"checker: expected the checker of an exercise whose function later cells use "
                        f"(check.{', check.'.join(sorted(STAND_INS))}), got {_kind(checker)}")
    learner = LEARNERS[name]
    if checker(fn):
        print(f"✓ The cells below use your {learner}: it passes its check.")
        return fn
    print(f"→ Your {learner} has not passed its check yet, so the cells below use the course's own in its place "
          f"(it gives the right numbers; its code is not in the notebook). Once yours passes (run its cell first), "
          "run this cell again.")
    return STAND_INS[name]


def _is_ours(module) -> bool:
    """Whether a module name is the package's (bpnb or one of its modules)."""
    return isinstance(module, str) and (module == "bpnb" or module.startswith("bpnb."))


def _courses_answers(name: str) -> dict:
    """The code of the course's own answers to exercise `name`, with what to call each: the
    stand-ins of the exercises that ask for a function of its name, the functions in `answered_by`."""
    found = {stand_in.__code__: "the course's stand-in" for other, stand_in in STAND_INS.items()
             if LEARNERS[other] == LEARNERS[name]}
    return found | {fn.__code__: f"the package's {fn.__module__}.{fn.__qualname__}" for fn in ANSWERED_BY[name]}


@contextlib.contextmanager
def _time_limit(seconds: float):
    """Interrupt the block with _TooSlow after `seconds` of wall-clock time. No limit where
    signals cannot do it: outside the main thread (a notebook's cells run in it), without
    setitimer (Windows), or while another alarm is set (an outer check, a test's timeout)."""
    free = (threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
            and not signal.getitimer(signal.ITIMER_REAL)[0]
            and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.SIG_IGN))
    if not free:
        yield
        return

    def interrupt(signum, frame):
        raise _TooSlow

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def _calls_into(codes: dict):
    """Collect the names (codes' values) of the functions among `codes` that code outside the
    package calls directly while the block runs (the checker's own call of the learner's
    function counts as outside). Collects nothing while another profiler is set."""
    called = []
    if not codes or sys.getprofile() is not None:
        yield called
        return

    def profile(frame, event, arg):
        caller = frame.f_back
        if event == "call" and frame.f_code in codes and caller is not None:
            module = caller.f_globals.get("__name__")
            if not _is_ours(module) or module == __name__:
                called.append(codes[frame.f_code])

    sys.setprofile(profile)
    try:
        yield called
    finally:
        sys.setprofile(None)


def _unsolved_helpers(fn, name: str) -> list:
    """Sentences for the learner's functions of the same part of the course's other exercises
    (a checker module is a part) that fn calls by name and that do not pass their checks yet:
    a wrong answer may come from them."""
    notes, part = [], CHECKERS[name].__module__
    for helper in _global_names(getattr(fn, "__code__", None)):
        used = getattr(fn, "__globals__", {}).get(helper)
        named = [c for c, learner in LEARNERS.items()
                 if learner == helper and c != name and CHECKERS[c].__module__ == part]
        if not named or not callable(used) or used is fn or _is_ours(getattr(used, "__module__", None)):
            continue
        with contextlib.redirect_stdout(io.StringIO()):  # the helper's own prints belong to its own check
            if any(CHECKERS[c](used) for c in named):
                continue
        notes.append(f"It calls your {helper}, which does not pass check.{named[0]} yet: fix that first.")
    return notes


def _global_names(code) -> list:
    """The global names a function's code (its comprehensions and lambdas included) loads."""
    if code is None:
        return []
    names = [i.argval for i in dis.get_instructions(code) if i.opname in ("LOAD_GLOBAL", "LOAD_NAME")]
    for const in code.co_consts:
        if hasattr(const, "co_code"):
            names += [n for n in _global_names(const) if n not in names]
    return list(dict.fromkeys(names))


def _narrow(suspects, fn, later_cases) -> str | None:
    """The misconception among suspects that the later cases do not contradict. A later case
    with a clear wrong answer (finite numbers) that is not the mistake's wrong answer there
    clears the suspect, so that an answer that meets a mistake's value by chance on one case
    is not blamed on it; a later case answered right contradicts nothing."""
    for case in later_cases:
        if not suspects:
            break
        problem, matching, clear = _try_case(fn, "", case, quiet=True)
        if problem and clear:
            suspects = [s for s in suspects if s in matching]
    return suspects[0] if suspects else None


def _finite(value) -> bool:
    """Whether an answer is made of finite numbers only (a clear answer to compare)."""
    if isinstance(value, (list, tuple)):
        return all(_finite(v) for v in value)
    try:
        return bool(np.all(np.isfinite(np.asarray(value, dtype=float))))
    except (TypeError, ValueError, OverflowError):
        return False


def _still_a_stub(fn) -> bool:
    """Whether fn's code still has the stub's ... (True when its code cannot be read)."""
    try:
        return "..." in inspect.getsource(fn)
    except (OSError, TypeError):
        return True


def _try_case(fn, learner, case, quiet=False, not_yours=None):
    """(problem, the misconceptions whose wrong answer it matches, whether the answer is made
    of finite numbers) for one call of fn on a case; problem is None when right. `not_yours`:
    code objects that fn must not call (the course's own answers), with what to call them."""
    args, printed, failed = copy.deepcopy(case.args), io.StringIO(), None
    with warnings.catch_warnings(), np.errstate(all="ignore"), _calls_into(not_yours or {}) as called:
        warnings.simplefilter("ignore")  # the verdict speaks; numpy's warnings would distract
        try:
            with contextlib.redirect_stdout(printed), _time_limit(TIME_LIMIT):
                got = fn(*args)
        except _TooSlow:
            failed = (f"your {learner} did not finish within {TIME_LIMIT} s, so the check stopped it: look for a "
                      "loop that never ends (a while whose condition stays true, a counter never changed).")
        except BaseException as error:  # the learner's code failed: say where, never raise
            failed = _raised(error, learner, len(args), fn)
    if not quiet:
        print(printed.getvalue()[:2000], end="")  # the learner's own prints, for debugging
    if failed:
        return failed, [], False
    if called:
        return (f"your {learner} calls {called[0]}, which does this whole exercise: write the computation "
                "yourself.", [], False)
    if got is None or got is Ellipsis:
        if printed.getvalue().strip():
            return (f"your {learner} prints its answer but returns {got!r}: use return, not print, "
                    "so that the caller gets the value.", [], False)
        changed = _changed_argument(case.args, args, fn)
        if changed:
            return (f"your {learner} changes its argument {changed} in place and returns {got!r}: build the "
                    "result in a new array and return it.", ["changed_argument"], False)
        if not _still_a_stub(fn):
            return f"your {learner} returns {got!r}: end it with return and the result.", [], False
        return f"your {learner} returns {got!r}: replace the ... with your code and return the result.", [], False
    changed = _changed_argument(case.args, args, fn)
    if changed:
        return (f"your {learner} changed its argument {changed} in place: work on a copy or build new "
                "arrays (a = a + ..., not a += ...), so that the caller's values stay as they were.",
                ["changed_argument"], False)
    problem = _difference(got, case.expected, case.names, case.rtol, case.atol)
    if problem is None:
        return None, [], True
    matching = [m for m, answers in case.variants.items()
                if any(_difference(got, wrong, case.names, case.rtol, case.atol) is None for wrong in answers)]
    return problem, matching, _finite(got)


def _raised(error: BaseException, learner: str, n_args: int, fn=None) -> str:
    """What a learner's function raised, at its own line (the last one of the learner's code
    when the error came from inside a library), with advice for the usual causes."""
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename != __file__]
    if not frames:  # the call itself failed: the function's arguments are not the exercise's
        return (f"your {learner} cannot be called with the exercise's {n_args} arguments "
                f"({type(error).__name__}: {error}): keep the arguments of the stub's def line.")
    own = [f for f in frames if f.filename == getattr(getattr(fn, "__code__", None), "co_filename", None)]
    frame, text = (own or frames)[-1], str(error)
    line = f": {frame.line}" if frame.line else ""
    advice = ""
    if any(word in text for word in ("matmul", "broadcast", "shapes", "aligned")):
        advice = (" Two arrays' shapes do not fit together: print their .shape (a matrix may need .T, or "
                  "one .T less, or the operands the other way round).")
    elif isinstance(error, TypeError) and "scalar" in text:
        advice = " The math module takes one number at a time: numpy's functions (np.exp, ...) take whole arrays."
    elif "inhomogeneous" in text:
        advice = (" A list of arrays of different shapes cannot become one array: work on each array in "
                  "turn (a for loop over the list, or a sum over its arrays).")
    elif isinstance(error, ZeroDivisionError):
        advice = " Is a count starting at 0 where it should start at 1, or a denominator that can be 0?"
    return f"your {learner} raised {type(error).__name__}: {text} (line {frame.lineno}{line}).{advice}"


def _changed_argument(originals, passed, fn) -> str | None:
    """The name of the first argument the call changed, or None."""
    try:
        names = list(inspect.signature(fn).parameters)
    except (TypeError, ValueError):
        names = []
    for k, (before, after) in enumerate(zip(originals, passed)):
        if not _equal(before, after):
            return names[k] if k < len(names) else f"number {k + 1}"
    return None


def _equal(a, b) -> bool:
    """Deep equality of arguments: arrays elementwise (NaN equal to NaN), containers item by
    item, other objects by their attributes."""
    if isinstance(a, np.ndarray):
        return isinstance(b, np.ndarray) and a.shape == b.shape and bool(np.array_equal(a, b, equal_nan=True))
    if isinstance(a, np.random.Generator):  # made to be drawn from: its state may change
        return isinstance(b, np.random.Generator)
    if isinstance(a, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(_equal(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(_equal(a[k], b[k]) for k in a)
    if hasattr(a, "__dict__") and not callable(a):
        return type(a) is type(b) and _equal(vars(a), vars(b))
    return bool(a == b) or (a != a and b != b)


def _difference(got, expected, names, rtol, atol, where: str = "") -> str | None:
    """What is wrong with got, the first thing only, or None when it equals expected."""
    subject = where or "your answer"
    if isinstance(expected, (list, tuple)):
        if not isinstance(got, (list, tuple)):
            parts = " and ".join(names) if names else _what(expected)
            return f"{subject} should be {parts}, but it is {_kind(got)}"
        if len(got) != len(expected):
            parts = f" ({', '.join(names)})" if names else ""
            return f"{subject} should hold {_count(len(expected), 'value')}{parts}, but it holds {len(got)}"
        for k, (g, e) in enumerate(zip(got, expected)):
            part = names[k] if names and k < len(names) else f"{where}[{k}]" if where else f"value [{k}]"
            problem = _difference(g, e, None, rtol, atol, part)
            if problem and names and " should be " in problem:
                return f"{problem} (the answer is {', '.join(names)}, in that order)"
            if problem:
                return problem
        return None
    if isinstance(expected, (bool, np.bool_)):
        if not isinstance(got, (bool, np.bool_)):
            return f"{subject} should be True or False, but it is {_kind(got)}"
        return None if bool(got) == bool(expected) else f"{subject} is {bool(got)}; expected {bool(expected)}"
    if isinstance(got, (str, bytes, bool, np.bool_)) or not _numeric(got):
        return f"{subject} should be {_what(expected)}, but it is {_kind(got)}"
    if isinstance(expected, np.ndarray) and expected.ndim >= 2 and not isinstance(got, np.ndarray):
        return f"{subject} is {_kind(got)}, not a NumPy array of shape {expected.shape}: return an array"
    if isinstance(expected, Integral) and not isinstance(got, Integral):
        return f"{subject} should be a whole number (an int), but it is {_kind(got)}"
    try:
        got_array = np.asarray(got, dtype=float)
    except (OverflowError, TypeError, ValueError) as error:
        return f"{subject} could not be read as numbers ({type(error).__name__}: {error})"
    expected_array = np.asarray(expected, dtype=float)
    if got_array.shape != expected_array.shape:
        return f"{subject} has the wrong shape: " + _shape_problem(got_array.shape, expected_array.shape)
    infinite = ~np.isfinite(got_array) & np.isfinite(expected_array)
    if infinite.any():
        at = _index(np.argwhere(infinite)[0]) if got_array.ndim else ""
        return (f"{subject}{at} is {got_array[infinite].flat[0]}, not a finite number: an overflow or a "
                "division by zero")
    close = np.isclose(got_array, expected_array, rtol=rtol, atol=atol)
    if close.all():
        return None
    if got_array.size == 1:
        return f"{subject} is {_numbers(got_array)}; expected {_numbers(expected_array)}"
    first = tuple(np.argwhere(~close)[0])
    return (f"{subject}{_index(first)} is {_number(got_array[first])}; expected "
            f"{_number(expected_array[first])} ({int((~close).sum())} of {close.size} elements differ)")


def _shape_problem(got: tuple, expected: tuple) -> str:
    text = f"expected shape {expected}, got {got}"
    if len(got) == 2 and got == expected[::-1]:
        return text + _TRANSPOSED_SHAPE
    if got == ():
        size = int(np.prod(expected))
        return text + (f", a single number where {size} values are expected (did float(), [0] or a sum "
                       "without axis= make it one number, or is a value of the answer missing?)")
    if expected == () and int(np.prod(got)) == 1:
        return text + ": return the number itself, not an array or list holding it"
    if expected == ():
        return text + ": expected a single number (did you forget to add the elements up?)"
    return text


def _numeric(value) -> bool:
    """Whether value is a number or an array of numbers (np.asarray gives a real or bool dtype:
    True/False standing alone are refused before this)."""
    try:
        array = np.asarray(value)
    except Exception:
        return False
    return array.dtype.kind in "biuf" or (array.dtype.kind == "O" and _all_real(array))


def _all_real(array) -> bool:
    return all(isinstance(v, Real) and not isinstance(v, bool) for v in array.flat)


def _count(n: int, word: str) -> str:
    return f"{n} {word}" + ("s" if n != 1 else "")


def _index(index) -> str:
    return "[" + ", ".join(str(int(i)) for i in index) + "]"


def _numbers(array) -> str:
    """A one-element array as its number, in as many brackets as it has dimensions."""
    return "[" * array.ndim + _number(array.flat[0]) + "]" * array.ndim


def _number(value) -> str:
    value = float(value)
    return f"{value:.4g}" if abs(value) >= 1e-4 or value == 0 else f"{value:.2e}"


def _what(expected) -> str:
    """What the right answer is, in words, without its value."""
    if isinstance(expected, np.ndarray) and expected.ndim:
        return f"an array of shape {expected.shape}"
    if isinstance(expected, (list, tuple)):
        return f"a {type(expected).__name__} of {_count(len(expected), 'value')}"
    return "a whole number" if isinstance(expected, Integral) else "a number"


def _kind(value) -> str:
    """A learner's answer described in words, short."""
    if value is None:
        return "None"
    if isinstance(value, (bool, np.bool_)):
        return f"{bool(value)} (True/False)"
    if isinstance(value, str):
        return f"the text {value[:30]!r} (a string)"
    if isinstance(value, np.ndarray):
        if value.dtype == object:
            return f"an array of shape {value.shape} of other arrays or objects, not of numbers"
        return f"an array of shape {value.shape}"
    if isinstance(value, (list, tuple)):
        return f"a {type(value).__name__} of {_count(len(value), 'value')}"
    if isinstance(value, Integral):
        return "an int" if abs(value) < 10**12 else "a huge int"
    if isinstance(value, Real):
        return f"the float {float(value)!r}" if float(value).is_integer() else f"the number {float(value):.4g}"
    return f"a {type(value).__name__}"


def hint(exercise, stage: int | None = None) -> None:
    """Print the next hint for an exercise (or the given stage, 1-3): first the idea in words,
    then the formula in the textbook's notation, then a code skeleton with blanks. `exercise`
    is the checker's name, or your function itself."""
    print(_hint_text(exercise, stage))


def _hint_text(exercise, stage) -> str:
    if callable(exercise):  # the learner's function: the checker of a function of that name
        named = [n for n, learner in LEARNERS.items() if learner == getattr(exercise, "__name__", "")]
        exercise = named[0] if len(named) == 1 else getattr(exercise, "__name__", exercise)
    if exercise not in HINTS:
        near = sorted(n for n in HINTS if str(exercise)[:4] in n)
        names = f"those of the checkers, such as {', '.join(near)}" if near else "those of the checkers"
        return f"No exercise is called {exercise!r}; the names are {names} (the verdict says which to ask)."
    stages = HINTS[exercise]
    if stage is None:
        stage = min(_hints_given.get(exercise, 0) + 1, 4)
    if stage not in (1, 2, 3, 4):
        return f"stage: expected 1, 2 or 3, got {stage!r}."
    _hints_given[exercise] = max(_hints_given.get(exercise, 0), stage)
    if stage == 4:
        return ("That was the last hint. Reread the section that the check names, compare your code with the "
                "skeleton, and print what your code computes on the case the check names, step by step. "
                f'check.hint("{exercise}", 1) shows a hint again.')
    title = ("the idea", "the formula", "a skeleton to fill in")[stage - 1]
    more = f'Ask again, check.hint("{exercise}"), for {("the formula", "a skeleton")[stage - 1]}.' if stage < 3 else ""
    return f"Hint {stage} of 3, {title}:\n{stages[stage - 1]}\n{more}".rstrip()
