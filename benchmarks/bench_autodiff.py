"""How fast the scalar automatic differentiation of `bpnb.autodiff` computes a gradient, beside
the matrix code of `bpnb.Network` (notebook 06), on the same networks and data.

Notebook 11 counts the operations of both, deterministically; this script measures the time,
which a notebook must not print. For each workload it checks first that both give the same
gradient (to 1e-12), then times the process's CPU time (other work on the machine disturbs it
less than the wall clock), the fastest and the median of the repetitions:

- autodiff: build the graph of the error over all tuples (`autodiff.network_graph`), run
  `backward`, read the gradients;
- matrix: `Network.gradients` on the same tuples, one forward and one backward pass in numpy.

Then training: epochs of epoch updating by autodiff (one graph per epoch, w += -l dE/dw)
against `Network.fit(update="epoch")`, from the same weights; the final weights must agree.

Run from the repository's root:
    .venv/bin/python benchmarks/bench_autodiff.py [repetitions]
"""

import os

for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_variable] = "1"  # before numpy loads its BLAS

import platform  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

import bpnb  # noqa: E402
from bpnb import autodiff, data  # noqa: E402
from bpnb.notation import TEXTBOOK_T, TEXTBOOK_X, textbook_network  # noqa: E402

AGREE = 1e-12


def array_operations(n_layers: int) -> int:
    """The array operations of one gradient in matrix form, whatever the number of tuples (as
    notebook 11 counts them): per layer O @ W, + θ and the sigmoid forward; T − O, 1 − O and
    two products for the output error terms; Err @ W.T, 1 − O and two products for each hidden
    layer's; O.T @ Err and the sum of Err over the tuples for each layer's gradients."""
    return 3 * n_layers + 4 + 4 * (n_layers - 1) + 2 * n_layers


def workloads():
    """(name, network, X, T): the textbook's example and two of notebook 06's."""
    yield "textbook 3-2-1, 1 tuple", textbook_network(), np.array([TEXTBOOK_X]), np.array([TEXTBOOK_T])
    circles = data.make_circles(200, noise=0.1, seed=0)
    X, _, y, _ = data.train_test_split(circles.X, circles.y, test_fraction=0.25, seed=0)
    yield "circles 2-4-1, 150 tuples", bpnb.Network([2, 4, 1], init_range=(-1, 1), seed=0), X, y
    spirals = data.make_spirals(200, noise=0.05, seed=0)
    X, _, y, _ = data.train_test_split(spirals.X, spirals.y, test_fraction=0.25, seed=0)
    yield "spirals 2-8-8-1, 150 tuples", bpnb.Network([2, 8, 8, 1], init_range=(-1, 1), seed=0), X, y


def autodiff_gradients(net, X, T):
    graph = autodiff.network_graph(net, X, T)
    graph.error.backward()
    return graph.gradients()


def seconds(f, repetitions: int) -> tuple:
    """(fastest, median) CPU seconds of a call of f, after a warm-up."""
    f()
    times = []
    for _ in range(repetitions):
        start = time.process_time()
        f()
        times.append(time.process_time() - start)
    return min(times), statistics.median(times)


def largest_difference(a, b) -> float:
    return max(float(np.max(np.abs(x - y))) for x, y in zip(a[0] + a[1], b[0] + b[1]))


def gradient_table(repetitions: int) -> None:
    print(f"{'workload':29}{'nodes':>7}{'array ops':>10}{'count ratio':>12}"
          f"{'autodiff ms (min, median)':>27}{'matrix ms (min, median)':>25}{'time ratio (min, median)':>26}")
    for name, net, X, T in workloads():
        difference = largest_difference(autodiff_gradients(net, X, T), net.gradients(X, T))
        if difference > AGREE:
            sys.exit(f"{name}: the gradients differ by {difference:.2e}")
        nodes = len(autodiff.topological_order(autodiff.network_graph(net, X, T).error))
        ops = array_operations(len(net.weights))
        slow = seconds(lambda net=net, X=X, T=T: autodiff_gradients(net, X, T), repetitions)
        fast = seconds(lambda net=net, X=X, T=T: net.gradients(X, T), repetitions * 50)
        print(f"{name:29}{nodes:7}{ops:10}{nodes / ops:12.0f}{slow[0] * 1e3:15.3f}{slow[1] * 1e3:12.3f}"
              f"{fast[0] * 1e3:13.4f}{fast[1] * 1e3:12.4f}{slow[0] / fast[0]:14.0f}{slow[1] / fast[1]:12.0f}")


def train_by_autodiff(net, X, T, lr: float, epochs: int):
    """Epoch updating by autodiff: each epoch a new graph, its gradient, w += -l dE/dw."""
    for _ in range(epochs):
        dW, dtheta = autodiff_gradients(net, X, T)
        for W, theta, gW, gtheta in zip(net.weights, net.biases, dW, dtheta):
            W -= lr * gW
            theta -= lr * gtheta
    return net


def training_table(epochs: int) -> None:
    _, start, X, T = list(workloads())[1]
    by_autodiff, by_fit = start.copy(), start.copy()
    t0 = time.process_time()
    train_by_autodiff(by_autodiff, X, T, lr=0.2, epochs=epochs)
    slow = time.process_time() - t0
    by_fit.copy().fit(X, T, lr=0.2, epochs=epochs, update="epoch")  # a warm-up
    t0 = time.process_time()
    by_fit.fit(X, T, lr=0.2, epochs=epochs, update="epoch")
    fast = time.process_time() - t0
    difference = max(float(np.max(np.abs(a - b))) for a, b in zip(by_autodiff.weights + by_autodiff.biases,
                                                                 by_fit.weights + by_fit.biases))
    print(f"\ntraining circles 2-4-1, {epochs} epochs of epoch updating, l = 0.2:")
    print(f"  autodiff {slow:.3f} s, Network.fit {fast:.4f} s (CPU): {slow / fast:.0f} times as long; "
          f"final weights differ by {difference:.1e}")


def main() -> None:
    repetitions = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    print(f"Python {platform.python_version()}, numpy {np.__version__}, {os.cpu_count()} cores; "
          f"CPU time of {repetitions} repetitions (matrix: of {repetitions * 50})\n")
    gradient_table(repetitions)
    training_table(epochs=50)


if __name__ == "__main__":
    main()
