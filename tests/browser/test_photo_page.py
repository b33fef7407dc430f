"""Des photos de cahier et des nombres entiers dans la démo (issue 11), dans Chromium, sur le site
construit, comme le ferait une personne.

- photos réalistes importées (chaque papier, les deux encres : fabriquées par
  sitetools.school_photos, en 960 × 720, et les fixtures partagées de tests/fixtures/photo/) :
  le nombre lu (``data-number``) est le bon, et c'est celui du jumeau Python ;
- un nombre photographié : chaque chiffre a son image 28 × 28 et ses probabilités à la demande ;
- un nombre tracé à la souris : ``data-number`` ;
- la zone lue se change en glissant un rectangle ou au clavier, l'image se tourne de 90° ;
- une image collée (Ctrl+V) ou déposée sur le pad est lue ;
- une photo sans chiffre reçoit un message en français et aucune réponse.

Contrat (docs/assets/demo/view.js) : ``data-demo-result`` porte ``data-number`` ; la rangée
``data-demo-digits`` a un bouton ``data-demo-digit`` par chiffre ; le pad porte ``data-region`` ;
boutons ``data-demo-rotate`` et ``data-demo-autoregion`` ; champ ``data-demo-camera``.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pytest
from demo_page import DEMO, PAD, RESULT, STATUS, open_demo, plain, prediction, seen_image, status, wait_read
from PIL import Image, ImageDraw

from digitlab.demo_model.writers import check_sample
from digitlab.photo import read_photo
from digitlab.segment import digit_inputs
from sitetools.browser import draw_strokes
from sitetools.school_photos import INKS, PAPERS, far_photo, make_photo

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "photo"
UPLOAD = "[data-demo-upload]"
DIGITS = "[data-demo-digits]"
PHOTO_HINT = ".dl-demo__photohint"
#: Une photo de cahier se lit plus lentement qu'un PNG du pad : on l'attend jusqu'à 20 s.
PHOTO_READ_MS = 20_000


def number(page):
    return page.get_attribute(RESULT, "data-number")


def upload(page, name, jpeg):
    page.set_input_files(UPLOAD, files=[{"name": name, "mimeType": "image/jpeg", "buffer": jpeg}])
    return wait_read(page, PHOTO_READ_MS)


def python_number(rgb, model_reader):
    r = read_photo(rgb)
    inputs = digit_inputs(r["ink"]) if r["found"] else []
    return "".join(str(d) for d in model_reader([image for _, image in inputs])), inputs


@pytest.fixture(scope="module")
def model_reader():
    import tf_keras

    from digitlab.demo_model.paths import keras_path

    model = tf_keras.models.load_model(keras_path("cnn"), compile=False)

    def read(images):
        if not images:
            return []
        return [int(v) for v in model.predict(np.stack(images)[..., None], verbose=0).argmax(axis=1)]

    return read


@pytest.fixture(scope="module")
def phone_photos():
    """Une photo de 960 × 720 par papier et par encre, et un nombre sur Seyès (graines fixes)."""
    photos = []
    for p_i, paper in enumerate(PAPERS):
        for i_i, ink in enumerate(INKS):
            rng = np.random.default_rng([1111, p_i, i_i])
            pen = ("ballpoint", "felt")[(p_i + i_i) % 2]
            photos.append(make_photo(rng, paper, ink, pen, str((3 * p_i + 5 * i_i + 2) % 10), size=(960, 720)))
    photos.append(make_photo(np.random.default_rng([1111, 9]), "seyes", "blue", "ballpoint", "1789", size=(960, 720)))
    return photos


def fixture(name):
    doc = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    return doc, (FIXTURES / f"{name}.jpg").read_bytes()


def test_phone_photos_of_each_paper_and_ink_are_read_like_the_python_twin(page, site_url, phone_photos,
                                                                          model_reader):
    open_demo(page, site_url)
    for k, photo in enumerate(phone_photos):
        name = f"photo_{photo.paper}_{photo.ink}_{photo.pen}_{k}.jpg"
        text = upload(page, name, photo.jpeg)
        expected, inputs = python_number(photo.rgb, model_reader)
        got = number(page)
        assert got == expected, f"{name} : la page lit « {got} », le jumeau Python « {expected} »"
        assert got == photo.text, f"{name} : « {photo.text} » écrit, « {got} » lu ({text})"
        assert text.startswith(f"Image « {name} » :"), text
        if len(photo.text) == 1:
            assert prediction(page) == photo.text
            # L'image 28 × 28 affichée est celle du jumeau Python (à l'arrondi près et au décodage
            # JPEG près : Chromium et Pillow ne décodent pas tout à fait au même pixel).
            assert np.abs(seen_image(page) - inputs[0][1]).mean() < 0.02, name
        region = json.loads(page.get_attribute(PAD, "data-region"))
        x0, y0 = min(b[0] for b in photo.boxes), min(b[1] for b in photo.boxes)
        x1, y1 = max(b[2] for b in photo.boxes), max(b[3] for b in photo.boxes)
        assert region[0] <= x0 + 4 and region[1] <= y0 + 4 and region[2] >= x1 - 4 and region[3] >= y1 - 4, \
            f"{name} : la zone encadrée {region} ne contient pas l'écriture"
    assert page.console_errors == [] and page.external_requests == []


@pytest.mark.parametrize("name", sorted(p.stem for p in FIXTURES.glob("*.jpg") if "empty" not in p.stem))
def test_shared_fixture_photos(page, site_url, name):
    open_demo(page, site_url)
    doc, jpeg = fixture(name)
    upload(page, f"{name}.jpg", jpeg)
    assert number(page) == doc["text"]
    assert page.console_errors == []


def test_a_photographed_number_shows_each_digit_on_demand(page, site_url):
    open_demo(page, site_url)
    doc, jpeg = fixture("seyes_blue_ballpoint_2024")
    text = upload(page, "annee.jpg", jpeg)
    assert number(page) == "2024"
    assert plain(page.text_content(f"{RESULT} .dl-demo__label")) == "Nombre lu"
    assert "nombre 2024" in text, text
    buttons = page.locator(f"{DIGITS} [data-demo-digit]")
    assert buttons.count() == 4
    assert prediction(page) == "2"  # le premier chiffre, tant qu'on n'en choisit pas un autre
    first = seen_image(page)
    buttons.nth(3).click()
    assert prediction(page) == "4"
    assert buttons.nth(3).get_attribute("aria-pressed") == "true"
    assert buttons.nth(0).get_attribute("aria-pressed") == "false"
    probs = json.loads(page.get_attribute(RESULT, "data-probabilities"))
    assert int(np.argmax(probs)) == 4
    assert np.abs(seen_image(page) - first).max() > 0.5, "l'image 28 × 28 montrée n'a pas changé"
    assert np.allclose(seen_image(page), np.asarray(doc["expected"]["digits"][3]["image"]).reshape(28, 28), atol=0.2)
    assert "4e chiffre : le réseau lit un 4" in status(page), status(page)
    assert number(page) == "2024"  # le nombre lu ne change pas
    assert page.console_errors == []


def digit_strokes(digit, seed):
    item = next(item for item in check_sample(1, seed=seed)[1] if item["digit"] == digit)
    return [s.tolist() for s in item["strokes"]]


def test_a_number_drawn_with_the_mouse(page, site_url):
    open_demo(page, site_url)
    pad = page.locator(PAD)
    for k, digit in enumerate((2, 7, 5)):
        draw_strokes(page, pad, digit_strokes(digit, 40 + k), box=(0.04 + 0.32 * k, 0.3, 0.27))
    page.wait_for_function("s => document.querySelector(s).dataset.number.length === 3", arg=RESULT, timeout=5_000)
    assert number(page) == "275"
    assert prediction(page) == "2"
    assert page.locator(f"{DIGITS} [data-demo-digit]").count() == 3
    assert "nombre 275" in status(page)
    # Un seul chiffre : data-number et data-prediction disent la même chose, pas de rangée.
    page.click("[data-demo-clear]")
    assert number(page) == ""
    draw_strokes(page, pad, digit_strokes(7, 3), box=(0.2, 0.2, 0.6))
    page.wait_for_function("s => document.querySelector(s).dataset.number !== ''", arg=RESULT, timeout=5_000)
    assert number(page) == prediction(page) == "7"
    assert page.locator(DIGITS).is_hidden()
    assert page.console_errors == []


def screen_point(page, image_size, point):
    """Position à l'écran d'un point de l'image affichée dans le pad (même cadrage que pad.js)."""
    rect = page.locator(PAD).bounding_box()
    w, h = image_size
    k = min(0.9 * rect["width"] / w, 0.9 * rect["height"] / h)
    return (rect["x"] + (rect["width"] - w * k) / 2 + point[0] * k,
            rect["y"] + (rect["height"] - h * k) / 2 + point[1] * k)


