"""The epochs of `Network.fit`, written for speed.

`network.TextbookEpochs` trains as the textbook writes it: for each batch `forward`,
`backward` and the summed updates, each step building fresh arrays and lists. This module does
the very same numpy operations on the same numbers in the same order, so its weights are those
of the textbook loop bit for bit (tests/test_fast.py checks that, and every `History` field),
in a half to a quarter of the time. Bit for bit matters: in a run that amplifies small
differences (a large step, saturated units) a change in the last bit of one weight grows, a few
dozen epochs later, into different weights and different printed results. So the products
keep the textbook's operands and orientation (a transposed product, or one with the bias folded
in, rounds differently), and what differs is only where the numbers are kept and how the
operations are called:

- every array is allocated once per call of `fit`, and every operation writes into one of
  them (`out=`): no temporaries, which for large arrays cost fresh pages of memory;
- the operations of a step are listed once per batch size, as (function, *arguments) tuples,
  each batch's slice of the data put in: an epoch calls them in turn, with no lists,
  generators or look-ups per batch (`np.dot`, which makes the same BLAS call as `@` on these
  operands, costs less per call; but it may skip a zero where `@` computes inf * 0 = nan,
  so a net with ReLU units, whose outputs have no bound and can overflow, calls `np.matmul`);
- the sigmoid, O = 1 / (1 + e) where I >= 0 and e / (1 + e) where I < 0 with e = exp(-|I|),
  is computed as N / (1 + e) with N = max(e, sign(I)): N is 1 where I >= 0 (e <= 1) and e
  where I < 0; tanh and ReLU units, their slopes, clipping and momentum make the calls of
  `bpnb.activations` and `network.TextbookEpochs.step` (clipping sums the squares array by
  array, as `network.clipped` does);
- all weights and biases are views of one flat array and all their changes views of another:
  one addition applies a step, two operations (running maximum and minimum of the changes)
  keep its largest |change|, one multiplies every bias change by l; the inputs are multiplied
  by l (the textbook's l O_i of the input layer) once per epoch, or once per call when the
  rate and the order stay, and the outputs of all hidden layers in one operation;
- with a single batch (epoch updating) in the data's order, the forward pass that evaluates
  epoch t is the one epoch t + 1 starts with, since the weights do not change in between:
  it is done once;
- the cross-entropy after each epoch is summed as max(I, 0) - T I + log(1 + exp(-|I|)), the
  textbook's T log(1 + exp(-I)) + (1 - T) log(1 + exp(I)) with one exp and one log1p in place
  of two `logaddexp` (equal to rounding; training does not use it);
- the parameters live in private arrays, written back into `net.weights` and `net.biases`
  (in place) after every completed epoch.
"""

from collections import deque
from functools import partial
from itertools import starmap
from operator import call

import numpy as np

LOSSES = ("mse", "cross_entropy")  # the losses this loop computes; `fit` trains any other with the textbook's
ACTIVATIONS = ("sigmoid", "tanh", "relu")  # the same for the units

_ONE = np.ones(())  # 0-d numbers: the many small operations need not convert a float each time
_ZERO = np.zeros(())


