"""Le « réseau entraîné dans la page » (chapitre « Le réseau convolutif avec Keras »), dans
Chromium, comme un lecteur : lancer l'entraînement, suivre les époques, arrêter, recommencer,
dessiner un chiffre et le voir lu par son propre réseau et par le CNN du projet.

Contrat testé (docs/assets/labs/train/lab.js) : racine ``data-lab="train"``, bouton
``data-lab-start``, ``data-lab-progress`` avec ``data-epoch`` et ``data-accuracy`` ; aussi
``data-lab-stop``, ``data-lab-reset``, ``data-lab-model``, ``data-lab-epochs``,
``data-lab-status``, ``data-lab-pad``, ``data-lab-reader`` et ``data-lab-project``.
"""

from __future__ import annotations

import json

import pytest

from sitetools.browser import draw_strokes

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHAPTER = "/chapitres/06_cnn_keras/"
LAB = "[data-lab='train']"
SEVEN = [[(0.1, 0.1), (0.9, 0.1), (0.45, 0.95)]]
RESOURCE_ERROR = "Failed to load resource"
EPOCH_TIMEOUT_MS = 240_000


def open_lab(page, site_url):
    page.goto(site_url + CHAPTER)
    page.wait_for_selector(f"{LAB} [data-lab-start]", timeout=30_000)
    return page.locator(LAB)


def wait_epoch(page, lab, n):
    page.wait_for_function(
        "([el, n]) => Number(el.querySelector('[data-lab-progress]').dataset.epoch) >= n"
        " || el.dataset.state === 'error'",
        arg=[lab.element_handle(), n], timeout=EPOCH_TIMEOUT_MS)
    assert lab.get_attribute("data-state") != "error", lab.locator("[data-lab-status]").text_content()
    progress = lab.locator("[data-lab-progress]")
    return int(progress.get_attribute("data-epoch")), float(progress.get_attribute("data-accuracy"))


def test_the_reader_trains_a_cnn_stops_draws_and_resets(page, site_url):
    lab = open_lab(page, site_url)
    progress = lab.locator("[data-lab-progress]")
    assert progress.get_attribute("data-epoch") == "0"
    assert progress.get_attribute("data-accuracy") == ""
    lab.locator("[data-lab-model]").select_option("cnn")
    lab.locator("[data-lab-epochs]").select_option("3")
    lab.locator("[data-lab-start]").click()

    # La page ne gèle pas pendant l'entraînement : elle répond entre deux mini-lots.
    page.wait_for_function("(el) => /mini-lot [1-9]/.test(el.textContent)",
                           arg=progress.element_handle(), timeout=120_000)
    assert lab.locator("[data-lab-start]").is_disabled()
    waited = page.evaluate("""async () => {
        const t = performance.now();
        await new Promise((r) => setTimeout(r, 0));
        return performance.now() - t; }""")
    assert waited < 2000, f"la page a mis {waited:.0f} ms à répondre pendant l'entraînement"

    epoch, accuracy = wait_epoch(page, lab, 1)
    assert epoch == 1 and 0 < accuracy <= 1
    assert lab.locator(".dl-train__line--loss").get_attribute("d").startswith("M")
    epoch, accuracy = wait_epoch(page, lab, 3)
    assert epoch == 3
    assert accuracy > 0.90, f"exactitude de test après 3 époques : {accuracy:.1%}"
    page.wait_for_function("(el) => el.dataset.state === 'trained'", arg=lab.element_handle())
    assert len(lab.locator(".dl-train__dot").all()) == 3

    # Dessiner : son propre réseau et le CNN du projet lisent le même dessin.
    pad = lab.locator("[data-lab-pad]")
    pad.scroll_into_view_if_needed()  # le laboratoire est loin dans la page : le pad doit être visible
    draw_strokes(page, pad, SEVEN)
    page.wait_for_function(
        "(el) => el.querySelector('[data-lab-reader]').dataset.prediction !== ''"
        " && el.querySelector('[data-lab-project]').dataset.prediction !== ''",
        arg=lab.element_handle(), timeout=30_000)
    mine = lab.locator("[data-lab-reader]")
    probs = json.loads(mine.get_attribute("data-probabilities"))
    assert len(probs) == 10 and abs(sum(probs) - 1) < 1e-2
    assert int(mine.get_attribute("data-prediction")) == max(range(10), key=probs.__getitem__)
    assert lab.locator("[data-lab-project]").get_attribute("data-prediction") == "7"

    # Arrêter en cours d'époque, au clavier : l'époque n'est pas comptée, l'entraînement ne reprend
    # pas seul ; le focus passe d'« Entraîner » (désactivé) à « Arrêter », puis revient.
    lab.locator("[data-lab-epochs]").select_option("2")
    lab.locator("[data-lab-start]").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("(el) => /Époque 4 sur 5\\s*:\\s*mini-lot [1-9]/.test(el.textContent)",
                           arg=progress.element_handle(), timeout=120_000)
    assert page.evaluate("document.activeElement.hasAttribute('data-lab-stop')")
    page.keyboard.press("Enter")
    page.wait_for_function("(el) => el.dataset.state === 'trained'", arg=lab.element_handle(), timeout=30_000)
    assert page.evaluate("document.activeElement.hasAttribute('data-lab-start')")
    assert "arrêté" in lab.locator("[data-lab-status]").text_content()
    page.wait_for_timeout(1500)
    assert progress.get_attribute("data-epoch") == "3"
    assert not lab.locator("[data-lab-start]").is_disabled()

    # Recommencer : poids, courbes et lecture effacés.
    lab.locator("[data-lab-reset]").click()
    assert progress.get_attribute("data-epoch") == "0"
    assert progress.get_attribute("data-accuracy") == ""
    assert lab.locator(".dl-train__dot").count() == 0
    assert lab.locator("[data-lab-reader]").get_attribute("data-prediction") == ""

    assert page.console_errors == []
    assert page.external_requests == []


