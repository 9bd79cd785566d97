"""Simulated annealing of a network's weights and biases, and what it takes to set it fairly
against backpropagation: many starts trained at once, and counts of the arithmetic.

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

A fair comparison needs many starts of both methods: `anneal_many` anneals many networks at
once and `fit_many` trains many by backpropagation at once, each network exactly as `anneal`
or `Network.fit` would train it alone, with one more axis in every array (the network's) so
that a numpy operation serves all of them.

Costs are counted, not timed. Every evaluation of the error E runs the forward pass of every
tuple and is counted. `forward_multiply_adds` and `epoch_multiply_adds` count the
multiply-adds of the matrix products the package's own code computes, by running it on arrays
that count (`count_operations`), so that a step of annealing and an epoch of backpropagation
are measured in one currency.

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
from .network import Network, _check_update

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


# --- many starts of backpropagation at once ------------------------------------------------

@dataclass
class Runs:
    """What `fit_many` saw: one row per epoch, one column per network.

    loss, misclassified: (epochs, n_nets), on the training data after each epoch, as in
    `Network.fit`'s History. val_loss, val_misclassified: the same on the validation data,
    or None when none was given.
    """

    loss: np.ndarray
    misclassified: np.ndarray
    val_loss: np.ndarray | None = None
    val_misclassified: np.ndarray | None = None

    @property
    def epochs(self) -> int:
        return len(self.loss)

    def first_epoch(self, reached) -> list:
        """For each network, the first epoch (1, 2, ...) in which `reached`, an (epochs, n_nets)
        array of True/False, holds; None where it never does. E.g. runs.first_epoch(runs.loss < 0.05)."""
        reached = np.asarray(reached, dtype=bool)
        if reached.shape != self.loss.shape:
            raise ValueError(f"reached must have shape {self.loss.shape}, one row per epoch and one column per "
                             f"network; got shape {reached.shape}")
        return [int(np.argmax(column)) + 1 if column.any() else None for column in reached.T]

    def __repr__(self) -> str:
        return f"Runs({self.loss.shape[1]} networks, {self.epochs} epochs)"


def fit_many(nets, X, T, *, lr, epochs, update="case", loss="mse", lr_schedule=None, shuffle_seed=None,
             momentum=0.0, validation=None) -> Runs:
    """Train many networks of one shape by backpropagation at once, each exactly as
    `net.fit(X, T, lr=lr, epochs=epochs, update=update, loss=loss, lr_schedule=lr_schedule,
    shuffle_seed=shuffle_seed, momentum=momentum, validation=validation)` trains it alone, for
    all the epochs (read when a network got somewhere off the returned Runs).

    nets: a list of bpnb.Network with the same layer sizes and units. lr, momentum: a number,
    or a list of one per network. shuffle_seed: None keeps the data's order; a seed draws a new
    order each epoch, the same for every network. The weights of network s are row s of arrays
    with one more axis in front, so that every product of the textbook's algorithm is one numpy
    operation for all of them. Changes the networks in place; returns the Runs. Raises
    ValueError if a network diverges (its error stops being finite), where fit would stop.
    """
    nets = _check_nets(nets)
    model = nets[0]
    X, T = model._check_data(X, T)
    lr = _check_per_network(lr, len(nets), "lr", v.check_positive_number)
    epochs = v.check_positive_int(epochs, "epochs")
    rng = np.random.default_rng(v.check_seed(shuffle_seed, "shuffle_seed"))
    v.check_choice(loss, "loss", LOSSES)
    batch = _check_update(update, len(X))
    if lr_schedule is not None:
        v.check_choice(lr_schedule, "lr_schedule", ("1/t",))
    momentum = _check_per_network(momentum, len(nets), "momentum", lambda b, name: v.check_below(b, name, 0.0, 1.0))
    if validation is not None:
        if not isinstance(validation, (tuple, list)) or len(validation) != 2:
            raise TypeError(f"validation must be a pair (X_val, T_val); got {v._describe(validation)}")
        X_val = v.check_inputs(validation[0], model.layer_sizes[0], "validation X")
        validation = X_val, v.check_targets(validation[1], model.layer_sizes[-1], len(X_val), "validation T")

    L = len(model.weights)
    W = [np.stack([net.weights[k] for net in nets]) for k in range(L)]  # (n_nets, n_k, n_(k+1))
    theta = [np.stack([net.biases[k] for net in nets])[:, None, :] for k in range(L)]  # (n_nets, 1, n_(k+1))
    units = [ACTIVATIONS[name] for name in model.activations]
    step = _Steps(W, theta, units, loss, momentum)
    shape = (epochs, len(nets))
    runs = Runs(np.empty(shape), np.empty(shape), *((np.empty(shape), np.empty(shape)) if validation else ()))
    lXT = None
    for epoch in range(1, epochs + 1):
        l = lr / epoch if lr_schedule == "1/t" else lr
        X_epoch, T_epoch = (X, T) if shuffle_seed is None else _shuffled(X, T, rng.permutation(len(X)))
        if batch == 1 and (lXT is None or lr_schedule or shuffle_seed is not None):
            # each tuple's l x.T, (n, n_in, 1) or (n, n_nets, n_in, 1): the same numbers a step computes
            lXT = l * X_epoch[:, :, None] if np.ndim(l) == 0 else l[None] * X_epoch[:, None, :, None]
        for start in range(0, len(X), batch):
            step(X_epoch[start:start + batch], T_epoch[start:start + batch], l, None if lXT is None else lXT[start])
        runs.loss[epoch - 1], runs.misclassified[epoch - 1] = _evaluate_many(W, theta, units, X, T, loss)
        if validation:
            runs.val_loss[epoch - 1], runs.val_misclassified[epoch - 1] = _evaluate_many(W, theta, units,
                                                                                         *validation, loss)
        if not np.all(np.isfinite(runs.loss[epoch - 1])):
            bad = int(np.flatnonzero(~np.isfinite(runs.loss[epoch - 1]))[0])
            raise ValueError(f"network {bad} diverged: its error was not finite in epoch {epoch}; try a smaller "
                             f"learning rate than {float(np.ravel(lr)[bad % np.size(lr)]):g}")
    for s, net in enumerate(nets):
        for k in range(L):
            net.weights[k][...] = W[k][s]
            net.biases[k][...] = theta[k][s, 0]
    return runs


class _Steps:
    """One step of backpropagation for many networks at once, `Network.fit`'s own operations
    on the same numbers in the same order (so the same weights to the last bit), each written
    into an array kept from step to step. Called with a batch X (m, n_in), T (m, n_out) and the
    rate l, a number or one per network (n_nets, 1, 1); changes W[k] (n_nets, n_k, n_(k+1)) and
    theta[k] (n_nets, 1, n_(k+1)) in place."""

    def __init__(self, W, theta, units, loss, momentum):
        self.W, self.theta, self.units, self.mse = W, theta, units, loss == "mse"
        self.momentum = None if np.all(momentum == 0) else momentum  # a number, or (n_nets, 1, 1)
        self.W_T = [W_k.transpose(0, 2, 1) for W_k in W]  # views: they follow W's changes
        self.params = W + theta
        self.velocity = [np.zeros_like(p) for p in self.params] if self.momentum is not None else []
        self.changes = [np.empty_like(p) for p in self.params]  # dW[k], then dtheta[k]
        self.arrays = {}  # batch size m -> (I, O, Err, slope, spare) of a step with m tuples, one array per layer

    def _arrays(self, m):
        if m not in self.arrays:
            shapes = [(W_k.shape[0], m, W_k.shape[2]) for W_k in self.W]
            self.arrays[m] = tuple([np.empty(shape) for shape in shapes] for _ in range(5))
        return self.arrays[m]

    def __call__(self, X, T, l, lXT=None):
        """lXT: l X.T (n_in, m), or for a single tuple (n_in, 1), when the caller has it."""
        I, O, Err, slope, spare = self._arrays(len(X))
        W, W_T, theta, units, changes = self.W, self.W_T, self.theta, self.units, self.changes
        L = len(W)
        below = X
        for k in range(L):  # forward: I = O_below @ W + theta, O = f(I)
            np.add(below @ W[k], theta[k], out=I[k])
            _activate(units[k], I[k], spare[k], O[k])
            below = O[k]
        if self.mse:  # the output units' Err = O (1 - O) (T - O)
            _slope(units[-1], O[-1], slope[-1])
            np.subtract(T, O[-1], out=Err[-1])
            np.multiply(slope[-1], Err[-1], out=Err[-1])
        else:  # cross-entropy: Err = T - O
            np.subtract(T, O[-1], out=Err[-1])
        for k in range(L - 2, -1, -1):  # hidden units: Err_j = f'(I_j) sum_k Err_k w_jk
            _slope(units[k], O[k], slope[k])
            np.multiply(slope[k], Err[k + 1] @ W_T[k + 1], out=Err[k])
        single = len(X) == 1
        for k in range(L):  # dW = (l O_below^T) @ Err, dtheta = l (Err summed over the tuples)
            if k:
                lOT = l * O[k - 1].transpose(0, 2, 1)
            else:
                lOT = l * X.T if lXT is None else lXT
            if single:  # one tuple: each product has one term, so a plain product is the same number
                np.multiply(lOT, Err[k], out=changes[k])
                np.multiply(l, Err[k], out=changes[L + k])
            else:  # as fit writes them: operands laid out otherwise, or written with out=, round otherwise
                changes[k][...] = lOT @ Err[k]
                np.multiply(l, np.add.reduce(Err[k], axis=1, keepdims=True), out=changes[L + k])
        if self.momentum is not None:  # v = beta v + the step's changes
            for v_k, d in zip(self.velocity, changes):
                v_k *= self.momentum
                v_k += d
            changes = self.velocity
        for p, d in zip(self.params, changes):
            p += d


def _activate(unit, I, spare, out) -> None:
    """out = unit(I). The sigmoid as bpnb.activations.sigmoid computes it, without overflow:
    e = exp(-|I|), then 1 / (1 + e) where I >= 0 and e / (1 + e) where I < 0, written as
    N / (1 + e) with N = max(e, sign(I)), which is 1 where I >= 0 and e where I < 0."""
    if unit.name != "sigmoid":
        out[...] = unit.value(I)
        return
    np.abs(I, out=spare)
    np.negative(spare, out=spare)
    np.exp(spare, out=spare)
    np.sign(I, out=out)
    np.maximum(spare, out, out=out)
    np.add(1.0, spare, out=spare)
    np.divide(out, spare, out=out)


def _slope(unit, O, out) -> None:
    """out = the unit's slope from its output O: O (1 - O) for the sigmoid."""
    if unit.name != "sigmoid":
        out[...] = unit.slope(O)
        return
    np.subtract(1.0, O, out=out)
    np.multiply(O, out, out=out)


