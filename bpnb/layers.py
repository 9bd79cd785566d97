"""Layers for what does not fit the textbook's units: batch normalization and dropout.

A network as a stack of layers, each with a forward and a backward pass side by side:

    Dense      I = O_in @ W + theta               the textbook's weights w_ij and biases theta_j
    Act        O = f(I), f a unit of `bpnb.activations`
    BatchNorm  O = gamma (I - mean) / sqrt(var + eps) + beta, per unit, over the batch
    Dropout    O = I * mask, each unit kept with probability 1 - p, scaled by 1 / (1 - p)

`Stack([Dense(2, 8), Act("tanh"), Dense(8, 1), Act("sigmoid")])` is the textbook's 2-8-1
network with tanh hidden units; `Stack.from_network` turns a `bpnb.Network` into its stack.

Every array has one row per tuple. forward(X, training) keeps what backward needs;
backward(dO) takes dE/dO of the layer's outputs, (n, width), stores dE/dp of each of the
layer's parameters in `grads` (same order as `parameters`) and returns dE/dO of its inputs.
These are derivatives of the error E; the textbook's error term of a unit is their negative,
Err_j = -dE/dI_j, the array that Act's backward returns, negated.

The error is the textbook's E = 1/2 sum (T - O)**2, summed over the tuples, and a step is l
times the summed gradient, as in `Network.fit`. Left out: other losses, momentum, clipping
(`Network.fit` has those two).
"""

import warnings

import numpy as np

from . import _validate as v
from .activations import get_activation
from .gradcheck import central_differences, relative_error
from .losses import half_sum_squared_error
from .network import INITS, _check_init_range, _labels, initial_biases, initial_weights


class Dense:
    """A fully connected layer, I = O_in @ W + theta.

    n_in, n_out : its numbers of inputs and units.
    init, init_range, init_scale, seed : the starting weights, drawn as in `bpnb.Network`.

    W : (n_in, n_out), W[i, j] = w_ij; theta : (n_out,). parameters: [W, theta].
    """

    def __init__(self, n_in, n_out, *, init="uniform", init_range=(-0.5, 0.5), init_scale=1.0, seed=None):
        n_in, n_out = v.check_positive_int(n_in, "n_in"), v.check_positive_int(n_out, "n_out")
        init = v.check_choice(init, "init", INITS)
        init_range = _check_init_range(init_range)
        init_scale = v.check_positive_number(init_scale, "init_scale")
        rng = np.random.default_rng(v.check_seed(seed))
        self.W = init_scale * initial_weights(rng, n_in, n_out, init, init_range)
        self.theta = initial_biases(rng, n_out, init, init_range)

    @classmethod
    def from_weights(cls, W, theta) -> "Dense":
        """A layer with the given weights W (n_in, n_out) and biases theta (n_out,), copied."""
        W, theta = v.as_float_array(W, "W"), v.as_float_array(theta, "theta")
        if W.ndim != 2 or 0 in W.shape:
            raise ValueError(f"W must be a non-empty 2-D array; got shape {W.shape}")
        if theta.shape != (W.shape[1],):
            raise ValueError(f"theta must have shape ({W.shape[1]},), one bias per unit; got shape {theta.shape}")
        v.check_finite(W, "W")
        v.check_finite(theta, "theta")
        layer = cls.__new__(cls)
        layer.W, layer.theta = W.copy(), theta.copy()
        return layer

    @property
    def parameters(self) -> list:
        return [self.W, self.theta]

    def width(self, n: int) -> int:
        """The number of outputs for n inputs; a ValueError unless n is n_in."""
        if n != self.W.shape[0]:
            raise ValueError(f"{self!r} takes {self.W.shape[0]} inputs; got {n} from the layer before")
        return self.W.shape[1]

    def forward(self, X, training=False):
        """X: (n, n_in) -> I (n, n_out)."""
        self.X = X
        return X @ self.W + self.theta  # I_j = sum_i w_ij O_i + theta_j

    def backward(self, dI):
        """dI = dE/dI (n, n_out) -> dE/dX (n, n_in); grads = [dE/dW, dE/dtheta]."""
        self.grads = [self.X.T @ dI, dI.sum(axis=0)]
        return dI @ self.W.T

    def __repr__(self) -> str:
        return f"Dense({self.W.shape[0]}, {self.W.shape[1]})"