def test_the_small_mlp_trains_too(page, site_url):
    lab = open_lab(page, site_url)
    lab.locator("[data-lab-model]").select_option("mlp")
    lab.locator("[data-lab-epochs]").select_option("2")
    lab.locator("[data-lab-start]").click()
    epoch, accuracy = wait_epoch(page, lab, 2)
    assert epoch == 2 and accuracy > 0.85, accuracy
    assert page.console_errors == []


def test_the_lab_cnn_computes_exactly_a_2d_convolution(page, site_url):
    """Le CNN du laboratoire est écrit en convolutions 3D d'épaisseur 1 (le moteur WebAssembly n'a
    pas le gradient des filtres 2D) : il doit calculer la même chose que son jumeau en 2D."""
    open_lab(page, site_url)
    gap = page.evaluate("""async () => {
        const { loadTf } = await import('/assets/demo/model.js');
        const { buildModel } = await import('/assets/labs/train/trainer.js');
        const tf = await loadTf();
        const lab = buildModel(tf, 'cnn');
        const twin = tf.sequential();
        twin.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 8, kernelSize: 5, activation: 'relu' }));
        twin.add(tf.layers.maxPooling2d({ poolSize: 2 }));
        twin.add(tf.layers.conv2d({ filters: 16, kernelSize: 3, activation: 'relu' }));
        twin.add(tf.layers.maxPooling2d({ poolSize: 2 }));
        twin.add(tf.layers.flatten());
        twin.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
        const weights = lab.getWeights().map((w) => (w.rank === 5 ? w.reshape(w.shape.slice(1)) : w));
        twin.setWeights(weights);
        const x = tf.randomUniform([4, 28, 28, 1], 0, 1, 'float32', 3);
        const gap = tf.max(tf.abs(tf.sub(lab.predict(x), twin.predict(x)))).dataSync()[0];
        return { gap, backend: tf.getBackend() };
    }""")
    assert gap["backend"] == "wasm"
    assert gap["gap"] < 1e-5, gap


def test_missing_training_images_give_a_french_message(page, site_url):
    page.route("**/assets/data/mnist-lab.bin", lambda route: route.fulfill(status=404, body="absent"))
    lab = open_lab(page, site_url)
    lab.locator("[data-lab-start]").click()
    page.wait_for_function("(el) => el.dataset.state === 'error'", arg=lab.element_handle(), timeout=30_000)
    status = lab.locator("[data-lab-status]").text_content()
    assert "Entraînement impossible" in status and "introuvables" in status, status
    assert not lab.locator("[data-lab-start]").is_disabled()
    assert [e for e in page.console_errors if RESOURCE_ERROR not in e] == []


def test_a_damaged_training_file_gives_a_french_message(page, site_url):
    page.route("**/assets/data/mnist-lab.bin", lambda route: route.fulfill(status=200, body=b"DLAB\x01\x04"))
    lab = open_lab(page, site_url)
    lab.locator("[data-lab-start]").click()
    page.wait_for_function("(el) => el.dataset.state === 'error'", arg=lab.element_handle(), timeout=30_000)
    assert "en-tête est incomplet" in lab.locator("[data-lab-status]").text_content()
    assert page.console_errors == []


# La liste « Réseau » : sa largeur, et celle que lui laisse sa ligne (la liste est plafonnée à 100 %).
SELECT_ROOM = """
(select) => {
  const row = select.parentElement;
  const s = getComputedStyle(row);
  return [select.getBoundingClientRect().width,
          row.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight)];
}
"""


def test_the_network_names_fit_their_list_on_a_phone(page, site_url):
    """Sur un téléphone de 360 px, la liste déroulante des réseaux prend la largeur de son plus
    long intitulé sans atteindre le bord : l'intitulé n'est pas coupé au milieu d'un mot (la liste,
    plafonnée à la largeur de sa ligne, le coupait)."""
    context = page.context.browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2,
                                               is_mobile=True, has_touch=True)
    phone = context.new_page()
    try:
        lab = open_lab(phone, site_url)
        width, room = lab.locator("[data-lab-model]").evaluate(SELECT_ROOM)
        assert width < room - 1, f"liste de {width:.0f} px pour une ligne de {room:.0f} px : intitulé coupé"
    finally:
        context.close()
