"""Write the student edition of the course, or nbgrader's course folder, from the notebooks.

    python docs/build_student.py [OUT]            (default student; make student runs it, then
                                                   executes the notebooks to store their outputs)
    python docs/build_student.py --nbgrader OUT   (make nbgrader; OUT/source/NN_name/NN_name.ipynb)

The student edition is every notebook without its solution cells: the exercise's cell (its
stub and its check) stays; where later cells use the learner's function, a cell in the
solution's place hands them the learner's function once it passes, else the course's own
(`check.yours_or_ours`; the checker's `stand_in`), so that the notebook runs top to bottom before
any exercise is done.

nbgrader's source version of a notebook is the student edition with each exercise's cell an
answer cell (the solution's code between ### BEGIN SOLUTION and ### END SOLUTION, where the
stub has its ...) followed by a locked, graded cell whose strict check is a hidden test, so that
the released notebook still runs top to bottom. `nbgrader generate_assignment` turns the answer
cell back into the stub, since OUT/nbgrader_config.py (written once, then yours) makes "..." the stub.
Building again keeps the points given to graded cells in OUT.
"""

import ast
import copy
import re
import sys
from pathlib import Path

import nbformat
from offline import is_solution

from bpnb.check._core import STAND_INS

ROOT = Path(__file__).resolve().parent.parent

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
HEADER = "# Solution (click to expand)\n"
CHECK = re.compile(r"^check\.(\w+)\((\w+)\)$")
STUDENT_NOTE = "*Student edition: the exercises without their solutions, for homework.*"
GRADED_NOTE = ("*Homework, graded with nbgrader: work in this notebook and hand it in as it is. The locked "
               "cell under each exercise grades it; the check in the exercise's own cell tells you before.*")
GRADED_CELL = """# Graded: the strict check of {function} runs here when the homework is graded.
### BEGIN HIDDEN TESTS
_ = check.{checker}({function}, strict=True)  # AssertionError, with the check's verdict, when not right
### END HIDDEN TESTS"""
NBGRADER_CONFIG = '''c = get_config()  # noqa: F821  (nbgrader's configuration of the bpnb course)
c.CourseDirectory.course_id = "bpnb"
# An answer cell's solution region becomes the course's own stub, ..., as in the student edition.
c.ClearSolutions.code_stub = {"python": "..."}
'''


class Exercise:
    """An exercise of a notebook: the learner's cell (the stub and its check: the code cell right
    above the solution) and the solution cell."""

    def __init__(self, nb, solution: int):
        cell = nb.cells[solution]
        if not cell.source.startswith(HEADER):
            raise ValueError(f"solution cell {cell.id}: expected it to start with {HEADER!r}")
        self.solution_code = cell.source[len(HEADER):]
        check_line = self.solution_code.splitlines()[-1]
        found = CHECK.match(check_line)
        if not found:
            raise ValueError(f"solution cell {cell.id}: expected its last line to be check.<exercise>(<function>)")
        self.checker, self.function = found.groups()
        self.stub = max((k for k in range(solution) if nb.cells[k].cell_type == "code"), default=None)
        if self.stub is None or nb.cells[self.stub].source.splitlines()[-1:] != [check_line]:
            raise ValueError(f"solution cell {cell.id}: expected the code cell above it to be the exercise's, "
                             f"ending with {check_line}")
        self.solution, self.id = solution, cell.id

    def answer_source(self, stub_source: str) -> str:
        """The stub with the solution's code between nbgrader's markers in place of its `...` line
        (the stub's only one); the rest of the stub and of the solution must be the same."""
        stub, solved = stub_source.splitlines(), self.solution_code.splitlines()
        blanks = [k for k, line in enumerate(stub) if line.strip() == "..."]
        if len(blanks) != 1:
            raise ValueError(f"exercise {self.checker}: expected one ... line in the stub, found {len(blanks)}")
        k = blanks[0]
        before, after = stub[:k], stub[k + 1:]
        if solved[:k] != before or solved[len(solved) - len(after):] != after or len(solved) <= len(stub) - 1:
            raise ValueError(f"exercise {self.checker}: the stub and the solution differ in more than the stub's ...")
        indent = stub[k][:len(stub[k]) - len(stub[k].lstrip())]
        body = solved[k:len(solved) - len(after)]
        return "\n".join(before + [indent + "### BEGIN SOLUTION"] + body + [indent + "### END SOLUTION"] + after)

    def used_later(self, code: dict) -> bool:
        """Whether a code cell after the solution, other than a solution, uses the function's name
        (until a cell defines a function of that name anew). code: cell index -> its syntax nodes."""
        for k in sorted(k for k in code if k > self.solution):
            nodes = code[k]
            if any(isinstance(n, ast.FunctionDef) and n.name == self.function for n in nodes):
                return False
            if any(isinstance(n, ast.Name) and n.id == self.function and isinstance(n.ctx, ast.Load) for n in nodes):
                return True
        return False

    def stand_in_cell(self, code: dict):
        """The cell that hands later cells the learner's function or the course's, if they use it."""
        if not self.used_later(code):
            return None
        if self.checker not in STAND_INS:
            raise ValueError(f"exercise {self.checker}: later cells use {self.function}, so the student edition "
                             f"needs the course's own: give its @exercise a stand_in=")
        name = self.function
        return cell(f"# The cells below use your {name} once it passes its check; until then, the course's own.\n"
                    f"{name} = check.yours_or_ours(check.{self.checker}, {name})", f"{self.id}-stand-in")


