"""What every checker promises: it never raises, never passes a bad answer, returns a
Verdict, and has three hint stages; the diagnosis machinery says what is wrong."""

import cProfile
import functools
import json
import re
import signal
import time
from pathlib import Path

import numpy as np
import pytest

import bpnb
from bpnb import check
from bpnb.check._core import HINTS, STAND_INS, _try_case

CHECKERS = sorted(HINTS)


class FloatRaises:
    def __float__(self):
        raise RuntimeError("no number here")

    def __array__(self, dtype=None, copy=None):
        raise RuntimeError("no array here")


def raises(*args):
    raise ValueError("learner's bug")


def exits(*args):
    raise SystemExit(1)


BAD_ANSWERS = {
    "a string": lambda *args: "0.5",
    "None": lambda *args: None,
    "a huge number": lambda *args: 10**400,
    "an exception": raises,
    "SystemExit": exits,
    "a wrong shape": lambda *args: np.zeros((7, 3)),
    "an object whose __float__ raises": lambda *args: FloatRaises(),
    "infinity": lambda *args: float("inf"),
    "a list of strings": lambda *args: ["a", "b"],
}


def test_every_course_checker_is_registered():
    assert len(CHECKERS) >= 25
    for name in CHECKERS:
        assert callable(getattr(check, name)), name


@pytest.mark.parametrize("name", CHECKERS)
@pytest.mark.parametrize("answer", list(BAD_ANSWERS), ids=list(BAD_ANSWERS))
def test_bad_answers_are_not_yet_and_never_raise(name, answer):
    verdict = getattr(check, name)(BAD_ANSWERS[answer])
    assert isinstance(verdict, check.Verdict)
    assert not verdict and repr(verdict).startswith("✗ Not yet: ")
    assert f'check.hint("{name}")' in repr(verdict)
    assert "\n" not in repr(verdict)


@pytest.mark.parametrize("name", CHECKERS)
def test_not_a_function(name):
    verdict = getattr(check, name)(3)
    assert not verdict and "pass your function itself" in verdict.message and "got an int" in verdict.message


@pytest.mark.parametrize("name", CHECKERS)
def test_strict_mode_raises_assertion_error(name):
    with pytest.raises(AssertionError, match="Not yet"):
        getattr(check, name)(lambda *args: None, strict=True)


def shown(capsys, *args) -> str:
    assert check.hint(*args) is None  # a hint is printed: two in one cell both show
    return capsys.readouterr().out.rstrip("\n")


@pytest.mark.parametrize("name", CHECKERS)
def test_three_hint_stages_then_the_solution(name, capsys):
    check._core._hints_given.pop(name, None)
    texts = [shown(capsys, name) for _ in range(4)]
    for stage in (1, 2, 3):
        assert texts[stage - 1].startswith(f"Hint {stage} of 3")
        assert len(texts[stage - 1]) > 40
    assert texts[3].startswith("That was the last hint") and f'check.hint("{name}", 1)' in texts[3]
    assert len(set(texts[:3])) == 3
    assert shown(capsys, name, 2) == texts[1]


def test_a_hint_for_the_learners_function_itself(capsys):
    def sigmoid(I):
        ...
    check._core._hints_given.pop("sigmoid", None)
    assert shown(capsys, sigmoid).startswith("Hint 1 of 3, the idea:")


def test_hint_for_an_unknown_name_names_near_ones(capsys):
    text = shown(capsys, "output_eror")
    assert text.startswith("No exercise is called 'output_eror'") and "output_error" in text
    assert "count_weights" not in text
    assert "stage: expected 1, 2 or 3" in shown(capsys, "output_error", 7)


def test_printed_instead_of_returned():
    def output_error(O, T):
        print(O * (1 - O) * (T - O))
    verdict = check.output_error(output_error)
    assert "prints its answer but returns None: use return, not print" in verdict.message


