"""Simulated annealing of a network's weights and biases: a search that needs no gradient.

Backpropagation always goes downhill, so it can settle in a local minimum. Annealing
(Kirkpatrick, Gelatt & Vecchi, 1983) makes a random move and may take it even when it goes
uphill, with the Metropolis rule: a move that changes the error by dE is accepted with
probability

    P(accept) = 1                  if dE <= 0
    P(accept) = exp(-dE / temp)    if dE > 0

where the temperature temp falls step by step, so that early on almost every move is taken
and at the end almost only moves downhill. Here a move adds normal noise (standard deviation
`step_size`) to every weight and bias at once, and the temperature falls geometrically from
`temperature` to `final_temperature`. (The temperature is not called T, the course's name
for the targets.)

Every evaluation of the error E runs the forward pass of every tuple, and is counted, so that
the cost of annealing can be set against the cost of backpropagation in one currency, the
forward pass of one tuple: `backprop_forward_passes` gives fit's cost in it.

Left out on purpose: moves of one weight at a time, step sizes that adapt, reheating, and
the logarithmic cooling under which annealing provably finds the global minimum (it takes
far too many steps to be of use).
"""

import math
from dataclasses import dataclass, field

import numpy as np

from . import _validate as v
from .losses import LOSSES, loss_value
from .network import Network, _check_layer_sizes


@dataclass
class AnnealingHistory:
    """What `anneal` saw, one entry per step (a proposed move).

    loss: the error E of the current weights after the step (the start's E is start_loss).
    best_loss: the lowest E seen up to and including the step.
    temperature: the temperature of the step.
    delta: the change dE the proposed move would make.
    accepted: whether the move was taken.
    evaluations: how many times E was computed over the whole data (the start's included).
    forward_passes: evaluations times the number of tuples: forward passes of one tuple.
    """

    start_loss: float = float("nan")
    loss: list = field(default_factory=list)
    best_loss: list = field(default_factory=list)
    temperature: list = field(default_factory=list)
    delta: list = field(default_factory=list)
    accepted: list = field(default_factory=list)
    evaluations: int = 0
    forward_passes: int = 0

    @property
    def steps(self) -> int:
        return len(self.loss)

    @property
    def acceptance_rate(self) -> float:
        """The fraction of all proposed moves that were taken."""
        return float(np.mean(self.accepted)) if self.accepted else float("nan")

    def acceptance_rates(self, window: int = 100) -> np.ndarray:
        """The fraction of moves taken in each block of `window` steps, (steps // window,)."""
        window = v.check_positive_int(window, "window")
        blocks = len(self.accepted) // window
        return np.asarray(self.accepted[:blocks * window], dtype=float).reshape(blocks, window).mean(axis=1)

    def __repr__(self) -> str:
        if not self.loss:
            return "AnnealingHistory(0 steps)"
        return (f"AnnealingHistory({self.steps} steps; final loss {self.loss[-1]:.4f}, best {self.best_loss[-1]:.4f}; "
                f"accepted {self.acceptance_rate:.3f}; {self.forward_passes} forward passes)")


def acceptance_probability(dE, temperature) -> float:
    """The Metropolis rule: 1 for dE <= 0 (downhill or level), exp(-dE / temperature) for dE > 0.

    dE: the change of the error a move would make (a number); temperature: > 0.
    """
    dE = v.check_real(dE, "dE")
    temperature = v.check_positive_number(temperature, "temperature")
    return _metropolis(dE, temperature)


def _metropolis(dE: float, temperature: float) -> float:
    """acceptance_probability for numbers already checked."""
    return 1.0 if dE <= 0 else math.exp(-dE / temperature)


def metropolis_accepts(dE, temperature, u) -> bool:
    """Whether a move is taken: u, a uniform draw from [0, 1), below its acceptance probability."""
    u = v.check_in_range(u, "u", 0.0, 1.0)
    return u < acceptance_probability(dE, temperature)


