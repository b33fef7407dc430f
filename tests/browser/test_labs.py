"""Les labos « convolution » et « pooling » dans Chromium, sur le site construit, utilisés comme
le ferait une personne : dessin à la souris, au doigt et au clavier, noyau modifié case par case,
noyaux prédéfinis, réglages, survol et clavier sur la carte de sortie, décalage du dessin.

À chaque étape, la sortie publiée par la page (``data-output``) est recalculée par le jumeau
Python (digitlab.conv) à partir de l'entrée publiée (``data-input``) et des réglages publiés.

Contrat testé (docs/assets/labs/convlab.js, poollab.js) : racine ``data-lab="convolution"`` ou
``data-lab="pooling"`` ; pad ``data-demo-pad`` ; bouton ``data-demo-clear`` ; un
``input[data-lab-kernel]`` par case du noyau, ligne par ligne ; ``[data-lab-io]`` avec
``data-input``, ``data-output``, ``data-padding``, ``data-stride``, ``data-relu`` (convolution),
``data-pool``, ``data-window``, ``data-stride`` (pooling), mis à jour en moins d'une seconde ; la ligne
d'état ``[data-lab-status]`` et son ``data-kind``.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
import pytest

from digitlab.conv import conv2d, kernel, pool2d, relu, shift
from sitetools.browser import draw_strokes

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
CONV_PAGE = "/chapitres/04_convolution/"
POOL_PAGE = "/chapitres/05_pooling/"
CONV = "[data-lab='convolution']"
POOL = "[data-lab='pooling']"
TOLERANCE = 1e-9
UPDATE_MS = 1000  # le contrat : la sortie suit tout changement en moins d'une seconde

SEVEN = [[(0.1, 0.1), (0.9, 0.1), (0.45, 0.95)]]
ONE = [[(0.3, 0.2), (0.55, 0.0), (0.55, 1.0)]]


# --- Aides ----------------------------------------------------------------------------------

def open_lab(page, site_url, path, selector):
    page.goto(site_url + path)
    lab = page.locator(selector)
    # Défiler une fois le labo monté : avant, il est plus court, et la place de chaque élément à
    # l'écran dépendrait de l'instant où le montage a eu lieu.
    page.wait_for_selector(f"{selector}[data-state='ready']", timeout=10_000)
    lab.scroll_into_view_if_needed()
    return lab


def io_state(lab):
    """Ce que publie le labo : entrée et sortie (tableaux NumPy) et réglages (textes)."""
    data = lab.locator("[data-lab-io]").evaluate("e => ({...e.dataset})")
    data["input"] = np.array(json.loads(data["input"]), dtype=np.float64)
    data["output"] = np.array(json.loads(data["output"]), dtype=np.float64)
    if "kernel" in data:
        data["kernel"] = np.array(json.loads(data["kernel"]), dtype=np.float64)
    return data


def wait_output_change(page, selector, before: str, timeout=UPDATE_MS):
    """Attend que data-output change (moins d'une seconde, d'après le contrat)."""
    page.wait_for_function(
        "([s, before]) => document.querySelector(s + ' [data-lab-io]').dataset.output !== before",
        arg=[selector, before], timeout=timeout)


def output_text(lab):
    return lab.locator("[data-lab-io]").get_attribute("data-output")


def act(page, lab, selector, action):
    """Fait ``action`` et attend que la sortie change, en moins d'une seconde."""
    before = output_text(lab)
    action()
    wait_output_change(page, selector, before)
    return io_state(lab)


def python_conv(state):
    out = conv2d(state["input"], state["kernel"], stride=int(state["stride"]),
                 padding=state["padding"])
    return relu(out) if state["relu"] == "true" else out


def check_conv(state, expected_kernel=None):
    """La sortie publiée est celle du jumeau Python, avec les réglages publiés."""
    assert state["input"].shape == (28, 28)
    assert state["padding"] in ("valid", "same") and state["relu"] in ("true", "false")
    if expected_kernel is not None:
        np.testing.assert_allclose(state["kernel"], expected_kernel, rtol=0, atol=1e-15)
    np.testing.assert_allclose(state["output"], python_conv(state), rtol=0, atol=TOLERANCE)


