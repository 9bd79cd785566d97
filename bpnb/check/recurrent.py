"""Checkers for the exercises of notebook 10 (recurrent networks, backpropagation through time).

Every right answer comes from the package's own `ElmanNetwork`: its step forward in time and
its backward pass through time, on small seeded random networks and sequences. The wrong
answers of each case are the same computation with one known mistake in it.
"""

import numpy as np

from ..activations import sigmoid, sigmoid_derivative
from ..rnn import ElmanNetwork
from ._core import AnyOf, Case, exercise

__all__ = ["recurrent_step", "hidden_error_through_time"]


def _setup(sizes, n_seq: int, n_steps: int, seed: int):
    """A random network of sizes (n_in, n_hidden, n_out), its inputs X (n_seq, n_steps, n_in)
    in [-1, 1], targets T of 0s and 1s, and what its forward pass computed."""
    rng = np.random.default_rng(seed)
    net = ElmanNetwork(*sizes, init_range=(-1.0, 1.0), seed=seed)
    X = rng.uniform(-1.0, 1.0, (n_seq, n_steps, sizes[0]))
    T = rng.integers(0, 2, (n_seq, n_steps, sizes[2])).astype(float)
    return net, X, T, net.forward(X)


@exercise(learner="recurrent_step", reread="'The Elman network'", hints=(
    "A hidden unit at time t hears two things: the inputs of time t, each through its weight, and the hidden "
    "outputs of the step before, each through its recurrent weight. Add both sums and the bias, then squash.",
    "I_j(t) = Σ_i w_ij x_i(t) + Σ_h w_hj O_h(t − 1) + θ_j and O_j(t) = 1 / (1 + e^(−I_j(t))); "
    "W_in[i, j] = w_ij, W_rec[h, j] = w_hj.",
    "I = x @ ___ + O_prev @ ___ + ___\n"
    "return 1 / (1 + np.exp(___))",
), answered_by=(ElmanNetwork.step,))
def recurrent_step():
    """Check fn(x, O_prev, W_in, W_rec, theta) = sigmoid(x @ W_in + O_prev @ W_rec + theta).

    x: (n_in,) or (n_seq, n_in) the inputs at time t; O_prev: (n_hidden,) or (n_seq, n_hidden)
    the hidden outputs at t - 1; W_in: (n_in, n_hidden); W_rec: (n_hidden, n_hidden);
    theta: (n_hidden,). Returns the hidden outputs at t, shaped like O_prev.
    """
    setups = []
    for sizes, t, seed in (((1, 3, 1), 2, 51), ((2, 4, 1), 3, 52)):
        net, X, _, states = _setup(sizes, 1, 4, seed)
        setups.append((net, X[0, t], states.O_hidden[0, t - 1],
                       f"for step t = {t + 1} of a {sizes[0]}-input network with {sizes[1]} hidden units"))
    net, X, _, states = _setup((3, 2, 2), 3, 4, 53)
    setups.append((net, X[:, 2], states.O_hidden[:, 1],
                   "for 3 sequences at once, one per row (x of shape (3, 3), O_prev of shape (3, 2)): the same "
                   "code must work on one sequence and on the rows of a batch, with matrix products of the rows "
                   "and the weight matrices"))
    cases = []
    for net, x, O_prev, about in setups:
        W_in, W_rec, theta = net.W_in, net.W_rec, net.theta_hidden
        right = net.step(x, O_prev)[1]
        I = x @ W_in + O_prev @ W_rec + theta
        variants = {
            "forgot_recurrent": sigmoid(x @ W_in + theta),
            "context_without_weights": sigmoid(x @ W_in + O_prev + theta),
            "forgot_bias": sigmoid(x @ W_in + O_prev @ W_rec),
            "bias_sign": sigmoid(x @ W_in + O_prev @ W_rec - theta),
            "recurrent_transposed": sigmoid(x @ W_in + O_prev @ W_rec.T + theta),  # also W_rec @ O_prev
            "net_input_for_output": I,
            "exponent_sign": sigmoid(-I),
            "tanh_not_sigmoid": np.tanh(I),
            "returned_net_input_too": AnyOf((I, right), (right, I)),
        }
        cases.append(Case((x.copy(), O_prev.copy(), W_in.copy(), W_rec.copy(), theta.copy()), right, about,
                          variants=variants))
    return cases


