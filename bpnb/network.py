"""A multilayer feed-forward network of sigmoid units, trained by backpropagation.

The algorithm as Han & Kamber state it, written in matrix form: one row of each array per
tuple, so the same code serves one tuple (case updating), a mini-batch or the whole
training set (epoch updating).

    I_j = sum_i w_ij O_i + theta_j            net input of unit j
    O_j = 1 / (1 + exp(-I_j))                 output of unit j
    Err_j = O_j (1 - O_j) (T_j - O_j)         error of an output unit (loss="mse")
    Err_j = O_j (1 - O_j) sum_k Err_k w_jk    error of a hidden unit
    w_ij += l Err_j O_i,  theta_j += l Err_j  updates, l the learning rate

Beyond the textbook, each off by default (notebooks 09 and 12): hidden units other than the
sigmoid, O_j = f(I_j) with tanh or ReLU (`bpnb.activations`), whose error term takes their
slope f'(I_j), written from O_j, in place of O_j (1 - O_j); the output units stay sigmoid, so
the output error term above holds. Xavier and He initialization. In `fit`, clipping each
step's updates by their norm, and momentum. Left out on purpose: regularization, adaptive
steps, and batch normalization and dropout, which are not units of the textbook's kind
(`bpnb.layers` has them); a mean over the batch: like the textbook's epoch updating, a
batch's step is l times the *sum* of its tuples' updates.
"""

import warnings
from dataclasses import dataclass, field
from numbers import Integral, Real

import numpy as np
from tqdm.auto import tqdm

from . import _fast
from . import _validate as v
from .activations import ACTIVATIONS, get_activation
from .losses import LOSSES, loss_value, output_error
from .trace import Trace


@dataclass
class History:
    """What `Network.fit` saw, one entry per completed epoch.

    loss, misclassified: on the training data after the epoch (misclassified as a fraction).
    max_weight_change: the largest single |change| of any weight or bias during the epoch.
    lr: the learning rate used in the epoch. val_loss, val_misclassified: on the validation
    data, when it was given. stop_reason: why training stopped.
    """

    loss: list = field(default_factory=list)
    misclassified: list = field(default_factory=list)
    max_weight_change: list = field(default_factory=list)
    lr: list = field(default_factory=list)
    val_loss: list = field(default_factory=list)
    val_misclassified: list = field(default_factory=list)
    stop_reason: str = ""
    _velocity = None  # not a field: momentum's velocity after the last epoch, for going on from here

    @property
    def epochs(self) -> int:
        return len(self.loss)

    def __repr__(self) -> str:
        if not self.loss:
            return f"History(0 epochs; stopped: {self.stop_reason})"
        return (
            f"History({self.epochs} epoch{'s' * (self.epochs != 1)}; final loss {self.loss[-1]:.4f}, "
            f"misclassified {self.misclassified[-1]:.3f}; stopped: {self.stop_reason})"
        )