class FastEpochs:
    """The epochs `Network.fit` trains, with the methods of `network.TextbookEpochs`.

    net: the Network (its weights are read now and written by `keep`). X: (n, n_in), T:
    (n, n_out), checked; batch: the batch size; loss: one of LOSSES; validation: None or
    (X_val, T_val), checked; clip, momentum, velocity: as for `network.TextbookEpochs`.
    """

    def __init__(self, net, X, T, batch, loss, validation=None, clip=None, momentum=0.0, velocity=None):
        if loss not in LOSSES:
            raise ValueError(f"loss must be one of {LOSSES}; got {loss!r}")
        if not set(net.activations) <= set(ACTIVATIONS):
            raise ValueError(f"activations must be among {ACTIVATIONS}; got {net.activations!r}")
        self.net, self.mse, self.units = net, loss == "mse", net.activations
        self.dot = np.matmul if "relu" in self.units else np.dot
        self.clip, self.momentum = clip, momentum
        self.sizes = sizes = [net.weights[0].shape[0]] + [W.shape[1] for W in net.weights]
        shapes = list(zip(sizes, sizes[1:])) + [(s,) for s in sizes[1:]]
        L = len(net.weights)
        self.P, views = _flat(shapes)  # the weights W[k] (n_k, n_{k+1}), then the biases theta[k]
        self.W, self.theta = views[:L], views[L:]
        self.G, views = _flat(shapes)  # the changes of one step, laid out alike
        self.dW, self.dtheta = views[:L], views[L:]
        self.G_theta = self.G[sum(dW.size for dW in self.dW):]  # all bias changes
        self.high, self.low = np.zeros(self.P.size), np.zeros(self.P.size)  # the largest and smallest change
        self.lr = np.zeros(())  # this epoch's l, read by the listed operations
        self.beta = np.full((), momentum)
        self.V, self.velocities = _flat(shapes)  # momentum's velocity, laid out alike
        self.V_kept = np.zeros(self.P.size) if velocity is None else np.concatenate([u.ravel() for u in velocity])
        self.undo()

        self.X, self.T = X, T
        self.batch = min(batch, len(X))
        self.lX = np.empty_like(X)  # l X, in this epoch's order
        self.scaled_by = None  # the l in lX when it is in the data's order
        self.data = _Data(X, T, self, training=self.batch == len(X))
        self.validation = None if validation is None else _Data(*validation, self)
        self.reordered = None  # (X, T) in this epoch's order, when shuffled
        self.tapes = {}  # {shuffled: the operations of one epoch}
        self.fresh = False  # whether the forward pass of the single batch is that of the current weights

    # --- what fit calls ------------------------------------------------------------------

    def train(self, order, lr) -> float:
        """One epoch on the tuples in `order` (None: the data's order) with rate `lr`; returns
        the largest |change| of any weight or bias."""
        self.lr[()] = lr
        self.high.fill(0.0)
        self.low.fill(0.0)
        shuffled = order is not None
        if shuffled:
            if self.reordered is None:
                self.reordered = np.empty_like(self.X), np.empty_like(self.T)
            X, T = self.reordered
            np.take(self.X, order, axis=0, out=X, mode="clip")
            np.take(self.T, order, axis=0, out=T, mode="clip")
            np.multiply(X, lr, out=self.lX)
            self.scaled_by = None
        elif lr != self.scaled_by:
            np.multiply(self.X, lr, out=self.lX)
            self.scaled_by = lr
        tape = self._tape(shuffled)
        if self.fresh and not shuffled:  # the evaluation after the last epoch did this forward pass
            tape = tape[self.data.forward_length:]
        self.fresh = False
        with np.errstate(over="ignore", invalid="ignore"):
            _run(tape)
        return max(float(self.high.max()), -float(self.low.min()))

    def evaluate(self, validation=False):
        """The loss and the misclassified fraction on the training (or validation) tuples."""
        data = self.validation if validation else self.data
        with np.errstate(over="ignore", invalid="ignore"):
            result = data.evaluate(self.mse)
        if data is self.data:
            self.fresh = self.batch == len(self.X)
        return result

    def keep(self) -> None:
        """Write the weights into the network, in place: arrays the caller holds show them."""
        for mine, its in zip(self.W + self.theta, self.net.weights + self.net.biases):
            its[...] = mine
        if self.momentum:
            self.V_kept[...] = self.V

    def undo(self) -> None:
        """Forget the changes since `keep`: read the network's weights again."""
        for mine, its in zip(self.W + self.theta, self.net.weights + self.net.biases):
            mine[...] = its
        if self.momentum:
            self.V[...] = self.V_kept
        self.fresh = False

    def velocity(self):
        """Momentum's velocity after the last kept epoch (copies), or None without momentum."""
        return [u.copy() for u in self.velocities] if self.momentum else None

    # --- the operations, listed once -----------------------------------------------------

    def _tape(self, shuffled: bool) -> list:
        """The operations of one epoch, batch after batch: those of one step on m tuples,
        listed once for each m, with each batch's own inputs and targets put in."""
        if shuffled not in self.tapes:
            X, T = self.reordered if shuffled else (self.X, self.T)
            n, b = len(X), self.batch
            steps = {}
            tape = []
            for start in range(0, n, b):
                m = min(b, n - start)
                if m not in steps:  # a single batch uses the evaluation's arrays
                    layers = self.data.layers if m == n else _Layers(self.sizes, m, training=True)
                    steps[m] = _Step(_forward(self, _X, layers) + self._backward(_LXT, _T, layers))
                rows = slice(start, start + m)
                tape += steps[m].on({_X: X[rows], _LXT: self.lX[rows].T, _T: T[rows]})
            self.tapes[shuffled] = tape
        return self.tapes[shuffled]

    def _backward(self, lXT, T, layers) -> list:
        """The operations of a step after its forward pass, as `Network.backward` and
        `_summed_updates` do them: the error terms, the updates, the largest changes.
        lXT: (n_in, m) the batch's inputs times l, transposed; T: (m, n_out) its targets."""
        subtract, multiply, dot = np.subtract, np.multiply, self.dot
        O, E, S, D = layers.O, layers.E, layers.S, layers.D
        L = len(self.W)
        tape = []
        if self.mse:  # Err = O (1 - O) (T - O)
            tape += [(subtract, _ONE, O[L], S[L]), (multiply, O[L], S[L], S[L]), (subtract, T, O[L], E[L]),
                     (multiply, S[L], E[L], E[L])]
        else:  # Err = T - O
            tape.append((subtract, T, O[L], E[L]))
        for k in range(L - 1, 0, -1):  # Err_j = f'(I_j) sum_k Err_k w_jk, f'(I_j) from O_j into S
            tape += [(dot, E[k + 1], self.W[k].T, D[k]), *_SLOPE[self.units[k - 1]](O[k], S[k]),
                     (multiply, S[k], D[k], E[k])]
        if L > 1:  # l O of every hidden layer
            tape.append((multiply, layers.O_hidden, self.lr, layers.lO_hidden))
        lOT = [lXT] + [lO.T for lO in layers.lO[1:]]
        tape += [(dot, lOT[k], E[k + 1], self.dW[k]) for k in range(L)]  # dW = (l O.T) @ Err
        if len(E[1]) == 1:  # the sum over one tuple: 0 + Err, as numpy's sum starts from 0
            tape += [(np.add, E[k + 1][0], _ZERO, self.dtheta[k]) for k in range(L)]
        else:
            tape += [(np.add.reduce, E[k + 1], 0, None, self.dtheta[k]) for k in range(L)]
        tape.append((multiply, self.G_theta, self.lr, self.G_theta))  # dtheta = l Err.sum(axis=0)
        if self.clip is not None:
            tape.append((self._clip,))
        step = self.G
        if self.momentum:  # v = beta v + the updates
            tape += [(multiply, self.V, self.beta, self.V), (np.add, self.V, self.G, self.V)]
            step = self.V
        tape += [(np.add, self.P, step, self.P),  # W += dW, theta += dtheta
                 (np.fmax, self.high, step, self.high), (np.fmin, self.low, step, self.low)]
        return tape

    def _clip(self) -> None:
        """The step's changes G scaled by clip / norm when their norm exceeds clip, as
        `network.clipped` does."""
        norm = np.sqrt(sum(np.sum(d * d) for d in self.dW + self.dtheta))
        if not norm <= self.clip:
            np.multiply(self.G, self.clip / norm, out=self.G)


