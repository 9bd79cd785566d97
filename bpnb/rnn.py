"""A small recurrent network (Elman's), trained by backpropagation through time.

The hidden layer's outputs of time t - 1 are fed back, through the recurrent weights, into
the hidden layer at time t: the network's memory. In the textbook's notation, with i an input
unit, h and j hidden units, k an output unit, and time steps t = 1, 2, ..., n:

    I_j(t) = sum_i w_ij x_i(t) + sum_h w_hj O_h(t - 1) + theta_j     hidden unit j
    I_k(t) = sum_j w_jk O_j(t) + theta_k                              output unit k
    O(t) = 1 / (1 + exp(-I(t)))                                       every unit
    E = sum_t 1/2 sum_k (T_k(t) - O_k(t))**2                          the error of a sequence

Backpropagation through time (BPTT) runs the backward pass from the last step to the first:

    Err_k(t) = O_k(t) (1 - O_k(t)) (T_k(t) - O_k(t))
    Err_j(t) = O_j(t) (1 - O_j(t)) [sum_k Err_k(t) w_jk + sum_m Err_m(t + 1) w_jm]
    dw = l sum_t Err(t) O(t)  for every weight: the same weights serve every step

In code: W_in[i, j] = w_ij (n_in, n_hidden), W_rec[h, j] = w_hj (n_hidden, n_hidden),
W_out[j, k] = w_jk (n_hidden, n_out); theta_hidden (n_hidden,), theta_out (n_out,).
Sequences come one per row: X (n_seq, n_steps, n_in), T (n_seq, n_steps, n_out). The hidden
outputs before the first step, the context at the start, are 0. Code counts the steps from 0.
"""

from dataclasses import dataclass
from numbers import Integral

import numpy as np

from . import _validate as v
from .activations import sigmoid, sigmoid_derivative
from .gradcheck import central_differences, relative_error
from .losses import half_sum_squared_error
from .network import History

PARAMETERS = ("W_in", "W_rec", "W_out", "theta_hidden", "theta_out")


@dataclass
class States:
    """What the forward pass computed for a batch of sequences, every step kept for BPTT.

    X: (n_seq, n_steps, n_in) the inputs; I_hidden, O_hidden: (n_seq, n_steps, n_hidden);
    I_out, O_out: (n_seq, n_steps, n_out). Step t of sequence s is [s, t].
    """

    X: np.ndarray
    I_hidden: np.ndarray
    O_hidden: np.ndarray
    I_out: np.ndarray
    O_out: np.ndarray

    @property
    def O_before(self) -> np.ndarray:
        """The hidden outputs one step earlier, O_h(t - 1) at [:, t]: the context at the start
        (zeros) first. (n_seq, n_steps, n_hidden)."""
        start = np.zeros_like(self.O_hidden[:, :1])
        return np.concatenate([start, self.O_hidden[:, :-1]], axis=1)