@exercise(learner="hidden_error_through_time", reread="'Backpropagation through time'", hints=(
    "A hidden unit's output at time t went two ways: to the output units of the same step, and, through the "
    "recurrent weights, to the hidden units of the next step. Its error term collects the error terms of both, "
    "each through the weight that carried the signal, and scales the sum by the sigmoid's slope.",
    "Err_j(t) = O_j(t) (1 − O_j(t)) [Σ_k Err_k(t) w_jk + Σ_m Err_m(t + 1) w_jm]; row j of W_out holds the "
    "w_jk of unit j, row j of W_rec its w_jm.",
    "from_outputs = W_out @ ___\n"
    "from_next_step = ___ @ ___\n"
    "return ___ * (1 - ___) * (from_outputs + from_next_step)",
), stand_in=lambda O, Err_out, W_out, Err_next, W_rec: sigmoid_derivative(O) * (W_out @ Err_out + W_rec @ Err_next),
   answered_by=(ElmanNetwork.hidden_errors,))
def hidden_error_through_time():
    """Check fn(O, Err_out, W_out, Err_next, W_rec) = O (1 - O) (W_out @ Err_out + W_rec @ Err_next).

    O: (n_hidden,) the hidden outputs at time t; Err_out: (n_out,) the output units' error
    terms at t; W_out: (n_hidden, n_out); Err_next: (n_hidden,) the hidden error terms at
    t + 1 (zeros after the last step); W_rec: (n_hidden, n_hidden). Returns (n_hidden,).
    """
    setups = []
    for sizes, t, seed in (((1, 3, 1), 2, 61), ((2, 4, 2), 1, 62), ((1, 3, 2), 3, 63)):
        net, X, T, states = _setup(sizes, 1, 4, seed)
        Err_out, Err_hidden = net.backward(states, T)
        Err_next = Err_hidden[0, t + 1] if t + 1 < Err_hidden.shape[1] else np.zeros(sizes[1])
        about = (f"for the last step of a network with {sizes[1]} hidden units (nothing comes back from t + 1)"
                 if t + 1 == Err_hidden.shape[1] else
                 f"for step t = {t + 1} of 4 of a network with {sizes[1]} hidden units and {sizes[2]} output"
                 + "s" * (sizes[2] > 1))
        setups.append((net, states.O_hidden[0, t], Err_out[0, t], Err_next, Err_hidden[0, t], about))
    cases = []
    for net, O, Err_out, Err_next, right, about in setups:
        W_out, W_rec = net.W_out, net.W_rec
        from_outputs, from_next = W_out @ Err_out, W_rec @ Err_next
        slope = O * (1 - O)
        every_unit = np.sum(W_out * Err_out) + np.sum(W_rec * Err_next)  # one number: summed over j too
        variants = {
            "forgot_next_step": slope * from_outputs,
            "forgot_output_term": slope * from_next,
            "recurrent_transposed": slope * (from_outputs + W_rec.T @ Err_next),  # also Err_next @ W_rec
            "forgot_slope": from_outputs + from_next,
            "slope_outputs_only": slope * from_outputs + from_next,
            "slope_twice": AnyOf(slope * (from_outputs + slope * from_next),
                                 slope * (from_outputs + W_rec @ (slope * Err_next))),
            "slope_half": O * (from_outputs + from_next),
            "slope_of_net_input": sigmoid(O) * (1 - sigmoid(O)) * (from_outputs + from_next),
            "recurrent_term_sign": slope * (from_outputs - from_next),
            "gradient_not_error_term": -right,
            "summed_all_units": AnyOf(slope * every_unit, every_unit),
        }
        cases.append(Case((O.copy(), Err_out.copy(), W_out.copy(), Err_next.copy(), W_rec.copy()), right, about,
                          variants=variants))
    return cases