class Network:
    """A fully connected network of sigmoid units (or tanh or ReLU hidden units).

    Parameters
    ----------
    layer_sizes : the number of units in each layer, input layer first, e.g. [3, 2, 1].
    activation : the hidden units' activation, a name in `bpnb.activations.ACTIVATIONS`
        ("sigmoid", "tanh", "relu"): one name for every hidden layer, or a list of one name per
        hidden layer. The output units are sigmoid units in any case.
    init : how the weights start: "uniform" (the textbook: weights and biases uniform in
        init_range), "xavier" (Glorot: uniform in +-sqrt(6 / (n_in + n_out)), biases 0) or
        "he" (normal with std sqrt(2 / n_in), biases 0); n_in, n_out the sizes of the two
        layers a weight matrix joins.
    init_range : (low, high), for init="uniform".
    init_scale : a number > 0 that multiplies the drawn weights (not the biases).
    seed : seed of the generator that draws them (None: a fresh, unpredictable one).

    Attributes
    ----------
    weights : list of (n_k, n_{k+1}) arrays, weights[k][i, j] = w_ij from unit i of layer k
        to unit j of layer k + 1.
    biases : list of (n_{k+1},) arrays, the theta_j of layer k + 1.
    activations : list of names, the activation of layer k + 1 for each weights[k]; the last
        is "sigmoid".
    """

    def __init__(self, layer_sizes, *, activation="sigmoid", init="uniform", init_range=(-0.5, 0.5),
                 init_scale=1.0, seed=None):
        sizes = _check_layer_sizes(layer_sizes)
        self.activations = _check_activations(activation, len(sizes) - 2)
        init = v.check_choice(init, "init", INITS)
        init_range = _check_init_range(init_range)
        init_scale = v.check_positive_number(init_scale, "init_scale")
        rng = np.random.default_rng(v.check_seed(seed))
        self.weights = [init_scale * initial_weights(rng, a, b, init, init_range) for a, b in zip(sizes, sizes[1:])]
        self.biases = [initial_biases(rng, b, init, init_range) for b in sizes[1:]]

    @classmethod
    def from_weights(cls, weights, biases, *, activation="sigmoid") -> "Network":
        """A network with the given parameters (copied): weights[k] (n_k, n_{k+1}),
        biases[k] (n_{k+1},); activation as for `Network`."""
        if not isinstance(weights, (list, tuple)) or not weights:
            raise TypeError(f"weights must be a non-empty list of 2-D arrays; got {v._describe(weights)}")
        if not isinstance(biases, (list, tuple)) or len(biases) != len(weights):
            raise ValueError(
                f"biases must be a list with one array per weight matrix ({len(weights)}); "
                f"got {v._describe(biases)}"
            )
        W = [v.as_float_array(w, f"weights[{k}]") for k, w in enumerate(weights)]
        theta = [v.as_float_array(b, f"biases[{k}]") for k, b in enumerate(biases)]
        for k, (w, b) in enumerate(zip(W, theta)):
            if w.ndim != 2 or 0 in w.shape:
                raise ValueError(f"weights[{k}] must be a non-empty 2-D array; got shape {w.shape}")
            if k > 0 and w.shape[0] != W[k - 1].shape[1]:
                raise ValueError(
                    f"weights[{k}] must have {W[k - 1].shape[1]} rows, one per unit of layer {k}; "
                    f"got shape {w.shape}"
                )
            if b.shape != (w.shape[1],):
                raise ValueError(f"biases[{k}] must have shape ({w.shape[1]},); got shape {b.shape}")
            v.check_finite(w, f"weights[{k}]")
            v.check_finite(b, f"biases[{k}]")
        net = cls.__new__(cls)
        net.activations = _check_activations(activation, len(W) - 1)
        net.weights, net.biases = W, theta
        return net

    @property
    def layer_sizes(self) -> list:
        return [self.weights[0].shape[0]] + [w.shape[1] for w in self.weights]

    @property
    def n_parameters(self) -> int:
        """The number of weights and biases, the w of the O(|D| w) cost of an epoch."""
        return sum(w.size + b.size for w, b in zip(self.weights, self.biases))

    def copy(self) -> "Network":
        return Network.from_weights(self.weights, self.biases, activation=self.activations[:-1])

    def __repr__(self) -> str:
        hidden = self.activations[:-1]
        if set(hidden) <= {"sigmoid"}:
            return f"Network(layer_sizes={self.layer_sizes})"
        shown = hidden[0] if len(set(hidden)) == 1 else hidden
        return f"Network(layer_sizes={self.layer_sizes}, activation={shown!r})"

    # --- the algorithm -------------------------------------------------------------

    def forward(self, X: np.ndarray):
        """Propagate the inputs forward. X: (n, n_in), trusted.

        Returns net_inputs (one (n, n_k) array per non-input layer) and outputs (one per
        layer, X itself first).
        """
        net_inputs, outputs = [], [X]
        for W, theta, name in zip(self.weights, self.biases, self.activations):
            I = outputs[-1] @ W + theta  # I_j = sum_i w_ij O_i + theta_j, for every tuple
            net_inputs.append(I)
            outputs.append(ACTIVATIONS[name].value(I))  # O_j = f(I_j), the sigmoid unless told otherwise
        return net_inputs, outputs

    def backward(self, outputs: list, T: np.ndarray, loss: str = "mse") -> list:
        """Backpropagate the error: Err of every non-input layer, each (n, n_k)."""
        errors = [output_error(loss, outputs[-1], T)]
        for layer in range(len(self.weights) - 1, 0, -1):
            slope = ACTIVATIONS[self.activations[layer - 1]].slope  # f'(I_j) from O_j: O_j (1 - O_j) for the sigmoid
            # Err_j = f'(I_j) sum_k Err_k w_jk: row j of the layer's W holds the w_jk
            errors.insert(0, slope(outputs[layer]) * (errors[0] @ self.weights[layer].T))
        return errors

    def _updates(self, X, T, lr, loss):
        """The textbook's updates dw_ij = l Err_j O_i and dtheta_j = l Err_j, summed over
        the rows of X."""
        _, outputs = self.forward(X)
        return _summed_updates(outputs, self.backward(outputs, T, loss), lr)

    def _apply(self, dW, dtheta) -> None:
        for W, theta, dw, dt in zip(self.weights, self.biases, dW, dtheta):
            W += dw
            theta += dt

    def train_case(self, x, t, lr) -> Trace:
        """One case update on one tuple, the textbook's pseudo-code; changes the network.

        x: (n_in,); t: (n_out,) or a number when there is one output; lr: l > 0.
        Returns the `Trace` of the step.
        """
        x = _one_tuple(x, "x", self.layer_sizes[0], "inputs")
        t = _one_tuple(t, "t", self.layer_sizes[-1], "targets")
        x = v.check_inputs(x, self.layer_sizes[0], "x")
        t = v.check_targets(t, self.layer_sizes[-1], 1, "t")
        lr = v.check_positive_number(lr, "lr")
        before = [w.copy() for w in self.weights], [b.copy() for b in self.biases]
        net_inputs, outputs = self.forward(x)  # propagate the inputs forward
        errors = self.backward(outputs, t)  # backpropagate the errors
        with np.errstate(over="ignore", invalid="ignore"):  # a huge rate is refused just below
            dW, dtheta = _summed_updates(outputs, errors, lr)
            finite = all(np.all(np.isfinite(p + d)) for p, d in zip(self.weights + self.biases, dW + dtheta))
        if not finite:
            raise ValueError(f"lr: {lr:g} is so large that the updated weights would not be finite numbers; "
                             "the network is unchanged")
        self._apply(dW, dtheta)  # update weights and biases
        return Trace(
            x=x[0], t=t[0], lr=lr,
            net_inputs=[I[0] for I in net_inputs],
            outputs=[O[0] for O in outputs],
            errors=[E[0] for E in errors],
            weights_before=before[0], biases_before=before[1],
            weights_after=[w.copy() for w in self.weights],
            biases_after=[b.copy() for b in self.biases],
        )

    # --- evaluation ----------------------------------------------------------------

    def _check_data(self, X, T):
        X = v.check_inputs(X, self.layer_sizes[0])
        return X, v.check_targets(T, self.layer_sizes[-1], len(X))

    def loss(self, X, T, loss: str = "mse") -> float:
        """The error over all tuples. X: (n, n_in); T: (n, n_out), or (n,) with one output.

        "mse": 1/2 sum (T - O)**2; "cross_entropy": -sum [T log O + (1 - T) log(1 - O)].
        """
        X, T = self._check_data(X, T)
        v.check_choice(loss, "loss", LOSSES)
        net_inputs, outputs = self.forward(X)
        return loss_value(loss, net_inputs[-1], outputs[-1], T)

    def gradients(self, X, T, loss: str = "mse"):
        """dE/dW and dE/dtheta of `self.loss(X, T, loss)`, shaped like weights and biases.

        Since Err_j = -dE/dI_j: dE/dw_ij = -sum over tuples of Err_j O_i.
        """
        X, T = self._check_data(X, T)
        v.check_choice(loss, "loss", LOSSES)
        dW, dtheta = self._updates(X, T, 1.0, loss)
        return [-d for d in dW], [-d for d in dtheta]

    def predict_proba(self, X) -> np.ndarray:
        """The output layer's outputs O, (n, n_out)."""
        X = v.check_inputs(X, self.layer_sizes[0])
        return self.forward(X)[1][-1]

    def predict(self, X) -> np.ndarray:
        """Class labels, (n,) ints: O >= 0.5 with one output unit, else the largest output."""
        return _labels(self.predict_proba(X))

    # --- training ------------------------------------------------------------------

    def fit(
        self, X, T, *, lr, epochs, update="case", loss="mse", lr_schedule=None,
        shuffle_seed=None, min_weight_change=None, max_misclassified=None,
        validation=None, progress=False, history=None, clip=None, momentum=0.0,
    ) -> History:
        """Train by backpropagation until a termination condition holds.

        X: (n, n_in); T: (n, n_out), or (n,) with one output.
        update: "case" (after each tuple), "epoch" (once per pass, the summed updates) or a
            batch size b (after every b tuples, their summed updates).
        lr_schedule: None (constant) or "1/t" (lr / t in epoch t = 1, 2, ...).
        shuffle_seed: None keeps the data's order; a seed shuffles it anew each epoch.
        Terminates when all weight changes of an epoch were below `min_weight_change`,
        when the misclassified fraction is at most `max_misclassified`, or after `epochs`.
        validation: optional (X_val, T_val), evaluated after every epoch.
        progress: show a progress bar.
        history: the History of an earlier fit of this network on the same data, to go on from
            it: its epochs count towards `epochs` (the epoch limit), and epoch t gets the same
            rate, the same shuffled order and the same momentum as in one uninterrupted run. The
            same History, extended, is returned.
        clip: None (the textbook), or a number > 0: when a step's updates, all weights and biases
            taken as one vector, are longer than clip, they are scaled down to length clip.
        momentum: beta in [0, 1); 0 is the textbook. Each step adds the velocity
            v = beta v + (the step's updates, clipped) to the weights, v starting at 0.
        """
        # The epochs run in bpnb._fast: TextbookEpochs' operations, bit for bit, arranged for speed.
        fast = loss in _fast.LOSSES and set(self.activations) <= set(_fast.ACTIVATIONS)
        return self._fit(_fast.FastEpochs if fast else TextbookEpochs, X, T, lr=lr, epochs=epochs, update=update,
                         loss=loss, lr_schedule=lr_schedule, shuffle_seed=shuffle_seed,
                         min_weight_change=min_weight_change, max_misclassified=max_misclassified,
                         validation=validation, progress=progress, history=history, clip=clip, momentum=momentum)

    def _fit_readable(self, X, T, **settings) -> History:
        """`fit` with every epoch run by `TextbookEpochs`, the textbook's loop: what the
        tests compare `fit` with."""
        return self._fit(TextbookEpochs, X, T, **settings)

    def _fit(
        self, Epochs, X, T, *, lr, epochs, update="case", loss="mse", lr_schedule=None,
        shuffle_seed=None, min_weight_change=None, max_misclassified=None,
        validation=None, progress=False, history=None, clip=None, momentum=0.0,
    ) -> History:
        """`fit`, its epochs run by `Epochs` (TextbookEpochs or its fast twin)."""
        X, T = self._check_data(X, T)
        lr = v.check_positive_number(lr, "lr")
        epochs = v.check_positive_int(epochs, "epochs")
        v.check_choice(loss, "loss", LOSSES)
        batch = _check_update(update, len(X))
        if lr_schedule is not None:
            v.check_choice(lr_schedule, "lr_schedule", ("1/t",))
        rng = np.random.default_rng(v.check_seed(shuffle_seed, "shuffle_seed"))
        if min_weight_change is not None:
            min_weight_change = v.check_positive_number(min_weight_change, "min_weight_change")
        if max_misclassified is not None:
            max_misclassified = _check_fraction(max_misclassified, "max_misclassified")
        if validation is not None:
            validation = _check_validation(validation, self.layer_sizes)
        clip = v.check_positive_or_none(clip, "clip")
        momentum = v.check_below(momentum, "momentum", 0.0, 1.0)

        if history is None:
            history = History()
        elif not isinstance(history, History):
            raise TypeError(f"history must be the History of an earlier fit, or None; got {v._describe(history)}")
        done = history.epochs
        for _ in range(done if shuffle_seed is not None else 0):
            rng.permutation(len(X))  # the orders of the epochs already done
        history.stop_reason = f"epoch limit ({epochs}) reached"
        bar = tqdm(total=epochs, initial=min(done, epochs), disable=not progress, desc="epochs")
        run = None
        if done < epochs:
            run = Epochs(self, X, T, batch, loss, validation, clip=clip, momentum=momentum,
                         velocity=history._velocity if momentum else None)
        for epoch in range(done + 1, epochs + 1):
            l = lr / epoch if lr_schedule == "1/t" else lr
            order = None if shuffle_seed is None else rng.permutation(len(X))
            with np.errstate(over="ignore", invalid="ignore"):
                largest = run.train(order, l)
                E, wrong = run.evaluate()
            if not (np.isfinite(E) and np.isfinite(largest)):
                run.undo()  # in place: arrays the caller holds show the restored values
                history.stop_reason = (
                    f"diverged: the loss was not finite in epoch {epoch}; the weights are those "
                    f"after epoch {epoch - 1}. Try a smaller learning rate than {lr:g}"
                )
                warnings.warn(history.stop_reason, RuntimeWarning, stacklevel=3)
                bar.set_postfix_str("diverged", refresh=False)  # the bar ends red, short of its total
                break
            run.keep()
            history.loss.append(E)
            history.misclassified.append(wrong)
            history.max_weight_change.append(float(largest))
            history.lr.append(l)
            bar.update()
            if validation is not None:
                E_val, wrong_val = run.evaluate(validation=True)
                history.val_loss.append(E_val)
                history.val_misclassified.append(wrong_val)
            reason = stop_reason(epoch, float(largest), wrong, epochs=epochs,
                                 min_weight_change=min_weight_change, max_misclassified=max_misclassified)
            if reason is None:
                continue
            history.stop_reason = reason
            if progress and epoch < epochs:  # a condition met early is success: the bar ends full and says why
                started = bar.start_t
                bar.reset(total=epoch)  # the new total, in the notebook's bar too
                bar.start_t = started
                bar.update(epoch)
                bar.set_postfix_str(f"stopped: {history.stop_reason}", refresh=False)
            break
        bar.close()
        if run is not None:
            history._velocity = run.velocity()
        return history

    def _evaluate(self, X, T, loss):
        net_inputs, outputs = self.forward(X)
        wrong = float(np.mean(_labels(outputs[-1]) != _labels(T)))
        return loss_value(loss, net_inputs[-1], outputs[-1], T), wrong


