"""Le chargeur MNIST : ordre de recherche, validation, messages d'erreur en français."""

import zipfile

import numpy as np
import pytest

from digitlab import data
from digitlab.data import MnistError, load_mnist, read_npz, validate

SMALL = {"x_train": (6, 28, 28), "y_train": (6,), "x_test": (4, 28, 28), "y_test": (4,)}


def small_arrays(**overrides):
    rng = np.random.default_rng(0)
    arrays = {
        "x_train": rng.integers(0, 256, SMALL["x_train"], dtype=np.uint8),
        "y_train": np.array([0, 1, 2, 3, 4, 9], dtype=np.uint8),
        "x_test": rng.integers(0, 256, SMALL["x_test"], dtype=np.uint8),
        "y_test": np.array([5, 6, 7, 8], dtype=np.uint8),
    }
    arrays.update(overrides)
    return {k: v for k, v in arrays.items() if v is not None}


def write(tmp_path, name="mnist.npz", **overrides):
    path = tmp_path / name
    np.savez_compressed(path, **small_arrays(**overrides))
    return path


@pytest.fixture
def no_env(monkeypatch):
    for var in data.ENV_VARS:
        monkeypatch.delenv(var, raising=False)


# --- Le vrai fichier ----------------------------------------------------------------------

@pytest.mark.skipif(not data.SHARED_PATH.is_file(), reason="copie partagée de MNIST absente")
def test_real_file_is_found_and_complete(no_env):
    (x_train, y_train), (x_test, y_test) = load_mnist(download=False)
    assert x_train.shape == (60000, 28, 28) and x_test.shape == (10000, 28, 28)
    assert x_train.dtype == np.uint8 and y_test.dtype == np.uint8
    # Effectifs officiels par classe (README du jeu de données).
    assert np.bincount(y_train).tolist() == [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]
    assert np.bincount(y_test).tolist() == [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]
    assert x_train.max() == 255 and x_train.min() == 0


# --- Ordre de recherche -------------------------------------------------------------------

@pytest.fixture
def small_ok(monkeypatch):
    """Les petits fichiers de test n'ont pas les tailles officielles : on ne vérifie que le reste."""
    monkeypatch.setattr(data, "read_npz", lambda p: read_npz(p, expected=None))


def test_explicit_path_wins_over_env(tmp_path, monkeypatch, small_ok):
    explicit = write(tmp_path, "a.npz")
    other = write(tmp_path, "b.npz", y_test=np.array([1, 1, 1, 1], dtype=np.uint8))
    monkeypatch.setenv("DIGITLAB_MNIST", str(other))
    (_, _), (_, y) = load_mnist(explicit, download=False)
    assert y.tolist() == [5, 6, 7, 8]


@pytest.mark.parametrize("var", data.ENV_VARS)
def test_env_var_is_used(tmp_path, monkeypatch, no_env, small_ok, var):
    monkeypatch.setenv(var, str(write(tmp_path)))
    (x_train, _), _ = load_mnist(download=False)
    assert x_train.shape == (6, 28, 28)


def test_missing_explicit_path_is_an_error_not_a_fallback(tmp_path):
    with pytest.raises(MnistError, match="chemin donné en argument"):
        load_mnist(tmp_path / "absent.npz")


def test_missing_env_path_is_an_error(tmp_path, monkeypatch):
    monkeypatch.setenv("DIGITLAB_MNIST", str(tmp_path / "absent.npz"))
    with pytest.raises(MnistError, match="DIGITLAB_MNIST"):
        load_mnist()


def test_shared_then_keras_download(tmp_path, monkeypatch, no_env):
    monkeypatch.setattr(data, "SHARED_PATH", tmp_path / "absent.npz")
    arrays = {k: np.zeros(data.EXPECTED[k], np.uint8) for k in data.KEYS}
    monkeypatch.setattr(data, "_keras_download",
                        lambda: ((arrays["x_train"], arrays["y_train"]), (arrays["x_test"], arrays["y_test"])))
    (x_train, _), _ = load_mnist()
    assert x_train.shape == (60000, 28, 28)


