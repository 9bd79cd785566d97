"""nbgrader's round trip on the course's source version (make nbgrader): generate_assignment
turns it into the student edition plus graded checks, and autograde scores a right and a wrong
submission, with the checker's verdict as the feedback. Run with `make test-instructor`, which
installs the `instructor` extra (nbgrader) in an environment of its own."""

import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
from site_build import load_builder  # noqa: E402

ASSIGNMENT = "00_start_here"
builder = load_builder("build_student")


def nbgrader(course: Path, *args):
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")  # its alembic
    done = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course, env=env, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]


def submission(release, answers: dict):
    """The released notebook with each answer cell's ... replaced by answers[grade_id]."""
    nb = nbformat.read(release, as_version=4)
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            cell.source = cell.source.replace("    ...", "    " + answers[grade_id])
    return nb


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """The course folder after generate_assignment and autograde of two submissions."""
    course = tmp_path_factory.mktemp("course")
    builder.build(course, graded=True)
    nbgrader(course, "generate_assignment", ASSIGNMENT)
    release = course / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    for student, answers in {
        "right": {"net_input": "return np.sum(w * x) + theta", "misclassified_fraction": "return np.mean(y_pred != y_true)"},
        "wrong": {"net_input": "return np.sum(w * x)", "misclassified_fraction": "return np.mean(y_pred != y_true)"},
    }.items():
        target = course / "submitted" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
        target.parent.mkdir(parents=True)
        nbformat.write(submission(release, answers), target)
        nbgrader(course, "db", "student", "add", student)
    nbgrader(course, "autograde", ASSIGNMENT)
    return course


def test_the_released_assignment_is_the_student_edition_with_graded_checks(graded):
    release = nbformat.read(graded / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    course = nbformat.read(ROOT / "notebooks" / f"{ASSIGNMENT}.ipynb", as_version=4)
    student = builder.student_edition(course, ASSIGNMENT)
    ungraded = [c.source for c in release.cells if not c.metadata.get("nbgrader", {}).get("grade")]
    assert ungraded[1:] == [c.source for c in student.cells][1:]  # the stubs came back exactly
    assert builder.GRADED_NOTE in ungraded[0] and "Open in Colab" not in ungraded[0]
    checks = [c for c in release.cells if c.metadata.get("nbgrader", {}).get("grade")]
    assert [c.source for c in checks] == [f"# Graded: the strict check of {name} runs here when the homework is graded."
                                          for name in ("net_input", "misclassified_fraction")]  # hidden until grading
    assert all(c.metadata.editable is False and c.metadata.nbgrader.locked for c in checks)
    assert "SOLUTION" not in str(release) and "np.sum(w * x)" not in str(release)


def test_the_released_assignment_runs_top_to_bottom_before_anything_is_solved(graded):
    from nbclient import NotebookClient

    release = nbformat.read(graded / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    NotebookClient(release, timeout=300).execute()  # raises at the first cell that fails


def test_autograde_scores_the_right_and_the_wrong_submission(graded):
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{graded / 'gradebook.db'}") as gradebook:
        scores = {s: (gradebook.find_submission(ASSIGNMENT, s).score, gradebook.find_submission(ASSIGNMENT, s).max_score)
                  for s in ("right", "wrong")}
    assert scores == {"right": (2.0, 2.0), "wrong": (1.0, 2.0)}


def test_the_wrong_submission_is_told_why_in_the_courses_words(graded):
    nb = nbformat.read(graded / "autograded" / "wrong" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    check = next(c for c in nb.cells if "_ = check.net_input(net_input, strict=True)" in c.source)
    error = next(o for o in check.outputs if o.output_type == "error")
    assert error.ename == "AssertionError"
    assert "The bias θ_j is missing" in error.evalue and "Reread 'Exercise 1: the net input of a unit'" in error.evalue