class _Layers:
    """The arrays of a forward (and backward) pass over m tuples, one row per tuple, for each
    non-input layer k = 1 .. L: I[k] and O[k] (m, n_k), the net inputs and outputs, B[k] and
    H[k] the sigmoid's scratch; when training also E[k] (Err), S[k] (O (1 - O)) and D[k] (the
    sums over the layer above). The hidden layers' outputs are views of one array, O_hidden,
    and lO[k] of lO_hidden, for l O."""

    def __init__(self, sizes, m, training=False):
        self.O_hidden, hidden = _flat([(m, s) for s in sizes[1:-1]])
        self.O = [None] + hidden + [np.empty((m, sizes[-1]))]
        self.I, self.B, self.H = ([None] + [np.empty((m, s)) for s in sizes[1:]] for _ in range(3))
        if training:
            self.E, self.S, self.D = ([None] + [np.empty((m, s)) for s in sizes[1:]] for _ in range(3))
            self.lO_hidden, hidden = _flat([(m, s) for s in sizes[1:-1]])
            self.lO = [None] + hidden


class _Slot:
    """Where a step's operations take a batch's own array."""


_X, _LXT, _T = _Slot(), _Slot(), _Slot()  # the inputs, the inputs times l transposed, the targets


class _Step:
    """The operations of one step, some taking `_Slot`s for the batch's own arrays."""

    def __init__(self, tape):
        self.tape = tape
        self.slotted = [(i, op) for i, op in enumerate(tape) if any(isinstance(a, _Slot) for a in op)]

    def on(self, arrays) -> list:
        """The operations with the arrays {slot: array} in their slots."""
        tape = self.tape.copy()
        for i, op in self.slotted:
            tape[i] = tuple(arrays[a] if isinstance(a, _Slot) else a for a in op)
        return tape