def check_pool(state):
    expected = pool2d(state["input"], int(state["window"]), int(state["stride"]), state["pool"])
    np.testing.assert_allclose(state["output"], expected, rtol=0, atol=TOLERANCE)


def draw(page, lab, strokes, **options):
    """Trace ``strokes`` sur le pad du labo (amené au milieu de l'écran d'abord)."""
    pad = lab.locator("[data-demo-pad]")
    pad.scroll_into_view_if_needed()
    draw_strokes(page, pad, strokes, **options)


def visible_box(locator):
    locator.scroll_into_view_if_needed()
    return locator.bounding_box()


def kernel_inputs(lab):
    return lab.locator("input[data-lab-kernel]")


def kernel_from_inputs(lab):
    """Le noyau lu dans les cases, ligne par ligne (écriture française : −, virgule, fractions)."""
    texts = kernel_inputs(lab).evaluate_all("els => els.map(e => e.value)")
    values = []
    for text in texts:
        text = text.replace("\u2212", "-").replace(",", ".")
        num, _, den = text.partition("/")
        values.append(float(num) / float(den) if den else float(num))
    size = int(round(len(values) ** 0.5))
    assert size * size == len(values)
    return np.array(values).reshape(size, size)


def select(lab, attribute, value):
    lab.locator(f"select[{attribute}]").select_option(str(value))


def clean(page):
    assert page.console_errors == [], page.console_errors
    assert page.external_requests == [], page.external_requests