def test_an_error_inside_numpy_is_shown_at_the_learners_own_line():
    def weight_updates(O_prev, Err, lr):
        parts = [O_prev, Err]
        return np.array(parts) * lr
    message = check.weight_updates(weight_updates).message
    assert re.search(r"\(line \d+: return np\.array\(parts\) \* lr\)", message)
    assert "A list of arrays of different shapes cannot become one array" in message


def test_returning_nothing_is_told_apart_from_the_stub():
    def stub(O, T):
        ...

    def forgot_return(O, T):
        Err = O * (1 - O) * (T - O)  # noqa: F841

    def in_place(O, T):
        O[...] = O * (1 - O) * (T - O)

    assert "returns None: replace the ... with your code" in check.output_error(stub).message
    assert "returns None: end it with return and the result" in check.output_error(forgot_return).message
    verdict = check.output_error(in_place)
    assert "changes its argument O in place and returns None" in verdict.message
    assert verdict.misconception == "changed_argument"


def test_an_argument_changed_in_place_is_named():
    def weight_updates(O_prev, Err, lr):
        O_prev *= lr
        return np.outer(O_prev, Err), lr * Err
    verdict = check.weight_updates(weight_updates)
    assert verdict.misconception == "changed_argument" and "changed its argument O_prev in place" in verdict.message


def test_first_differing_element_not_a_dump():
    def forward(X, weights, biases):
        outputs = [X]
        for W, theta in zip(weights, biases):
            outputs.append(1 / (1 + np.exp(-(outputs[-1] @ W + theta))))
        if len(X) > 1:  # right for the one-tuple case; one element wrong in the others
            outputs[-1] = outputs[-1] + np.eye(*outputs[-1].shape)[::-1]
        return outputs
    verdict = check.forward(forward)
    assert verdict.misconception is None
    assert re.search(r"for a random 2-3-1 network and 4 tuples: outputs\[2\]\[3, 0\] is 1\.\d+; expected "
                     r"0\.\d+ \(1 of 4 elements differ\)\.", verdict.message), verdict.message
    assert "[[" not in verdict.message


def test_a_transposed_matrix_is_suggested_by_its_shape():
    verdict = check.weight_updates(lambda O, Err, lr: (lr * np.outer(Err, O) + 1, lr * Err))
    assert "expected shape (2, 1), got (1, 2): is your matrix transposed?" in verdict.message


def test_a_case_names_only_catalogued_misconceptions():
    with pytest.raises(KeyError, match="not in the catalogue"):
        check.Case((), 1.0, "a case", variants={"no_such_mistake": 2.0})


def test_every_misconception_is_said_in_a_sentence():
    for key, sentence in check.MISCONCEPTIONS.items():
        assert not sentence[0].islower() and sentence.endswith("."), key


def test_a_whole_float_is_not_an_int():
    verdict = check.count_weights(lambda sizes: float(sum(a * b + b for a, b in zip(sizes, sizes[1:]))))
    assert not verdict and "should be a whole number (an int), but it is the float 11.0" in verdict.message
    assert check.count_weights(lambda sizes: np.int64(sum(a * b + b for a, b in zip(sizes, sizes[1:]))))


def test_drawing_from_a_generator_argument_is_not_a_change():
    from bpnb.check._core import _equal
    rng = np.random.default_rng(3)
    drawn = np.random.default_rng(3)
    drawn.permutation(10)
    assert _equal(rng, drawn) and not _equal(rng, 3)


def test_a_bool_array_is_an_array_of_numbers():
    assert check.one_hot_targets(lambda y, n: np.eye(n, dtype=bool)[y])


def test_a_function_with_the_wrong_arguments_is_told_so_not_shown_the_checkers_line():
    verdict = check.output_error(lambda O: O)
    assert "your output_error cannot be called with the exercise's 2 arguments (TypeError" in verdict.message
    assert "fn(*args)" not in verdict.message


def test_math_exp_on_an_array_is_pointed_to_numpy():
    import math
    verdict = check.sigmoid(lambda I: 1 / (1 + math.exp(-I)))
    assert "numpy's functions (np.exp, ...) take whole arrays" in verdict.message