def stop_reason(epoch: int, max_weight_change: float, misclassified: float, *, epochs: int,
                min_weight_change=None, max_misclassified=None) -> str | None:
    """Why training stops after this epoch, or None to go on: the textbook's termination
    conditions, the first that holds. Every |dw_ij| of the epoch below min_weight_change; the
    misclassified fraction at most max_misclassified; the epoch limit reached. A threshold of
    None is not used."""
    if min_weight_change is not None and max_weight_change < min_weight_change:
        return f"every weight change in epoch {epoch} was below {min_weight_change:g}"
    if max_misclassified is not None and misclassified <= max_misclassified:
        return f"misclassified fraction {misclassified:.3f} <= {max_misclassified:g} after epoch {epoch}"
    if epoch >= epochs:
        return f"epoch limit ({epochs}) reached"
    return None


class TextbookEpochs:
    """The epochs of `Network.fit` as the textbook writes them: for each batch, forward,
    backward and the summed updates (`Network._updates`), applied at once. `bpnb._fast`
    does the same operations faster; the tests hold the two to the same bits.

    net: the Network, changed in place. X: (n, n_in), T: (n, n_out), checked; batch: the
    batch size; loss: a name in LOSSES; validation: None or (X_val, T_val), checked.
    clip: None or a number > 0; momentum: beta in [0, 1); velocity: None (zeros) or the
    velocity to start from, arrays shaped like net.weights + net.biases.
    """

    def __init__(self, net, X, T, batch, loss, validation=None, clip=None, momentum=0.0, velocity=None):
        self.net, self.X, self.T, self.batch, self.loss, self.validation = net, X, T, batch, loss, validation
        self.clip, self.momentum = clip, momentum
        self.velocities = []  # momentum's velocity: one array per weight matrix, then per bias vector
        if momentum:
            start = [np.zeros_like(p) for p in net.weights + net.biases] if velocity is None else velocity
            self.velocities = [u.copy() for u in start]

    def train(self, order, lr) -> float:
        """One epoch on the tuples in `order` (None: the data's order) with rate `lr`; returns
        the largest |change| of any weight or bias."""
        net = self.net
        self.saved = [p.copy() for p in net.weights + net.biases + self.velocities]
        X, T = (self.X, self.T) if order is None else (self.X[order], self.T[order])
        largest = 0.0
        for start in range(0, len(X), self.batch):
            dW, dtheta = net._updates(X[start:start + self.batch], T[start:start + self.batch], lr, self.loss)
            dW, dtheta = self.step(dW, dtheta)
            net._apply(dW, dtheta)
            largest = max(largest, *(np.abs(d).max() for d in dW + dtheta))
        return largest

    def step(self, dW, dtheta):
        """What a step adds to the weights and biases: the textbook's updates dW, dtheta as they
        are, unless `clip` or `momentum` is set (first clipped, then v = beta v + updates)."""
        if self.clip is not None:
            dW, dtheta = clipped(dW, dtheta, self.clip)
        if not self.momentum:
            return dW, dtheta
        for velocity, d in zip(self.velocities, dW + dtheta):
            velocity *= self.momentum
            velocity += d
        return self.velocities[:len(dW)], self.velocities[len(dW):]

    def velocity(self):
        """Momentum's velocity after the last completed epoch (copies), or None without momentum."""
        return [u.copy() for u in self.velocities] if self.momentum else None

    def evaluate(self, validation=False):
        """The loss and the misclassified fraction on the training (or validation) tuples."""
        X, T = self.validation if validation else (self.X, self.T)
        return self.net._evaluate(X, T, self.loss)

    def keep(self) -> None:
        """Nothing to do: the epoch changed the network's own arrays."""

    def undo(self) -> None:
        """The weights (and velocity) before the epoch, written back in place."""
        for now, then in zip(self.net.weights + self.net.biases + self.velocities, self.saved):
            now[...] = then