class Act:
    """A layer of units, O = f(I) elementwise, f named in `bpnb.activations.ACTIVATIONS`."""

    parameters = []

    def __init__(self, activation: str):
        self.unit = get_activation(activation)

    def width(self, n: int) -> int:
        return n

    def forward(self, I, training=False):
        """I: (n, width) -> O (n, width)."""
        self.O = self.unit.value(I)
        return self.O

    def backward(self, dO):
        """dE/dI = f'(I) dE/dO, the slope written from the output O: minus the error term Err."""
        self.grads = []
        return self.unit.slope(self.O) * dO

    def __repr__(self) -> str:
        return f"Act({self.unit.name!r})"


class BatchNorm:
    """Batch normalization of n units: each column standardized, then scaled and shifted.

    Training: I_hat = (I - mean) / sqrt(var + eps) with the batch's mean and (biased) variance
    per column, O = gamma I_hat + beta. Evaluation: the running mean and variance in their
    place, which `track` moves after each training step, running = momentum running +
    (1 - momentum) batch. gamma (n,) starts at 1, beta (n,) at 0; parameters: [gamma, beta].
    """

    def __init__(self, n, momentum=0.9, eps=1e-5):
        self.n = v.check_positive_int(n, "n")
        self.momentum = v.check_below(momentum, "momentum", 0.0, 1.0)
        self.eps = v.check_positive_number(eps, "eps")
        self.gamma, self.beta = np.ones(self.n), np.zeros(self.n)
        self.running_mean, self.running_var = np.zeros(self.n), np.ones(self.n)

    @property
    def parameters(self) -> list:
        return [self.gamma, self.beta]

    def width(self, n: int) -> int:
        if n != self.n:
            raise ValueError(f"{self!r} normalizes {self.n} units; got {n} from the layer before")
        return n

    def forward(self, I, training=False):
        """I: (n_tuples, n) -> O (n_tuples, n)."""
        self.training = training
        if training:
            self.batch = I.mean(axis=0), I.var(axis=0)
        mean, var = self.batch if training else (self.running_mean, self.running_var)
        self.inv_std = 1.0 / np.sqrt(var + self.eps)
        self.I_hat = (I - mean) * self.inv_std
        return self.gamma * self.I_hat + self.beta

    def backward(self, dO):
        """dE/dO (m, n) -> dE/dI (m, n); grads = [dE/dgamma, dE/dbeta]. In training the batch's
        mean and variance depend on every row of I, hence the two sums."""
        self.grads = [(dO * self.I_hat).sum(axis=0), dO.sum(axis=0)]
        dI_hat = dO * self.gamma
        if not self.training:
            return dI_hat * self.inv_std
        m = len(dO)
        return self.inv_std / m * (m * dI_hat - dI_hat.sum(axis=0) - self.I_hat * (dI_hat * self.I_hat).sum(axis=0))

    def track(self) -> None:
        """Move the running statistics towards those of the last training batch."""
        mean, var = self.batch
        self.running_mean[...] = self.momentum * self.running_mean + (1 - self.momentum) * mean
        self.running_var[...] = self.momentum * self.running_var + (1 - self.momentum) * var

    def __repr__(self) -> str:
        return f"BatchNorm({self.n})"


