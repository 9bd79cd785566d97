"""Simulated annealing of a network's weights and biases.

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

A fair comparison needs many starts: `anneal_many` anneals many networks at once, each
exactly as `anneal` would alone (`bpnb.restarts.fit_many` does the same for backpropagation).
Costs are counted, not timed: every evaluation of the error E runs the forward pass of every
tuple and is counted (`bpnb.counting` counts backpropagation's in the same currency).

Left out on purpose: moves of one weight at a time, step sizes that adapt, reheating, and
the logarithmic cooling under which annealing provably finds the global minimum (it takes
far too many steps to be of use).
"""

import math
from dataclasses import dataclass, field

import numpy as np

from . import _validate as v
from .activations import ACTIVATIONS
from .losses import LOSSES
from .network import Network
from .restarts import _check_nets, _forward_many, _losses

_BLOCK = 100  # steps whose random numbers a generator draws at once: the noise, then the uniform numbers


# --- the Metropolis rule and the schedule ------------------------------------------------

def acceptance_probability(dE, temperature) -> float:
    """The Metropolis rule: 1 for dE <= 0 (downhill or level), exp(-dE / temperature) for dE > 0.

    dE: the change of the error a move would make (a number); temperature: > 0.
    """
    dE = v.check_real(dE, "dE")
    temperature = v.check_positive_number(temperature, "temperature")
    return _metropolis(dE, temperature)


def _metropolis(dE: float, temperature: float) -> float:
    """acceptance_probability for numbers already checked; never overflows (dE <= 0 needs no exp)."""
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


# --- annealing ---------------------------------------------------------------------------

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

    def steps_to(self, threshold) -> int | None:
        """The first step after which the lowest E seen is below `threshold` (0: the start
        already was), or None if no step got there. A run stopped then would have cost
        1 + that many evaluations of E."""
        threshold = v.check_real(threshold, "threshold")
        if self.start_loss < threshold:
            return 0
        below = np.flatnonzero(np.asarray(self.best_loss) < threshold)
        return int(below[0]) + 1 if below.size else None

    def __repr__(self) -> str:
        if not self.loss:
            return "AnnealingHistory(0 steps)"
        return (f"AnnealingHistory({self.steps} steps; final loss {self.loss[-1]:.4f}, best {self.best_loss[-1]:.4f}; "
                f"accepted {self.acceptance_rate:.3f}; {self.forward_passes} forward passes)")


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
    return anneal_many([net], X, T, steps=steps, temperature=temperature, final_temperature=final_temperature,
                       step_size=step_size, seeds=[v.check_seed(seed)], loss=loss)[0]


def anneal_many(nets, X, T, *, steps, temperature=0.1, final_temperature=1e-4, step_size=0.3, seeds=None,
                loss="mse") -> list:
    """Anneal many networks of one shape at once: each exactly as `anneal(net, seed=seed)`
    alone. nets: a list of bpnb.Network; seeds: one seed per network (None: fresh randomness
    for each). Returns one AnnealingHistory per network; changes the networks in place.

    Each generator draws the noise of `_BLOCK` steps, then their uniform numbers, block after block.
    """
    nets = _check_nets(nets)
    X, T = nets[0]._check_data(X, T)
    v.check_choice(loss, "loss", LOSSES)
    schedule = temperatures(steps, temperature, final_temperature)
    step_size = v.check_positive_number(step_size, "step_size")
    seeds = [None] * len(nets) if seeds is None else seeds
    if not isinstance(seeds, (list, tuple, range)) or len(seeds) != len(nets):
        raise ValueError(f"seeds must be a list of one seed per network ({len(nets)}); got {v._describe(seeds)}")
    rngs = [np.random.default_rng(v.check_seed(s, f"seeds[{k}]")) for k, s in enumerate(seeds)]

    model = nets[0]
    shapes = [W.shape for W in model.weights] + [(1, b.size) for b in model.biases]
    ends = np.cumsum([0] + [math.prod(s) for s in shapes]).tolist()
    units = [ACTIVATIONS[name] for name in model.activations]
    L, S = len(model.weights), len(nets)

    def errors(flat) -> np.ndarray:
        """(S,) E of the weights and biases in the rows of `flat` (S, n_parameters)."""
        params = [flat[:, a:b].reshape((S,) + shape) for a, b, shape in zip(ends, ends[1:], shapes)]
        net_inputs, outputs = _forward_many(params[:L], params[L:], units, X)
        return _losses(loss, net_inputs[-1], outputs[-1], T)

    current = np.stack([np.concatenate([p.ravel() for p in net.weights + net.biases]) for net in nets])
    E = start = errors(current)
    best, best_E = current, E
    record = {name: np.empty((len(schedule), S)) for name in ("loss", "best_loss", "delta")}
    accepted = np.empty((len(schedule), S), dtype=bool)
    for first in range(0, len(schedule), _BLOCK):
        size = min(_BLOCK, len(schedule) - first)
        noise = np.stack([rng.normal(0.0, step_size, (size, current.shape[1])) for rng in rngs], axis=1)
        uniform = np.stack([rng.random(size) for rng in rngs], axis=1)
        for k in range(size):
            proposal = current + noise[k]
            E_new = errors(proposal)
            dE = E_new - E
            # the Metropolis rule for all networks; max(dE, 0) = 0 gives exp(0) = 1 without overflow
            take = uniform[k] < np.exp(-np.maximum(dE, 0.0) / schedule[first + k])
            current = np.where(take[:, None], proposal, current)
            E = np.where(take, E_new, E)
            better = E < best_E  # only a move taken can lower E
            best, best_E = np.where(better[:, None], current, best), np.where(better, E, best_E)
            step = first + k
            record["loss"][step], record["best_loss"][step], record["delta"][step] = E, best_E, dE
            accepted[step] = take

    histories = []
    for s, net in enumerate(nets):
        history = AnnealingHistory(
            start_loss=float(start[s]), loss=record["loss"][:, s].tolist(),
            best_loss=record["best_loss"][:, s].tolist(), temperature=schedule.tolist(),
            delta=record["delta"][:, s].tolist(), accepted=accepted[:, s].tolist(),
            evaluations=len(schedule) + 1, forward_passes=(len(schedule) + 1) * len(X))
        histories.append(history)
        for mine, a, b in zip(net.weights + net.biases, ends, ends[1:]):
            mine[...] = best[s, a:b].reshape(mine.shape)
    return histories