@pytest.fixture
def touch_page(browser, site_url):
    """Une page de téléphone (390 × 844, tactile), avec les mêmes contrôles que ``page``."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=3,
                                  is_mobile=True, has_touch=True, locale="fr-FR")
    pg = context.new_page()
    pg.console_errors, pg.external_requests = [], []
    local = urlsplit(site_url).netloc

    def route(r):
        if urlsplit(r.request.url).netloc not in ("", local):
            pg.external_requests.append(r.request.url)
            r.abort()
        else:
            r.continue_()

    pg.on("console", lambda m: pg.console_errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.console_errors.append(str(e)))
    context.route("**/*", route)
    yield pg
    context.close()


# --- Labo de convolution ----------------------------------------------------------------------

def test_convolution_lab_mouse_drawing_and_default_settings(page, site_url):
    lab = open_lab(page, site_url, CONV_PAGE, CONV)
    state = io_state(lab)
    assert state["input"].shape == (28, 28) and not state["input"].any()  # pad vide
    assert (state["padding"], state["stride"], state["relu"]) == ("valid", "1", "false")
    assert kernel_inputs(lab).count() == 9
    np.testing.assert_array_equal(kernel_from_inputs(lab), state["kernel"])  # ligne par ligne

    state = act(page, lab, CONV, lambda: draw(page, lab, SEVEN))
    assert state["input"].max() > 0.9 and state["output"].shape == (26, 26)
    assert (state["output"] < 0).any() and (state["output"] > 0).any()  # bords des deux sens
    check_conv(state, kernel("vertical_edges"))
    clean(page)


def test_editing_a_kernel_cell_presets_and_sizes(page, site_url):
    lab = open_lab(page, site_url, CONV_PAGE, CONV)
    act(page, lab, CONV, lambda: draw(page, lab, ONE))

    # Une case du noyau, écrite à la française.
    cell = kernel_inputs(lab).nth(4)  # ligne 2, colonne 2
    state = act(page, lab, CONV, lambda: cell.fill("2,5"))
    expected = kernel("vertical_edges")
    expected[1, 1] = 2.5
    check_conv(state, expected)
    np.testing.assert_array_equal(kernel_from_inputs(lab), expected)
    assert lab.locator("select[data-lab-preset]").input_value() == "custom"

    # Une fraction, avec le vrai signe moins.
    state = act(page, lab, CONV, lambda: kernel_inputs(lab).nth(0).fill("\u22121/4"))
    expected[0, 0] = -0.25
    check_conv(state, expected)

    # Un noyau prédéfini, puis le 5 × 5.
    state = act(page, lab, CONV, lambda: select(lab, "data-lab-preset", "laplacian"))
    check_conv(state, kernel("laplacian"))
    state = act(page, lab, CONV, lambda: select(lab, "data-lab-size", 5))
    assert kernel_inputs(lab).count() == 25
    check_conv(state, kernel("laplacian", 5))
    np.testing.assert_array_equal(kernel_from_inputs(lab), kernel("laplacian", 5))
    assert state["output"].shape == (24, 24)
    state = act(page, lab, CONV, lambda: select(lab, "data-lab-preset", "blur"))
    check_conv(state, kernel("blur", 5))
    np.testing.assert_allclose(kernel_from_inputs(lab), kernel("blur", 5), atol=1e-15)
    clean(page)


def test_a_cell_that_is_not_a_number_gets_a_french_message(page, site_url):
    lab = open_lab(page, site_url, CONV_PAGE, CONV)
    act(page, lab, CONV, lambda: draw(page, lab, SEVEN))
    before = io_state(lab)
    cell = kernel_inputs(lab).nth(2)
    cell.fill("abc")
    page.wait_for_timeout(300)
    assert cell.get_attribute("aria-invalid") == "true"
    status = lab.locator("[data-lab-status]")
    assert status.get_attribute("data-kind") == "error"
    text = status.text_content().replace("\xa0", " ").replace("\u202f", " ")
    assert "ligne 1, colonne 3 ne contient pas de nombre valide (« abc »)" in text, text
    after = io_state(lab)  # la carte garde le dernier noyau valide, et le dit
    np.testing.assert_array_equal(after["kernel"], before["kernel"])
    np.testing.assert_array_equal(after["output"], before["output"])
    # Une autre case corrigée pendant que celle-ci reste fausse : la carte suit, l'alerte demeure.
    act(page, lab, CONV, lambda: kernel_inputs(lab).nth(0).fill("2"))
    text = status.text_content().replace("\xa0", " ").replace("\u202f", " ")
    assert status.get_attribute("data-kind") == "error"
    assert "Attention : 1 autre case ne contient pas de nombre valide." in text, text
    state = act(page, lab, CONV, lambda: cell.fill("3"))
    assert cell.get_attribute("aria-invalid") is None
    check_conv(state)
    clean(page)


def test_relu_padding_and_stride(page, site_url):
    lab = open_lab(page, site_url, CONV_PAGE, CONV)
    act(page, lab, CONV, lambda: draw(page, lab, SEVEN))
    state = act(page, lab, CONV, lambda: lab.locator("input[data-lab-relu]").check())
    assert state["relu"] == "true" and state["output"].min() == 0
    check_conv(state)
    state = act(page, lab, CONV, lambda: select(lab, "data-lab-padding", "same"))
    assert state["padding"] == "same" and state["output"].shape == (28, 28)
    check_conv(state)
    state = act(page, lab, CONV, lambda: select(lab, "data-lab-stride", 2))
    assert state["stride"] == "2" and state["output"].shape == (14, 14)
    check_conv(state)
    state = act(page, lab, CONV, lambda: select(lab, "data-lab-stride", 3))
    assert state["output"].shape == (10, 10)
    check_conv(state)
    state = act(page, lab, CONV, lambda: lab.locator("input[data-lab-relu]").uncheck())
    assert state["relu"] == "false" and state["output"].min() < 0
    check_conv(state)
    clean(page)


def test_hover_and_keyboard_explain_an_output_pixel(page, site_url):
    lab = open_lab(page, site_url, CONV_PAGE, CONV)
    state = act(page, lab, CONV, lambda: draw(page, lab, SEVEN))
    output = lab.locator("[data-lab-output]")
    box = visible_box(output)
    rows, cols = state["output"].shape
    # Le pixel de sortie (5, 12) : la souris au centre de sa case.
    page.mouse.move(box["x"] + (12.5 / cols) * box["width"], box["y"] + (5.5 / rows) * box["height"])
    panel = lab.locator("[data-lab-explain]")
    page.wait_for_function("e => e.dataset.row === '5' && e.dataset.col === '12'",
                           arg=panel.element_handle(), timeout=UPDATE_MS)
    assert float(panel.get_attribute("data-value")) == pytest.approx(state["output"][5, 12], abs=TOLERANCE)
    text = panel.text_content().replace("\xa0", " ").replace("\u202f", " ")
    assert "Pixel de sortie ligne 6, colonne 13" in text and "Somme des 9 produits" in text
    assert panel.locator("table").count() == 3  # fenêtre, noyau, produits

    # Au clavier : Tab jusqu'à la carte, puis les flèches.
    output.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowDown")
    row, col = int(panel.get_attribute("data-row")), int(panel.get_attribute("data-col"))
    assert (row, col) == (6, 13)
    assert float(panel.get_attribute("data-value")) == pytest.approx(state["output"][6, 13], abs=TOLERANCE)
    assert output.get_attribute("aria-label").startswith("Carte de sortie")
    # Le panneau est lu, en entier, quand on choisit un pixel ; pas quand un trait le recalcule.
    assert (panel.get_attribute("aria-live"), panel.get_attribute("aria-atomic")) == ("polite", "true")
    act(page, lab, CONV, lambda: draw(page, lab, ONE))
    assert panel.get_attribute("data-row") == "6" and panel.get_attribute("aria-live") == "off"
    # Le pixel choisi reste quand la souris quitte la carte pour le noyau, et son calcul suit le noyau.
    box = visible_box(output)
    page.mouse.move(box["x"] + (12.5 / cols) * box["width"], box["y"] + (5.5 / rows) * box["height"])
    page.wait_for_function("e => e.dataset.row === '5'", arg=panel.element_handle(), timeout=UPDATE_MS)
    cell = kernel_inputs(lab).nth(4)
    cell.hover()
    state = act(page, lab, CONV, lambda: cell.fill("3"))
    assert (panel.get_attribute("data-row"), panel.get_attribute("data-col")) == ("5", "12")
    assert float(panel.get_attribute("data-value")) == pytest.approx(state["output"][5, 12], abs=TOLERANCE)
    assert "Pixel de sortie ligne 6, colonne 13" in panel.text_content().replace("\xa0", " ")
    # Échap, sur la carte, le retire.
    output.focus()
    page.keyboard.press("Escape")
    assert panel.get_attribute("data-row") is None and "Aucun pixel" in panel.text_content()
    # La marge « same » : au coin, la fenêtre déborde et le calcul le dit.
    act(page, lab, CONV, lambda: select(lab, "data-lab-padding", "same"))
    output.focus()
    page.keyboard.press("Home")
    text = panel.text_content().replace("\xa0", " ")
    assert panel.get_attribute("data-row") == "0" and "marge de zéros" in text
    clean(page)


def test_touch_drawing_in_the_convolution_lab(touch_page, site_url):
    page = touch_page
    lab = open_lab(page, site_url, CONV_PAGE, CONV)
    pad = lab.locator("[data-demo-pad]")
    pad.scroll_into_view_if_needed()
    scroll_before = page.evaluate("window.scrollY")
    state = act(page, lab, CONV, lambda: draw_strokes(page, pad, SEVEN, step=6, touch=True))
    assert state["input"].max() > 0.9
    check_conv(state, kernel("vertical_edges"))
    assert page.evaluate("window.scrollY") == scroll_before  # dessiner ne fait pas défiler
    # Toucher un pixel de la sortie l'explique aussi : celui qu'on a touché (ligne 9, colonne 16).
    output = lab.locator("[data-lab-output]")
    box = visible_box(output)
    out_h, out_w = state["output"].shape
    page.touchscreen.tap(box["x"] + box["width"] * (16.5 / out_w), box["y"] + box["height"] * (9.5 / out_h))
    panel = lab.locator("[data-lab-explain]")
    page.wait_for_function("e => e.dataset.row !== undefined", arg=panel.element_handle(),
                           timeout=UPDATE_MS)
    row, col = int(panel.get_attribute("data-row")), int(panel.get_attribute("data-col"))
    assert (row, col) == (9, 16)
    assert float(panel.get_attribute("data-value")) == pytest.approx(state["output"][row, col], abs=TOLERANCE)
    # Un pixel de sortie ne fait que 6 pixels d'écran : le doigt qui glisse sur la carte mène le
    # choix jusqu'au pixel où il se lève (ligne 12, colonne 5), sans faire défiler la page.
    scroll_before = page.evaluate("window.scrollY")
    drag = [(16.5 / out_w, 9.5 / out_h), (11 / out_w, 11 / out_h), (5.5 / out_w, 12.5 / out_h)]
    draw_strokes(page, output, [drag], box=(0, 0, 1), step=4, touch=True)
    page.wait_for_function("e => e.dataset.row === '12' && e.dataset.col === '5'", arg=panel.element_handle(),
                           timeout=UPDATE_MS)
    assert page.evaluate("window.scrollY") == scroll_before
    # Le calcul s'affiche juste sous les cartes : quand elles sont au milieu de l'écran, son début
    # se lit sans faire défiler la page (il tombait 700 pixels plus bas, sous les réglages).
    output.evaluate("e => e.scrollIntoView({block: 'center'})")
    calc, cards = panel.bounding_box(), output.bounding_box()
    assert calc["y"] < page.viewport_size["height"] - 40, (calc, cards)
    assert calc["y"] - (cards["y"] + cards["height"]) < 200, (calc, cards)
    # Les cases du noyau ne se chevauchent pas (un chapitre remettait box-sizing à content-box).
    first, second = (kernel_inputs(lab).nth(k).bounding_box() for k in (0, 1))
    assert first["x"] + first["width"] <= second["x"], (first, second)
    assert page.console_errors == [] and page.external_requests == []


def test_keyboard_drawing_clear_and_mnist_example(page, site_url):
    lab = open_lab(page, site_url, CONV_PAGE, CONV)
    pad = lab.locator("[data-demo-pad]")
    pad.focus()

    def draw_with_keys():
        page.keyboard.press("Space")          # pose le stylo au centre
        for _ in range(12):
            page.keyboard.press("Shift+ArrowDown")
        page.keyboard.press("Space")          # lève le stylo

    state = act(page, lab, CONV, draw_with_keys)
    assert state["input"].max() > 0.5
    check_conv(state)

    state = act(page, lab, CONV, lambda: lab.locator("[data-demo-clear]").click())
    assert not state["input"].any() and not state["output"].any()

    examples = json.loads((ROOT / "docs" / "assets" / "labs" / "mnist_examples.json").read_text())
    first = np.frombuffer(base64.b64decode(examples["pixels"][0]), dtype=np.uint8).reshape(28, 28)
    state = act(page, lab, CONV, lambda: lab.locator("[data-lab-example]").click())
    np.testing.assert_allclose(state["input"], first / 255, atol=1e-12)
    check_conv(state)
    status = lab.locator("[data-lab-status]").text_content().replace("\xa0", " ")
    assert f"Exemple MNIST : un {examples['labels'][0]}" in status
    clean(page)


# --- Labo de pooling --------------------------------------------------------------------------

def test_pooling_lab_settings_follow_python(page, site_url):
    lab = open_lab(page, site_url, POOL_PAGE, POOL)
    state = io_state(lab)
    assert (state["pool"], state["window"], state["stride"]) == ("max", "2", "2")
    state = act(page, lab, POOL, lambda: draw(page, lab, SEVEN))
    assert state["output"].shape == (14, 14)
    check_pool(state)
    for attribute, value in [("data-lab-pool", "average"), ("data-lab-pool", "l2"),
                             ("data-lab-window", 3), ("data-lab-stride", 1),
                             ("data-lab-window", 4), ("data-lab-stride", 3),
                             ("data-lab-pool", "max")]:
        state = act(page, lab, POOL, lambda attribute=attribute, value=value: select(lab, attribute, value))
        check_pool(state)
    assert (state["pool"], state["window"], state["stride"]) == ("max", "4", "3")
    assert state["output"].shape == (9, 9)
    clean(page)


def test_shifting_the_drawing_shows_what_pooling_absorbs(page, site_url):
    lab = open_lab(page, site_url, POOL_PAGE, POOL)
    base = act(page, lab, POOL, lambda: draw(page, lab, SEVEN))
    button = lab.locator("[data-lab-shift='right']")
    state = act(page, lab, POOL, button.click)
    state = act(page, lab, POOL, button.click)
    assert (state["shiftX"], state["shiftY"]) == ("2", "0")
    np.testing.assert_array_equal(state["input"], shift(base["input"], 0, 2))
    check_pool(state)
    state = act(page, lab, POOL, lambda: lab.locator("[data-lab-shift='up']").click())
    np.testing.assert_array_equal(state["input"], shift(base["input"], -1, 2))
    check_pool(state)
    summary = lab.locator("[data-lab-shift-summary]").text_content().replace("\xa0", " ")
    assert "2 px vers la droite et 1 px vers le haut" in summary and "%" in summary
    # Une pression, une annonce : la ligne d'état ne répète pas le décalage que dit la comparaison.
    assert lab.locator("[data-lab-shift-summary]").get_attribute("aria-live") == "polite"
    assert lab.locator("[data-lab-status]").text_content().startswith("Sortie")
    state = act(page, lab, POOL, lambda: lab.locator("[data-lab-shift='reset']").click())
    np.testing.assert_array_equal(state["input"], base["input"])
    # Au clavier : Tab jusqu'au bouton, Entrée.
    lab.locator("[data-lab-shift='left']").focus()
    state = act(page, lab, POOL, lambda: page.keyboard.press("Enter"))
    np.testing.assert_array_equal(state["input"], shift(base["input"], 0, -1))
    clean(page)


def test_pooling_hover_explains_the_window(page, site_url):
    lab = open_lab(page, site_url, POOL_PAGE, POOL)
    state = act(page, lab, POOL, lambda: draw(page, lab, SEVEN))
    state = act(page, lab, POOL, lambda: select(lab, "data-lab-pool", "l2"))
    output = lab.locator("[data-lab-output]")
    output.focus()
    panel = lab.locator("[data-lab-explain]")
    page.wait_for_function("e => e.dataset.row !== undefined", arg=panel.element_handle(),
                           timeout=UPDATE_MS)
    # Le focus choisit la case du milieu (7, 7) ; une flèche vers le haut, deux vers la gauche : (6, 5).
    assert (panel.get_attribute("data-row"), panel.get_attribute("data-col")) == ("7", "7")
    for key in ("ArrowUp", "ArrowLeft", "ArrowLeft"):
        page.keyboard.press(key)
    row, col = int(panel.get_attribute("data-row")), int(panel.get_attribute("data-col"))
    assert (row, col) == (6, 5)
    assert float(panel.get_attribute("data-value")) == pytest.approx(state["output"][row, col], abs=TOLERANCE)
    assert "√(" in panel.text_content()
    box = visible_box(output)
    page.mouse.move(box["x"] + box["width"] * (3.5 / 14), box["y"] + box["height"] * (2.5 / 14))
    page.wait_for_function("e => e.dataset.row === '2' && e.dataset.col === '3'",
                           arg=panel.element_handle(), timeout=UPDATE_MS)
    assert float(panel.get_attribute("data-value")) == pytest.approx(state["output"][2, 3], abs=TOLERANCE)
    clean(page)


def test_pages_without_labs_are_left_alone(page, site_url):
    page.goto(site_url + "/")
    page.wait_for_load_state("load")
    assert page.locator("[data-lab]").count() == 0
    assert page.locator(".dl-lab").count() == 0
    clean(page)
