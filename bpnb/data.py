"""The course's data: real data sets shipped with the package and small planar ones made
from a seed.

Nothing is downloaded. The files live in the repository's data/ folder and are installed as
the package data `bpnb/datasets`. Each is checked against its SHA-256 before it is read, so
a missing or altered file is reported instead of silently giving other numbers.
"""

import hashlib
import importlib.resources
import io
from collections.abc import Iterable
from dataclasses import dataclass
from numbers import Real
from pathlib import Path

import numpy as np

from . import _validate as v


def _shipped_data():
    """Where the shipped files are: bpnb/datasets in an installed package, data/ in a checkout."""
    installed = importlib.resources.files("bpnb") / "datasets"
    return installed if installed.is_dir() else Path(__file__).resolve().parent.parent / "data"


DATA_DIR = _shipped_data()

_FILES = {
    "diabetes": ("pima_indians_diabetes_768.csv", "1deba7b8009f8f423097fdc997e50009b83eddf82b177f44902f4a618536005c"),
    "digits": ("digits_8x8.csv", "ba6ee5aa91a99912e5e4e601339a3d45bb1c136a5df153daf68d7a8e45a04ce5"),
    "xor": ("xor.csv", "362e73bdd73fd9af0f12fdf07142c436b9ab2684fdc531b9ca658300e1bccf39"),
}

# In the diabetes file a 0 in these columns means "not measured" (a BMI of 0 is impossible).
DIABETES_ZERO_MEANS_MISSING = ("glucose", "blood_pressure", "skin_thickness", "insulin", "bmi")

_DESCRIPTIONS = {
    "diabetes": (
        "Pima Indians Diabetes Database: 768 women aged 21 or more, of Pima heritage, living "
        "near Phoenix, Arizona; diabetes (1) by the WHO criterion, 268 of 768 (34.9%). "
        "Collected by the US National Institute of Diabetes and Digestive and Kidney Diseases; "
        "donated to the UCI Machine Learning Repository by Vincent Sigillito (Johns Hopkins "
        "University Applied Physics Laboratory), 1990. Missing measurements are coded as 0 in "
        "the file (glucose 5, blood_pressure 35, skin_thickness 227, insulin 374, bmi 11 rows). "
        "Cite: Smith, Everhart, Dickson, Knowler & Johannes (1988), Using the ADAP learning "
        "algorithm to forecast the onset of diabetes mellitus, Proc. Symposium on Computer "
        "Applications in Medical Care, 261-265. Licence: none given by the owner; distributed "
        "as public domain."
    ),
    "digits": (
        "8x8 handwritten digits: 1797 images, pixel intensities 0-16 row by row, about 180 "
        "per digit. The test part of the UCI Optical Recognition of Handwritten Digits data "
        "set (Alpaydin & Kaynak, 1998), as bundled with scikit-learn (BSD-3-Clause)."
    ),
    "xor": "The four tuples of exclusive or: the output is 1 when exactly one input is 1.",
}


@dataclass
class Dataset:
    """A data set: X (n, n_features) float64, y (n,) int class labels, and what they mean."""

    name: str
    X: np.ndarray
    y: np.ndarray
    feature_names: list
    target_names: list
    description: str

    def __repr__(self) -> str:
        counts = ", ".join(f"{name}: {np.sum(self.y == k)}" for k, name in enumerate(self.target_names))
        return (
            f"Dataset({self.name!r}: {self.X.shape[0]} tuples x {self.X.shape[1]} features "
            f"{self.feature_names if len(self.feature_names) <= 8 else '[...]'}; {counts})"
        )


