"""How fast `bpnb.Network.fit` trains, beside a hand-tuned numpy reference, scikit-learn's
MLPClassifier and PyTorch (CPU), all doing the same computation.

Three workloads, each trained by every implementation from the same initial weights, on the
same batches in the same order (no shuffling), for the same number of updates, with the
cross-entropy loss (sigmoid outputs, Err = T - O at the output) and plain gradient steps:

- W1 case updating (a step after every tuple), 3-4-4-1, on 532 diabetes tuples;
- W2 mini-batches of 32, 64-32-10, on 1248 digits;
- W3 epoch updating (one step per pass), 64-128-10, on 1258 digits.

Every implementation must end with the weights of the reference (to 1e-10, else the script
stops with an error). Runs are interleaved after a warm-up; the script prints the time per
epoch (median, min, max over the repetitions; wall clock and the process's CPU time), each
median's ratio to the reference's, the page faults per epoch and the BLAS each library uses.
One BLAS thread for every implementation.

Then bpnb.fit and the reference once more, each in a fresh process with only numpy and bpnb
loaded, as in a notebook's kernel: there the memory allocator has not yet been warmed by large
arrays, and every large temporary costs page faults (see benchmarks/README.md).

Run from the repository's root (`make bench` installs scikit-learn and PyTorch first):
    .venv/bin/python benchmarks/bench_fit.py [repetitions]
"""

import os

for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_variable] = "1"  # before numpy, scikit-learn or torch load their BLAS

import gc  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import re  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

import bpnb  # noqa: E402
from bpnb import data  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from reference import Reference  # noqa: E402

AGREE = 1e-10  # every implementation's final weights within this of the reference's
FIT_AGREES = 1e-12  # bpnb's, which does the same arithmetic in another order
ALONE = "--alone"  # the command-line flag of the fresh-process measurement

try:
    from resource import RUSAGE_SELF, getrusage

    def page_faults() -> float:
        return getrusage(RUSAGE_SELF).ru_minflt
except ImportError:  # not on Windows
    def page_faults() -> float:
        return float("nan")


@dataclass
class Workload:
    name: str
    title: str
    X: np.ndarray  # (n, n_in)
    T: np.ndarray  # (n, n_out) targets of 0 and 1
    sizes: list
    batch: int  # 1: case updating; n: epoch updating
    lr: float  # l, the step is l times the sum over the batch
    epochs: int  # per timed run

    @property
    def update(self):
        return {1: "case", len(self.X): "epoch"}.get(self.batch, self.batch)


def workloads() -> list:
    diabetes = data.load("diabetes", features=["age", "bmi", "glucose"], missing="drop")
    # notebook 07's split: 601 tuples for training and validation; the first 532 of them
    X_rest, _, y_rest, _ = data.train_test_split(diabetes.X, diabetes.y, test_fraction=0.2, seed=0)
    X1, y1 = data.standardize(X_rest[:532]), y_rest[:532]
    digits = data.load("digits")
    # notebook 08's split: 70% for training
    X2, _, y2, _ = data.train_test_split(digits.X / 16, digits.y, test_fraction=0.3, seed=0)
    T2 = data.one_hot(y2, 10)
    # scikit-learn averages over each batch: a shorter last batch would take a larger step, so
    # W2 keeps 39 full batches of 32
    return [
        Workload("W1", "case updating, 3-4-4-1, 532 diabetes tuples",
                 X1, y1[:, None].astype(float), [3, 4, 4, 1], 1, 0.05, 5),
        Workload("W2", "mini-batches of 32, 64-32-10, 1248 digits",
                 X2[:1248], T2[:1248], [64, 32, 10], 32, 0.1, 25),
        Workload("W3", "epoch updating, 64-128-10, 1258 digits",
                 X2, T2, [64, 128, 10], len(X2), 0.001, 80),
    ]


# --- the implementations: each sets its initial weights (untimed), then trains (timed) -----