def drag(page, start, end):
    page.mouse.move(*start)
    page.mouse.down()
    for t in np.linspace(0, 1, 8)[1:]:
        page.mouse.move(start[0] + t * (end[0] - start[0]), start[1] + t * (end[1] - start[1]))
    page.mouse.up()


def test_the_reader_chooses_the_region_and_rotates_the_photo(page, site_url):
    open_demo(page, site_url)
    doc, jpeg = fixture("squares_black_felt_59")
    upload(page, "cinquante-neuf.jpg", jpeg)
    assert number(page) == "59"
    assert page.locator("[data-demo-autoregion]").is_hidden()
    size = Image.open(io.BytesIO(jpeg)).size
    x0, y0, x1, y1 = doc["digit_boxes"][1]  # entourer le 9 seul
    drag(page, screen_point(page, size, (x0 - 10, y0 - 10)), screen_point(page, size, (x1 + 10, y1 + 10)))
    page.wait_for_function("s => document.querySelector(s).dataset.number === '9'", arg=RESULT, timeout=5_000)
    region = json.loads(page.get_attribute(PAD, "data-region"))
    assert abs(region[0] - (x0 - 10)) < 4 and abs(region[3] - (y1 + 10)) < 4, region
    assert page.locator("[data-demo-autoregion]").is_visible()
    # Au clavier : Maj + flèches agrandissent la zone, les flèches la déplacent (vers le 5, à gauche).
    page.focus(PAD)
    page.keyboard.press("Shift+ArrowRight")
    wider = json.loads(page.get_attribute(PAD, "data-region"))
    assert wider[2] > region[2] and wider[0] == region[0], (region, wider)
    page.keyboard.press("Shift+ArrowLeft")
    assert json.loads(page.get_attribute(PAD, "data-region")) == region
    step = 0.03 * max(size)
    for _ in range(round((x0 - doc["digit_boxes"][0][0]) / step)):
        page.keyboard.press("ArrowLeft")
    moved = json.loads(page.get_attribute(PAD, "data-region"))
    assert moved[0] < region[0] and moved[2] - moved[0] == region[2] - region[0], (region, moved)
    assert number(page).startswith("5"), number(page)
    # Une zone vide : rien n'est lu, et la page le dit.
    drag(page, screen_point(page, size, (2, 2)), screen_point(page, size, (40, 30)))
    page.wait_for_function("s => document.querySelector(s).dataset.number === ''", arg=RESULT, timeout=5_000)
    assert prediction(page) == ""
    assert "rien à lire dans la zone choisie" in status(page), status(page)
    page.click("[data-demo-autoregion]")
    assert number(page) == "59"
    upright = json.loads(page.get_attribute(PAD, "data-region"))
    # Un quart de tour : la photo est vraiment tournée (la zone trouvée n'est plus la même) ;
    # quatre quarts de tour la ramènent telle qu'elle était.
    page.click("[data-demo-rotate]")
    wait_read(page, PHOTO_READ_MS)
    turned = number(page)
    quarter = json.loads(page.get_attribute(PAD, "data-region"))
    assert quarter != upright, f"un quart de tour n'a rien changé : zone {quarter}, lu « {turned} »"
    for _ in range(3):
        page.click("[data-demo-rotate]")
        wait_read(page, PHOTO_READ_MS)
    assert number(page) == "59", f"après quatre quarts de tour : « {number(page)} » (un quart : « {turned} »)"
    back = json.loads(page.get_attribute(PAD, "data-region"))
    assert max(abs(a - b) for a, b in zip(back, upright)) <= 2, (upright, back)
    assert page.console_errors == []