class ElmanNetwork:
    """An Elman network of sigmoid units: inputs, one hidden layer fed back to itself, outputs.

    Parameters
    ----------
    n_in, n_hidden, n_out : the number of units in each layer.
    init_range : (low, high); every weight and bias starts uniform in it.
    seed : seed of the generator that draws them (None: a fresh, unpredictable one).

    Attributes
    ----------
    W_in : (n_in, n_hidden); W_rec : (n_hidden, n_hidden); W_out : (n_hidden, n_out);
    theta_hidden : (n_hidden,); theta_out : (n_out,).
    """

    def __init__(self, n_in, n_hidden, n_out, *, init_range=(-0.5, 0.5), seed=None):
        sizes = [v.check_positive_int(n, name) for n, name in ((n_in, "n_in"), (n_hidden, "n_hidden"),
                                                               (n_out, "n_out"))]
        low, high = _check_init_range(init_range)
        rng = np.random.default_rng(v.check_seed(seed))
        n_in, n_hidden, n_out = sizes
        self.W_in = rng.uniform(low, high, (n_in, n_hidden))
        self.W_rec = rng.uniform(low, high, (n_hidden, n_hidden))
        self.W_out = rng.uniform(low, high, (n_hidden, n_out))
        self.theta_hidden = rng.uniform(low, high, n_hidden)
        self.theta_out = rng.uniform(low, high, n_out)

    @classmethod
    def from_weights(cls, W_in, W_rec, W_out, theta_hidden, theta_out) -> "ElmanNetwork":
        """A network with the given parameters (copied); shapes as in the class's attributes."""
        W_in = _matrix(W_in, "W_in", "(n_in, n_hidden)")
        W_out = _matrix(W_out, "W_out", "(n_hidden, n_out)")
        n_hidden, n_out = W_in.shape[1], W_out.shape[1]
        arrays = {"W_in": W_in, "W_out": W_out}
        for name, value, shape, why in (
            ("W_rec", W_rec, (n_hidden, n_hidden), f"a row and column per hidden unit, as W_in has {n_hidden} columns"),
            ("W_out", W_out, (n_hidden, n_out), f"a row per hidden unit, as W_in has {n_hidden} columns"),
            ("theta_hidden", theta_hidden, (n_hidden,), f"a bias per hidden unit, as W_in has {n_hidden} columns"),
            ("theta_out", theta_out, (n_out,), f"a bias per output unit, as W_out has {n_out} columns"),
        ):
            array = v.as_float_array(value, name)
            if array.shape != shape:
                raise ValueError(f"{name} must have shape {shape}, {why}; got shape {array.shape}")
            v.check_finite(array, name)
            arrays[name] = array
        net = cls.__new__(cls)
        for name in PARAMETERS:
            setattr(net, name, arrays[name].copy())
        return net

    @property
    def sizes(self) -> tuple:
        """(n_in, n_hidden, n_out)."""
        return self.W_in.shape[0], self.W_in.shape[1], self.W_out.shape[1]

    @property
    def parameters(self) -> dict:
        """Every weight matrix and bias vector by name (the arrays themselves, not copies)."""
        return {name: getattr(self, name) for name in PARAMETERS}

    def copy(self) -> "ElmanNetwork":
        return ElmanNetwork.from_weights(*(getattr(self, name) for name in PARAMETERS))

    def __repr__(self) -> str:
        n_in, n_hidden, n_out = self.sizes
        return f"ElmanNetwork(n_in={n_in}, n_hidden={n_hidden}, n_out={n_out})"

    # --- the algorithm -------------------------------------------------------------

    def step(self, x, O_prev) -> tuple:
        """One step of the hidden layer forward in time: its net inputs and outputs at t.

        x: (n_seq, n_in) the inputs at time t; O_prev: (n_seq, n_hidden) the hidden outputs
        at t - 1. Returns I_hidden and O_hidden, each (n_seq, n_hidden).
        """
        I_hidden = x @ self.W_in + O_prev @ self.W_rec + self.theta_hidden
        return I_hidden, sigmoid(I_hidden)

    def forward(self, X) -> States:
        """Run the sequences forward, step after step. X: (n_seq, n_steps, n_in), trusted."""
        n_seq, n_steps, _ = X.shape
        I_hidden, O_hidden = np.zeros((2, n_seq, n_steps, self.sizes[1]))
        O_prev = np.zeros((n_seq, self.sizes[1]))  # the context at the start
        for t in range(n_steps):
            I_hidden[:, t], O_hidden[:, t] = self.step(X[:, t], O_prev)
            O_prev = O_hidden[:, t]
        # the outputs feed nothing back: every step's at once, I_k(t) = sum_j w_jk O_j(t) + theta_k
        I_out = O_hidden @ self.W_out + self.theta_out
        return States(X, I_hidden, O_hidden, I_out, sigmoid(I_out))

    def output_errors(self, states: States, T) -> np.ndarray:
        """Err_k(t) = O_k(t) (1 - O_k(t)) (T_k(t) - O_k(t)) at every step, (n_seq, n_steps, n_out)."""
        O = states.O_out
        return sigmoid_derivative(O) * (T - O)

    def hidden_errors(self, states: States, Err_out, truncate=None) -> np.ndarray:
        """The hidden units' error terms Err_j(t) at every step, by BPTT from the output units'
        Err_out (n_seq, n_steps, n_out). Returns (n_seq, n_steps, n_hidden).

        truncate: None (full BPTT) or a window tau >= 1: the error term of an output unit at
        time t reaches back tau steps at most, to the hidden units at t, t - 1, ..., t - tau + 1.
        """
        if _check_truncate(truncate) is not None:
            return self._truncated_hidden_errors(states, Err_out, truncate)
        slope = sigmoid_derivative(states.O_hidden)
        Err = np.zeros_like(states.O_hidden)
        from_next = np.zeros_like(states.O_hidden[:, 0])  # nothing comes back from after the last step
        for t in reversed(range(Err.shape[1])):
            # Err_j(t) = O_j(t) (1 - O_j(t)) [sum_k Err_k(t) w_jk + sum_m Err_m(t + 1) w_jm]
            Err[:, t] = slope[:, t] * (Err_out[:, t] @ self.W_out.T + from_next)
            from_next = Err[:, t] @ self.W_rec.T
        return Err

    def _truncated_hidden_errors(self, states: States, Err_out, tau: int) -> np.ndarray:
        """`hidden_errors` with each output error sent back tau steps at most: at every step t,
        the sum of what the output errors of steps t, t + 1, ..., t + tau - 1 send back to it."""
        slope = sigmoid_derivative(states.O_hidden)
        sent = slope * (Err_out @ self.W_out.T)  # d = 0: at every t, from the outputs of the same step
        Err = sent.copy()
        for _ in range(1, min(tau, Err.shape[1])):  # d = 1, ..., tau - 1: at every t, from the outputs of t + d
            from_next = np.zeros_like(sent)
            from_next[:, :-1] = sent[:, 1:] @ self.W_rec.T  # one step further back
            sent = slope * from_next
            Err += sent
        return Err

    def backward(self, states: States, T, truncate=None):
        """The error terms of the output and hidden units at every step: Err_out
        (n_seq, n_steps, n_out) and Err_hidden (n_seq, n_steps, n_hidden)."""
        Err_out = self.output_errors(states, T)
        return Err_out, self.hidden_errors(states, Err_out, truncate)

    def _updates(self, states: States, Err_out, Err_hidden, lr: float) -> dict:
        """The textbook's updates l Err_j O_i, summed over the sequences and over time, for
        every parameter by name."""
        def summed(O, Err):  # sum over s and t of O[s, t, i] Err[s, t, j]
            return lr * np.einsum("sti,stj->ij", O, Err)
        return {"W_in": summed(states.X, Err_hidden), "W_rec": summed(states.O_before, Err_hidden),
                "W_out": summed(states.O_hidden, Err_out),
                "theta_hidden": lr * Err_hidden.sum(axis=(0, 1)), "theta_out": lr * Err_out.sum(axis=(0, 1))}

    # --- evaluation ----------------------------------------------------------------

    def _check_data(self, X, T):
        X = check_sequences(X, self.sizes[0])
        return X, check_sequence_targets(T, self.sizes[2], X.shape[:2])

    def loss(self, X, T) -> float:
        """E = sum over sequences and steps of 1/2 sum_k (T_k(t) - O_k(t))**2.
        X: (n_seq, n_steps, n_in); T: (n_seq, n_steps, n_out), or (n_seq, n_steps) with one output."""
        X, T = self._check_data(X, T)
        return half_sum_squared_error(self.forward(X).O_out, T)

    def gradients(self, X, T, truncate=None) -> dict:
        """dE/d(parameter) for every parameter by name, by BPTT (truncated to a window of tau
        steps when truncate=tau: then an approximation). Since Err = -dE/dI: dE/dw_ij = -sum_t Err_j(t) O_i(t)."""
        X, T = self._check_data(X, T)
        truncate = _check_truncate(truncate)
        states = self.forward(X)
        Err_out, Err_hidden = self.backward(states, T, truncate)
        return {name: -d for name, d in self._updates(states, Err_out, Err_hidden, 1.0).items()}

    def predict_proba(self, X) -> np.ndarray:
        """The output units' outputs at every step, (n_seq, n_steps, n_out)."""
        return self.forward(check_sequences(X, self.sizes[0])).O_out

    def predict(self, X) -> np.ndarray:
        """Labels at every step, (n_seq, n_steps) ints: O >= 0.5 with one output unit, else
        the largest output."""
        return _labels(self.predict_proba(X))

    # --- training ------------------------------------------------------------------

    def fit(self, X, T, *, lr, epochs, batch=1, truncate=None, shuffle_seed=None) -> History:
        """Train by BPTT with gradient descent; changes the network.

        X: (n_seq, n_steps, n_in); T: (n_seq, n_steps, n_out), or (n_seq, n_steps) with one
        output. batch: the number of sequences whose summed updates make one step (1: after
        each sequence). truncate: None (full BPTT) or a window tau, as in `hidden_errors`.
        shuffle_seed: None keeps the sequences' order; a seed shuffles them anew each epoch.
        Returns a History: per epoch, the error E and the misclassified fraction of all steps.
        """
        X, T = self._check_data(X, T)
        lr = v.check_positive_number(lr, "lr")
        epochs = v.check_positive_int(epochs, "epochs")
        batch = v.check_positive_int(batch, "batch")
        truncate = _check_truncate(truncate)
        rng = np.random.default_rng(v.check_seed(shuffle_seed, "shuffle_seed"))
        history = History(stop_reason=f"epoch limit ({epochs}) reached")
        for _ in range(epochs):
            order = np.arange(len(X)) if shuffle_seed is None else rng.permutation(len(X))
            largest = 0.0
            for start in range(0, len(X), batch):
                rows = order[start:start + batch]
                states = self.forward(X[rows])  # forward through every step ...
                Err_out, Err_hidden = self.backward(states, T[rows], truncate)  # ... and back through time
                for name, change in self._updates(states, Err_out, Err_hidden, lr).items():
                    getattr(self, name)[...] += change
                    largest = max(largest, float(np.abs(change).max()))
            O = self.forward(X).O_out
            history.loss.append(half_sum_squared_error(O, T))
            history.misclassified.append(float(np.mean(_labels(O) != _labels(T))))
            history.max_weight_change.append(largest)
            history.lr.append(lr)
        return history