def clipped(dW: list, dtheta: list, clip: float):
    """dW and dtheta scaled by clip / norm when their norm, all of them taken as one vector,
    exceeds clip (gradient clipping by norm); else dW and dtheta themselves."""
    norm = np.sqrt(sum(np.sum(d * d) for d in dW + dtheta))
    if norm <= clip:
        return dW, dtheta
    return [d * (clip / norm) for d in dW], [d * (clip / norm) for d in dtheta]


def _labels(O: np.ndarray) -> np.ndarray:
    """Class labels of outputs or targets (n, n_out): O >= 0.5 with one column, else argmax."""
    if O.shape[1] == 1:
        return (O[:, 0] >= 0.5).astype(int)
    return np.argmax(O, axis=1)


INITS = ("uniform", "xavier", "he")


def initial_weights(rng, n_in: int, n_out: int, init: str, init_range) -> np.ndarray:
    """Starting weights (n_in, n_out) drawn from the generator rng: "uniform" in init_range
    (low, high), the textbook's; "xavier" uniform in +-sqrt(6 / (n_in + n_out)); "he" normal
    with mean 0 and std sqrt(2 / n_in)."""
    if init == "uniform":
        return rng.uniform(*init_range, (n_in, n_out))
    if init == "xavier":
        limit = np.sqrt(6.0 / (n_in + n_out))
        return rng.uniform(-limit, limit, (n_in, n_out))
    return rng.normal(0.0, np.sqrt(2.0 / n_in), (n_in, n_out))


