"""The shipped data and the planar generators."""

import shutil

import numpy as np
import pytest

from bpnb import data


def test_diabetes_as_shipped():
    d = data.load("diabetes")
    assert d.X.shape == (768, 8) and d.y.shape == (768,)
    assert d.feature_names == ["pregnancies", "glucose", "blood_pressure", "skin_thickness", "insulin",
                               "bmi", "diabetes_pedigree", "age"]
    assert d.target_names == ["no diabetes", "diabetes"]
    assert np.bincount(d.y).tolist() == [500, 268]
    # the zeros that mean "not measured" become NaN, never stay zeros
    assert np.isnan(d.X).sum(axis=0).tolist() == [0, 5, 35, 227, 374, 11, 0, 0]
    assert not np.any(d.X[:, 1:6] == 0)
    assert "Smith" in d.description and "public domain" in d.description


def test_diabetes_course_features_drop_incomplete_rows():
    d = data.load("diabetes", features=["age", "bmi", "glucose"], missing="drop")
    assert d.X.shape == (752, 3) and d.feature_names == ["age", "bmi", "glucose"]
    assert not np.isnan(d.X).any()
    assert d.X[0].tolist() == [50.0, 33.6, 148.0]  # the file's first row, columns reordered
    assert np.bincount(d.y).tolist() == [488, 264]


def test_digits_and_xor():
    d = data.load("digits")
    assert d.X.shape == (1797, 64) and d.X.min() == 0 and d.X.max() == 16
    assert np.bincount(d.y).tolist() == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]
    x = data.load("xor")
    assert x.X.tolist() == [[0, 0], [0, 1], [1, 0], [1, 1]] and x.y.tolist() == [0, 1, 1, 0]


def test_an_altered_file_is_refused(tmp_path, monkeypatch):
    shutil.copytree(data.DATA_DIR, tmp_path / "data")
    with open(tmp_path / "data" / "xor.csv", "a") as f:
        f.write("1,1,1\n")
    monkeypatch.setattr(data, "DATA_DIR", tmp_path / "data")
    with pytest.raises(ValueError, match=r"the xor data file xor.csv has been altered: its SHA-256 is [0-9a-f]{64}"):
        data.load("xor")


def test_a_missing_file_is_named(tmp_path, monkeypatch):
    monkeypatch.setattr(data, "DATA_DIR", tmp_path)
    with pytest.raises(FileNotFoundError, match=r"the digits data file digits_8x8.csv is missing"):
        data.load("digits")


@pytest.mark.parametrize("make", [data.make_xor, data.make_moons, data.make_circles, data.make_spirals])
def test_planar_sets_are_seeded_and_balanced(make):
    a, b, c = make(200, noise=0.1, seed=1), make(200, noise=0.1, seed=1), make(200, noise=0.1, seed=2)
    assert a.X.shape == (200, 2) and np.array_equal(a.X, b.X) and not np.array_equal(a.X, c.X)
    assert set(a.y.tolist()) == {0, 1} and abs(np.mean(a.y) - 0.5) < 0.15


def test_planar_noise_zero_gives_exact_shapes():
    circles = data.make_circles(100, noise=0.0)
    radius = np.hypot(*circles.X.T)
    np.testing.assert_allclose(radius[circles.y == 1], 0.5)
    np.testing.assert_allclose(radius[circles.y == 0], 1.0)
    xor = data.make_xor(100, noise=0.0)
    assert np.array_equal(xor.y, (np.sign(xor.X[:, 0]) != np.sign(xor.X[:, 1])).astype(int))


def test_one_hot():
    assert data.one_hot([2, 0, 1]).tolist() == [[0, 0, 1], [1, 0, 0], [0, 1, 0]]
    assert data.one_hot([1], 4).shape == (1, 4)


def test_train_test_split_is_stratified_and_complete():
    d = data.load("diabetes", features=["age", "bmi", "glucose"], missing="drop")
    X_tr, X_te, y_tr, y_te = data.train_test_split(d.X, d.y, test_fraction=0.25, seed=0)
    assert len(X_tr) + len(X_te) == 752 and len(y_te) == round(0.25 * 488) + round(0.25 * 264)
    assert abs(y_te.mean() - d.y.mean()) < 0.01
    rows = {tuple(r) for r in np.vstack([X_tr, X_te])}
    assert rows == {tuple(r) for r in d.X}


def test_standardize_uses_training_statistics():
    train, test = np.array([[1.0, 5.0], [3.0, 5.0]]), np.array([[5.0, 6.0]])
    z_train, z_test = data.standardize(train, test)
    assert z_train.tolist() == [[-1.0, 0.0], [1.0, 0.0]]
    assert z_test.tolist() == [[3.0, 1.0]]


def test_line_endings_converted_by_git_are_named(tmp_path, monkeypatch):
    shutil.copytree(data.DATA_DIR, tmp_path / "data")
    path = tmp_path / "data" / "xor.csv"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    monkeypatch.setattr(data, "DATA_DIR", tmp_path / "data")
    with pytest.raises(ValueError, match=r"xor.csv has Windows line endings \(CRLF\).*core.autocrlf"):
        data.load("xor")


def test_git_keeps_the_data_files_as_they_are():
    attributes = (data.Path(__file__).resolve().parent.parent / ".gitattributes").read_text()
    assert "data/** -text" in attributes.splitlines()
