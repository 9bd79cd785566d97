"""Many starts of backpropagation at once: `fit_many` trains many networks of one shape
together, each exactly as `Network.fit` would train it alone (a test compares them bit for
bit), with one more axis in every array (the network's), so that a numpy operation serves all
of them. Notebook 12 asks how often a start gets stuck, and that takes a hundred starts.
"""

from dataclasses import dataclass

import numpy as np

from . import _validate as v
from .activations import ACTIVATIONS
from .losses import LOSSES
from .network import Network, _check_update, _check_validation


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
        validation = _check_validation(validation, model.layer_sizes)

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
