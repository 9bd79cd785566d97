"""How quickly each explorer of `bpnb.widgets` answers a slider move or a button press.

Drives every control programmatically (sets a widget's value, or calls a button's click()),
which runs the same handlers a browser would trigger, and times each answer: until the
handler returns (the control answers: the figure is new, or a background run has started
and shows its progress), and until the new figure is shown (a background run included),
and apart the training and the drawing (the explorer's `timing`). Prints the median and
95th percentile of each. Target: every control answers in under 100 ms median and 200 ms
p95, and every drawing takes under 100 ms median.

The stepper keeps each step's picture until a setting changes: its Next / Back is measured
cold (each step drawn for the first time: its picture forgotten before each answer) and warm
(every picture kept).

Run from the repository's root:  .venv/bin/python benchmarks/bench_widgets.py [repeats]
"""

import itertools
import sys
import time

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402

from bpnb import widgets  # noqa: E402

TARGET_MS = 100.0


def timed(explorer, action):
    """(answer, shown, train, draw) milliseconds of one answer."""
    explorer.timing.clear()
    start = time.perf_counter()
    action()
    answer = 1000 * (time.perf_counter() - start)
    explorer.wait()
    shown = 1000 * (time.perf_counter() - start)
    return answer, shown, explorer.timing.get("train", 0.0), explorer.timing.get("draw", 0.0)


def setter(control, values):
    """An action that sets `control` to the next of `values` (cycling) each time it runs."""
    cycle = itertools.cycle(values)

    def action():
        value = next(cycle)
        if control.value == value:  # an unchanged value calls no handler: take the next one
            value = next(cycle)
        control.value = value
    return action


def click(button):
    return button.click


def stepper_walk(stepper):
    """Next until the last step, then Back to the first, and again."""
    direction = [1]

    def action():
        if stepper.step == len(stepper.steps):  # steps count from 1
            direction[0] = -1
        elif stepper.step == 1:
            direction[0] = 1
        (stepper.controls["next"] if direction[0] > 0 else stepper.controls["back"]).click()
    return action


def scenarios():
    neuron = widgets.neuron_explorer()
    c = neuron.controls
    yield "neuron_explorer", neuron, {
        "w1 slider": setter(c["w1"], np.round(np.linspace(-6, 6, 13), 1)),
        "w2 slider": setter(c["w2"], np.round(np.linspace(6, -6, 11), 1)),
        "theta slider": setter(c["theta"], np.round(np.linspace(-6, 6, 17), 1)),
        "points menu": setter(c["points"], ["and", "or", "nand", "xor"]),
    }

    stepper = widgets.backprop_stepper(seed=0)
    c = stepper.controls
    walk = stepper_walk(stepper)

    def cold():
        stepper._pngs.clear()
        walk()

    def warm():
        if len(stepper._pngs) < len(stepper.steps):  # (the warm-up) draw every step once
            for k in range(1, len(stepper.steps) + 1):
                stepper.go(k)
        walk()

    yield "backprop_stepper", stepper, {
        "Next / Back, cold (drawn the first time)": cold,
        "Next / Back, warm (picture kept)": warm,
        "Start over": lambda: (stepper.go(6), c["restart"].click()),
        "inputs x": setter(c["x"], ["1, 0, 1", "0, 1, 1", "1, 1, 0"]),
        "target T": setter(c["t"], ["1", "0", "0.5"]),
        "rate l": setter(c["lr"], [0.9, 0.1, 2.0]),
        "weights text": setter(c["weights"], ["w14 = 0.3", "w14 = -0.2, θ6 = 0.4", "w56 = 0.5"]),
        "Randomize": click(c["randomize"]),
    }

    lr = widgets.lr_explorer()
    c = lr.controls
    yield "lr_explorer", lr, {
        "rate slider (epoch)": setter(c["lr"], [0.01, 0.1, 1.0, 10.0, 100.0]),
        "schedule": setter(c["schedule"], [None, "1/t"]),
        "update": setter(c["update"], ["epoch", "mini-batch", "case"]),
        "data": setter(c["data"], ["xor", "and", "or", "xor-cloud", "moons", "circles"]),
        "epochs": setter(c["epochs"], [100, 500, 1000]),
    }

    ground = widgets.playground()
    c = ground.controls
    yield "playground", ground, {
        "data": setter(c["data"], ["xor", "moons", "circles", "spirals"]),
        "noise": setter(c["noise"], [0.0, 0.2, 0.5]),
        "train part": setter(c["train_fraction"], [0.1, 0.5, 0.9]),
        "seed": setter(c["seed"], [0, 1, 2]),
        "hidden": setter(c["hidden"], ["4", "4, 4", "8", "2"]),
        "rate slider": setter(c["lr"], [0.01, 0.3, 3.0]),
        "Step (1 epoch)": click(c["step"]),
        "Reset": click(c["reset"]),
        # Train pressed and Stop at once: the background run trains its first chunk (one
        # epoch), gives the controls back and redraws; timed until that run has ended.
        "Train, Stop at once (1 epoch + redraw)": lambda: (c["train"].click(), ground.stop(), ground.wait()),
    }

    grads = widgets.gradient_explorer()
    c = grads.controls
    yield "gradient_explorer", grads, {
        "hidden layers slider": setter(c["depth"], [1, 4, 8, 12]),
        "units": setter(c["activation"], ["sigmoid", "tanh", "relu"]),
        "init": setter(c["init"], ["uniform", "xavier", "he"]),
        "init scale slider": setter(c["init_scale"], [0.5, 1.0, 2.0, 4.0]),
        "batch size": setter(c["batch_size"], [8, 16, 32, 64, 128]),
    }


def main(repeats: int = 20) -> None:
    heads = ("answer ms", "shown ms", "train ms", "draw ms")
    print(f"{'explorer':17} {'control':40} " + " ".join(f"{h:>15}" for h in heads))
    print(f"{'':17} {'':40} " + " ".join(f"{'median   p95':>15}" for _ in heads))
    missed = []
    for name, explorer, actions in scenarios():
        for control, action in actions.items():
            action()  # warm up: first draws fill matplotlib's caches
            times = np.array([timed(explorer, action) for _ in range(repeats)])
            cells = " ".join(f"{np.median(t):7.1f} {np.percentile(t, 95):7.1f}" for t in times.T)
            print(f"{name:17} {control:40} {cells}")
            answer, _, _, draw = np.median(times, axis=0)
            if answer > TARGET_MS or np.percentile(times[:, 0], 95) > 2 * TARGET_MS or draw > TARGET_MS:
                missed.append(f"{name} {control}")
        print()
    print(f"target: every answer under {TARGET_MS:.0f} ms median and {2 * TARGET_MS:.0f} ms p95, every drawing "
          f"under {TARGET_MS:.0f} ms median; " + ("all met" if not missed else "missed by " + ", ".join(missed)))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
