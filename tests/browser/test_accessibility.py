"""Accessibilité : chaque page passe les règles WCAG 2.1 niveaux A et AA d'axe-core (contrastes,
liens repérables sans la couleur, zones qui défilent accessibles au clavier, noms des dialogues,
en-têtes de tableau, textes alternatifs…), en thème clair sur grand écran et en thème sombre sur
téléphone, puis la démo et le labo de convolution une fois qu'on s'en est servi.

axe-core est une dépendance de développement npm (``npm ci``) : le test lit
``node_modules/axe-core/axe.min.js`` et l'injecte dans la page ; le site ne le sert jamais. La
politique de sécurité du site refuse tout script en ligne : ce contexte l'ignore (``bypass_csp``),
le temps de l'audit.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from demo_page import DEMO, PAD, SEVEN, wait_prediction
from site_page import open_page, search, site_pages

from sitetools.browser import draw_strokes

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
LAB = "[data-lab='convolution']"


@pytest.fixture(scope="module")
def axe_source():
    if not AXE.exists():
        message = f"axe-core introuvable ({AXE}) : lancez « npm ci » à la racine du dépôt."
        if os.environ.get("CI"):
            pytest.fail(message + " (variable CI définie : l'audit est obligatoire)", pytrace=False)
        pytest.skip(message)
    return AXE.read_text(encoding="utf-8")


def audit(page, axe_source, where: str) -> list[str]:
    """Les violations d'axe-core sur la page telle qu'elle est, une ligne par règle."""
    page.add_script_tag(content=axe_source)
    violations = page.evaluate(
        """tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
                 .then(r => r.violations.map(v => ({id: v.id, help: v.help,
                       nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3), count: v.nodes.length})))""",
        WCAG)
    return [f"{where} : {v['id']} ({v['help']}) ×{v['count']}, par exemple {v['nodes']}" for v in violations]


@pytest.fixture
def audit_context(browser):
    contexts = []

    def make(**options):
        context = browser.new_context(locale="fr-FR", bypass_csp=True, **options)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.mark.parametrize("viewport, scheme", [({"width": 1280, "height": 900}, "light"),
                                              ({"width": 390, "height": 844}, "dark")],
                         ids=["ordinateur-clair", "telephone-sombre"])
def test_every_page_passes_axe(audit_context, axe_source, built_site, site_url, viewport, scheme):
    page = audit_context(viewport=viewport, color_scheme=scheme, is_mobile=viewport["width"] < 500,
                         has_touch=viewport["width"] < 500)
    pages = site_pages(built_site)
    assert len(pages) >= 10, pages
    problems = []
    for relative in pages:
        open_page(page, f"{site_url}/{relative}")
        expected = "slate" if scheme == "dark" else "default"
        assert page.evaluate("document.body.dataset.mdColorScheme") == expected
        problems += audit(page, axe_source, relative or "accueil")
    assert not problems, "\n".join(problems)


def test_the_demo_and_a_lab_in_use_pass_axe(audit_context, axe_source, site_url):
    """Ce qui n'apparaît qu'à l'usage : chiffre lu, confiance, barres, intérieur du réseau ;
    dans le labo, les cartes remplies et l'explication d'un pixel."""
    page = audit_context(viewport={"width": 1280, "height": 900})
    page.goto(f"{site_url}/demo/")
    page.wait_for_selector(f"{DEMO}[data-state='ready']", timeout=30_000)
    draw_strokes(page, page.locator(PAD), SEVEN)
    assert wait_prediction(page) == "7"
    page.click("[data-demo-box]")
    page.wait_for_selector(".dl-demo__box:not([hidden]) canvas")
    problems = audit(page, axe_source, "démo, après un 7, boîte ouverte")

    page.goto(f"{site_url}/chapitres/04_convolution/")
    lab = page.locator(LAB)
    page.wait_for_selector(f"{LAB}[data-state='ready']", timeout=10_000)
    pad = lab.locator(PAD)
    pad.scroll_into_view_if_needed()  # une fois le labo monté : avant, il est plus court
    draw_strokes(page, pad, SEVEN)
    output = lab.locator("[data-lab-output]")
    output.scroll_into_view_if_needed()
    box = output.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_function("e => e.dataset.row !== undefined",
                           arg=lab.locator("[data-lab-explain]").element_handle(), timeout=1000)
    problems += audit(page, axe_source, "labo de convolution, après un 7 et un pixel choisi")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_search_with_a_proposed_word_passes_axe(audit_context, axe_source, site_url, scheme):
    """La recherche ouverte, sans résultat, avec la phrase « Vouliez-vous dire : convolution ? »."""
    page = audit_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page.goto(f"{site_url}/")
    search(page, "convoluton")
    page.wait_for_selector("[data-search-suggest] [data-suggestion]", timeout=5000)
    problems = audit(page, axe_source, f"recherche « convoluton », thème {scheme}")
    assert not problems, "\n".join(problems)