class Dropout:
    """Inverted dropout: in training each unit is kept with probability 1 - p and scaled by
    1 / (1 - p), so that its expected output is unchanged; in evaluation, the identity.

    p : in [0, 1), the probability of dropping a unit. seed : of the generator of the masks;
    each training pass draws a fresh mask (n, width) of 0 and 1 / (1 - p).
    """

    parameters = []

    def __init__(self, p, seed=None):
        self.p = v.check_below(p, "p", 0.0, 1.0)
        self.rng = np.random.default_rng(v.check_seed(seed))
        self.fixed = None  # a mask to use in place of fresh ones (the gradient check's)

    def width(self, n: int) -> int:
        return n

    def forward(self, I, training=False):
        """I: (n, width) -> O (n, width)."""
        self.mask = None
        if not training or self.p == 0:
            return I
        self.mask = self.fixed if self.fixed is not None else (self.rng.random(I.shape) >= self.p) / (1 - self.p)
        return I * self.mask

    def backward(self, dO):
        self.grads = []
        return dO if self.mask is None else dO * self.mask

    def __repr__(self) -> str:
        return f"Dropout({self.p:g})"


LAYERS = (Dense, Act, BatchNorm, Dropout)


class Stack:
    """Layers applied in turn, trained by backpropagation on E = 1/2 sum (T - O)**2.

    layers : a list of Dense, Act, BatchNorm and Dropout layers that ends with the output
        layer, a Dense then Act("sigmoid"); each layer's width must fit the one before.

    parameters : every layer's parameters in order (the arrays themselves: editing them
        edits the stack).
    """

    def __init__(self, layers):
        if not isinstance(layers, (list, tuple)) or not layers:
            raise TypeError(f"layers must be a non-empty list of layers; got {v._describe(layers)}")
        for k, layer in enumerate(layers):
            if not isinstance(layer, LAYERS):
                raise TypeError(f"layers[{k}] must be a Dense, Act, BatchNorm or Dropout layer; "
                                f"got {v._describe(layer)}")
            if any(layer is other for other in layers[:k]):
                raise ValueError(f"layers[{k}] must be a layer of its own; got the same {layer!r} again")
        output = layers[-2:]
        if len(output) < 2 or not isinstance(output[0], Dense) or not isinstance(output[1], Act) \
                or output[1].unit.name != "sigmoid":
            raise ValueError(f"layers must end with the output layer, a Dense then Act('sigmoid'); "
                             f"got {list(layers)[-2:]!r}")
        self.layers = list(layers)
        first = next(layer for layer in layers if isinstance(layer, (Dense, BatchNorm)))
        self.n_in = first.W.shape[0] if isinstance(first, Dense) else first.n
        width = self.n_in
        for k, layer in enumerate(layers):
            try:
                width = layer.width(width)
            except ValueError as error:
                raise ValueError(f"layers[{k}]: {error}") from None
        self.n_out = width

    @classmethod
    def from_network(cls, net) -> "Stack":
        """The stack of a `bpnb.Network`: for each layer of weights a Dense (copied) and an Act."""
        return cls([layer for W, theta, name in zip(net.weights, net.biases, net.activations)
                    for layer in (Dense.from_weights(W, theta), Act(name))])

    @property
    def parameters(self) -> list:
        return [p for layer in self.layers for p in layer.parameters]

    def __repr__(self) -> str:
        return f"Stack({self.layers!r})"

    # --- the algorithm -------------------------------------------------------------

    def _forward(self, X, training):
        for layer in self.layers:
            X = layer.forward(X, training)
        return X

    def _gradients(self, X, T, training) -> list:
        O = self._forward(X, training)
        dO = O - T  # dE/dO of E = 1/2 sum (T - O)**2
        for layer in reversed(self.layers):
            dO = layer.backward(dO)
        return [g for layer in self.layers for g in layer.grads]

    def _loss(self, X, T, training) -> float:
        return half_sum_squared_error(self._forward(X, training), T)

    def _check_data(self, X, T):
        X = v.check_inputs(X, self.n_in)
        return X, v.check_targets(T, self.n_out, len(X))

    def forward(self, X, training=False) -> np.ndarray:
        """The outputs O (n, n_out) of X (n, n_in). training: batch statistics and fresh dropout
        masks (as in fit) rather than running statistics and no dropout."""
        return self._forward(v.check_inputs(X, self.n_in), _check_flag(training))

    def loss(self, X, T, training=False) -> float:
        """E = 1/2 sum (T - O)**2 over the tuples. X: (n, n_in); T: (n, n_out), or (n,) with one output."""
        X, T = self._check_data(X, T)
        return self._loss(X, T, _check_flag(training))

    def gradients(self, X, T, training=True) -> list:
        """dE/dp of `loss(X, T, training)` for every array p of `parameters`, in its order and
        shapes. By default in training mode, the mode fit trains in (drawing dropout masks)."""
        X, T = self._check_data(X, T)
        return self._gradients(X, T, _check_flag(training))

    def step(self, X, T, lr) -> None:
        """One training step on the batch X (m, n_in), T (m, n_out): every parameter p -= lr
        dE/dp, then the running statistics of each BatchNorm move. fit is a loop of these."""
        X, T = self._check_data(X, T)
        self._step(X, T, v.check_positive_number(lr, "lr"))

    def _step(self, X, T, lr) -> None:
        for p, g in zip(self.parameters, self._gradients(X, T, True)):
            p -= lr * g
        for layer in self.layers:
            if isinstance(layer, BatchNorm):
                layer.track()

    def fit(self, X, T, *, lr, epochs, batch_size, seed=None) -> list:
        """Train by mini-batch backpropagation; returns the loss (evaluation mode) after each epoch.

        X: (n, n_in); T: (n, n_out), or (n,) with one output. lr: l > 0. batch_size: tuples per
        step (the last batch of an epoch may be shorter). seed: None keeps the data's order; a
        seed shuffles it anew each epoch. Stops early, with a RuntimeWarning, if the loss is not
        finite.
        """
        X, T = self._check_data(X, T)
        lr = v.check_positive_number(lr, "lr")
        epochs = v.check_positive_int(epochs, "epochs")
        batch_size = v.check_positive_int(batch_size, "batch_size")
        rng = np.random.default_rng(v.check_seed(seed))
        losses = []
        for epoch in range(1, epochs + 1):
            order = np.arange(len(X)) if seed is None else rng.permutation(len(X))
            with np.errstate(over="ignore", invalid="ignore"):
                for start in range(0, len(X), batch_size):
                    rows = order[start:start + batch_size]
                    self._step(X[rows], T[rows], lr)
                losses.append(self._loss(X, T, False))
            if not np.isfinite(losses[-1]):
                warnings.warn(f"diverged: the loss was not finite in epoch {epoch}; try a smaller learning rate "
                              f"than {lr:g}", RuntimeWarning, stacklevel=2)
                break
        return losses

    def predict(self, X) -> np.ndarray:
        """Class labels (n,): O >= 0.5 with one output, else the largest output."""
        return _labels(self.forward(X))


