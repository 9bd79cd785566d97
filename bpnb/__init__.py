"""bpnb: backpropagation, taught in notebooks.

The algorithm (`Network`), finite-difference checking (`gradcheck`), data (`bpnb.data`),
plots (`bpnb.plots`) and exercise checkers (`bpnb.check`) that the course notebooks use.
"""

from . import annealing, autodiff, counting, data, layers, restarts, rnn
from .gradcheck import gradcheck, numerical_gradients
from .network import History, Network
from .trace import Trace

__all__ = ["Network", "History", "Trace", "gradcheck", "numerical_gradients", "data", "annealing", "autodiff",
           "counting", "layers", "restarts", "rnn"]
__version__ = "0.1.0"
