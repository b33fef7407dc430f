"""L'augmentation au test (digitlab.demo_model.tta) : copies, moyenne des réponses, choix sur la
validation. Les copies sont vérifiées sur des images dont on connaît la transformée."""

import numpy as np
import pytest
from scipy.special import softmax

from digitlab.demo_model import tta


def disk(radius=7.0, size=28):
    yy, xx = np.mgrid[:size, :size]
    return ((yy - 13.5) ** 2 + (xx - 13.5) ** 2 <= radius ** 2).astype(np.uint8) * 255


def test_candidates_use_known_views_and_start_with_the_plain_image():
    assert tta.CANDIDATES[0] == ("image",)
    assert all(c[0] == "image" and set(c) <= set(tta.VIEWS) for c in tta.CANDIDATES)
    assert len(set(tta.CANDIDATES)) == len(tta.CANDIDATES)


def test_plain_and_shifted_views():
    rng = np.random.default_rng(0)
    images = rng.integers(0, 256, size=(3, 28, 28), dtype=np.uint8)
    plain = tta.view(images, "image")
    assert plain.shape == (3, 28, 28, 1) and plain.dtype == np.float32
    np.testing.assert_allclose(plain[..., 0], images / 255.0, rtol=1e-6)
    left = tta.view(images, "gauche")[..., 0]
    np.testing.assert_allclose(left[:, :, :-1], images[:, :, 1:] / 255.0, rtol=1e-6)  # tout glisse d'une colonne
    assert not left[:, :, -1].any()  # la colonne qui entre est noire
    down = tta.view(images, "bas")[..., 0]
    np.testing.assert_allclose(down[:, 1:], images[:, :-1] / 255.0, rtol=1e-6)
    assert not down[:, 0].any()


def test_rotation_keeps_a_centred_disk_and_zoom_changes_its_area():
    image = disk()[None]
    area = image.sum() / 255
    for name in ("rot+5", "rot-8"):
        turned = tta.view(image, name)[0, ..., 0]
        assert abs(turned.sum() - area) < 0.02 * area  # un disque centré ne change pas en tournant
        assert np.abs(turned - image[0] / 255).max() < 0.6  # seul le bord, interpolé, bouge
    assert tta.view(image, "zoom1.1")[0].sum() == pytest.approx(1.21 * area, rel=0.08)
    assert tta.view(image, "zoom0.9")[0].sum() == pytest.approx(0.81 * area, rel=0.08)


@pytest.mark.parametrize("name, degrees", [("rot+8", 8), ("rot-8", -8), ("rot+5", 5), ("rot-5", -5)])
def test_rotation_turns_a_bar_the_announced_amount_and_way(name, degrees):
    """« Tournée de 8° » : dans le sens trigonométrique, comme à l'écran (le haut d'une barre verticale
    part vers la gauche, les colonnes croissent en descendant) ; « −8° » dans l'autre sens."""
    bar = np.zeros((1, 28, 28), np.uint8)
    bar[0, 4:24, 13:15] = 255  # une barre verticale au centre
    turned = tta.view(bar, name)[0, ..., 0]
    ys, xs = np.nonzero(turned > 0.5)
    slope = np.polyfit(ys, xs, 1)[0]  # colonnes gagnées par ligne, en descendant
    assert np.degrees(np.arctan(slope)) == pytest.approx(degrees, abs=1.5)


def test_combine_is_the_normalised_geometric_mean():
    rng = np.random.default_rng(1)
    a, b = rng.dirichlet(np.ones(10), size=4), rng.dirichlet(np.ones(10), size=4)
    np.testing.assert_allclose(tta.combine([a, b]), softmax((np.log(a) + np.log(b)) / 2, axis=1), rtol=1e-9)
    np.testing.assert_allclose(tta.combine([a]), a, rtol=1e-9)


def test_choice_is_made_on_validation_then_on_cost():
    assert tta.choose([18, 18, 17, 16, 17, 17, 18]) == 3
    assert tta.choose([18, 17, 17, 17, 17, 18, 18]) == 1  # à égalité, le moins de copies puis le premier
    assert tta.choose([16, 16, 17, 16, 16, 16, 16]) == 0  # l'image seule à égalité : aucune copie


def test_describe_reads_in_french():
    assert tta.describe(("image", "gauche", "droite")) == "l'image + 1 px à gauche + 1 px à droite"