def _check_nets(nets) -> list:
    """nets as a list of Networks of one shape and one kind of units, or a TypeError/ValueError."""
    if not isinstance(nets, (list, tuple)) or not nets:
        raise TypeError(f"nets must be a non-empty list of bpnb.Network; got {v._describe(nets)}")
    for k, net in enumerate(nets):
        if not isinstance(net, Network):
            raise TypeError(f"nets[{k}] must be a bpnb.Network; got {v._describe(net)}")
        if net.layer_sizes != nets[0].layer_sizes or net.activations != nets[0].activations:
            raise ValueError(f"nets must all have the layer sizes and units of nets[0] ({nets[0]!r}); "
                             f"nets[{k}] is {net!r}")
    return list(nets)


def _check_per_network(value, n: int, name: str, check):
    """A number for every network (returned as a float), or a list of one per network (returned
    as an (n, 1, 1) array), each checked by check(number, name)."""
    if isinstance(value, (list, tuple)) or (isinstance(value, np.ndarray) and value.ndim):
        if len(value) != n:
            raise ValueError(f"{name} must be a number or a list of one per network ({n}); got {len(value)} values")
        return np.array([check(x, f"{name}[{k}]") for k, x in enumerate(value)])[:, None, None]
    return check(value, name)


def _shuffled(X, T, order):
    return X[order], T[order]


