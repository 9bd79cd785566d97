"""Interactive explorers for the course: ipywidgets controls around the figures of `bpnb.plots`.

Five explorers, each one call with sensible defaults:

    neuron_explorer    two weights and the bias of one sigmoid neuron, its curve and decision line
    backprop_stepper   one training step of a small network, walked unit by unit, forward then back
    lr_explorer        the learning rate, update mode and schedule, and the loss curves they give
    playground         a small network trained live on planar data, in the spirit of TensorFlow Playground
    gradient_explorer  the gradient norm of every layer of a deep network and its first epochs, live

Every explorer takes its starting values as keyword arguments and has a `.state`, a dict of
plain values: `neuron_explorer(**explorer.state)` opens the same view again, so an instructor
can prepare one. Figures are drawn with matplotlib's Agg renderer into an `ipywidgets.Image`;
`.figure` is that matplotlib Figure, `.static_figure()` draws the current state into a new
pyplot figure (for readers without a running kernel), and `.description` says in words what
the figure shows (it is also written under the figure, for screen readers).

Left out on purpose: keyboard shortcuts, saving or loading state to files, and any training
code of its own: the explorers only call `Network`.
"""

from ._gradients import GradientExplorer, gradient_explorer
from ._learning_rate import LrExplorer, lr_explorer
from ._neuron import NeuronExplorer, neuron_explorer
from ._playground import Playground, playground
from ._stepper import TEXTBOOK_BIASES, TEXTBOOK_WEIGHTS, BackpropStepper, Step, backprop_stepper, training_steps

__all__ = [
    "neuron_explorer", "backprop_stepper", "lr_explorer", "playground",
    "gradient_explorer", "GradientExplorer",
    # what they return, and the stepper's parts
    "NeuronExplorer", "BackpropStepper", "LrExplorer", "Playground", "Step", "training_steps",
    "TEXTBOOK_WEIGHTS", "TEXTBOOK_BIASES",
]