def _forward(fit, X, layers) -> list:
    """The operations of `Network.forward` on X (m, n_in), into `layers`, with fit's weights."""
    tape, O = [], [X] + layers.O[1:]
    for k, (W, theta, unit) in enumerate(zip(fit.W, fit.theta, fit.units), start=1):
        I = layers.I[k]
        tape += [(fit.dot, O[k - 1], W, I),  # I = O @ W + theta; one tuple: as a row, quicker than broadcast
                 (np.add, I[0], theta, I[0]) if len(I) == 1 else (np.add, I, theta, I)]
        tape += _VALUE[unit](I, layers.B[k], layers.H[k], O[k])
    return tape


def _sigmoid(I, B, H, O) -> list:
    """The operations of O = sigmoid(I), with B and H for scratch."""
    return [(np.abs, I, B), (np.negative, B, B), (np.exp, B, B), (np.add, B, _ONE, O),  # e, 1 + e
            (np.sign, I, H), (np.fmax, B, H, B), (np.divide, B, O, O)]  # 1 or e, over 1 + e


_VALUE = {"sigmoid": _sigmoid,  # the operations of O = f(I), each unit as bpnb.activations computes it
          "tanh": lambda I, B, H, O: [(np.tanh, I, O)],
          "relu": lambda I, B, H, O: [(partial(np.maximum, out=O), _ZERO, I)]}
_SLOPE = {"sigmoid": lambda O, S: [(np.subtract, _ONE, O, S), (np.multiply, O, S, S)],  # O (1 - O)
          "tanh": lambda O, S: [(np.multiply, O, O, S), (np.subtract, _ONE, S, S)],  # 1 - O**2
          "relu": lambda O, S: [(np.greater, O, _ZERO, S)]}  # 1.0 where O > 0, else 0.0


def _run(tape) -> None:
    """Call each listed function with its arguments, in turn."""
    deque(starmap(call, tape), maxlen=0)


class _Data:
    """Tuples to evaluate on, X (n, n_in) and T (n, n_out); their class labels; the forward
    pass over all of them into `layers`. `training`: the layers carry a training step's
    arrays too (a single batch trains on them)."""

    def __init__(self, X, T, fit, training=False):
        self.X, self.T = X, T
        self.labels = _labels(T)
        self.layers = _Layers(fit.sizes, len(X), training)
        self.forward = _forward(fit, X, self.layers)
        self.forward_length = len(self.forward)
        self.scratch = np.empty_like(T), np.empty_like(T)

    def evaluate(self, mse: bool):
        """(E, misclassified fraction) of the current weights, as `Network._evaluate`."""
        _run(self.forward)
        I, O, (B, C) = self.layers.I[-1], self.layers.O[-1], self.scratch
        if mse:  # 1/2 sum (T - O)**2
            np.subtract(self.T, O, out=B)
            np.multiply(B, B, out=B)
            E = float(0.5 * np.sum(B))
        else:  # max(I, 0) - T I + log(1 + exp(-|I|)), each term >= 0
            np.maximum(I, 0.0, out=C)
            np.multiply(self.T, I, out=B)
            C -= B  # exact where T is 0 or 1
            np.abs(I, out=B)
            np.negative(B, out=B)
            np.exp(B, out=B)
            np.log1p(B, out=B)
            B += C
            E = float(np.sum(B))
        return E, np.count_nonzero(_labels(O) != self.labels) / len(self.labels)


def _labels(O):
    """Class labels of outputs or targets (n, n_out), as `network._labels`."""
    return O[:, 0] >= 0.5 if O.shape[1] == 1 else np.argmax(O, axis=1)


def _flat(shapes):
    """One flat array and its views of the given shapes, one after the other."""
    flat = np.empty(sum(int(np.prod(s)) for s in shapes))
    views, at = [], 0
    for s in shapes:
        size = int(np.prod(s))
        views.append(flat[at:at + size].reshape(s))
        at += size
    return flat, views