DISPATCH = """async ([kind, name, b64]) => {
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const data = new DataTransfer();
  data.items.add(new File([bytes], name, { type: 'image/jpeg' }));
  const pad = document.querySelector('[data-demo-pad]');
  if (kind === 'paste') {
    pad.focus();
    pad.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  } else {
    for (const type of ['dragenter', 'dragover', 'drop']) {
      pad.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
    }
  }
}"""


@pytest.mark.parametrize("kind", ["paste", "drop"])
def test_paste_or_drop_a_photo(page, site_url, kind):
    import base64

    open_demo(page, site_url)
    doc, jpeg = fixture("blank_blue_ballpoint_3")
    page.evaluate(DISPATCH, [kind, f"{kind}.jpg", base64.b64encode(jpeg).decode()])
    text = wait_read(page, PHOTO_READ_MS)
    assert text.startswith(f"Image « {kind}.jpg » :"), text
    assert number(page) == doc["text"]
    assert page.console_errors == []


def test_paste_outside_the_demo_goes_to_it_but_not_from_a_text_field(page, site_url):
    import base64

    open_demo(page, site_url)
    before = status(page)
    doc, jpeg = fixture("squares_blue_ballpoint_2")
    paste = """([b64, where]) => {
      const data = new DataTransfer();
      data.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], 'x.jpg', { type: 'image/jpeg' }));
      let target = document.body;
      if (where === 'field') {
        target = document.createElement('input');
        document.body.append(target);
        target.focus();
      }
      const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
      target.dispatchEvent(event);
      return event.defaultPrevented;
    }"""
    b64 = base64.b64encode(jpeg).decode()
    # Coller dans un champ de saisie de la page : le collage lui reste.
    assert page.evaluate(paste, [b64, "field"]) is False
    page.wait_for_timeout(300)
    assert status(page) == before and number(page) == ""
    # Coller ailleurs dans la page : l'image va à la démo.
    assert page.evaluate(paste, [b64, "body"]) is True
    wait_read(page, PHOTO_READ_MS)
    assert number(page) == doc["text"]
    assert page.console_errors == []


