# make lab: set up (once) and open the course. make test: set up (once) and run every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.installed
# What the stored notebook outputs were made with, so that nbval compares like with like.
export PYTHONHASHSEED := 0
export IPYKERNEL_CELL_NAME := <IPY-INPUT>
export MPLBACKEND := module://matplotlib_inline.backend_inline
# The course's matrices are small: one BLAS thread is faster and gives the same numbers on every run.
export OPENBLAS_NUM_THREADS := 1
export OMP_NUM_THREADS := 1

# Extra arguments for JupyterLab, e.g. make lab LAB_ARGS="--port 9000 --ip 0.0.0.0"
LAB_ARGS ?=
# The folder JupyterLab serves: the course (notebooks) or its student edition (make lab EDITION=student).
EDITION ?= notebooks
# JupyterLab refuses to start as root (containers, department servers) unless told it may.
AS_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)

# make execute NOTEBOOKS=notebooks/04_backward_pass.ipynb re-runs one notebook only.
NOTEBOOKS ?= notebooks/*.ipynb

.PHONY: lab test test-browser test-instructor bench bench-course lint execute site slides student nbgrader clean

$(READY): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[lab,test]'
	touch $(READY)

lab: $(READY)
	$(BIN)/jupyter lab $(AS_ROOT) $(LAB_ARGS) $(EDITION)/00_start_here.ipynb

test: $(READY)
	$(BIN)/python -m pytest

# reveal.js, require.js and jQuery for the offline slides (from npm, the first time).
SLIDES_VENDOR := build/slides-vendor/node_modules
$(SLIDES_VENDOR):
	npm install --no-save --no-audit --no-fund --prefix build/slides-vendor reveal.js@4.6.0 requirejs@2.3.8 jquery@3.8.0

# JupyterLab, the offline site and the slides in headless Chromium, driven by Playwright; screenshots go to
# test-artifacts/browser/. CHROMIUM names the browser (default: the system's, installed here
# with apt-get if missing, which needs root), e.g. make test-browser CHROMIUM=/opt/chrome/chrome
CHROMIUM ?= /usr/bin/chromium
export CHROMIUM
test-browser: $(READY) $(SLIDES_VENDOR)
	test -x $(CHROMIUM) || (test $(CHROMIUM) = /usr/bin/chromium && apt-get update -qq && apt-get install -y -qq chromium) \
		|| (echo "make test-browser needs Chromium at $(CHROMIUM) (set CHROMIUM=...)"; exit 1)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[browser]'
	$(BIN)/python -m pytest -o addopts="-p no:cacheprovider" tests/browser

# nbgrader's round trip (generate an assignment, autograde a right and a wrong submission), with the
# instructor extra in an environment of its own, so that the course's JupyterLab shows no grading menus.
INSTRUCTOR := .venv-instructor
test-instructor:
	test -x $(INSTRUCTOR)/bin/python || $(PYTHON) -m venv $(INSTRUCTOR)
	$(INSTRUCTOR)/bin/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[instructor,test]'
	$(INSTRUCTOR)/bin/python -m pytest -o addopts="-p no:cacheprovider" tests/instructor

# fit against a hand-tuned numpy reference, scikit-learn and PyTorch (CPU), one BLAS thread each;
# a few minutes, prints a table (benchmarks/README.md). Not a test.
bench: $(READY)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[bench]'
	$(BIN)/python benchmarks/bench_fit.py

# Each notebook in a fresh kernel: its time and the kernel's peak memory.
bench-course: $(READY)
	$(BIN)/python benchmarks/bench_course.py

# A reveal.js deck per notebook that needs no network: build/slides/NN_name.slides.html.
slides: $(READY) $(SLIDES_VENDOR)
	$(BIN)/python docs/build_slides.py build/slides

# The course as a web site that needs no kernel and no network: build/site/index.html.
site: $(READY)
	$(BIN)/python docs/build_site.py build/site

# The student edition, student/NN_name.ipynb: the notebooks without their solutions, run and stored.
student: $(READY)
	$(BIN)/python docs/build_student.py student
	$(MAKE) execute NOTEBOOKS="student/*.ipynb"

# nbgrader's course folder: build/nbgrader/source/NN_name/NN_name.ipynb, answer cells and graded checks.
nbgrader: $(READY)
	$(BIN)/python docs/build_student.py --nbgrader build/nbgrader

lint: $(READY)
	$(BIN)/ruff check bpnb tests notebooks student docs benchmarks

# Run every notebook in a fresh kernel and store its outputs (after editing a notebook): no run
# timestamps, no widget state from earlier runs, the cells' own metadata (solutions, tags) kept.
execute: $(READY)
	$(BIN)/jupyter nbconvert --execute --to notebook --inplace \
		--ExecutePreprocessor.record_timing=False --ExecutePreprocessor.store_widget_state=False \
		--ClearMetadataPreprocessor.enabled=True --ClearMetadataPreprocessor.clear_cell_metadata=False \
		--ClearMetadataPreprocessor.preserve_nb_metadata_mask="[('kernelspec',), ('language_info',)]" \
		$(NOTEBOOKS)

clean:
	rm -rf $(VENV) $(INSTRUCTOR)
