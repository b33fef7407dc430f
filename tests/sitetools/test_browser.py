"""L'outillage de tracé des tests et des mesures (sitetools.browser), sans navigateur."""

import math

import numpy as np

from sitetools.browser import densify, stroke_points


def test_densify_keeps_the_ends_and_spaces_points():
    points = [(0.0, 0.0), (100.0, 0.0), (100.0, 50.0)]
    dense = densify(points, step=8.0)
    assert dense[0] == points[0] and dense[-1] == points[-1]
    gaps = [math.dist(a, b) for a, b in zip(dense, dense[1:])]
    assert max(gaps) <= 8.4 and min(gaps) > 0
    # Les points ajoutés restent sur le chemin d'origine.
    for x, y in dense:
        assert (y == 0.0 and 0 <= x <= 100) or (x == 100.0 and 0 <= y <= 50)


def test_stroke_points_places_the_unit_square_in_the_box():
    rect = {"x": 10.0, "y": 20.0, "width": 300.0, "height": 300.0}
    pts = np.array(stroke_points(rect, [(0.0, 0.0), (1.0, 1.0)], box=(0.1, 0.2, 0.5), step=1000))
    np.testing.assert_allclose(pts[0], [10 + 0.1 * 300, 20 + 0.2 * 300])
    np.testing.assert_allclose(pts[-1], [10 + 0.6 * 300, 20 + 0.7 * 300])


def test_lab_site_serves_the_lab_code_models_and_the_extract():
    """Le banc des laboratoires est disposé comme le site construit (mêmes chemins relatifs)."""
    from urllib.request import urlopen

    from sitetools.browser import lab_site
    from sitetools.lab_data import SITE_PATH

    data = b"DLAB-essai"
    with lab_site('<div data-lab="train"></div>', data) as url:
        page = urlopen(url + "/index.html").read().decode("utf-8")
        assert '<div data-lab="train"></div>' in page and "assets/labs/labs.js" in page
        assert urlopen(f"{url}/{SITE_PATH}").read() == data
        for path in ("assets/labs/train/lab.js", "assets/demo/pad.js", "assets/vendor/tfjs/tf.min.js",
                     "models/cnn/model.json"):
            assert urlopen(f"{url}/{path}").status == 200, path


def test_group_downloads_counts_each_part_once():
    from sitetools.browser import group_downloads

    entries = [
        {"url": "http://127.0.0.1:8000/demo/", "bytes": 40_000},
        {"url": "http://127.0.0.1:8000/assets/vendor/tfjs/tf.min.js", "bytes": 1_400_000},
        {"url": "http://127.0.0.1:8000/models/cnn/model.json", "bytes": 10_000},
        {"url": "http://127.0.0.1:8000/models/cnn/group1-shard1of1.bin", "bytes": 284_000},
        {"url": "http://127.0.0.1:8000/models/cnn/group1-shard1of1.bin", "bytes": 284_000},  # requête refaite
        {"url": "http://127.0.0.1:8000/assets/vendor/mathjax/tex-mml-chtml.js#x", "bytes": 900_000},
        {"url": "http://127.0.0.1:8000/assets/demo/app.js", "bytes": 30_000},
    ]
    got = group_downloads(entries)
    assert got == {"total_bytes": 2_664_000, "tfjs_bytes": 1_400_000, "model_bytes": 294_000,
                   "mathjax_bytes": 900_000, "other_bytes": 70_000, "files": 6}