@pytest.mark.parametrize("name", ["seyes_empty_page", "blank_empty_page_shadow"])
def test_a_photo_without_a_digit_gets_a_french_message_and_no_answer(page, site_url, name):
    """Une page sans chiffre : « aucun chiffre n'a été trouvé… », et la photo reste montrée, pour
    qu'on puisse entourer un chiffre que la page n'aurait pas vu (écrit trop fin ou de trop loin)."""
    open_demo(page, site_url)
    _, jpeg = fixture(name)
    text = upload(page, "vide.jpg", jpeg)
    assert text.startswith("Image « vide.jpg » : aucun chiffre n'a été trouvé sur cette photo"), text
    assert number(page) == "" and prediction(page) == ""
    assert page.locator(PAD).get_attribute("aria-label").startswith("Photo importée")
    # Pas de cadre orange : l'aide n'en parle pas, elle dit d'entourer le chiffre.
    hint = plain(page.inner_text(PHOTO_HINT))
    assert hint.startswith("La page n'a trouvé aucune écriture") and "cadre orange" not in hint, hint
    # Une zone choisie où il n'y a rien : pas de « Zone trouvée » où revenir, ni de bouton pour y aller.
    size = Image.open(io.BytesIO(jpeg)).size
    drag(page, screen_point(page, size, (size[0] * 0.4, size[1] * 0.4)),
         screen_point(page, size, (size[0] * 0.55, size[1] * 0.55)))
    page.wait_for_function("s => document.querySelector(s).dataset.region !== undefined", arg=PAD, timeout=5_000)
    page.wait_for_function("s => /rien à lire dans la zone choisie/i.test(document.querySelector(s).textContent)",
                           arg=STATUS, timeout=PHOTO_READ_MS)
    assert "Zone trouvée" not in status(page), status(page)
    assert page.locator("[data-demo-autoregion]").is_hidden()
    assert plain(page.inner_text(PHOTO_HINT)).startswith("Le cadre orange montre la zone lue")
    assert number(page) == "" and prediction(page) == ""
    assert page.console_errors == []


def tiny_digit_photo():
    """Une feuille blanche de 800 × 600 avec un 7 minuscule (14 pixels de haut)."""
    img = Image.new("RGB", (800, 600), (236, 232, 220))
    d = ImageDraw.Draw(img)
    d.line([(400, 300), (410, 300), (403, 314)], fill=(30, 40, 120), width=2)
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=85)
    return buf.getvalue()


def test_a_digit_too_small_to_read_is_not_answered(page, site_url):
    open_demo(page, site_url)
    text = upload(page, "loin.jpg", tiny_digit_photo())
    assert text.startswith("Image « loin.jpg » : aucun chiffre n'a été trouvé"), text
    assert number(page) == "" and prediction(page) == ""
    assert page.locator(PAD).get_attribute("aria-label").startswith("Photo importée")
    assert page.console_errors == []


