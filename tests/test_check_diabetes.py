"""The checkers of notebook 07: right answers pass, stubs fail, and each named misconception
is recognised when a learner makes it."""

import numpy as np
from checker_tests import checker_tests

from bpnb import data
from bpnb.check import diabetes as check


def scale(X_train, X_other, mean, std):
    return (X_train - mean) / std, (X_other - mean) / std


def counts(y_true, y_pred):
    tp = np.sum((y_true == 1) & (y_pred == 1))
    fn = np.sum((y_true == 1) & (y_pred == 0))
    tn = np.sum((y_true == 0) & (y_pred == 0))
    fp = np.sum((y_true == 0) & (y_pred == 1))
    return tp, fn, tn, fp


def sens_spec(y_true, y_pred):
    tp, fn, tn, fp = counts(y_true, y_pred)
    return tp / (tp + fn), tn / (tn + fp)


def stub(*args):
    ...


RIGHT = {
    "standardize_train_only": lambda X_train, X_other: scale(X_train, X_other, X_train.mean(axis=0), X_train.std(axis=0)),
    "majority_baseline": lambda y_train, y_test: np.mean(y_test == np.bincount(y_train).argmax()),
    "sensitivity_specificity": sens_spec,
}
CASES = {"standardize_train_only": 4, "majority_baseline": 4, "sensitivity_specificity": 3}






def test_other_right_forms_pass():
    assert check.standardize_train_only(lambda X_train, X_other: list(RIGHT["standardize_train_only"](X_train, X_other)))
    assert check.majority_baseline(lambda y_train, y_test: float(np.mean(y_test == round(np.mean(y_train)))))
    assert check.sensitivity_specificity(lambda t, p: np.array(sens_spec(t, p)))


def test_the_packages_standardize_does_the_exercise_and_is_refused():
    verdict = check.standardize_train_only(lambda X_train, X_other: data.standardize(X_train, X_other))
    assert not verdict and "calls the package's bpnb.data.standardize, which does this whole exercise" in verdict.message


def pooled(X_train, X_other):
    both = np.vstack([X_train, X_other])
    return scale(X_train, X_other, both.mean(axis=0), both.std(axis=0))


def own_statistics(X_train, X_other):
    return tuple((X - X.mean(axis=0)) / X.std(axis=0) for X in (X_train, X_other))


def precision_for_specificity(y_true, y_pred):
    tp, fn, tn, fp = counts(y_true, y_pred)
    return tp / (tp + fn), tp / (tp + fp)


MISTAKES = [
    ("standardize_train_only", pooled, "leakage"),
    ("standardize_train_only", own_statistics, "own_statistics"),
    ("standardize_train_only", lambda a, b: scale(a, b, a.mean(axis=0), a.std(axis=0, ddof=1)), "sample_std"),
    ("standardize_train_only", lambda a, b: scale(a, b, a.mean(), a.std()), "not_per_column"),
    ("standardize_train_only", lambda a, b: RIGHT["standardize_train_only"](a, b)[::-1], "swapped_pair"),
    ("majority_baseline", lambda y_train, y_test: np.mean(y_test == np.bincount(y_test).argmax()), "test_majority"),
    ("majority_baseline", lambda y_train, y_test: int(np.bincount(y_train).argmax()), "class_not_accuracy"),
    ("majority_baseline", lambda y_train, y_test: np.mean(y_test != np.bincount(y_train).argmax()), "misclassified_not_accuracy"),
    ("majority_baseline", lambda y_train, y_test: np.sum(y_test == np.bincount(y_train).argmax()), "count_not_fraction"),
    ("sensitivity_specificity", lambda t, p: sens_spec(t, p)[::-1], "swapped_pair"),
    ("sensitivity_specificity", precision_for_specificity, "precision_not_specificity"),
    ("sensitivity_specificity", lambda t, p: (counts(t, p)[0], counts(t, p)[2]), "counts_not_rates"),
    ("majority_baseline", lambda y_train, y_test: np.mean(y_train == np.bincount(y_train).argmax()),
     "scored_on_training_labels"),
]




