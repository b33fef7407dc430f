"""La démo face à des entrées abîmées, hostiles ou mal synchronisées (issue 13), dans Chromium,
sur le site construit : JPEG tronqué ou « bombe », import qui finit pendant un tracé, encre hors
du pad, Annuler après un import, encre blanche sur fond transparent, PNG suivi d'octets en trop,
modèle qui ne vient pas, erreurs imprévues, noms de fichiers très longs, type inconnu.
"""

from __future__ import annotations

import io

import numpy as np
import pytest
from demo_page import (
    DEMO,
    ONE,
    PAD,
    STATUS,
    draw,
    open_demo,
    plain,
    png_bytes,
    prediction,
    seen_image,
    status,
    wait_prediction,
    wait_read,
)
from PIL import Image

from sitetools.browser import densify, press_along, stroke_points
from sitetools.school_photos import full_resolution_photo

pytestmark = pytest.mark.browser

UPLOAD = "[data-demo-upload]"
REDO = "[data-demo-redo]"
RETRY = "[data-demo-retry]"
DAMAGED = "n'est pas une image lisible (le fichier semble abîmé)"


def digit_one(height=120, width=90, dark_on_light=False):
    """Un « 1 » : une barre verticale, clair sur sombre (ou sombre sur clair)."""
    img = np.zeros((height, width), np.uint8)
    img[height // 6: height - height // 6, width // 2 - 5: width // 2 + 5] = 255
    return 255 - img if dark_on_light else img


def digit_seven(size=120):
    img = np.zeros((size, size), np.uint8)
    img[20:32, 20:100] = 255
    for y in range(32, 105):  # la jambe, en diagonale
        x = int(100 - (y - 32) * 0.6)
        img[y, x - 6: x + 6] = 255
    return img


def jpeg_bytes(array, **options):
    buf = io.BytesIO()
    Image.fromarray(array).convert("RGB").save(buf, format="JPEG", quality=90, **options)
    return buf.getvalue()


def choose_file(page, name, content, mime="image/png"):
    """Choisit un fichier dans le champ d'import, sans attendre la fin de sa lecture."""
    page.set_input_files(UPLOAD, files=[{"name": name, "mimeType": mime, "buffer": content}])


def import_file(page, name, content, mime="image/png"):
    choose_file(page, name, content, mime)
    return wait_read(page)


def demo_js(page, expression):
    return page.evaluate(f"() => {{ const demo = document.querySelector('{DEMO}').demo; return {expression}; }}")


# 1. JPEG tronqué ----------------------------------------------------------------------------

@pytest.mark.parametrize("progressive", [False, True])
def test_truncated_jpeg_is_called_damaged(page, site_url, progressive):
    open_demo(page, site_url)
    whole = jpeg_bytes(digit_one(dark_on_light=True), progressive=progressive)
    assert import_file(page, "entier.jpg", whole, "image/jpeg").startswith("Image « entier.jpg » :")
    text = import_file(page, "moitie.jpg", whole[: len(whole) // 2], "image/jpeg")
    assert text == f"« moitie.jpg » {DAMAGED}. Formats acceptés : PNG, JPEG ou WebP."
    assert page.get_attribute(STATUS, "data-kind") == "error"
    assert page.console_errors == []


# 2. JPEG « bombe » : la trame après plus de 1 Mio de métadonnées ------------------------------

COUNT_DECODES = """(() => {
  window.__decodes = 0;
  const bitmap = window.createImageBitmap;
  window.createImageBitmap = function (...args) { window.__decodes += 1; return bitmap.apply(this, args); };
  const decode = HTMLImageElement.prototype.decode;
  HTMLImageElement.prototype.decode = function (...args) { window.__decodes += 1; return decode.apply(this, args); };
})()"""


def hostile_jpeg(side=20_000, segments=20):
    """Un petit JPEG dont l'en-tête de trame annonce side × side pixels, placé derrière
    ``segments`` segments de métadonnées de 64 Kio."""
    small = bytearray(jpeg_bytes(digit_one()))
    i = 2
    while small[i + 1] not in (0xC0, 0xC2):
        i += 2 + int.from_bytes(small[i + 2: i + 4], "big")
    small[i + 5: i + 9] = side.to_bytes(2, "big") * 2
    metadata = (b"\xff\xef" + (65535).to_bytes(2, "big") + bytes(65533)) * segments
    return bytes(small[:2]) + metadata + bytes(small[2:])


def test_hostile_jpeg_is_refused_without_decoding(page, site_url):
    page.add_init_script(COUNT_DECODES)
    open_demo(page, site_url)
    draw(page, ONE, (0.2, 0.2, 0.6))
    before = wait_prediction(page)
    text = import_file(page, "bombe.jpg", hostile_jpeg(), "image/jpeg")
    assert text.startswith("Image trop grande : 400 mégapixels (20 000 × 20 000). Le maximum est de 50 mégapixels")
    assert page.evaluate("window.__decodes") == 0, "le fichier a été décodé avant d'être refusé"
    assert prediction(page) == before  # le dessin est toujours là
    assert page.console_errors == []


def test_a_full_resolution_phone_photo_is_read_not_refused(page, site_url):
    """Une photo de 24,5 mégapixels, la définition par défaut des iPhone depuis le 15 : refusée
    quand la limite était de 20 mégapixels, elle est lue (la bombe de 400 mégapixels, elle, reste
    refusée sans être décodée : test ci-dessus)."""
    open_demo(page, site_url)
    text = import_file(page, "IMG_0042.jpg", full_resolution_photo(4284, 5712, text="7"), "image/jpeg")
    assert text.startswith("Image « IMG_0042.jpg » : le réseau lit un 7"), text
    assert page.console_errors == []


# 3. Générations : un import lent ne remplace ni un tracé commencé, ni un import plus récent ----

# Retarde le décodage des fichiers nommés dans window.__slow (nom → millisecondes).
SLOW_DECODE = """(() => {
  window.__slow = {};
  const bitmap = window.createImageBitmap;
  window.createImageBitmap = async function (source, ...rest) {
    const result = await bitmap.call(this, source, ...rest);
    const ms = window.__slow[source && source.name] || 0;
    if (ms) await new Promise((resolve) => setTimeout(resolve, ms));
    return result;
  };
})()"""


def test_slow_upload_does_not_wipe_a_drawing_in_progress(page, site_url):
    page.add_init_script(SLOW_DECODE)
    rect = open_demo(page, site_url)
    page.evaluate("window.__slow['lent.png'] = 1500")
    choose_file(page, "lent.png", png_bytes(digit_seven()))
    press_along(page, stroke_points(rect, ONE[0], box=(0.2, 0.2, 0.6)))  # stylo posé
    page.wait_for_timeout(2500)  # le décodage de lent.png a fini pendant le tracé
    assert demo_js(page, "demo.pad.strokes.length") == 1, "le tracé en cours a été effacé"
    assert demo_js(page, "demo.pad.image === null")
    page.mouse.up()
    assert wait_prediction(page) == "1"
    page.wait_for_timeout(300)
    assert "lent.png" not in status(page)
    assert page.console_errors == []


def test_older_upload_never_overwrites_a_newer_one(page, site_url):
    page.add_init_script(SLOW_DECODE)
    open_demo(page, site_url)
    page.evaluate("window.__slow['a_lent.png'] = 1500")
    choose_file(page, "a_lent.png", png_bytes(digit_seven()))
    text = import_file(page, "b_rapide.png", png_bytes(digit_one()))
    assert text.startswith("Image « b_rapide.png » :")
    page.wait_for_timeout(2500)  # a_lent.png a fini de se décoder
    assert status(page) == text
    assert prediction(page) == "1"
    assert page.console_errors == []


# 4. L'encre tracée hors du pad n'arrive pas au modèle -----------------------------------------

def test_ink_outside_the_pad_is_not_read(page, site_url):
    open_demo(page, site_url)
    draw(page, ONE, (0.3, 0.1, 0.8))
    assert wait_prediction(page) == "1"
    alone = seen_image(page)
    # Un trait qui part du bord droit et boucle hors du pad (le pointeur reste capturé par le pad).
    rect = page.locator(PAD).bounding_box()  # après l'affichage du résultat : le pad a pu changer de taille
    x0, y0, w = rect["x"], rect["y"], rect["width"]
    viewport = page.viewport_size
    right = min(x0 + 1.6 * w, viewport["width"] - 5)
    bottom = min(y0 + 1.2 * w, viewport["height"] - 5)
    loop = densify([(x0 + 0.995 * w, y0 + 0.3 * w), (right, y0 + 0.3 * w), (x0 + 1.05 * w, y0 + 0.6 * w),
                    (right, bottom), (x0 + 1.05 * w, bottom)])
    press_along(page, loop)
    page.mouse.up()
    page.wait_for_timeout(300)
    assert np.array_equal(seen_image(page), alone), "de l'encre invisible, hors du pad, a été lue"
    assert prediction(page) == "1"
    assert page.console_errors == []


# 5. Annuler après un import parle de l'image et permet de la remettre --------------------------

def test_undo_after_upload_speaks_of_the_image_and_can_restore_it(page, site_url):
    open_demo(page, site_url)
    assert page.locator(REDO).is_hidden()
    text = import_file(page, "un.png", png_bytes(digit_one()))
    read = prediction(page)
    assert read == "1"
    page.click("[data-demo-undo]")
    assert status(page) == "Image « un.png » retirée : le pad est vide. « Remettre l'image » la fait revenir."
    assert prediction(page) == ""
    assert page.locator(REDO).is_visible()
    assert plain(page.locator(REDO).inner_text()) == "Remettre l'image"
    page.click(REDO)
    assert prediction(page) == read
    assert status(page) == text
    assert page.locator(REDO).is_hidden()
    # Une fois qu'on dessine, il n'y a plus d'image à remettre.
    page.click("[data-demo-undo]")
    draw(page, ONE, (0.2, 0.2, 0.6))
    wait_prediction(page)
    assert page.locator(REDO).is_hidden()
    assert page.console_errors == []


# 6. Encre blanche sur fond transparent -------------------------------------------------------

def test_white_ink_on_transparent_background(page, site_url):
    open_demo(page, site_url)
    alpha = digit_one()
    for name, color in (("craie.png", 255), ("encre.png", 0)):
        rgba = np.zeros((*alpha.shape, 4), np.uint8)
        rgba[..., :3] = color
        rgba[..., 3] = alpha  # l'encre est opaque, le fond transparent
        text = import_file(page, name, png_bytes(rgba))
        assert text.startswith(f"Image « {name} » :"), text
        assert prediction(page) == "1"
    assert page.console_errors == []


# 7. PNG suivi d'octets en trop ----------------------------------------------------------------

def test_png_with_trailing_bytes_is_accepted(page, site_url):
    open_demo(page, site_url)
    text = import_file(page, "queue.png", png_bytes(digit_one()) + bytes(64) + b"octets en trop")
    assert text.startswith("Image « queue.png » :"), text
    assert prediction(page) == "1"
    assert page.console_errors == []


# 8. Un modèle qui ne vient pas ----------------------------------------------------------------

def test_stalled_model_load_times_out_and_can_be_retried(page, site_url):
    held = []
    page.route("**/models/cnn/model.json", lambda route: held.append(route))
    page.clock.install()
    open_demo(page, site_url, ready=False)
    page.wait_for_function("() => document.querySelector('[data-demo-status]').textContent.length > 0")
    assert status(page).startswith("Chargement du modèle")
    for _ in range(50):
        if held:
            break
        page.wait_for_timeout(100)
    assert len(held) == 1
    page.clock.fast_forward(61_000)  # une minute sans réponse
    page.wait_for_selector(f"{RETRY}:visible", timeout=5_000)
    stalled = ("Le modèle tarde à se charger (connexion lente ou coupée ?) : vous pouvez "
               "toujours dessiner. « Réessayer » relance son chargement.")
    assert status(page) == stalled
    assert page.get_attribute(STATUS, "data-kind") == "error"
    assert page.get_attribute(DEMO, "data-state") == "loading"  # la première requête peut encore aboutir
    # Le dessin marche toujours, et le message reste.
    draw(page, ONE, (0.2, 0.2, 0.6))
    page.wait_for_timeout(300)
    assert seen_image(page).max() == 1.0
    assert prediction(page) == ""
    assert status(page) == stalled
    page.click(RETRY)
    for _ in range(50):
        if len(held) == 2:
            break
        page.wait_for_timeout(100)
    assert len(held) == 2, "Réessayer n'a pas relancé le chargement du modèle"
    held[1].continue_()
    page.wait_for_selector(f"{DEMO}[data-state='ready']", timeout=30_000)
    assert wait_prediction(page, 10_000) == "1"  # le dessin fait pendant l'attente est lu
    assert page.locator(RETRY).is_hidden()
    assert status(page).startswith("Le réseau lit un 1")
    held[0].abort()
    assert [e for e in page.console_errors if "Failed to load resource" not in e] == []


def test_late_answer_after_the_timeout_still_makes_the_demo_ready(page, site_url):
    held = []
    page.route("**/models/cnn/model.json", lambda route: held.append(route))
    page.clock.install()
    open_demo(page, site_url, ready=False)
    for _ in range(50):
        if held:
            break
        page.wait_for_timeout(100)
    page.clock.fast_forward(61_000)
    page.wait_for_selector(f"{RETRY}:visible", timeout=5_000)
    held[0].continue_()  # la première requête finit par aboutir, sans « Réessayer »
    page.wait_for_selector(f"{DEMO}[data-state='ready']", timeout=30_000)
    assert page.locator(RETRY).is_hidden()
    assert status(page).startswith("Modèle prêt.")
    assert page.console_errors == []


# 9. Erreurs imprévues : en français, sans texte d'exception anglais ---------------------------

BROKEN_BACKEND = """(() => {
  delete globalThis.WebAssembly;
  globalThis.tf = {
    setBackend: () => { throw new Error('Backend exploded while initializing'); },
    ready: async () => {},
    getBackend: () => 'cpu',
  };
})()"""


def test_unexpected_load_failure_is_french_and_not_called_a_reading(page, site_url):
    page.add_init_script(BROKEN_BACKEND)
    open_demo(page, site_url, ready=False)
    page.wait_for_selector(f"{DEMO}[data-state='error']", timeout=30_000)
    text = status(page)
    assert "exploded" not in text and "Backend" not in text, text
    assert "lecture" not in text.split(":")[0], text  # un échec de chargement n'est pas une « lecture »
    assert text.startswith("Le modèle n'a pas pu être chargé"), text
    draw(page, ONE, (0.2, 0.2, 0.6))
    page.wait_for_timeout(300)
    assert seen_image(page).max() == 1.0


BROKEN_CANVAS = """() => {
  CanvasRenderingContext2D.prototype.getImageData = function () {
    throw new TypeError("Cannot read properties of undefined (reading 'data')");
  };
}"""


def test_unexpected_error_while_reading_is_french(page, site_url):
    open_demo(page, site_url)
    page.evaluate(BROKEN_CANVAS)
    draw(page, ONE, (0.2, 0.2, 0.6))
    page.wait_for_selector(f"{STATUS}[data-kind='error']", timeout=5_000)
    text = status(page)
    assert "Cannot read" not in text and "undefined" not in text, text
    assert text.startswith("Erreur inattendue"), text


def test_demo_that_cannot_start_says_so_in_french(page, site_url):
    page.add_init_script("delete window.ResizeObserver;")
    page.goto(f"{site_url}/demo/")
    page.wait_for_function("() => document.querySelector('[data-demo]').textContent.length > 0")
    text = plain(page.text_content(DEMO))
    assert text.startswith("La démo n'a pas pu démarrer"), text
    assert "ResizeObserver" not in text and "defined" not in text, text


# 10. Noms très longs, type « application/octet-stream » ---------------------------------------

def test_long_file_names_are_shortened(page, site_url):
    open_demo(page, site_url)
    long = "photo_du_cahier_de_mathematiques_de_Lea_" * 5 + "page_12.png"
    text = import_file(page, long, png_bytes(digit_one()))
    name = text.split("«")[1].split("»")[0].strip()
    assert len(name) <= 40 and "…" in name and name.endswith("page_12.png"), name
    assert long not in text
    error = import_file(page, "notes_" * 30 + ".txt", b"pas une image", "text/plain")
    assert len(error) < 120, error
    assert page.console_errors == []


def test_octet_stream_image_is_judged_by_its_bytes(page, site_url):
    open_demo(page, site_url)
    text = import_file(page, "chiffre", png_bytes(digit_one()), "application/octet-stream")
    assert text.startswith("Image « chiffre » :"), text
    assert prediction(page) == "1"
    text = import_file(page, "notes.bin", b"ceci n'est pas une image", "application/octet-stream")
    assert text == "« notes.bin » n'est pas une image lisible. Formats acceptés : PNG, JPEG ou WebP."
    assert page.console_errors == []
