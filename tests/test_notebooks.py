"""Notebook hygiene: every course notebook is there, was run top to bottom in a fresh kernel
with its outputs stored, shows no error or machine detail, and follows the course's pattern.
(nbval, run by the same `make test`, re-executes each one and compares the outputs.)"""

import json
import re
from pathlib import Path

import pytest

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
COURSE = [
    "00_start_here", "01_the_sigmoid_neuron", "02_training_one_neuron", "03_forward_pass",
    "04_backward_pass", "05_training_loop", "06_matrix_form_and_deeper_nets",
    "07_diabetes_case_study", "08_digits_capstone", "09_vanishing_and_exploding_gradients",
    "10_recurrent_backprop", "11_autodiff", "12_beyond_gradient_descent",
]
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


def test_every_course_notebook_is_there():
    assert sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb")) == COURSE


@pytest.fixture(params=COURSE)
def notebook(request):
    return json.loads((NOTEBOOKS / f"{request.param}.ipynb").read_text())


@pytest.fixture(params=[f"{edition}/{name}" for edition in ("notebooks", "student") for name in COURSE])
def either_edition(request):
    """A notebook of the course or of its student edition (make student), which must be as clean."""
    return json.loads((NOTEBOOKS.parent / f"{request.param}.ipynb").read_text())


def code_cells(nb):
    return [c for c in nb["cells"] if c["cell_type"] == "code" and "".join(c["source"]).strip()]


def test_executed_in_order_in_a_fresh_kernel(either_edition):
    counts = [c["execution_count"] for c in code_cells(either_edition)]
    assert counts == list(range(1, len(counts) + 1))


def test_clean_kernel_spec(either_edition):
    assert either_edition["metadata"]["kernelspec"] == KERNELSPEC


def test_outputs_show_no_error_path_address_or_clock(either_edition):
    for cell in code_cells(either_edition):
        for out in cell["outputs"]:
            assert out["output_type"] != "error", "".join(cell["source"])[:80]
            text = json.dumps(out.get("text", "")) + json.dumps(out.get("data", {}).get("text/plain", ""))
            assert not re.search(r"/(tmp|root|home|work|Users)/|[A-Z]:\\\\", text), text[:200]
            assert not re.search(r" at 0x[0-9a-f]{6,}", text), text[:200]
            assert not re.search(r"Wall time|CPU times|\d+(\.\d+)? ?(ms|µs|s) per loop", text), text[:200]
            assert out.get("name") != "stderr", f"a warning or error printed: {text[:200]}"


def test_no_magics_or_shell_commands(notebook):
    for cell in code_cells(notebook):
        for line in "".join(cell["source"]).splitlines():
            assert not line.lstrip().startswith(("%", "!")), line


def test_course_structure(notebook):
    markdown = "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown")
    assert markdown.lstrip().startswith("# ")
    for part in ("What you will learn", "What you need first", "minutes", "## Summary"):
        assert part in markdown
    local = [t for t in re.findall(r"\]\(([^)#]+\.ipynb)", markdown) if not t.startswith("https://")]
    for target in local:
        assert (NOTEBOOKS / target).is_file(), f"link to a missing notebook: {target}"
    assert local, "no link to another notebook"


def output_text(cell) -> str:
    """What a cell shows as text: its printed output and its results' text/plain."""
    return "".join("".join(o.get("text", "")) + "".join(o.get("data", {}).get("text/plain", ""))
                   for o in cell["outputs"])


def is_solution(cell) -> bool:
    return bool(cell["metadata"].get("jupyter", {}).get("source_hidden")) and "check." in "".join(cell["source"])


def test_at_least_two_exercises_with_collapsed_solutions(notebook):
    solutions = [c for c in code_cells(notebook) if is_solution(c)]
    assert len(solutions) >= 2
    assert sum("✗ Not yet" in output_text(c) for c in code_cells(notebook)) >= 2  # the learner's starting point
    for cell in solutions:  # the solved state
        assert "✓ Right" in output_text(cell), "".join(cell["source"])[:80]