@pytest.mark.parametrize(("paper", "n"), [("seyes", 8), ("squares", 6), ("blank", 2), ("squares", 5)])
def test_a_digit_photographed_from_afar_is_read_once_the_reader_surrounds_it(page, site_url, paper, n):
    """Un chiffre sur une page entière (3 % de la hauteur d'une photo de 1 600 pixels) : la démo ne le
    trouve pas seule et demande de l'entourer. Dans la photo réduite à 640 pixels, il n'a que 14 pixels
    de haut et se lisait mal (un 9 lu 7, un 0 lu 1) ; la zone entourée est relue de plus près, dans la
    photo décodée, et il est lu juste. Les deux derniers, au stylo bille, ont un trait si fin que la
    page n'y voit d'abord aucune encre : elle montre la photo quand même (elle la disait vide, sans
    rien à entourer)."""
    photo = far_photo(4242, paper, 0.03, n)
    open_demo(page, site_url)
    text = upload(page, "page-entiere.jpg", photo.jpeg)
    assert text.startswith("Image « page-entiere.jpg » : aucun chiffre n'a été trouvé"), text
    size = Image.open(io.BytesIO(photo.jpeg)).size
    x0, y0, x1, y1 = photo.boxes[0]
    margin = 0.3 * max(x1 - x0, y1 - y0)
    drag(page, screen_point(page, size, (x0 - margin, y0 - margin)),
         screen_point(page, size, (x1 + margin, y1 + margin)))
    page.wait_for_function("s => document.querySelector(s).dataset.number !== ''", arg=RESULT, timeout=PHOTO_READ_MS)
    assert number(page) == photo.text, f"écrit « {photo.text} », lu « {number(page)} »"
    # La page n'avait rien trouvé seule : « Zone trouvée » n'aurait rien où revenir.
    assert page.locator("[data-demo-autoregion]").is_hidden()
    assert page.console_errors == []


def test_the_camera_button_is_offered_on_a_phone_only(browser, site_url):
    for mobile in (False, True):
        options = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True} if mobile else {}
        context = browser.new_context(**options)
        page = context.new_page()
        page.goto(f"{site_url}/demo/")
        camera = page.locator("[data-demo-camera]")
        assert camera.get_attribute("capture") == "environment"
        assert camera.get_attribute("accept") == "image/*"
        label = page.locator(f"label[for='{camera.get_attribute('id')}']")
        assert plain(label.text_content()) == "Prendre une photo"
        assert label.is_visible() == mobile
        context.close()


def test_the_demo_page_explains_the_photo_steps_with_pictures_and_measures(page, site_url):
    page.goto(f"{site_url}/demo/")
    images = page.locator("img[src*='assets/demo/photo/']")
    assert images.count() == 6
    for k in range(6):
        img = images.nth(k)
        assert len(img.get_attribute("alt")) > 30, "chaque image est décrite en français"
        assert page.evaluate("el => el.complete && el.naturalWidth > 0", img.element_handle())
    page.wait_for_function("() => document.querySelector('[data-photo-benchmark]').dataset.filled === 'true' "
                           "&& !document.querySelector('[data-photo-benchmark]').textContent.includes("
                           "'s\\'afficheront')", timeout=10_000)
    text = plain(page.text_content("[data-photo-benchmark]"))
    assert text.startswith("Mesuré sur") and "Seyès" in text and "%" in text, text
    assert "Pages bombées d'un cahier ouvert" in text, text
    assert "Chiffres pris de loin, qui n'occupent que 15 %, 8 %, 5 % et 3 % de la hauteur" in text, text
    assert "Un rectangle de même taille tracé à côté, sur le papier vide, ne fait rien lire dans" in text, text
    assert page.console_errors == [] and page.external_requests == []


def test_the_region_can_be_chosen_with_a_finger(browser, site_url):
    """Sur un téléphone : le rectangle se trace au doigt (événements tactiles), la page ne défile pas."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=3,
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{site_url}/demo/")
    page.wait_for_selector(f"{DEMO}[data-state='ready']", timeout=30_000)
    doc, jpeg = fixture("squares_black_felt_59")
    upload(page, "doigt.jpg", jpeg)
    assert number(page) == "59"
    page.locator(PAD).scroll_into_view_if_needed()
    scroll_before = page.evaluate("window.scrollY")
    size = Image.open(io.BytesIO(jpeg)).size
    x0, y0, x1, y1 = doc["digit_boxes"][0]  # entourer le 5 seul
    start = screen_point(page, size, (x0 - 10, y0 - 10))
    end = screen_point(page, size, (x1 + 10, y1 + 10))
    cdp = context.new_cdp_session(page)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": start[0], "y": start[1]}]})
    for t in np.linspace(0, 1, 8)[1:]:
        point = {"x": start[0] + t * (end[0] - start[0]), "y": start[1] + t * (end[1] - start[1])}
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [point]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    page.wait_for_function("s => document.querySelector(s).dataset.number === '5'", arg=RESULT, timeout=5_000)
    assert page.evaluate("window.scrollY") == scroll_before
    assert errors == []
    context.close()
