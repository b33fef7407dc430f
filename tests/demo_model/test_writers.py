"""Les scripteurs simulés (digitlab.demo_model.writers) : styles cohérents, formes présentes,
échantillonnage de tablette, indépendance vis-à-vis de l'entraînement."""

import ast
import math
from pathlib import Path

import numpy as np
import pytest

from digitlab.demo_model import fingerprint, strokes, writers


def neutral_writer(**overrides):
    """Un scripteur sans inclinaison, sans tremblement, à la main régulière : les gabarits tels quels."""
    base = writers.make_writer(0, np.random.default_rng(0))
    values = dict(faithfulness=1.0, slant=0.0, aspect=1.0, rotation=0.0, density=200.0, tremor=0.0,
                  care=0.0, warp_x=0.0, warp_y=0.0, placement=0.0, tick=0.0)
    values.update(overrides)
    for key, value in values.items():
        setattr(base, key, value)
    return base


def test_every_digit_fits_the_unit_box_and_is_reproducible():
    _, first = writers.check_digits(count=6, per_class=2, seed=3)
    _, again = writers.check_digits(count=6, per_class=2, seed=3)
    assert len(first) == 6 * 10 * 2
    for a, b in zip(first, again):
        assert (a["digit"], a["variant"], a["writer"]) == (b["digit"], b["variant"], b["writer"])
        for sa, sb in zip(a["strokes"], b["strokes"]):
            np.testing.assert_array_equal(sa, sb)
        pts = np.concatenate(a["strokes"])
        assert pts.min() >= -1e-9 and max(pts.max(axis=0) - pts.min(axis=0)) == pytest.approx(1.0)


def test_fewer_digits_per_class_is_the_start_of_the_same_session():
    _, short = writers.check_digits(count=3, per_class=2, seed=9)
    _, long = writers.check_digits(count=3, per_class=5, seed=9)
    for w in range(3):
        a = [it for it in short if it["writer"] == w]
        b = [it for it in long if it["writer"] == w][:len(a)]
        assert [(it["digit"], it["variant"]) for it in a] == [(it["digit"], it["variant"]) for it in b]
        np.testing.assert_array_equal(np.concatenate(a[-1]["strokes"]), np.concatenate(b[-1]["strokes"]))


def test_the_published_check_has_every_form_the_issue_lists():
    ws, items = writers.check_digits(per_class=3)
    assert len(ws) == writers.CHECK_WRITERS >= 40
    seen = {it["variant"] for it in items}
    for form in writers.HARD_FORMS:
        assert form in seen, form
    assert seen == {v for forms in writers.FORMS.values() for v in forms}
    # Tous les chiffres, autant de chaque classe pour chaque scripteur.
    counts = np.zeros((len(ws), 10), dtype=int)
    for it in items:
        counts[it["writer"], it["digit"]] += 1
    assert (counts == 3).all()


def test_a_writer_keeps_their_habits():
    """Un scripteur emploie surtout sa variante habituelle ; la population a des habitudes variées."""
    ws = writers.make_writers(12, seed=5)
    for w in ws[:4]:
        rng = np.random.default_rng(1)
        picks = [w.write(7, rng)[0] for _ in range(60)]
        assert picks.count(w.variants[7]) / len(picks) >= w.faithfulness - 0.15
    assert len({w.variants[7] for w in ws}) >= 3


def _aspect(strokes_):
    pts = np.concatenate(strokes_)
    width, height = pts.max(axis=0) - pts.min(axis=0)
    return width / height


def _lean(strokes_):
    """Inclinaison mesurée d'un bâton : dx / dy entre le haut et le bas du trait le plus long."""
    s = max(strokes_, key=len)
    top, bottom = s[np.argmin(s[:, 1])], s[np.argmax(s[:, 1])]
    return (top[0] - bottom[0]) / (bottom[1] - top[1])


@pytest.mark.parametrize("measure,digit", [(_aspect, 0), (_lean, 1)])
def test_style_varies_more_between_writers_than_within_one(measure, digit):
    """Proportions et inclinaison : l'écart entre scripteurs domine l'écart d'un chiffre à l'autre."""
    ws = writers.make_writers(16, seed=11)
    values = []
    for w in ws:
        w.variants[1] = "un_trait_vertical"
        w.faithfulness = 1.0
        rng = np.random.default_rng(2)
        values.append([measure(w.write(digit, rng)[1]) for _ in range(15)])
    values = np.array(values)
    within = values.var(axis=1, ddof=1).mean()
    between = values.mean(axis=1).var(ddof=1)
    assert between > 3 * within, (between, within)


def test_continental_hands_are_coupled():
    """Qui barre ses 7 fait rarement un 1 en simple bâton ; qui ne les barre pas, souvent."""
    ws = writers.make_writers(400, seed=21)
    barred = [w for w in ws if w.variants[7] != "sept_simple"]
    plain = [w for w in ws if w.variants[7] == "sept_simple"]
    stick = lambda group: np.mean([w.variants[1] == "un_trait_vertical" for w in group])  # noqa: E731
    assert len(barred) > 100 and len(plain) > 30
    assert stick(barred) < 0.2 and stick(plain) > 0.4