# --- the gradient, checked by finite differences ----------------------------------


def numerical_gradients(net: ElmanNetwork, X, T, eps: float = 1e-5) -> dict:
    """Central differences (E(p + eps) - E(p - eps)) / (2 eps) for every weight and bias, by
    name, shaped like the parameters. X, T as in `ElmanNetwork.loss`. The network is left
    exactly as it was."""
    if not isinstance(net, ElmanNetwork):
        raise TypeError(f"net must be a bpnb.rnn.ElmanNetwork; got {v._describe(net)}")
    eps = v.check_positive_number(eps, "eps")
    X, T = net._check_data(X, T)
    arrays = [net.parameters[name] for name in PARAMETERS]
    slopes = central_differences(lambda: half_sum_squared_error(net.forward(X).O_out, T), arrays, eps)
    return dict(zip(PARAMETERS, slopes))


def gradcheck(net: ElmanNetwork, X, T, truncate=None, eps: float = 1e-5) -> float:
    """The relative error ||a - n|| / (||a|| + ||n||) between BPTT's gradient a (truncated to
    a window of tau steps when truncate=tau) and the central differences n, every parameter in
    one vector. About 1e-10 or less when they agree (rounding noise); truncation that drops real
    terms shows as a larger number."""
    n = numerical_gradients(net, X, T, eps)  # checks its arguments first
    a = net.gradients(X, T, truncate)
    return relative_error([a[name] for name in PARAMETERS], [n[name] for name in PARAMETERS])