class Implementation:
    name = ""

    def prepare(self, w: Workload, weights, biases) -> None:
        raise NotImplementedError

    def train(self, w: Workload) -> None:
        raise NotImplementedError

    def parameters(self) -> list:
        """The final weights and biases, [W_0, ..., theta_0, ...] as numpy arrays."""
        raise NotImplementedError


class NumpyReference(Implementation):
    name = "reference"

    def prepare(self, w, weights, biases):
        self.net = Reference(weights, biases)

    def train(self, w):
        self.net.fit(w.X, w.T, lr=w.lr, epochs=w.epochs, batch_size=w.batch, loss="cross_entropy")

    def parameters(self):
        return self.net.weights + self.net.biases


class Bpnb(Implementation):
    name = "bpnb.fit"

    def prepare(self, w, weights, biases):
        self.net = bpnb.Network.from_weights(weights, biases)

    def train(self, w):
        self.net.fit(w.X, w.T, lr=w.lr, epochs=w.epochs, update=w.update, loss="cross_entropy")

    def parameters(self):
        return self.net.weights + self.net.biases


class ScikitLearn(Implementation):
    """MLPClassifier with logistic units and multilabel 0/1 targets: logistic outputs and
    binary log-loss averaged over the batch, so learning_rate_init = l b gives bpnb's step."""

    name = "scikit-learn"

    def prepare(self, w, weights, biases):
        from sklearn.neural_network import MLPClassifier

        if getattr(self, "workload", None) is not w:  # built once per workload, by one epoch's fit
            self.workload = w
            self.y = w.T[:, 0].astype(int) if w.T.shape[1] == 1 else w.T.astype(int)  # one output: binary labels
            self.clf = MLPClassifier(
                hidden_layer_sizes=tuple(w.sizes[1:-1]), activation="logistic", solver="sgd", alpha=0.0,
                batch_size=w.batch, learning_rate="constant", learning_rate_init=w.lr * w.batch, momentum=0.0,
                nesterovs_momentum=False, shuffle=False, max_iter=1, tol=0.0, n_iter_no_change=10**9,
                warm_start=True,  # each fit goes on from coefs_ and intercepts_ as set here
            )
            self.train(w)
            self.clf.set_params(max_iter=w.epochs)
        for mine, given in zip(self.clf.coefs_ + self.clf.intercepts_, weights + biases):
            mine[...] = given  # in place: the optimizer holds these arrays

    def train(self, w):
        from sklearn.exceptions import ConvergenceWarning

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)  # it is told to stop after max_iter epochs
            self.clf.fit(w.X, self.y)

    def parameters(self):
        return self.clf.coefs_ + self.clf.intercepts_


class Torch(Implementation):
    """nn.Sequential of Linear and Sigmoid in float64, BCEWithLogitsLoss summed over the
    batch (its gradient at the output's net input is O - T), torch.optim.SGD."""

    name = "PyTorch"

    def prepare(self, w, weights, biases):
        import torch

        layers = []
        for k, (W, theta) in enumerate(zip(weights, biases)):
            linear = torch.nn.Linear(*W.shape, dtype=torch.float64)
            with torch.no_grad():
                linear.weight.copy_(torch.from_numpy(W.T))  # torch keeps w_ij at [j, i]
                linear.bias.copy_(torch.from_numpy(theta))
            layers += [linear] if k == len(weights) - 1 else [linear, torch.nn.Sigmoid()]
        self.model = torch.nn.Sequential(*layers)
        self.X, self.T = torch.from_numpy(w.X), torch.from_numpy(w.T)
        self.torch = torch

    def train(self, w):
        torch, model, X, T, b = self.torch, self.model, self.X, self.T, w.batch
        loss_fn = torch.nn.BCEWithLogitsLoss(reduction="sum")
        optimizer = torch.optim.SGD(model.parameters(), lr=w.lr)
        for _ in range(w.epochs):
            for start in range(0, len(X), b):
                optimizer.zero_grad()
                loss_fn(model(X[start:start + b]), T[start:start + b]).backward()
                optimizer.step()

    def parameters(self):
        linears = [m for m in self.model if isinstance(m, self.torch.nn.Linear)]
        return ([m.weight.detach().numpy().T.copy() for m in linears]
                + [m.bias.detach().numpy().copy() for m in linears])


