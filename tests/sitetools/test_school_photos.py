"""Les photos du banc d'essai (sitetools.school_photos) se refont à l'identique à partir de leur
graine : chaque raté que ``docs/assets/benchmarks/photos.json`` publie (``rng``) redonne la photo
mesurée, avec le même texte, le même papier, la même encre et le même stylo. Si le générateur
change, ce test le dit : le banc d'essai est alors à refaire."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from sitetools.school_photos import (
    FAR_SHARES,
    INKS,
    PAPERS,
    PHONE_RESOLUTIONS,
    bent_page,
    empty_page,
    far_photo,
    full_resolution_photo,
    series_photo,
)

PHOTOS = Path(__file__).resolve().parents[2] / "docs" / "assets" / "benchmarks" / "photos.json"


def test_the_published_failures_are_rebuilt_from_their_seed():
    failures = json.loads(PHOTOS.read_text(encoding="utf-8"))["python"]["failures"]
    assert failures, "le banc d'essai publie ses ratés"
    for f in failures:
        if f["kind"].startswith("bent_"):  # pages bombées : [graine, "bent", papier, vide ?, n]
            seed, _, paper, nothing_written, n = f["rng"]
            photo = bent_page(seed, PAPERS[paper], n, bool(nothing_written))
            assert photo.text == f["written"] and photo.paper == f["paper"], f
        elif f["kind"] == "far_empty_region":  # zone vide entourée : [graine, "far", hauteur, n]
            seed, _, share, n = f["rng"]
            photo = far_photo(seed, f["paper"], share, n)
            assert f["written"] == "" and photo.paper == f["paper"], f
        elif f["kind"] == "empty":
            seed, series, paper, n = f["rng"]
            photo = empty_page(seed, series, PAPERS[paper], n)
            assert photo.text == "" and f["paper"] == photo.paper, f
        else:
            seed, paper, ink, n = f["rng"]
            photo = series_photo(seed, PAPERS[paper], INKS[ink], n, f["kind"])
            assert photo.text == f["written"] and photo.paper == f["paper"], f
        assert (photo.ink, photo.pen) == (f["ink"], f["pen"]), f
        for key, value in f["params"].items():
            assert photo.params[key] == value, (f, key)


def test_full_resolution_photo_is_a_jpeg_of_the_asked_size():
    data = full_resolution_photo(300, 400, text="4")
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG" and image.size == (300, 400)
        gray = np.asarray(image.convert("L"), dtype=float)
    assert gray.min() < 120 < np.median(gray)  # de l'encre sur du papier clair
    assert full_resolution_photo(300, 400, text="4") == data  # même graine, même fichier
    assert [w * h / 1e6 for w, h in PHONE_RESOLUTIONS] == pytest.approx([12.2, 24.5, 48.8], abs=0.05)


def test_a_far_photo_shows_a_digit_of_the_asked_share_of_its_height():
    for share in (0.15, 0.03):
        for n in (0, 1):  # paysage, puis portrait
            photo = far_photo(7, "seyes", share, n)
            height, width = photo.rgb.shape[:2]
            assert (width, height) == ((1600, 1200) if n == 0 else (1200, 1600))
            x0, y0, x1, y1 = photo.boxes[0]
            assert 0.5 * share <= (y1 - y0) / height <= 1.2 * share, (share, n, (y1 - y0) / height)
            assert photo.params["digit_px"] == pytest.approx(share * height)
    assert far_photo(7, "seyes", 0.03, 0).jpeg == far_photo(7, "seyes", 0.03, 0).jpeg


def test_the_published_far_digit_series_covers_every_share():
    far = json.loads(PHOTOS.read_text(encoding="utf-8"))["python"]["far_digits"]
    assert [row["share"] for row in far] == list(FAR_SHARES)
    for row in far:
        assert row["alone"]["count"] == row["chosen_region"]["count"] >= 3 * 20
        assert row["empty_region_read_nothing"]["count"] == row["alone"]["count"]
