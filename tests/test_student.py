"""make student: the student edition in student/ is the course without its solutions, up to
date with the notebooks, its stubs and checks in place, each check's stored verdict a "not yet",
and it runs top to bottom (nbval, run by the same `make test`, re-executes student/ too).
The nbgrader source version is tested in tests/instructor (make test-instructor)."""

import json

import nbformat
import pytest
from site_build import ROOT, load_builder

from bpnb.check._core import STAND_INS

COURSE = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
STUDENT = ROOT / "student"
builder = load_builder("build_student")


def without_outputs(nb) -> list:
    return [{k: v for k, v in cell.items() if k not in ("outputs", "execution_count")} for cell in nb["cells"]]


@pytest.fixture(params=[p.stem for p in COURSE])
def editions(request):
    """(the course notebook, the student edition stored in student/, one built from the notebook now)."""
    course = nbformat.read(ROOT / "notebooks" / f"{request.param}.ipynb", as_version=4)
    stored = nbformat.read(STUDENT / f"{request.param}.ipynb", as_version=4)
    return course, stored, builder.student_edition(course, request.param)


def test_the_student_edition_has_every_course_notebook():
    assert sorted(p.name for p in STUDENT.glob("*.ipynb")) == [p.name for p in COURSE]


def test_the_stored_student_edition_is_up_to_date_and_valid(editions):
    _, stored, built = editions
    assert without_outputs(stored) == without_outputs(built), "run make student after editing a notebook"
    nbformat.validate(stored)


def test_no_solution_code_in_the_student_edition(editions):
    course, stored, _ = editions
    text = json.dumps(stored)
    solutions = [e.solution for e in builder.exercises(course)]
    given = json.dumps([c for k, c in enumerate(course.cells) if k not in solutions])  # the lines it shows anyway
    for exercise in builder.exercises(course):
        body = exercise.answer_source(course.cells[exercise.stub].source).split("### BEGIN SOLUTION\n")[1]
        for line in body.split("### END SOLUTION")[0].splitlines():
            code = json.dumps(line.strip())[1:-1]
            if len(code) > 12 and not code.startswith("#") and code not in given:
                assert code not in text, line
    assert not any(builder.HEADER.strip() in cell.source for cell in stored.cells)


def test_every_exercise_and_its_check_stays_and_says_not_yet(editions):
    course, stored, _ = editions
    sources = [cell.source for cell in stored.cells]
    for exercise in builder.exercises(course):
        stub = course.cells[exercise.stub]
        assert stub.source in sources
        verdict = "".join(o.get("text", "") + o.get("data", {}).get("text/plain", "")
                          for o in stored.cells[sources.index(stub.source)].outputs)
        assert verdict.startswith("✗ Not yet: ") and "\n" not in verdict.strip(), verdict


def test_the_cells_after_an_exercise_get_the_courses_function_until_yours_passes(editions):
    course, stored, _ = editions
    for exercise in builder.exercises(course):
        stand_in = next((c for c in stored.cells if c.id == f"{exercise.id}-stand-in"), None)
        if stand_in is None:
            continue
        printed = "".join(o.get("text", "") for o in stand_in.outputs)
        assert printed.startswith(f"→ Your {exercise.function} has not passed its check yet"), printed


def test_every_stand_in_is_used_by_the_student_edition():
    cells = [c.source for path in STUDENT.glob("*.ipynb") for c in nbformat.read(path, as_version=4).cells]
    used = {name for name in STAND_INS if any(f"check.yours_or_ours(check.{name}," in source for source in cells)}
    assert used == set(STAND_INS)


def test_the_student_edition_opens_in_colab_from_its_own_badge(editions):
    _, stored, _ = editions
    name = next(p.stem for p in COURSE if stored.cells[0].source.startswith(f"# {p.stem[:2]} "))
    assert f"/blob/main/student/{name}.ipynb)" in stored.cells[0].source
    assert builder.STUDENT_NOTE in stored.cells[0].source
    assert not any("../notebooks/" in cell.source for cell in stored.cells)  # no path to the solutions


@pytest.mark.parametrize("path", COURSE, ids=[p.stem for p in COURSE])
def test_every_answer_cell_gives_back_the_stub_and_the_solution(path):
    course = nbformat.read(path, as_version=4)
    for exercise in builder.exercises(course):
        stub = course.cells[exercise.stub].source
        answer = exercise.answer_source(stub)
        before, rest = answer.split("### BEGIN SOLUTION\n")
        body, after = rest.split("### END SOLUTION\n")
        indent = before.splitlines()[-1]
        assert before[:-len(indent)] + indent + "...\n" + after == stub  # what nbgrader releases
        assert before[:-len(indent)] + body.rstrip(" ") + after == exercise.solution_code  # what it grades against


def test_the_instructor_guide_counts_the_stand_ins():
    guide = (ROOT / "docs" / "instructor.md").read_text()
    n_exercises = sum(len(builder.exercises(nbformat.read(p, as_version=4))) for p in COURSE)
    assert f"({len(STAND_INS)} of the {n_exercises} exercises:" in guide


def test_building_nbgraders_folder_again_keeps_the_instructors_points(tmp_path):
    builder.build(tmp_path, graded=True)
    source = tmp_path / "source" / "05_training_loop" / "05_training_loop.ipynb"
    nb = nbformat.read(source, as_version=4)
    graded = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]
    assert [c.metadata.nbgrader.points for c in graded] == [1, 1, 1]
    graded[0].metadata.nbgrader.points = 3
    nbformat.write(nb, source)
    (tmp_path / "nbgrader_config.py").write_text("c = get_config()  # the instructor's own\n")
    builder.build(tmp_path, graded=True)
    again = [c for c in nbformat.read(source, as_version=4).cells if c.metadata.get("nbgrader", {}).get("grade")]
    assert [c.metadata.nbgrader.points for c in again] == [3, 1, 1]
    assert (tmp_path / "nbgrader_config.py").read_text() == "c = get_config()  # the instructor's own\n"