def _forward_many(W, theta, units, X):
    """The forward pass of many networks: W[k] (S, n_k, n_(k+1)), theta[k] (S, 1, n_(k+1)), X (n, n_in).
    Returns the net inputs and the outputs (X first), each (S, n, n_k) but X."""
    net_inputs, outputs = [], [X]
    for W_k, theta_k, unit in zip(W, theta, units):
        I = outputs[-1] @ W_k + theta_k  # I_j = sum_i w_ij O_i + theta_j, for every tuple and network
        net_inputs.append(I)
        outputs.append(np.empty_like(I))
        _activate(unit, I, np.empty_like(I), outputs[-1])
    return net_inputs, outputs


def _losses(loss, I, O, T) -> np.ndarray:
    """(S,) E of each network from its output net inputs I and outputs O (S, n, n_out), targets T (n, n_out)."""
    if loss == "mse":
        return 0.5 * np.sum((T - O) ** 2, axis=(1, 2))
    return np.sum(T * np.logaddexp(0.0, -I) + (1.0 - T) * np.logaddexp(0.0, I), axis=(1, 2))


def _evaluate_many(W, theta, units, X, T, loss):
    """(S,) E and (S,) misclassified fraction of each network on X, T, as `Network.fit` records them."""
    net_inputs, outputs = _forward_many(W, theta, units, X)
    O = outputs[-1]
    if O.shape[-1] == 1:
        wrong = (O[..., 0] >= 0.5) != (T[:, 0] >= 0.5)
    else:
        wrong = np.argmax(O, axis=-1) != np.argmax(T, axis=-1)
    return _losses(loss, net_inputs[-1], O, T), wrong.mean(axis=1)