def test_a_number_wrapped_in_a_list_is_not_a_sum_forgotten():
    verdict = check.unit_net_input(lambda O, w, theta: [np.sum(w * O) + theta])
    assert "return the number itself, not an array or list holding it" in verdict.message
    assert "add the elements up" not in verdict.message


def test_a_missing_value_of_a_pair_is_said():
    verdict = check.axis_crossings(lambda w1, w2, theta: -theta / w1)
    assert "a single number where 2 values are expected" in verdict.message


NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def notebook_cells(path):
    return [(c["cell_type"], "".join(c["source"])) for c in json.loads(path.read_text())["cells"]]


@pytest.mark.parametrize("name", sorted(HINTS))
def test_the_section_to_reread_is_a_heading_of_the_notebook_that_asks(name):
    def stub(*args):
        ...
    reread = re.search(r"Reread '(.+?)'\. ", getattr(check, name)(stub).message).group(1)
    asking = [path for path in NOTEBOOKS
              if any(kind == "code" and f"check.{name}(" in text for kind, text in notebook_cells(path))]
    assert asking, f"no notebook checks {name}"
    for path in asking:
        headings = [line.lstrip("#").strip() for kind, text in notebook_cells(path) if kind == "markdown"
                    for line in text.splitlines() if line.startswith("#")]
        assert any(heading.endswith(reread) for heading in headings), (path.name, reread)  # after "4 · "


def test_every_misconception_in_the_catalogue_is_named_by_some_checker():
    source = "\n".join(p.read_text() for p in (Path(check.__file__).parent).glob("*.py") if p.name != "misconceptions.py")
    unused = [key for key in check.MISCONCEPTIONS if f'"{key}"' not in source]
    assert not unused, unused


def test_an_array_of_arrays_is_not_called_the_right_shape():
    def layer_gradient_norms(net, X, T):
        dW, _ = net.gradients(X, T)
        return np.array(dW, dtype=object)
    message = check.layer_gradient_norms(layer_gradient_norms).message
    assert "of other arrays or objects, not of numbers" in message


@pytest.mark.parametrize("name", sorted(STAND_INS))
def test_a_stand_in_gives_the_right_answer_but_does_not_pass_as_the_learners(name):
    stand_in, checker = STAND_INS[name], getattr(check, name)
    for case in checker.cases():
        assert _try_case(stand_in, name, case)[0] is None, case.about  # its answers are right
    refused = checker(stand_in)
    assert not refused and "the course's own function" in refused.message
    for wrapped in (lambda *args: stand_in(*args), functools.partial(stand_in)):
        verdict = checker(wrapped)
        assert not verdict and "calls the course's stand-in, which does this whole exercise" in verdict.message


def test_another_exercises_stand_in_may_be_called():
    ours = STAND_INS["sigmoid_derivative"]
    verdict = check.output_error(lambda O, T: ours(O) * (T - O))  # a right answer built on 01's stand-in
    assert verdict, verdict


def test_a_right_answer_passes_while_a_profiler_runs():
    profiler = cProfile.Profile()
    with profiler:
        verdict = check.sigmoid(lambda I: 1 / (1 + np.exp(-I)))
    assert verdict, verdict


def test_another_exercises_stand_in_of_the_same_name_is_refused_too():
    ours = STAND_INS["net_input"]  # 00's net_input; 03 asks for one of the same name
    verdict = check.unit_net_input(lambda O, w, theta: ours(O, w, theta))
    assert not verdict and "calls the course's stand-in" in verdict.message


def test_a_function_that_calls_the_package_function_of_the_exercise_is_refused():
    verdict = check.forward(lambda X, weights, biases: bpnb.Network.from_weights(weights, biases).forward(X)[1])
    assert not verdict and "calls the package's bpnb.network.Network.forward" in verdict.message
    assert check.layer_gradient_norms(  # the package's own code may call it: net.gradients runs forward
        lambda net, X, T: np.array([np.sqrt(np.sum(g ** 2)) for g in net.gradients(X, T)[0]]))


def neuron_case_update(w, theta, x, t, l):
    return w, theta  # a learner's: no update yet


