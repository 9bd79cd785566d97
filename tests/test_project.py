"""The project's setup files agree with each other."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def requirement(line: str) -> tuple:
    name, spec = re.fullmatch(r"([A-Za-z0-9_.-]+)\s*(.*)", line.strip()).groups()
    return name.lower().replace("_", "-"), spec.replace(" ", "")


def test_environment_yml_lists_the_same_dependencies_as_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]
    declared = {requirement(r) for r in project["dependencies"] + extras["lab"] + extras["test"]}
    declared.add(("python", project["requires-python"]))
    listed = (ROOT / "environment.yml").read_text().split("dependencies:")[1]
    conda = {requirement(m) for m in re.findall(r"^  - ([A-Za-z][^:\n]*)$", listed, re.M) if m != "pip"}
    assert conda == declared
    assert "- -e ." in (ROOT / "environment.yml").read_text()


def test_constraints_pin_every_dependency():
    pins = dict(
        requirement(line.replace("==", " ==")) for line in (ROOT / "constraints.txt").read_text().splitlines()
        if line and not line.startswith("#")
    )
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    for r in project["dependencies"] + project["optional-dependencies"]["lab"] + project["optional-dependencies"]["test"]:
        name = requirement(r)[0]
        assert pins.get(name, "").startswith("=="), f"{name} is not pinned in constraints.txt"


def test_no_two_checker_modules_export_the_same_name():
    import importlib
    import pkgutil

    import bpnb.check

    owners = {}
    for module in pkgutil.iter_modules(bpnb.check.__path__):
        if not module.name.startswith("_") and module.name != "misconceptions":  # the catalogue, not checkers
            for name in importlib.import_module(f"bpnb.check.{module.name}").__all__:
                assert name not in owners, f"check.{name} is defined in both {owners[name]} and {module.name}"
                owners[name] = module.name
                assert getattr(bpnb.check, name).__module__ == f"bpnb.check.{module.name}"


def test_the_instructor_guide_quotes_every_misconception_as_learners_see_it():
    from bpnb.check import MISCONCEPTIONS

    guide = (Path(__file__).resolve().parent.parent / "docs" / "instructor.md").read_text()
    for key, sentence in MISCONCEPTIONS.items():
        assert f"| `{key}` |" in guide and sentence.replace("|", "\\|") in guide, key