# --- measuring ---------------------------------------------------------------------------

def run(impl, w, weights, biases):
    """One run from the initial weights, per epoch: (wall s, CPU s of the process, page faults)."""
    impl.prepare(w, weights, biases)
    gc.collect()
    faults = page_faults()
    wall, cpu = time.perf_counter(), time.process_time()
    impl.train(w)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    faults = page_faults() - faults
    return wall / w.epochs, cpu / w.epochs, faults / w.epochs


def largest_difference(a: list, b: list) -> float:
    return max(float(np.abs(x - y).max()) for x, y in zip(a, b))


def measure(w: Workload, implementations, repetitions: int):
    """{name: [(wall, cpu, faults) per epoch, ...]} and {name: largest weight difference to the
    reference}."""
    start = bpnb.Network(w.sizes, seed=0)  # the initial weights of every implementation
    weights, biases = start.weights, start.biases
    impls = [cls() for cls in implementations]
    times = {impl.name: [] for impl in impls}
    differences = dict.fromkeys(times, 0.0)
    for repetition in range(repetitions + 1):  # the first is the warm-up: checked, not timed
        shift = repetition % len(impls)  # each implementation in turn goes first
        for impl in impls[shift:] + impls[:shift]:
            measured = run(impl, w, weights, biases)
            if repetition:
                times[impl.name].append(measured)
        ref = impls[0].parameters()
        for impl in impls:
            differences[impl.name] = max(differences[impl.name], largest_difference(impl.parameters(), ref))
        disagree = {name: d for name, d in differences.items() if d > AGREE}
        if disagree:
            raise SystemExit(f"{w.name}: these end with other weights than the reference (largest "
                             f"difference, limit {AGREE:g}): {disagree}")
    return times, differences


def blas_in_use(torch) -> list:
    """One line per BLAS library loaded: which, its version, kernel and threads."""
    from threadpoolctl import threadpool_info

    lines = []
    for lib in threadpool_info():
        if lib["user_api"] == "blas":
            lines.append(f"{lib['internal_api']} {lib['version']} ({lib.get('architecture', '?')} kernels, "
                         f"{lib['num_threads']} thread) from {Path(lib['filepath']).name}")
    mkl = re.search(r"Math Kernel Library Version (\S+)", torch.__config__.show())
    lines.append(f"PyTorch {torch.__version__}: {'MKL ' + mkl.group(1) if mkl else 'its own BLAS'} "
                 f"({torch.get_num_threads()} thread)")
    return lines


def main(repetitions: int = 7) -> None:
    try:
        import sklearn
        import torch
        from threadpoolctl import threadpool_limits
    except ImportError as missing:
        sys.exit(f"bench_fit.py needs the bench extra ({missing.name} is missing): run `make bench`, or "
                 "pip install -c constraints.txt -e '.[bench]'")
    torch.set_num_threads(1)
    began = time.perf_counter()
    print(f"bpnb.fit against a numpy reference, scikit-learn {sklearn.__version__} and PyTorch "
          f"{torch.__version__}; {repetitions} interleaved runs after a warm-up")
    print(f"machine: {os.cpu_count()} cores, {platform.machine()}; Python {platform.python_version()}, "
          f"numpy {np.__version__}; load average {os.getloadavg()[0]:.1f}")
    results = []
    with threadpool_limits(limits=1):
        for line in blas_in_use(torch):
            print("  BLAS:", line)
        for w in workloads():
            t0 = time.perf_counter()
            times, differences = measure(w, (NumpyReference, Bpnb, ScikitLearn, Torch), repetitions)
            results.append((w, times, differences))
            report(w, times, differences, time.perf_counter() - t0)
    for clock, title in ((0, "wall clock"), (1, "CPU time of the process")):
        summary(results, clock, title)
    worst = max(d for _, _, differences in results for d in differences.values())
    print(f"\nevery implementation ends with the reference's weights to {worst:.1e} (limit {AGREE:g}); "
          f"bpnb.fit to {max(r[2]['bpnb.fit'] for r in results):.1e}")
    fresh()
    load = os.getloadavg()[0]
    print(f"\nwhole run: {time.perf_counter() - began:.0f} s; load average now {load:.1f}"
          + (f" (above {os.cpu_count()}: other work shared the cores, trust the CPU times)"
             if load > os.cpu_count() else ""))


