"""The training `bpnb.Network.fit` does, written for speed with numpy alone: the yardstick
of benchmarks/bench_fit.py.

The same algorithm, the same numbers (to rounding): sigmoid units; the output error term
Err = T - O for "cross_entropy" and O (1 - O) (T - O) for "mse"; a batch's step is l times
the SUM of its tuples' updates, W += l O.T @ Err; batches taken in the data's order, the last
one shorter when b does not divide n. What makes it fast:

- the bias folded into the weights: each layer's outputs carry a row of ones and its weight
  matrix a last column theta, so one product gives I = O W + theta and one product its
  update;
- everything transposed, one column per tuple: the outputs without their ones are then the
  leading rows of a C-contiguous buffer, so the products write them in place with `np.dot`
  (for small arrays much quicker than `np.matmul`) and the sigmoid runs on contiguous memory;
- every array preallocated, and the operands of every operation of every batch listed, once
  per call; every operation in place (`out=`), no temporaries;
- the learning rate multiplied into the output error term once, so the hidden error terms
  and the updates A.T @ Err come out already scaled by l;
- no loss, no misclassified fraction, no checks inside the loop (the loss after each epoch
  only when asked for).
"""

import numpy as np


class Reference:
    """A network of sigmoid units. weights[k]: (n_k, n_{k+1}); biases[k]: (n_{k+1},) (copied)."""

    def __init__(self, weights, biases):
        # WaT[k]: (n_{k+1}, n_k + 1), the transposed weights[k] beside the column of biases
        self.WaT = [np.ascontiguousarray(np.hstack([np.asarray(W, float).T, np.asarray(b, float)[:, None]]))
                    for W, b in zip(weights, biases)]

    @property
    def weights(self) -> list:
        return [WaT[:, :-1].T.copy() for WaT in self.WaT]

    @property
    def biases(self) -> list:
        return [WaT[:, -1].copy() for WaT in self.WaT]

    def fit(self, X, T, *, lr, epochs, batch_size, loss="cross_entropy", record_loss=False):
        """Train for `epochs` passes over X (n, n_in), T (n, n_out) in batches of `batch_size`
        (1 is case updating, n epoch updating). Returns the loss after each epoch (a list)
        when record_loss, else None."""
        if loss not in ("cross_entropy", "mse"):
            raise ValueError(f"loss must be 'cross_entropy' or 'mse'; got {loss!r}")
        X = np.asarray(X, float)
        T = np.asarray(T, float).reshape(len(X), -1)
        n = len(X)
        XaT = np.ones((X.shape[1] + 1, n))  # the inputs, one column per tuple, and a row of ones
        XaT[:-1] = X.T
        lTT = lr * T.T  # l T, transposed: the scaled output error term l (T - O) is l T - l O
        b = min(batch_size, n)
        buffers = {m: self._buffers(m) for m in {b, n % b} if m}  # full batches and the shorter last one
        steps = [self._steps(XaT[:, s:s + b], lTT[:, s:s + b], buffers[min(b, n - s)]) for s in range(0, n, b)]
        losses, mse = ([] if record_loss else None), loss == "mse"
        with np.errstate(over="ignore"):  # exp(-I) overflows to inf for I < -709; then O = 0, exactly
            for _ in range(epochs):
                for forward, output, backward, updates in steps:
                    _step(forward, output, backward, updates, lr, mse)
                if record_loss:
                    losses.append(self.loss(XaT, T, loss))
        return losses

    def _buffers(self, m):
        """For batches of m tuples: A[k] (n_k + 1, m) the outputs of layer k over a row of ones
        (the output layer's without), Err[k] (n_k, m) and S[k] the O (1 - O) scratch of the
        non-input layers, G[k] the update of WaT[k]."""
        sizes = [WaT.shape[0] for WaT in self.WaT]
        A = [np.ones((s + 1, m)) for s in sizes[:-1]] + [np.empty((sizes[-1], m))]
        Err = [np.empty((s, m)) for s in sizes]
        S = [np.empty((s, m)) for s in sizes]
        G = [np.empty(WaT.shape) for WaT in self.WaT]
        return A, Err, S, G

    def _steps(self, A0, lT, buffers):
        """The operands of each operation of one step on the batch A0 (n_in + 1, m), l T (n_out, m)."""
        A, Err, S, G = buffers
        A = [A0] + A
        O = [None] + [a[:-1] for a in A[1:-1]] + [A[-1]]  # the outputs: A without its ones, contiguous
        L = len(self.WaT)
        forward = [(self.WaT[k], A[k], O[k + 1]) for k in range(L)]
        output = (O[L], lT, Err[L - 1], S[L - 1])
        # layer k: the hidden error term from the one above, with the weights before their update
        backward = [(self.WaT[k][:, :-1].T, Err[k], Err[k - 1], S[k - 1], O[k]) for k in range(L - 1, 0, -1)]
        updates = [(Err[k], A[k].T, G[k], self.WaT[k]) for k in range(L)]
        return forward, output, backward, updates

    def loss(self, XaT, T, loss):
        """The loss over all tuples (a sum, as bpnb's), XaT with its row of ones."""
        A = XaT
        for k, WaT in enumerate(self.WaT):
            I = WaT @ A
            if k == len(self.WaT) - 1:
                break
            A = np.ones((WaT.shape[0] + 1, A.shape[1]))
            A[:-1] = 1.0 / (1.0 + np.exp(-I))
        I = I.T
        if loss == "mse":
            return float(0.5 * np.sum((T - 1.0 / (1.0 + np.exp(-I))) ** 2))
        return float(np.sum(T * np.logaddexp(0.0, -I) + (1.0 - T) * np.logaddexp(0.0, I)))


def _step(forward, output, backward, updates, lr, mse):
    """One step on one batch: forward, the output error term, backward, the updates."""
    dot = np.dot
    for WaT, A, O in forward:  # O = 1 / (1 + exp(-I)), I = W.T A + theta: a column per tuple, in place
        dot(WaT, A, out=O)
        np.negative(O, out=O)
        np.exp(O, out=O)
        np.add(O, 1.0, out=O)
        np.reciprocal(O, out=O)
    O, lT, E, s = output
    np.multiply(O, lr, out=E)
    np.subtract(lT, E, out=E)  # l (T - O), cross-entropy's
    if mse:  # l O (1 - O) (T - O)
        np.subtract(1.0, O, out=s)
        np.multiply(s, O, out=s)
        np.multiply(E, s, out=E)
    for W, E_above, E, s, O in backward:  # Err_j = O_j (1 - O_j) sum_k w_jk Err_k
        dot(W, E_above, out=E)
        np.subtract(1.0, O, out=s)
        np.multiply(s, O, out=s)
        np.multiply(E, s, out=E)
    for E, AT, G, WaT in updates:  # l sum over the batch of Err_j O_i (and of Err_j: the biases)
        dot(E, AT, out=G)
        np.add(WaT, G, out=WaT)