def test_no_stub_output_shows_the_answer(notebook):
    cells = code_cells(notebook)
    for stub, solution in zip(cells, cells[1:]):
        if not is_solution(solution) or is_solution(stub) or "check." not in "".join(stub["source"]):
            continue
        shown = output_text(stub)
        assert shown.startswith("✗ Not yet: ") and "\n" not in shown.strip(), shown[:200]
        answer = [line.strip() for line in "".join(solution["source"]).splitlines()
                  if len(line.strip()) > 12 and not line.strip().startswith(("def ", "#", "check.", "'", '"'))]
        for line in answer:
            assert line not in shown, f"the stub's output shows the answer: {line}"
        assert "np." not in shown, shown[:200]


def test_no_stale_widget_state(notebook):
    # widget state stored by an earlier run shows a reader views that no output matches
    assert "widgets" not in notebook["metadata"]


def test_no_execution_timestamps(notebook):
    # re-running a notebook must not change every cell's metadata
    for cell in code_cells(notebook):
        assert "execution" not in cell["metadata"], "".join(cell["source"])[:80]


def test_the_course_map_gives_each_notebooks_own_time():
    start = json.loads((NOTEBOOKS / "00_start_here.ipynb").read_text())
    course_map = next("".join(c["source"]) for c in start["cells"] if "## The map of the course" in "".join(c["source"]))
    for name in COURSE:
        nb = json.loads((NOTEBOOKS / f"{name}.ipynb").read_text())
        markdown = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
        minutes = re.search(r"\*\*Time:?\*\*:? about (\d+) minutes", markdown).group(1)
        row = next(line for line in course_map.splitlines() if line.startswith((f"| {name[:2]} ", f"| [{name[:2]} ")))
        assert row.endswith(f"| {minutes} min |"), (name, minutes, row)


def test_the_course_map_links_every_notebook():
    start = json.loads((NOTEBOOKS / "00_start_here.ipynb").read_text())
    course_map = next("".join(c["source"]) for c in start["cells"] if "## The map of the course" in "".join(c["source"]))
    assert re.findall(r"\]\((\d\d_\w+)\.ipynb\)", course_map) == COURSE[1:]
    assert "coming" not in course_map


def test_every_cell_has_a_slide_type_and_no_solution_is_on_a_slide(notebook):
    # the lecture (make slides) is the notebook itself: each cell says where it goes
    for cell in notebook["cells"]:
        kind = cell["metadata"].get("slideshow", {}).get("slide_type")
        assert kind in ("slide", "subslide", "fragment", "-", "skip", "notes"), "".join(cell["source"])[:80]
        if cell["metadata"].get("jupyter", {}).get("source_hidden"):
            assert kind == "skip", "a solution on a slide: " + "".join(cell["source"])[:80]
    assert notebook["cells"][0]["metadata"]["slideshow"]["slide_type"] == "slide"


REPOSITORY = re.search(r"\*\*github\.com/([\w-]+/[\w-]+)\*\*", (NOTEBOOKS.parent / "README.md").read_text()).group(1)
COLAB_INSTALL = [c for c in json.loads((NOTEBOOKS / "00_start_here.ipynb").read_text())["cells"]
                 if c["cell_type"] == "code"][0]["source"]


def test_every_notebook_opens_in_colab_from_its_badge(notebook):
    name = next(n for n in COURSE if notebook["cells"][0]["source"][0].startswith(f"# {n[:2]} "))
    title = "".join(notebook["cells"][0]["source"])
    assert (f"(https://colab.research.google.com/github/{REPOSITORY}/blob/main/notebooks/{name}.ipynb)"
            in title)
    first_code = next(c for c in notebook["cells"] if c["cell_type"] == "code")
    assert first_code["source"] == COLAB_INSTALL  # the same in every notebook
    assert f"git+https://github.com/{REPOSITORY}" in "".join(COLAB_INSTALL)
    assert 'if "google.colab" in sys.modules:' in "".join(COLAB_INSTALL)  # nothing happens elsewhere


def test_colab_hides_every_solution(notebook):
    for cell in notebook["cells"]:
        if cell["metadata"].get("jupyter", {}).get("source_hidden"):
            assert cell["metadata"].get("cellView") == "form", "".join(cell["source"])[:80]


def test_the_binder_link_uses_the_same_repository():
    assert f"https://mybinder.org/v2/gh/{REPOSITORY}/HEAD" in (NOTEBOOKS.parent / "README.md").read_text()