def test_nothing_works_gives_a_french_message(tmp_path, monkeypatch, no_env):
    monkeypatch.setattr(data, "SHARED_PATH", tmp_path / "absent.npz")

    def offline():
        raise OSError("pas de réseau")

    monkeypatch.setattr(data, "_keras_download", offline)
    with pytest.raises(MnistError) as err:
        load_mnist()
    message = str(err.value)
    assert "MNIST introuvable" in message and "absent.npz" in message
    assert "téléchargement Keras" in message and "DIGITLAB_MNIST" in message


# --- Fichiers abîmés ---------------------------------------------------------------------

@pytest.mark.parametrize("overrides, expected", [
    ({"x_train": np.zeros((6, 28, 27), np.uint8)}, "28 × 28"),
    ({"x_test": np.zeros((4, 28, 28), np.float32)}, "float32, attendu uint8"),
    ({"y_train": np.array([0, 1, 2, 3, 4, 10], np.uint8)}, "étiquette 10"),
    ({"y_test": np.array([1, 2, 3], np.uint8)}, "étiquettes"),
    ({"y_test": None}, "clé manquante y_test"),
    ({"x_test": None, "y_test": None}, "clés manquantes x_test, y_test"),
])
def test_invalid_contents_are_reported(tmp_path, overrides, expected):
    path = write(tmp_path, **overrides)
    with pytest.raises(MnistError) as err:
        read_npz(path, expected=None)
    assert expected in str(err.value)


def test_official_shapes_are_enforced(tmp_path):
    with pytest.raises(MnistError, match=r"attendu \(60000, 28, 28\)"):
        read_npz(write(tmp_path))


def test_truncated_archive(tmp_path):
    path = write(tmp_path)
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) // 2])
    with pytest.raises(MnistError, match="illisible ou tronqué"):
        read_npz(path, expected=None)


def test_not_an_archive(tmp_path):
    path = tmp_path / "mnist.npz"
    path.write_text("ceci n'est pas une archive")
    with pytest.raises(MnistError, match="illisible ou tronqué"):
        read_npz(path, expected=None)


def test_corrupted_member(tmp_path):
    path = write(tmp_path)
    with zipfile.ZipFile(path) as z:
        members = {n: z.read(n) for n in z.namelist()}
    members["x_train.npy"] = members["x_train.npy"][:100]
    with zipfile.ZipFile(path, "w") as z:
        for name, content in members.items():
            z.writestr(name, content)
    with pytest.raises(MnistError, match="illisible ou tronqué"):
        read_npz(path, expected=None)


def test_validate_accepts_good_small_arrays():
    validate(small_arrays(), expected=None)


def test_validation_split_is_disjoint_fixed_and_shared():
    """Une seule séparation entraînement / validation, la même pour les chapitres et le modèle."""
    x = np.arange(1000)
    y = x % 10
    (x_tr, y_tr), (x_val, y_val) = data.validation_split(x, y, size=100, seed=3)
    assert len(x_val) == 100 and len(x_tr) == 900
    assert not set(x_tr) & set(x_val)
    assert sorted(np.concatenate([x_tr, x_val])) == list(x)
    assert np.array_equal(y_val, x_val % 10)  # images et étiquettes restent appariées
    (_, _), (x_val2, _) = data.validation_split(x, y, size=100, seed=3)
    assert np.array_equal(x_val, x_val2)
    (_, _), (x_val3, _) = data.validation_split(x, y, size=100, seed=4)
    assert not np.array_equal(x_val, x_val3)
    from digitlab.demo_model.training import CONFIG

    assert CONFIG["val_size"] == data.VALIDATION_SIZE and CONFIG["seed"] == data.VALIDATION_SEED