def neuron_case_epoch(w, theta, X, T, l):
    for x, t in zip(X, T):
        w, theta = neuron_case_update(w, theta, x, t, l)  # a global, as in a notebook
    return w, theta


def test_a_wrong_answer_names_the_learners_unsolved_function_it_calls():
    verdict = check.neuron_case_epoch(neuron_case_epoch)
    assert not verdict and ("It calls your neuron_case_update, which does not pass check.neuron_case_update yet: "
                            "fix that first.") in verdict.message


def test_the_packages_own_function_is_not_the_learners():
    verdict = check.sigmoid(bpnb.activations.sigmoid)
    assert not verdict and "the course's own function (from bpnb.activations), not yours" in verdict.message


def test_yours_or_ours_keeps_a_right_answer_and_replaces_a_wrong_one(capsys):
    def forward(X, weights, biases):
        outputs = [X]
        for W, theta in zip(weights, biases):
            outputs.append(1 / (1 + np.exp(-(outputs[-1] @ W + theta))))
        return outputs

    assert check.yours_or_ours(check.forward, forward) is forward
    assert capsys.readouterr().out == "✓ The cells below use your forward: it passes its check.\n"
    ours = check.yours_or_ours(check.forward, lambda X, weights, biases: [X])
    assert ours is STAND_INS["forward"] and "the cells below use the course's own" in capsys.readouterr().out
    assert check.yours_or_ours(check.forward, ours) is ours  # the cell run a second time


def test_yours_or_ours_names_the_checkers_that_have_a_stand_in():
    with pytest.raises(TypeError, match=r"checker: expected .*check\.forward.*got a function"):
        check.yours_or_ours(check.output_error, print)  # its function is not used after the exercise
    with pytest.raises(TypeError, match=r"checker: expected .*got a function"):
        check.yours_or_ours(lambda X, weights, biases: [X], check.forward)  # the arguments swapped


def test_a_function_that_never_ends_is_stopped(monkeypatch):
    monkeypatch.setattr(check._core, "TIME_LIMIT", 0.2)

    def sigmoid(I):
        end = time.monotonic() + 5  # "never", for a test that must end even when the limit does not work
        while time.monotonic() < end:
            pass

    verdict = check.sigmoid(sigmoid)
    assert not verdict and "did not finish within 0.2 s, so the check stopped it" in verdict.message
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0) and signal.getsignal(signal.SIGALRM) == signal.SIG_DFL
    assert check.sigmoid(lambda I: 1 / (1 + np.exp(-I)))  # and the next check runs as ever


def test_a_matrix_given_as_nested_lists_is_asked_for_as_an_array():
    def forward(X, weights, biases):
        outputs = [X]
        for W, theta in zip(weights, biases):
            outputs.append(1 / (1 + np.exp(-(outputs[-1] @ W + theta))))
        return [O.tolist() for O in outputs]

    verdict = check.forward(forward)
    assert not verdict and "outputs[0] is a list of 1 value, not a NumPy array of shape (1, 3)" in verdict.message


def backward_batch(weights, outputs, T):
    return [T - outputs[-1]]  # the course's own helper in 08, not 06's exercise of the same name


def train_epoch(weights, biases, X, T, lr, batch_size, rng):
    backward_batch(weights, [X], T)
    return weights, biases  # wrong: no update


def test_a_helper_of_another_part_of_the_course_is_not_blamed():
    verdict = check.train_epoch(train_epoch)
    assert not verdict and "It calls your" not in verdict.message


def forward(X, weights, biases):
    return [X]  # a learner's, wrong


def layer_gradient_norms(net, X, T):
    net.forward(X)  # an attribute called forward, not the global forward above
    return np.zeros(len(net.weights))


def test_only_the_learners_functions_called_by_name_are_blamed():
    verdict = check.layer_gradient_norms(layer_gradient_norms)
    assert not verdict and "It calls your" not in verdict.message


def test_the_transpositions_are_catalogued():
    from bpnb.check.misconceptions import TRANSPOSITIONS

    assert TRANSPOSITIONS <= set(check.MISCONCEPTIONS)