def load(name: str, *, features=None, missing: str = "nan") -> Dataset:
    """Load a shipped data set: "diabetes", "digits" or "xor".

    features: the columns to keep, by name (default: all), in the order given.
    missing: what to do with the diabetes file's unmeasured values (coded 0 in the file):
        "nan" marks them as NaN; "drop" drops the tuples that lack any kept feature.
    """
    v.check_choice(name, "name", tuple(_FILES))
    v.check_choice(missing, "missing", ("nan", "drop"))
    header, table = _read(name)
    feature_names, X, y = header[:-1], table[:, :-1], table[:, -1].astype(int)
    if name == "diabetes":
        for k, column in enumerate(feature_names):
            if column in DIABETES_ZERO_MEANS_MISSING:
                X[X[:, k] == 0, k] = np.nan
    if features is not None:
        if isinstance(features, str) or not isinstance(features, Iterable):
            raise TypeError(f"features must be a list of column names; got {v._describe(features)}")
        features = list(features)  # a tuple, an array of names or a generator will do
        if not all(isinstance(f, str) for f in features):
            raise TypeError(f"features must be a list of column names; got {v._describe(features)}")
        unknown = [f for f in features if f not in feature_names]
        if unknown or not features:
            raise ValueError(
                f"features must be a non-empty list of names from {feature_names}; got {list(features)!r}"
            )
        X = X[:, [feature_names.index(f) for f in features]]
        feature_names = list(features)
    if missing == "drop":
        keep = ~np.isnan(X).any(axis=1)
        X, y = X[keep], y[keep]
    target_names = {
        "diabetes": ["no diabetes", "diabetes"],
        "digits": [str(d) for d in range(10)],
        "xor": ["0", "1"],
    }[name]
    return Dataset(name, X, y, list(feature_names), target_names, _DESCRIPTIONS[name])


def _read(name: str):
    filename, expected = _FILES[name]
    path = DATA_DIR / filename
    if not path.is_file():
        raise FileNotFoundError(
            f"the {name} data file {filename} is missing from the course's data folder; "
            "restore it from the repository (git checkout -- data)"
        )
    raw = path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != expected and hashlib.sha256(raw.replace(b"\r\n", b"\n")).hexdigest() == expected:
        raise ValueError(
            f"the {name} data file {filename} has Windows line endings (CRLF) where it was written with "
            "LF: Git converted it (core.autocrlf); the repository's .gitattributes keeps data files as "
            "they are, so restore them with: git rm --cached -r data && git checkout -- data"
        )
    if digest != expected:
        raise ValueError(
            f"the {name} data file {filename} has been altered: its SHA-256 is {digest}, "
            f"expected {expected}; restore it from the repository (git checkout -- data)"
        )
    text = raw.decode("utf-8")
    header = text.splitlines()[0].split(",")
    return header, np.loadtxt(io.StringIO(text), delimiter=",", skiprows=1, ndmin=2)


# --- planar data sets, for pictures of decision boundaries ----------------------------

def _planar(name, X, y, noise, rng) -> Dataset:
    X = X + rng.normal(0.0, noise, X.shape)
    if not np.all(np.isfinite(X)):
        raise ValueError(f"noise must be small enough to give finite points; got {noise!r}")
    return Dataset(name, X, y.astype(int), ["x1", "x2"], ["class 0", "class 1"],
                   f"{name}: {len(y)} points in the plane, two classes, made from a seed.")


def _check_planar(n, noise, seed):
    n = v.check_positive_int(n, "n", minimum=2)
    if isinstance(noise, bool) or not isinstance(noise, Real) or not np.isfinite(noise) or noise < 0:
        raise ValueError(f"noise must be a number >= 0; got {v._describe(noise)}")
    return n, np.random.default_rng(v.check_seed(seed))


def make_xor(n: int = 200, *, noise: float = 0.1, seed: int = 0) -> Dataset:
    """n points in [-1, 1]^2, class 1 where exactly one coordinate is positive."""
    n, rng = _check_planar(n, noise, seed)
    X = rng.uniform(-1, 1, (n, 2))
    X += 0.1 * np.sign(X)  # a small gap along the axes, so the four quadrants stand apart
    return _planar("xor", X, (X[:, 0] * X[:, 1] < 0), noise, rng)


def make_moons(n: int = 200, *, noise: float = 0.1, seed: int = 0) -> Dataset:
    """Two interleaving half circles, n // 2 points each (class 1 the lower one)."""
    n, rng = _check_planar(n, noise, seed)
    t = rng.uniform(0, np.pi, n)
    y = np.arange(n) % 2
    X = np.where(y[:, None] == 0,
                 np.c_[np.cos(t), np.sin(t)],
                 np.c_[1 - np.cos(t), 0.5 - np.sin(t)])
    return _planar("moons", X, y, noise, rng)