# --- a task that needs memory ------------------------------------------------------


def echo_sequences(n_sequences, n_steps, delay, seed=None):
    """Random bits to echo `delay` steps later: X (n_sequences, n_steps, 1) of 0s and 1s, and
    T of the same shape with T[:, t] = X[:, t - delay] (0 for the first `delay` steps, when
    there is nothing to echo yet)."""
    n_sequences = v.check_positive_int(n_sequences, "n_sequences")
    n_steps = v.check_positive_int(n_steps, "n_steps")
    delay = v.check_positive_int(delay, "delay", minimum=0)
    if delay >= n_steps:
        raise ValueError(f"delay must be smaller than n_steps ({n_steps}) so that something is echoed; got {delay}")
    rng = np.random.default_rng(v.check_seed(seed))
    X = rng.integers(0, 2, (n_sequences, n_steps, 1)).astype(float)
    T = np.zeros_like(X)
    T[:, delay:] = X[:, :n_steps - delay]
    return X, T


# --- helpers -------------------------------------------------------------------------


def _labels(O: np.ndarray) -> np.ndarray:
    """Labels of outputs or targets (n_seq, n_steps, n_out): O >= 0.5 with one output, else argmax."""
    if O.shape[-1] == 1:
        return (O[..., 0] >= 0.5).astype(int)
    return np.argmax(O, axis=-1)


