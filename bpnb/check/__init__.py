"""Exercise checkers: `bpnb.check.<exercise>(your_function)` returns a one-line verdict,
right or not yet, and when not yet says what is wrong, naming the misconception it matches.
`bpnb.check.hint("<exercise>")` gives hints in stages. Checkers never raise, whatever the
learner's code does; `strict=True` raises AssertionError on a wrong answer, for grading.
`yours_or_ours(check.<exercise>, fn)` gives the cells after an exercise the learner's function
once it passes, else the course's own (the student edition has no solutions to run).

One module per part of the course; each checker computes its expected answers with the
package's own code or from a formula stated in the notebook.
"""

from ._core import Case, Verdict, exercise, hint, yours_or_ours  # noqa: F401
from .misconceptions import MISCONCEPTIONS  # noqa: F401
from .start import *  # noqa: F401,F403  (00)
from .neuron import *  # noqa: F401,F403  (01)
from .learning import *  # noqa: F401,F403  (02)
from .backprop import *  # noqa: F401,F403  (03, 04)
from .training import *  # noqa: F401,F403  (05, 06)
from .diabetes import *  # noqa: F401,F403  (07)
from .digits import *  # noqa: F401,F403  (08)
from .gradients import *  # noqa: F401,F403  (09)
from .recurrent import *  # noqa: F401,F403  (10)
from .autodiff import *  # noqa: F401,F403  (11)
from .beyond import *  # noqa: F401,F403  (12)