def cell(source: str, cell_id: str, **metadata):
    """A new code cell, skipped in the slides."""
    new = nbformat.v4.new_code_cell(source, id=cell_id)
    new.metadata = {"slideshow": {"slide_type": "skip"}, **metadata}
    return new


def exercises(nb) -> list:
    """The notebook's exercises, in order."""
    return [Exercise(nb, k) for k, c in enumerate(nb.cells) if is_solution(c)]


def student_edition(nb, name: str, graded: bool = False):
    """The student edition of a course notebook (outputs cleared); `graded`: nbgrader's source version."""
    nb = copy.deepcopy(nb)
    solutions = {e.solution: e for e in exercises(nb)}
    stubs = {e.stub: e for e in solutions.values()}
    code = {k: list(ast.walk(ast.parse(c.source))) for k, c in enumerate(nb.cells)
            if c.cell_type == "code" and k not in solutions}
    cells = []
    for k, c in enumerate(nb.cells):
        if c.cell_type == "code":
            c.outputs, c.execution_count = [], None
        if k == 0:  # the title: the student edition's own Colab badge, or none in nbgrader's version
            start = c.source.find("[![Open in Colab]")
            if start < 0:
                raise ValueError(f"{name}: expected a Colab badge in the title cell")
            end = c.source.index("\n", start)
            badge = c.source[start:end].replace(f"/notebooks/{name}.ipynb", f"/student/{name}.ipynb")
            c.source = c.source[:start] + (GRADED_NOTE if graded else badge + "\n\n" + STUDENT_NOTE) + c.source[end:]
        if k in solutions:
            exercise = solutions[k]
            if graded:
                strict = GRADED_CELL.format(checker=exercise.checker, function=exercise.function)
                grading = nbgrader_metadata(f"{exercise.checker}-graded", grade=True, points=1)
                cells.append(cell(strict, f"{exercise.id}-graded", nbgrader=grading))
            stand_in = exercise.stand_in_cell(code)
            if stand_in is not None:
                cells.append(stand_in)
            continue
        if graded and k in stubs:
            c.source = stubs[k].answer_source(c.source)
            c.metadata["nbgrader"] = nbgrader_metadata(stubs[k].checker, solution=True)
        cells.append(c)
    nb.cells = cells
    return nb


def nbgrader_metadata(grade_id: str, *, solution=False, grade=False, points=None) -> dict:
    """nbgrader's metadata of an answer cell (solution) or a graded, locked cell (grade)."""
    meta = {"grade": grade, "grade_id": grade_id, "locked": grade, "schema_version": 3, "solution": solution}
    return meta | ({"points": points} if points is not None else {})


def build(out: Path, graded: bool = False) -> list:
    """Write the student edition into `out` (or, `graded`, nbgrader's course folder, keeping the
    points an instructor gave a graded cell there); returns the paths."""
    written = []
    for path in NOTEBOOKS:
        nb = student_edition(nbformat.read(path, as_version=4), path.stem, graded)
        target = out / "source" / path.stem / path.name if graded else out / path.name
        if graded and target.exists():
            keep_points(nbformat.read(target, as_version=4), nb)
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, target)
        written.append(target)
    if graded and not (out / "nbgrader_config.py").exists():
        (out / "nbgrader_config.py").write_text(NBGRADER_CONFIG)
    return written


def keep_points(old, new) -> None:
    """Give new's graded cells the points of old's graded cells of the same grade_id."""
    points = {c.metadata.nbgrader.grade_id: c.metadata.nbgrader.points for c in old.cells
              if c.metadata.get("nbgrader", {}).get("grade")}
    for c in new.cells:
        if c.metadata.get("nbgrader", {}).get("grade_id") in points:
            c.metadata.nbgrader.points = points[c.metadata.nbgrader.grade_id]


if __name__ == "__main__":
    graded = "--nbgrader" in sys.argv[1:]
    args = [a for a in sys.argv[1:] if a != "--nbgrader"]
    out = Path(args[0] if args else ("build/nbgrader" if graded else "student"))
    print(f"{len(build(out, graded))} notebooks in {out}")