def test_barred_sevens_have_a_crossbar_through_the_stem():
    w = neutral_writer()
    rng = np.random.default_rng(4)
    for variant in ("sept_barre_droit", "sept_barre_crochet_haut", "sept_barre_haut_ondule"):
        w.variants[7] = variant
        name, traits = w.write(7, rng)
        assert name == variant and len(traits) == 2
        stem, bar = traits
        assert abs(bar[-1][1] - bar[0][1]) < 0.3 * abs(bar[-1][0] - bar[0][0])  # presque horizontale
        y = bar[:, 1].mean()
        crossing = stem[np.argmin(np.abs(stem[:, 1] - y) + 10 * (stem[:, 1] < 0.1))]
        assert bar[:, 0].min() < crossing[0] < bar[:, 0].max()


def test_hooked_and_wavy_tops_are_not_straight():
    w = neutral_writer()
    rng = np.random.default_rng(6)
    w.variants[7] = "sept_barre_crochet_haut"
    hook = w.write(7, rng)[1][0]
    assert hook[0][1] > 0.06  # le trait commence sous la barre du haut : le crochet
    w.variants[7] = "sept_barre_haut_ondule"
    w.shape[7]["wave"] = 0.1
    top = w.write(7, rng)[1][0]
    top = top[top[:, 1] < 0.25]
    assert top[:, 1].max() - top[:, 1].min() > 0.08  # la barre ondule


def test_long_upstroke_one_and_one_stroke_four():
    w = neutral_writer()
    rng = np.random.default_rng(8)
    w.variants[1] = "un_longue_attaque"
    w.shape[1].update(flag=0.7, angle=35.0)
    traits = w.write(1, rng)[1]
    assert len(traits) == 1
    start, summit = traits[0][0], traits[0][np.argmin(traits[0][:, 1])]
    assert math.hypot(*(summit - start)) > 0.3 and start[1] > summit[1] + 0.2
    w.variants[4] = "quatre_un_trait"
    four = w.write(4, rng)[1]
    assert len(four) == 1  # sans lever la plume
    s = four[0]
    # Le haut reste ouvert : le départ (en haut à gauche) est loin de la hampe de droite.
    assert s[0][1] < 0.1 and s[:, 0].max() - s[0][0] > 0.35


def test_flat_topped_three_and_curly_nine():
    w = neutral_writer()
    rng = np.random.default_rng(10)
    w.variants[3] = "trois_haut_plat"
    s = w.write(3, rng)[1][0]
    top = s[s[:, 1] < 0.02]
    assert top[:, 0].max() - top[:, 0].min() > 0.4  # une barre plate en haut
    w.variants[9] = "neuf_petite_boucle_queue_courbe"
    s = w.write(9, rng)[1][0]
    bottom = s[np.argmax(s[:, 1])]
    assert s[-1][0] < bottom[0] - 0.05  # la queue s'enroule vers la gauche


def test_tablet_sampling_is_sparse_when_asked_and_keeps_corners():
    path, corners = writers.pen_path([writers.corner(0, 0), writers.corner(1, 0), writers.corner(1, 1)])
    rng = np.random.default_rng(0)
    sparse = writers.pen_sample(path, corners, density=3.0, rng=rng)
    dense = writers.pen_sample(path, corners, density=60.0, rng=rng)
    assert 3 <= len(sparse) <= 12 < 60 <= len(dense)
    # Le coin (1, 0) reste un point du tracé, même avec peu d'échantillons.
    assert np.hypot(*(sparse - [1, 0]).T).min() < 0.05
    # Extrémités gardées.
    np.testing.assert_allclose(sparse[0], [0, 0], atol=1e-9)
    np.testing.assert_allclose(sparse[-1], [1, 1], atol=1e-9)


def test_sparse_writers_give_few_points_per_digit():
    ws, items = writers.check_digits(count=20, per_class=1, seed=13)
    points = {}
    for it in items:
        points.setdefault(it["writer"], []).append(sum(len(s) for s in it["strokes"]))
    median = {w: np.median(v) for w, v in points.items()}
    sparse = [median[i] for i, w in enumerate(ws) if w.density < 8]
    dense = [median[i] for i, w in enumerate(ws) if w.density >= 10]
    assert sparse and dense and np.median(sparse) <= 20 and max(sparse) < np.median(dense) / 2


def test_independent_from_the_training_generator():
    """Aucun import de strokes, aucun gabarit commun, et l'entraînement n'atteint pas ce module."""
    source = Path(writers.__file__).read_text(encoding="utf-8")
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            assert "strokes" not in (node.module or "") and all(a.name != "strokes" for a in node.names)
        if isinstance(node, ast.Import):
            assert all("strokes" not in a.name for a in node.names)
    training_names = {name for forms in strokes.STYLES.values() for name in forms}
    check_names = {name for forms in writers.FORMS.values() for name in forms}
    assert not training_names & check_names
    closure = fingerprint.code_closure()
    assert not any(module == "demo_model.writers" for module, _ in closure)
    assert not any(module == "demo_model.writer_check" for module, _ in closure)