# --- counting the arithmetic ---------------------------------------------------------------

@dataclass
class Counts:
    """Arithmetic counted by `count_operations`.

    multiply_adds: of the matrix products, n k m for an (n, k) @ (k, m) product.
    elementwise: one for each number every other operation computes (a + b, exp(a), ...),
    and for a sum over an axis one for each addition.
    """

    multiply_adds: int = 0
    elementwise: int = 0


class _Counting(np.ndarray):
    """An array that adds the arithmetic done with it to `_Counting.tally`; what it computes
    counts in turn."""

    tally = None  # the Counts that count_operations is filling

    def __array_ufunc__(self, ufunc, method, *inputs, out=None, **kwargs):
        plain = [x.view(np.ndarray) if isinstance(x, _Counting) else x for x in inputs]
        if out is not None:
            kwargs["out"] = tuple(o.view(np.ndarray) if isinstance(o, _Counting) else o for o in out)
        result = getattr(ufunc, method)(*plain, **kwargs)
        tally = _Counting.tally
        if tally is not None:
            if ufunc is np.matmul and method == "__call__":
                a, b = (np.atleast_2d(x) for x in plain[:2])
                batch = math.prod(np.broadcast_shapes(a.shape[:-2], b.shape[:-2]))
                tally.multiply_adds += batch * a.shape[-2] * a.shape[-1] * b.shape[-1]
            elif method == "reduce":
                tally.elementwise += np.size(plain[0]) - np.size(result)
            else:
                tally.elementwise += max(np.size(r) for r in (result if isinstance(result, tuple) else (result,)))
        if out is not None:
            return out[0] if len(out) == 1 else out
        return _counting(result)

    def __array_function__(self, func, types, args, kwargs):
        return _counting(super().__array_function__(func, types, args, kwargs))


def _counting(value):
    """Arrays (and tuples of them) as counting arrays; anything else as it is."""
    if isinstance(value, tuple):
        return tuple(_counting(x) for x in value)
    if isinstance(value, np.ndarray) and not isinstance(value, _Counting):
        return value.view(_Counting)
    return value


def count_operations(fn, *args) -> Counts:
    """Run fn(*args) with every array among args made to count, and return what was counted:
    every operation that takes a counting array, or an array computed from one, counts.
    A function that turns its argument into a plain array first (np.asarray does) is not seen
    inside: the course's sigmoid is one, so count the matrix products of a network through
    `forward_multiply_adds` and `epoch_multiply_adds`, whose weights count.
    """
    if not callable(fn):
        raise TypeError(f"fn must be a function; got {v._describe(fn)}")
    _Counting.tally = Counts()
    try:
        fn(*(_counting(a) for a in args))
        return _Counting.tally
    finally:
        _Counting.tally = None


def _counting_copy(net) -> Network:
    """A copy of net whose weights count."""
    if not isinstance(net, Network):
        raise TypeError(f"net must be a bpnb.Network; got {v._describe(net)}")
    twin = net.copy()
    twin.weights = [W.view(_Counting) for W in twin.weights]
    return twin


def forward_multiply_adds(net, X) -> int:
    """The multiply-adds of the matrix products of net.forward(X), counted while it runs.
    X: (n, n_in)."""
    twin = _counting_copy(net)
    X = v.check_inputs(X, net.layer_sizes[0])
    return count_operations(twin.forward, X).multiply_adds


def epoch_multiply_adds(net, X, T) -> int:
    """The multiply-adds of the matrix products of one epoch of epoch updating on X (n, n_in),
    T (n, n_out): the forward pass, the backward pass and the updates, counted while the code
    `Network.fit` runs for them computes them (the network is not changed)."""
    twin = _counting_copy(net)
    X, T = net._check_data(X, T)
    return count_operations(lambda X, T: twin._updates(X, T, 1.0, "mse"), X, T).multiply_adds