def initial_biases(rng, n: int, init: str, init_range) -> np.ndarray:
    """Starting biases (n,): uniform in init_range for "uniform", the textbook's; else zeros."""
    return rng.uniform(*init_range, n) if init == "uniform" else np.zeros(n)


def _check_activations(activation, n_hidden: int) -> list:
    """The activation of every layer of weights: `activation` (one name, or a list of one per
    hidden layer) for the n_hidden hidden layers, then the output units' "sigmoid"."""
    if isinstance(activation, str):
        get_activation(activation)
        return [activation] * n_hidden + ["sigmoid"]
    if not isinstance(activation, (list, tuple)):
        raise TypeError(f"activation must be a name such as 'tanh', or a list of one name per hidden layer; "
                        f"got {v._describe(activation)}")
    if len(activation) != n_hidden:
        raise ValueError(f"activation must list one name per hidden layer ({n_hidden}); got {len(activation)} "
                         f"names: {list(activation)!r}")
    for k, name in enumerate(activation):
        get_activation(name, f"activation[{k}]")
    return list(activation) + ["sigmoid"]


def _check_layer_sizes(layer_sizes) -> list:
    if not isinstance(layer_sizes, (list, tuple, np.ndarray)):
        raise TypeError(
            f"layer_sizes must be a list of whole numbers such as [3, 2, 1]; got {v._describe(layer_sizes)}"
        )
    if len(layer_sizes) < 2:
        raise ValueError(f"layer_sizes must list at least 2 layers (inputs and outputs); got {list(layer_sizes)!r}")
    return [v.check_positive_int(n, f"layer_sizes[{k}]") for k, n in enumerate(layer_sizes)]