def temperatures(steps, temperature=0.1, final_temperature=1e-4) -> np.ndarray:
    """The geometric schedule: (steps,) temperatures falling from `temperature` in the first
    step to `final_temperature` in the last, by the same factor each step."""
    steps = v.check_positive_int(steps, "steps")
    start = v.check_positive_number(temperature, "temperature")
    end = v.check_positive_number(final_temperature, "final_temperature")
    if end > start:
        raise ValueError(f"final_temperature must be at most temperature ({start:g}), so that it cools; got {end!r}")
    if steps == 1:
        return np.array([start])
    return start * (end / start) ** (np.arange(steps) / (steps - 1))


def anneal(net, X, T, *, steps, temperature=0.1, final_temperature=1e-4, step_size=0.3, seed=None,
           loss="mse") -> AnnealingHistory:
    """Train a network by simulated annealing; changes it in place.

    net: a bpnb.Network. X: (n, n_in); T: (n, n_out), or (n,) with one output.
    steps: the number of proposed moves. temperature, final_temperature: the schedule's first
    and last temperature (see `temperatures`). step_size: the standard deviation of the normal
    noise a move adds to every weight and bias. seed: of the generator that draws the moves
    and the uniform numbers of the Metropolis rule (the same seed, the same run).
    loss: the error E to lower, "mse" (the textbook's) or "cross_entropy".

    The network ends with the weights of the lowest E seen (written into its arrays in place);
    returns the AnnealingHistory.
    """
    if not isinstance(net, Network):
        raise TypeError(f"net must be a bpnb.Network; got {v._describe(net)}")
    X, T = net._check_data(X, T)
    v.check_choice(loss, "loss", LOSSES)
    schedule = temperatures(steps, temperature, final_temperature)
    step_size = v.check_positive_number(step_size, "step_size")
    rng = np.random.default_rng(v.check_seed(seed))

    history = AnnealingHistory()
    scratch = net.copy()  # evaluates the proposed weights; the network keeps its own until the end
    L = len(net.weights)
    ends = np.cumsum([0] + [p.size for p in net.weights + net.biases]).tolist()
    parts = [(slice(a, b), p.shape) for a, b, p in zip(ends, ends[1:], net.weights + net.biases)]

    def unflatten(flat) -> list:
        """The weights, then the biases, as views of `flat`, where they lie one after the other."""
        return [flat[where].reshape(shape) for where, shape in parts]

    def error(flat) -> float:
        """E of the weights and biases in `flat`."""
        params = unflatten(flat)
        scratch.weights, scratch.biases = params[:L], params[L:]
        net_inputs, outputs = scratch.forward(X)
        history.evaluations += 1
        return loss_value(loss, net_inputs[-1], outputs[-1], T)

    current = np.concatenate([p.ravel() for p in net.weights + net.biases])
    E = history.start_loss = error(current)
    best, best_E = current, E
    for temp in schedule.tolist():
        proposal = current + rng.normal(0.0, step_size, current.size)
        E_new = error(proposal)
        dE = E_new - E
        take = rng.random() < _metropolis(dE, temp)  # drawn every step: one stream per seed
        if take:
            current, E = proposal, E_new
            if E < best_E:
                best, best_E = current, E
        history.loss.append(E)
        history.best_loss.append(best_E)
        history.temperature.append(temp)
        history.delta.append(dE)
        history.accepted.append(take)
    history.forward_passes = history.evaluations * len(X)
    for mine, part in zip(net.weights + net.biases, unflatten(best)):
        mine[...] = part
    return history


def backprop_forward_passes(layer_sizes, n_tuples, epochs) -> float:
    """What `epochs` epochs of backpropagation with epoch updating on `n_tuples` tuples cost,
    in forward passes of one tuple, counting the multiply-adds of the matrix products
    (notebook 06): per tuple, the forward pass O @ W, the backward pass Err @ W.T (for every
    layer above the first) and the update O.T @ Err. Recording E after an epoch needs no pass
    of its own: it is the next epoch's forward pass, which fit does once.
    """
    sizes = _check_layer_sizes(layer_sizes)
    n_tuples = v.check_positive_int(n_tuples, "n_tuples")
    epochs = v.check_positive_int(epochs, "epochs", minimum=0)
    products = [a * b for a, b in zip(sizes, sizes[1:])]
    forward, backward, update = sum(products), sum(products[1:]), sum(products)
    return epochs * n_tuples * (forward + backward + update) / forward
