"""Aides des tests de la page de la démo : sélecteurs du contrat ``data-*``, tracé, lecture de
la réponse et de l'image vue par le réseau. Partagées par ``test_demo.py``,
``test_demo_inputs.py`` et ``test_photo_page.py`` (ce module n'est pas un module de tests).
"""

from __future__ import annotations

import io
import json

import numpy as np
from PIL import Image

from sitetools.browser import draw_strokes

DEMO = "[data-demo]"
PAD = "[data-demo-pad]"
RESULT = "[data-demo-result]"
STATUS = "[data-demo-status]"
RESOURCE_ERROR = "Failed to load resource"

# Gabarits au trait, en coordonnées du carré unité (y vers le bas).
ONE = [[(0.5, 0.0), (0.5, 1.0)]]
SEVEN = [[(0.1, 0.1), (0.9, 0.1), (0.45, 0.95)]]


def open_demo(page, site_url, ready=True):
    page.goto(f"{site_url}/demo/")
    if ready:
        page.wait_for_selector(f"{DEMO}[data-state='ready']", timeout=30_000)
    return page.locator(PAD).bounding_box()


def prediction(page):
    return page.get_attribute(RESULT, "data-prediction")


def probabilities(page):
    return json.loads(page.get_attribute(RESULT, "data-probabilities"))


def plain(text):
    """Le texte avec des espaces ordinaires (la page met des espaces insécables avant « : »…)."""
    return text.replace("\xa0", " ").replace("\u202f", " ").strip()


def status(page):
    return plain(page.text_content(STATUS))


def draw(page, strokes, box):
    """Trace ``strokes`` à la souris dans le pad ; ``box = (gauche, haut, taille)`` en fractions du pad."""
    draw_strokes(page, page.locator(PAD), strokes, box=box)


def wait_prediction(page, timeout_ms=1000):
    """Attend que data-prediction soit rempli : le contrat dit moins d'une seconde."""
    page.wait_for_function(
        "s => document.querySelector(s).dataset.prediction !== ''", arg=RESULT, timeout=timeout_ms)
    return prediction(page)


def clear(page):
    page.click("[data-demo-clear]")
    assert prediction(page) == ""


def own_errors(page):
    """Erreurs de la console, sauf « Failed to load resource » (journal du navigateur quand une
    requête échoue — voulu dans les tests qui font échouer le modèle)."""
    return [e for e in page.console_errors if RESOURCE_ERROR not in e]


def png_bytes(array):
    buf = io.BytesIO()
    Image.fromarray(array).save(buf, format="PNG")
    return buf.getvalue()


def seen_image(page):
    """L'image 28 × 28 affichée (ce que reçoit le réseau), dans [0, 1]."""
    data = page.evaluate("""() => Array.from(document.querySelector('.dl-demo__seen').getContext('2d')
        .getImageData(0, 0, 28, 28).data.filter((v, i) => i % 4 === 0))""")
    return np.asarray(data, dtype=np.float64).reshape(28, 28) / 255.0


def wait_read(page, timeout_ms=10_000):
    """Attend la fin de la lecture d'une image (un message qui n'est plus « Lecture de l'image… »)."""
    page.wait_for_function(
        "s => { const el = document.querySelector(s); return el.dataset.kind === 'error' "
        "|| (el.textContent.length > 0 && !el.textContent.startsWith('Lecture')); }",
        arg=STATUS, timeout=timeout_ms)
    return status(page)