def _summed_updates(outputs: list, errors: list, lr: float):
    """dW[k] = l O_k.T @ Err_(k+1) and dtheta[k] = l (Err_(k+1) summed over the tuples): the textbook's
    l Err_j O_i and l Err_j, summed over the rows. outputs[k]: (n, n_k); errors[k]: (n, n_(k+1))."""
    dW = [lr * O.T @ Err for O, Err in zip(outputs, errors)]
    dtheta = [lr * Err.sum(axis=0) for Err in errors]
    return dW, dtheta


def _one_tuple(value, name: str, n: int, what: str) -> np.ndarray:
    """One tuple of n values (a number when n is 1) as a (1, n) array; errors describe what
    the caller passed."""
    array = np.atleast_1d(v.as_float_array(value, name))
    if array.shape != (n,):
        raise ValueError(f"{name} must be one tuple of {n} {what}, shape ({n},); got shape {np.shape(value)}")
    return array[None, :]


def _check_validation(validation, layer_sizes) -> tuple:
    """The pair (X_val (n, n_in), T_val (n, n_out)), checked against the network's layer sizes."""
    if not isinstance(validation, (tuple, list)) or len(validation) != 2:
        raise TypeError(f"validation must be a pair (X_val, T_val); got {v._describe(validation)}")
    X_val = v.check_inputs(validation[0], layer_sizes[0], "validation X")
    return X_val, v.check_targets(validation[1], layer_sizes[-1], len(X_val), "validation T")


def _check_init_range(init_range):
    if not isinstance(init_range, (tuple, list)) or len(init_range) != 2:
        raise TypeError(f"init_range must be a pair (low, high); got {v._describe(init_range)}")
    low, high = (v.as_float_array(x, "init_range") for x in init_range)
    if low.ndim or high.ndim or not (np.isfinite(low) and np.isfinite(high) and low < high):
        raise ValueError(f"init_range must be finite numbers (low, high) with low < high; got {tuple(init_range)!r}")
    return float(low), float(high)


def _check_update(update, n: int) -> int:
    """The batch size that `update` means: 1 for "case", n for "epoch"."""
    expected = f"update must be 'case', 'epoch' or a batch size >= 1; got {v._describe(update)}"
    if update in ("case", "epoch"):
        return 1 if update == "case" else n
    if isinstance(update, bool) or not isinstance(update, Integral):
        raise (ValueError if isinstance(update, str) else TypeError)(expected)
    if update < 1:
        raise ValueError(expected)
    return int(update)


def _check_fraction(value, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"{name} must be a fraction between 0 and 1; got {v._describe(value)}")
    if not 0 <= value <= 1:
        raise ValueError(f"{name} must be a fraction between 0 and 1; got {value!r}")
    return float(value)