def gradcheck(stack, X, T, *, training=True, eps=1e-5) -> float:
    """The relative error between `stack.gradients` and central differences of `stack.loss`,
    all parameters taken as one vector, as `bpnb.gradcheck` for a Network.

    X: (n, n_in); T: (n, n_out). training: the mode of both; in training each Dropout keeps
    one mask, drawn once, for the whole check. The stack is left as it was (its parameters,
    running statistics and dropout generators).
    """
    if not isinstance(stack, Stack):
        raise TypeError(f"stack must be a bpnb.layers.Stack; got {v._describe(stack)}")
    X, T = stack._check_data(X, T)
    training = _check_flag(training)
    eps = v.check_positive_number(eps, "eps")
    dropouts = [layer for layer in stack.layers if isinstance(layer, Dropout)]
    states = [layer.rng.bit_generator.state for layer in dropouts]
    stack._forward(X, training)  # draws the masks
    for layer in dropouts:
        layer.fixed = layer.mask
    try:
        analytic = stack._gradients(X, T, training)
        numerical = central_differences(lambda: stack._loss(X, T, training), stack.parameters, eps)
    finally:
        for layer, state in zip(dropouts, states):
            layer.fixed = None
            layer.rng.bit_generator.state = state
    return relative_error(analytic, numerical)


def _check_flag(value) -> bool:
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"training must be True or False; got {v._describe(value)}")
    return bool(value)