def make_circles(n: int = 200, *, noise: float = 0.1, seed: int = 0) -> Dataset:
    """A disc of radius 0.5 (class 1) inside a ring of radius 1 (class 0)."""
    n, rng = _check_planar(n, noise, seed)
    t = rng.uniform(0, 2 * np.pi, n)
    y = np.arange(n) % 2
    r = np.where(y == 1, 0.5, 1.0)
    return _planar("circles", np.c_[r * np.cos(t), r * np.sin(t)], y, noise, rng)


def make_spirals(n: int = 200, *, noise: float = 0.1, seed: int = 0) -> Dataset:
    """Two spirals winding around each other one and a half turns, n // 2 points each."""
    n, rng = _check_planar(n, noise, seed)
    y = np.arange(n) % 2
    s = rng.uniform(0.1, 1.0, n)  # distance along the spiral
    angle = 3 * np.pi * s + np.pi * y
    return _planar("spirals", np.c_[s * np.cos(angle), s * np.sin(angle)], y, noise, rng)


# --- preparing data for a network ---------------------------------------------------

def one_hot(y, n_classes: int | None = None) -> np.ndarray:
    """Targets for one output unit per class: y (n,) ints -> (n, n_classes) of 0 and 1."""
    y = v.as_float_array(y, "y")
    if y.ndim != 1 or not np.all(np.isfinite(y)) or np.any(y != np.round(y)) or np.any(y < 0):
        raise ValueError(f"y must be a 1-D array of class labels 0, 1, 2, ...; got {v._describe(y)}")
    if y.size == 0 and n_classes is None:
        raise ValueError("y is empty: with no labels, give n_classes to say how many columns the targets have")
    y = y.astype(int)
    n_classes = int(y.max()) + 1 if n_classes is None else v.check_positive_int(n_classes, "n_classes")
    if y.size and y.max() >= n_classes:
        raise ValueError(f"y must hold labels below n_classes={n_classes}; got a label {y.max()}")
    return np.eye(n_classes)[y]


def train_test_split(X, y, *, test_fraction: float = 0.25, seed: int = 0):
    """Split tuples at random, keeping each class's share the same in both parts (stratified).

    X: (n, d); y: (n,) class labels. Returns X_train, X_test, y_train, y_test.
    """
    X = v.as_float_array(X, "X")
    y = np.asarray(y)
    if X.ndim != 2 or y.shape != (len(X),):
        raise ValueError(f"X must be (n, d) and y (n,); got shapes {X.shape} and {y.shape}")
    if isinstance(test_fraction, bool) or not isinstance(test_fraction, Real) or not 0 < test_fraction < 1:
        raise ValueError(f"test_fraction must be a number strictly between 0 and 1; got {v._describe(test_fraction)}")
    rng = np.random.default_rng(v.check_seed(seed))
    test = np.zeros(len(y), dtype=bool)
    for label in np.unique(y):
        members = rng.permutation(np.flatnonzero(y == label))
        if len(members) < 2:
            raise ValueError(f"y has a single tuple of class {label.item()!r}: each class needs at least 2, one for "
                             "each part of the split")
        # at least one tuple of every class in each part, however small the class
        test[members[: min(max(int(round(test_fraction * len(members))), 1), len(members) - 1)]] = True
    return X[~test], X[test], y[~test], y[test]


def standardize(X_train, *others):
    """Scale every feature to mean 0 and standard deviation 1, using the training data's
    mean and deviation for all arrays (the test data must not leak into them).

    X_train: (n, d); others: (m, d) arrays. Returns the scaled arrays, X_train first.
    """
    X_train = v.as_float_array(X_train, "X_train")
    if X_train.ndim != 2 or len(X_train) == 0:
        raise ValueError(f"X_train must be a non-empty (n, d) array; got shape {X_train.shape}")
    others = [v.as_float_array(X, f"others[{k}]") for k, X in enumerate(others)]
    for k, X in enumerate(others):
        if X.ndim != 2 or X.shape[1] != X_train.shape[1]:
            raise ValueError(f"others[{k}] must have the {X_train.shape[1]} columns of X_train, shape (m, "
                             f"{X_train.shape[1]}); got shape {X.shape}")
    mean, std = X_train.mean(axis=0), X_train.std(axis=0)
    std = np.where(std > 0, std, 1.0)  # a constant feature stays 0, not NaN
    scaled = [(X - mean) / std for X in (X_train, *others)]
    return scaled[0] if not others else tuple(scaled)