def report(w, times, differences, seconds) -> None:
    n_updates = -(-len(w.X) // w.batch)
    print(f"\n{w.name}: {w.title}; l = {w.lr:g}, {n_updates} update{'s' * (n_updates > 1)} per epoch, "
          f"{w.epochs} epochs per run ({seconds:.0f} s)")
    print(f"  {'ms per epoch':>14} {'wall: median':>12} {'min':>8} {'max':>8} {'ratio':>6}"
          f" {'CPU: median':>12} {'min':>8} {'max':>8} {'ratio':>6} {'faults':>7}  largest |w - w_ref|")
    reference = np.median(np.array(times["reference"]), axis=0)
    for name, t in times.items():
        t = np.array(t)  # (repetitions, 3)
        cells = ""
        for clock in (0, 1):
            ms, ratio = 1000 * t[:, clock], np.median(t[:, clock]) / reference[clock]
            cells += f" {np.median(ms):12.3f} {ms.min():8.3f} {ms.max():8.3f} {ratio:6.2f}"
        flag = f"  (more than {FIT_AGREES:g})" if name == "bpnb.fit" and differences[name] > FIT_AGREES else ""
        print(f"  {name:>14}{cells} {np.median(t[:, 2]):7.0f}  {differences[name]:.1e}{flag}")


def summary(results, clock: int, title: str) -> None:
    names = list(results[0][1])
    print(f"\nmedian ms per epoch, {title} (ratio to the reference):\n")
    print("| workload | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(names))
    for w, times, _ in results:
        median = {n: np.median([t[clock] for t in times[n]]) for n in names}
        cells = [f"{1000 * median[n]:.2f} ({median[n] / median['reference']:.2f}x)" for n in names]
        print(f"| {w.name} {w.title} | " + " | ".join(cells) + " |")


def fresh() -> None:
    """bpnb.fit and the reference in a fresh process each (numpy and bpnb only loaded)."""
    print("\nin a fresh process, numpy and bpnb only (CPU ms per epoch, median of 3; page faults per epoch):")
    for name in (Bpnb.name, NumpyReference.name):
        done = subprocess.run([sys.executable, __file__, ALONE, name], capture_output=True, text=True, check=True)
        for w_name, (cpu, faults) in json.loads(done.stdout).items():
            print(f"  {w_name} {name:>10}: {cpu:8.3f} ms, {faults:6.0f} page faults")


def alone(name: str) -> None:
    """The fresh-process measurement of one implementation, printed as JSON."""
    cls = {Bpnb.name: Bpnb, NumpyReference.name: NumpyReference}[name]
    out = {}
    for w in workloads():
        start = bpnb.Network(w.sizes, seed=0)
        runs = [run(cls(), w, start.weights, start.biases) for _ in range(4)][1:]  # after a warm-up
        out[w.name] = [1000 * np.median([r[1] for r in runs]), np.median([r[2] for r in runs])]
    print(json.dumps(out))


if __name__ == "__main__":
    if sys.argv[1:2] == [ALONE]:
        alone(sys.argv[2])
    else:
        main(*(int(a) for a in sys.argv[1:2]))