def test_leakage_message_names_the_case_and_the_first_element():
    verdict = check.standardize_train_only(pooled)
    assert verdict.message.startswith("for 4 training tuples and 2 others taken from them: X_train_scaled[0, 0] is "
                                      "-1.093; expected -1.342 (8 of 8 elements differ).")
    assert "Reread 'Scaling, with the training data's statistics'." in verdict.message


def test_scaling_in_place_is_named():
    def standardize_train_only(X_train, X_other):
        mean, std = X_train.mean(axis=0), X_train.std(axis=0)
        X_train -= mean
        X_train /= std
        return X_train, (X_other - mean) / std

    verdict = check.standardize_train_only(standardize_train_only)
    assert verdict.misconception == "changed_argument"
    assert "changed its argument X_train in place" in verdict.message


def test_only_the_scaled_other_set_is_a_kind_problem():
    verdict = check.standardize_train_only(lambda a, b: RIGHT["standardize_train_only"](a, b)[1])
    assert "your answer should be X_train_scaled and X_other_scaled, but it is an array of shape (2, 2)" in verdict.message


def test_swapped_pair_in_standardize_is_also_a_shape_problem():
    verdict = check.standardize_train_only(MISTAKES[4][1])
    assert "X_train_scaled has the wrong shape: expected shape (4, 2), got (2, 2)." in verdict.message


def test_majority_answered_by_the_test_labels_names_the_case_where_it_shows():
    verdict = check.majority_baseline(MISTAKES[5][1])
    assert verdict.message.startswith("for y_train = [0, 0, 1] and y_test = [1, 1, 1, 0] (the test set's majority "
                                      "differs): your answer is 0.75; expected 0.25.")


def test_always_no_diabetes_is_named_as_such():
    # with two classes, always answering 0 gives 1 - accuracy where the training majority is 1,
    # as the test set's majority does there: the earlier cases tell the two apart
    verdict = check.majority_baseline(lambda y_train, y_test: np.mean(y_test == 0))
    assert not verdict and verdict.misconception == "fixed_class"
    assert verdict.message.startswith("for y_train = [1, 1, 0, 1] (mostly 1: the baseline always answers 1) and "
                                      "y_test = [1, 0, 0]: your answer is 0.6667; expected 0.3333.")


def test_accuracy_in_percent_is_named():
    verdict = check.majority_baseline(lambda y_train, y_test: 100 * np.mean(y_test == np.bincount(y_train).argmax()))
    assert "your answer is 75; expected 0.75." in verdict.message and verdict.misconception == "percent_not_fraction"


def test_sensitivity_specificity_first_differing_element():
    verdict = check.sensitivity_specificity(precision_for_specificity)
    assert ("for y_true = [1, 1, 1, 0, 0, 0, 0, 0], y_pred = [1, 1, 0, 0, 0, 1, 1, 0]: your answer[1] is 0.5; "
            "expected 0.6 (1 of 2 elements differ).") in verdict.message


def test_division_by_zero_in_the_learners_code_is_reported_not_raised():
    def sensitivity_specificity(y_true, y_pred):
        tp, fn, tn, fp = (int(c) for c in counts(y_true, y_pred))
        print("precision", tp / (tp + fp))  # an extra rate: 0 / 0 for a model that never predicts 1
        return tp / (tp + fn), tn / (tn + fp)

    verdict = check.sensitivity_specificity(sensitivity_specificity)
    assert not verdict and verdict.misconception is None
    assert verdict.message.startswith("for a model that always predicts 0 (y_true = [1, 0, 1, 0, 0]): your "
                                      "sensitivity_specificity raised ZeroDivisionError: division by zero (line ")


test_right_answer_passes, test_stub_is_not_yet, test_misconception_is_named = checker_tests(
    check, RIGHT, CASES, MISTAKES)