def check_sequences(X, n_in: int, name: str = "X") -> np.ndarray:
    """X as a finite float64 array of shape (n_seq, n_steps, n_in), at least one sequence and step."""
    X = v.as_float_array(X, name)
    if X.ndim != 3 or X.shape[2] != n_in:
        hint = " (for one sequence x of shape (n_steps, n_in), pass x[None])" if X.ndim == 2 else ""
        raise ValueError(f"{name} must have shape (n_sequences, n_steps, {n_in}) for a network with {n_in} "
                         f"input(s); got shape {X.shape}{hint}")
    if 0 in X.shape:
        raise ValueError(f"{name} must hold at least one sequence of at least one step; got shape {X.shape}")
    v.check_finite(X, name)
    return X


def check_sequence_targets(T, n_out: int, n_seq_steps: tuple, name: str = "T") -> np.ndarray:
    """T as a float64 array of shape (n_seq, n_steps, n_out), finite, in [0, 1]. With one
    output, T of shape (n_seq, n_steps) is taken as that output's targets."""
    T = v.as_float_array(T, name)
    if T.ndim == 2 and n_out == 1:
        T = T[..., None]
    expected = (*n_seq_steps, n_out)
    if T.shape != expected:
        raise ValueError(f"{name} must have shape {expected}: {n_out} target(s) at every step of every "
                         f"sequence; got shape {T.shape}")
    v.check_finite(T, name)
    if T.min() < 0 or T.max() > 1:
        raise ValueError(f"{name} must lie in [0, 1], the range of a sigmoid output; got values from "
                         f"{T.min():g} to {T.max():g}")
    return T


def _check_truncate(truncate):
    if truncate is None:
        return None
    if isinstance(truncate, bool) or not isinstance(truncate, Integral):
        raise TypeError(f"truncate must be None (full BPTT) or a whole number of steps >= 1; "
                        f"got {v._describe(truncate)}")
    if truncate < 1:
        raise ValueError(f"truncate must be None (full BPTT) or a whole number of steps >= 1; got {truncate!r}")
    return int(truncate)


def _check_init_range(init_range):
    if not isinstance(init_range, (tuple, list)) or len(init_range) != 2:
        raise TypeError(f"init_range must be a pair (low, high); got {v._describe(init_range)}")
    low, high = (v.check_real(x, "init_range") for x in init_range)
    if not low < high:
        raise ValueError(f"init_range must be finite numbers (low, high) with low < high; got {tuple(init_range)!r}")
    return low, high


def _matrix(value, name: str, shape: str) -> np.ndarray:
    array = v.as_float_array(value, name)
    if array.ndim != 2 or 0 in array.shape:
        raise ValueError(f"{name} must be a non-empty 2-D array of shape {shape}; got shape {array.shape}")
    v.check_finite(array, name)
    return array
