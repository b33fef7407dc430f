"""Le site construit, ouvert dans Chromium : chaque page sans erreur ni requête vers un autre
hôte, des formules vraiment mises en forme, des notebooks vraiment téléchargeables."""

from __future__ import annotations

import json

import pytest
from site_page import SEARCH_RESULTS, WAIT_FOR_MATHJAX, open_page, search, site_pages

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# État de la mise en forme des formules dans la page.
MATH_REPORT = """
() => {
  const rendered = (root) => [...root.querySelectorAll("mjx-container")]
    .filter((m) => m.getBoundingClientRect().width > 0 || m.closest("details:not([open])"));
  // Le texte d'un élément, formules mises en forme retirées : il ne doit plus rester de TeX.
  const rawText = (element) => {
    const copy = element.cloneNode(true);
    copy.querySelectorAll("mjx-container").forEach((m) => m.remove());
    return copy.textContent;
  };
  const arithmatex = [...document.querySelectorAll(".arithmatex")];
  const notebook = [...document.querySelectorAll(".jp-RenderedMarkdown")];
  return {
    arithmatex: arithmatex.length,
    arithmatexRendered: arithmatex.filter((e) => rendered(e).length > 0).length,
    arithmatexRaw: arithmatex.map(rawText).filter((t) => /\\\\[(\\[]|\\$/.test(t)),
    notebookRendered: notebook.reduce((n, e) => n + rendered(e).length, 0),
    notebookRaw: notebook.map(rawText).filter((t) => /\\$[^$]+\\$/.test(t)),
    errors: document.querySelectorAll("mjx-merror").length,
  };
}
"""


def test_every_page_without_console_error_or_external_request(page, built_site, site_url):
    pages = site_pages(built_site)
    assert len(pages) >= 6, f"trop peu de pages trouvées : {pages}"
    problems = []
    for relative in pages:
        errors_before = len(page.console_errors)
        requests_before = len(page.external_requests)
        open_page(page, f"{site_url}/{relative}")
        problems += [f"/{relative} : erreur console : {e}"
                     for e in page.console_errors[errors_before:]]
        problems += [f"/{relative} : requête vers un autre hôte : {r}"
                     for r in page.external_requests[requests_before:]]
    assert not problems, "\n".join(problems)


def test_formulas_are_typeset(page, built_site, site_url):
    """Sur chaque page : aucune erreur TeX, aucune formule laissée en TeX brut ; et au moins une
    formule réellement rendue dans une page Markdown et dans un notebook."""
    markdown_rendered = notebook_rendered = 0
    problems = []
    for relative in site_pages(built_site):
        open_page(page, f"{site_url}/{relative}")
        report = page.evaluate(MATH_REPORT)
        where = f"/{relative}"
        if report["errors"]:
            problems.append(f"{where} : {report['errors']} erreur(s) TeX (mjx-merror)")
        if report["arithmatexRendered"] != report["arithmatex"] or report["arithmatexRaw"]:
            problems.append(f"{where} : formules Markdown non rendues : {report}")
        if report["notebookRaw"]:
            problems.append(f"{where} : TeX resté brut dans le notebook : {report['notebookRaw']}")
        markdown_rendered += report["arithmatexRendered"]
        notebook_rendered += report["notebookRendered"]
    assert not problems, "\n".join(problems)
    assert markdown_rendered > 0, "aucune formule rendue dans les pages Markdown (l'accueil en a)"
    assert notebook_rendered > 0, "aucune formule rendue dans les notebooks (le chapitre 1 en a)"
    assert not page.console_errors, page.console_errors
    assert not page.external_requests, page.external_requests


def test_chapters_download_as_notebooks(page, built_site, site_url, tmp_path):
    """Chaque chapitre offre deux téléchargements : le notebook complet et la version élève."""
    chapters = [p for p in site_pages(built_site) if p.startswith("chapitres/")]
    assert chapters, "aucun chapitre dans le site"
    for relative in chapters:
        open_page(page, f"{site_url}/{relative}")
        names = {}
        for kind, label in (("complet", "Notebook complet"), ("eleve", "Version élève")):
            link = page.locator(f"a.digitlab-notebook[data-notebook='{kind}']")
            assert link.count() == 1, f"/{relative} : bouton « {label} » absent"
            assert label in link.inner_text()
            with page.expect_download() as download_info:
                link.click()
            download = download_info.value
            assert download.suggested_filename.endswith(".ipynb"), download.suggested_filename
            saved = tmp_path / download.suggested_filename
            download.save_as(saved)
            notebook = json.loads(saved.read_text(encoding="utf-8"))
            assert notebook["nbformat"] == 4 and notebook["cells"], f"/{relative} : notebook vide"
            names[kind] = download.suggested_filename
        assert names["eleve"] == names["complet"].replace(".ipynb", "_eleve.ipynb")
    assert not page.console_errors, page.console_errors
    assert not page.external_requests, page.external_requests


# Sur un téléphone : la largeur du texte et des figures d'un chapitre, comparée à sa colonne.
PHONE_LAYOUT = """
() => {
  const column = document.querySelector('.md-content__inner').getBoundingClientRect();
  const visible = (el) => el.getClientRects().length > 0 && !el.closest('details:not([open])');
  const paragraphs = [...document.querySelectorAll('.jp-RenderedMarkdown > p')].filter(visible)
    .map((p) => p.getBoundingClientRect().width);
  const figures = [...document.querySelectorAll('img.dl-figure')].filter(visible)
    .map((img) => img.getBoundingClientRect());
  return {
    column: column.width,
    narrowest: Math.min(...paragraphs),
    paragraphs: paragraphs.length,
    figures: figures.length,
    pastScreen: figures.filter((r) => r.right > window.innerWidth + 0.5 || r.left < -0.5).length,
    pageWidth: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
  };
}
"""


def test_chapters_fill_a_phone_screen(browser, built_site, site_url):
    """Sur un téléphone de 390 px, le texte des chapitres occupe au moins 95 % de la colonne de
    contenu et aucune figure ne dépasse de l'écran."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=3,
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    problems = []
    try:
        for relative in [p for p in site_pages(built_site) if p.startswith("chapitres/")]:
            page.goto(f"{site_url}/{relative}", wait_until="load")
            layout = page.evaluate(PHONE_LAYOUT)
            if layout["paragraphs"] == 0 or layout["figures"] == 0:
                problems.append(f"/{relative} : ni texte ni figure mesurés ({layout})")
            elif layout["narrowest"] < 0.95 * layout["column"]:
                problems.append(f"/{relative} : paragraphe de {layout['narrowest']:.0f} px dans une "
                                f"colonne de {layout['column']:.0f} px")
            if layout["pastScreen"]:
                problems.append(f"/{relative} : {layout['pastScreen']} figure(s) dépassent de l'écran")
            if layout["pageWidth"] > layout["viewport"]:
                problems.append(f"/{relative} : la page défile à l'horizontale ({layout['pageWidth']} px)")
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def test_a_figure_opens_full_screen_and_closes(page, built_site, site_url):
    chapter = next(p for p in site_pages(built_site) if p.startswith("chapitres/"))
    open_page(page, f"{site_url}/{chapter}")
    zoom = page.locator("button.dl-zoom").first
    alt = zoom.locator("img").get_attribute("alt")
    assert alt and zoom.get_attribute("aria-label") == f"Agrandir la figure\u00a0: {alt}"
    zoom.focus()
    page.keyboard.press("Enter")  # au clavier comme à la souris
    dialog = page.locator("dialog.dl-lightbox")
    dialog.wait_for(state="visible")
    assert dialog.locator("img").get_attribute("alt") == alt
    big = dialog.locator("img").bounding_box()
    assert big["width"] > zoom.bounding_box()["width"] * 0.99
    # Plein écran : l'image prend sa taille naturelle, ou toute la place qu'offre l'écran (moins les
    # marges du cadre : 0,5 rem sur les côtés, 2,5 rem en haut pour le bouton « Fermer »).
    room = page.evaluate("""img => {
      const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
      return { w: img.naturalWidth, h: img.naturalHeight,
               availW: innerWidth - rem, availH: innerHeight - 3 * rem };
    }""", dialog.locator("img").element_handle())
    expected = min(room["w"], room["availW"], room["w"] * room["availH"] / room["h"])
    assert big["width"] >= 0.9 * expected, (big, room)
    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
    zoom.click()
    dialog.wait_for(state="visible")
    page.locator(".dl-lightbox__close").click()
    dialog.wait_for(state="hidden")
    assert not page.console_errors, page.console_errors


# Tab jusqu'au premier élément d'un widget, puis son contour (celui de :focus-visible).
TAB_INTO = """
async (selector) => {
  const root = document.querySelector(selector);
  return root !== null && root.contains(document.activeElement);
}
"""


@pytest.mark.parametrize("path, selector", [
    ("/chapitres/01_donnees/", "[data-demo='pad']"),
    ("/chapitres/04_convolution/", "[data-lab='convolution']"),
    ("/chapitres/05_pooling/", "[data-lab='pooling']"),
    ("/chapitres/06_cnn_keras/", "[data-lab='train']"),
])
def test_keyboard_focus_is_visible_in_the_widgets_of_a_chapter(page, site_url, path, selector):
    """Dans un chapitre, mkdocs-jupyter annule le contour de focus (« .jupyter-wrapper :focus ») :
    chaque élément d'un labo ou du pad, atteint avec Tab, doit pourtant montrer le sien."""
    page.goto(site_url + path)
    root = page.locator(selector)
    root.scroll_into_view_if_needed()
    page.wait_for_function("(el) => el.querySelector('button, [tabindex]') !== null", arg=root.element_handle(),
                           timeout=30_000)
    first = root.locator("button:not([disabled]), [tabindex='0'], select, input:not([type=file])").first
    first.evaluate("(el) => { const b = document.createElement('button'); b.textContent = 'avant';"
                   " el.before(b); b.focus(); }")
    seen = []
    for _ in range(40):  # Tab d'élément en élément dans le widget
        page.keyboard.press("Tab")
        if not page.evaluate(TAB_INTO, selector):
            break
        style = page.evaluate("(() => { const s = getComputedStyle(document.activeElement);"
                              " return [document.activeElement.outerHTML.slice(0, 80), s.outlineStyle,"
                              " s.outlineWidth]; })()")
        seen.append(style)
    assert seen, "Tab n'entre pas dans le widget"
    hidden = [html for html, outline, width in seen if outline == "none" or width == "0px"]
    assert not hidden, f"{len(hidden)} élément(s) sans contour de focus : {hidden[:3]}"


# Les formules centrées d'une page : celles qui dépassent leur ligne, et si l'on peut les faire défiler.
WIDE_FORMULAS = """
() => [...document.querySelectorAll('mjx-container[display="true"]')]
  .filter((c) => c.getClientRects().length > 0)
  .map((c) => {
    const math = c.querySelector('mjx-math').getBoundingClientRect();
    const box = c.getBoundingClientRect();
    return { tex: (c.getAttribute('aria-label') || c.textContent).slice(0, 40), wider: math.width > box.width + 1,
             scrolls: c.scrollWidth > c.clientWidth && getComputedStyle(c).overflowX === 'auto',
             inside: box.right <= innerWidth + 0.5 };
  })
"""


def test_wide_formulas_scroll_on_a_phone(browser, site_url):
    """Sur un téléphone, une formule centrée plus large que l'écran défile dans sa ligne au lieu
    d'être coupée (les chapitres 2 à 4 en ont)."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2,
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    problems, wide = [], 0
    try:
        for chapter in ("02_neurone", "03_reseau", "04_convolution"):
            page.goto(f"{site_url}/chapitres/{chapter}/", wait_until="load")
            page.evaluate(WAIT_FOR_MATHJAX)
            for formula in page.evaluate(WIDE_FORMULAS):
                wide += formula["wider"]
                if not formula["inside"] or (formula["wider"] and not formula["scrolls"]):
                    problems.append(f"{chapter} : {formula}")
    finally:
        context.close()
    assert wide, "aucune formule plus large que l'écran : le test ne vérifie rien"
    assert not problems, "\n".join(problems)


# Chaque matrice d'une page et la hauteur des délimiteurs étirés qui l'entourent.
MATRIX_DELIMITERS = """
() => [...document.querySelectorAll('mjx-mtable')].filter((m) => m.getClientRects().length > 0).map((m) => {
  const row = m.parentElement;
  const around = [...row.children].filter((c) => c.tagName === 'MJX-MO' && c.querySelector('mjx-stretchy-v'));
  return { table: m.getBoundingClientRect().height,
           delimiters: around.map((d) => d.getBoundingClientRect().height) };
})
"""


def test_matrix_brackets_fit_their_matrix_in_a_chapter(page, site_url):
    """Les parenthèses d'une matrice ont la hauteur de la matrice, dans un chapitre (où le style de
    mkdocs-jupyter annulait le « box-sizing » dont MathJax a besoin) comme ailleurs."""
    page.goto(f"{site_url}/chapitres/04_convolution/")
    assert page.evaluate(WAIT_FOR_MATHJAX)
    matrices = page.evaluate(MATRIX_DELIMITERS)
    checked = [m for m in matrices if m["delimiters"]]
    assert len(checked) >= 2, matrices
    for m in checked:
        for height in m["delimiters"]:
            assert height <= 1.15 * m["table"], f"délimiteur de {height:.0f} px pour une matrice de {m['table']:.0f} px"


# Le contraste (WCAG) entre la couleur d'un texte et le fond opaque le plus proche derrière lui.
CONTRAST = """
([selector, behind]) => {
  const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const el = document.querySelector(selector);
  if (!el) return null;
  let back = behind ? document.querySelector(behind) : el;
  while (back && (rgb(getComputedStyle(back).backgroundColor)[3] ?? 1) === 0) back = back.parentElement;
  const bg = rgb(getComputedStyle(back || document.body).backgroundColor).slice(0, 3);
  const fg = rgb(getComputedStyle(el).color);
  const alpha = fg[3] ?? 1;
  const seen = fg.slice(0, 3).map((v, i) => alpha * v + (1 - alpha) * bg[i]);
  const [a, b] = [lum(seen), lum(bg)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}
"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_small_text_is_readable_in_both_themes(browser, site_url, scheme):
    """Commentaires et opérateurs du code, liens « Notebook », invite du pad : 4,5:1 au moins,
    en thème clair comme en thème sombre (le site suit le réglage du système)."""
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{site_url}/chapitres/01_donnees/")
        page.wait_for_selector("[data-demo] .dl-demo__hint")
        assert page.evaluate("document.body.dataset.mdColorScheme") == ("slate" if scheme == "dark" else "default")
        for selector, behind in ((".highlight-ipynb .c1", None), (".highlight-ipynb .o", None),
                                 ("a.digitlab-notebook", None),
                                 ("[data-demo] .dl-demo__hint", "[data-demo] [data-demo-pad]")):  # posée sur le pad
            ratio = page.evaluate(CONTRAST, [selector, behind])
            assert ratio is not None, f"{selector} absent de la page"
            assert ratio >= 4.5, f"{selector} : contraste {ratio:.2f}:1 en thème {scheme}"
    finally:
        context.close()


def test_a_printed_chapter_says_where_its_lab_is(page, site_url):
    """Un chapitre imprimé pour la classe : le labo ne laisse ni pad vide ni boutons, mais une
    ligne qui dit où s'en servir ; ni bouton « copier » ni téléchargements sur le papier."""
    page.goto(f"{site_url}/chapitres/04_convolution/")
    page.wait_for_selector("[data-lab='convolution'][data-state='ready']", timeout=10_000)
    page.emulate_media(media="print")
    lab = page.locator("[data-lab='convolution']")
    note = lab.evaluate("e => getComputedStyle(e, '::before').content")
    assert note.startswith('"Labo interactif') and "écran" in note, note
    shown = lab.evaluate("e => Array.from(e.children).filter(c => getComputedStyle(c).display !== 'none').length")
    assert shown == 0
    assert page.locator(".md-typeset .digitlab-downloads").evaluate("e => getComputedStyle(e).display") == "none"
    page.emulate_media(media="screen")
    assert lab.evaluate("e => getComputedStyle(e, '::before').content") == "none"
    assert page.console_errors == []


@pytest.mark.parametrize("path, selector, name", [("/demo/", "[data-demo]", "Le pad de dessin"),
                                                  ("/chapitres/04_convolution/", "[data-lab]", "Ce labo")])
def test_without_javascript_the_widgets_say_why_they_are_empty(browser, site_url, path, selector, name):
    """JavaScript désactivé : le cadre vide de la démo ou d'un labo dit pourquoi, au bout de deux
    secondes (pas avant : le script monte l'interface pendant ce temps). Avec JavaScript, rien."""
    for enabled in (False, True):
        context = browser.new_context(java_script_enabled=enabled)
        try:
            page = context.new_page()
            page.goto(site_url + path)
            widget = page.locator(selector).first
            if enabled:
                page.wait_for_timeout(2500)
                assert widget.evaluate("e => e.children.length") > 0
                assert widget.evaluate("e => getComputedStyle(e, '::before').content") == "none"
                continue
            before = "(e, p) => getComputedStyle(e, '::before')[p]"
            assert widget.evaluate(before, "content").startswith(f'"{name} a besoin de JavaScript')
            assert widget.evaluate(before, "visibility") == "hidden"  # le temps du montage
            page.wait_for_timeout(2500)
            assert widget.evaluate(before, "visibility") == "visible"
        finally:
            context.close()


def test_search_finds_words_typed_without_accents_or_their_elision(page, site_url):
    """« reseau » et « epoque », tapés sans accents comme sur beaucoup de téléphones, trouvent les
    pages où l'on écrit « réseau » et « époque » (hooks/search.py) ; avec les accents aussi.
    « apprentissage » trouve les pages où on ne l'écrit que « d'apprentissage » (avant : 2 pages sur 9)."""
    page.goto(f"{site_url}/")
    found = {}
    for query in ("reseau", "réseau", "epoque", "apprentissage", "d'apprentissage"):
        search(page, query)
        page.wait_for_timeout(300)
        found[query] = [t.strip() for t in page.locator(".md-search-result__item h1").all_text_contents()]
    assert "Réseau de neurones et rétropropagation" in found["reseau"], found
    assert len(found["reseau"]) == len(found["réseau"]) >= 5, found
    assert len(found["epoque"]) >= 3, found
    assert set(found["d'apprentissage"]) <= set(found["apprentissage"]), found
    assert "Le réseau convolutif avec Keras" in found["apprentissage"] and len(found["apprentissage"]) >= 6, found
    assert page.console_errors == []


def test_search_reads_the_curly_apostrophe_of_a_phone_as_the_straight_one(page, site_url):
    """Un téléphone (ponctuation intelligente d'iOS) tape « d’apprentissage », avec l'apostrophe
    courbe ; le site écrit « d'apprentissage ». Avant : aucun résultat, aucune proposition. Le champ
    redresse l'apostrophe (query.js), même tapée au milieu d'un mot : le curseur reste derrière elle."""
    page.goto(f"{site_url}/")
    titles = ".md-search-result__item h1"
    search(page, "d'apprentissage")
    page.wait_for_timeout(300)
    straight = page.locator(titles).all_text_contents()
    assert len(straight) >= 6, straight

    box = search(page, "xqzw")  # aucun résultat : la liste d'avant ne peut pas répondre à sa place
    assert page.evaluate(SEARCH_RESULTS) == 0
    box.fill("")
    box.press_sequentially("d\u2019apprentissage", delay=10)
    page.wait_for_function(f"n => ({SEARCH_RESULTS})() === n", arg=len(straight))
    assert box.input_value() == "d'apprentissage"
    assert page.locator(titles).all_text_contents() == straight

    box.fill("")
    box.press_sequentially("lentropie", delay=10)
    box.press("Home")
    box.press("ArrowRight")
    box.press_sequentially("\u2019", delay=10)
    assert box.input_value() == "l'entropie"
    assert page.evaluate("() => document.activeElement.selectionStart") == 2
    box.press("Shift")  # une touche relâchée : Material relit le champ
    page.wait_for_function(f"() => ({SEARCH_RESULTS})() > 0")
    assert page.console_errors == []


def test_a_long_code_cell_does_not_hide_the_other_search_results(page, site_url):
    """« conv2d » est dans de longues cellules de code de trois chapitres : l'aperçu d'une cellule
    remplissait tout le panneau des résultats, et les deux autres chapitres restaient cachés
    dessous. Le deuxième résultat se voit sans faire défiler le panneau."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{site_url}/")
    search(page, "conv2d")
    page.wait_for_function(f"() => ({SEARCH_RESULTS})() >= 3")
    page.wait_for_timeout(300)
    panel = page.locator(".md-search__scrollwrap").bounding_box()
    tops = page.locator(".md-search-result__list > li").evaluate_all(
        "items => items.map(i => i.getBoundingClientRect().top)")
    assert tops[1] < panel["y"] + panel["height"], (tops, panel)
    assert page.console_errors == []


def test_chapter_figures_load_when_the_reader_gets_near(browser, site_url):
    """Sur un téléphone, un chapitre s'ouvre sans télécharger ses figures lointaines (les deux tiers
    de son poids, hooks/notebooks.py) ; une figure se charge quand on s'en approche, et sa place est
    réservée avant : le texte ne saute pas à son arrivée."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        fetched = set()
        page.on("request", lambda r: fetched.add(r.url) if "/assets/figures/" in r.url else None)
        page.goto(f"{site_url}/chapitres/03_reseau/", wait_until="networkidle")
        figures = page.locator("img.dl-figure")
        boxes = figures.evaluate_all("imgs => imgs.filter(i => i.getClientRects().length)"
                                     ".map(i => ({h: i.getBoundingClientRect().height, loaded: i.naturalWidth > 0}))")
        assert len(boxes) >= 5, boxes
        assert all(b["h"] > 50 for b in boxes), boxes  # place réservée, chargée ou non
        at_start = len(fetched)
        assert at_start < len(boxes) / 2, (at_start, len(boxes))
        last = figures.nth(figures.count() - 1)
        last.scroll_into_view_if_needed()
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=last.element_handle(),
                               timeout=5000)
        assert len(fetched) > at_start
    finally:
        context.close()


# Pour chaque aperçu de code des résultats visibles qui contient un mot trouvé : ce mot se voit-il ?
MARKS_SHOWN = """
() => [...document.querySelectorAll('.md-search-result pre')].filter((pre) => pre.clientHeight > 0)
  .map((pre) => [pre, pre.querySelector('mark')]).filter(([, mark]) => mark)
  .map(([pre, mark]) => mark.getBoundingClientRect().bottom <= pre.getBoundingClientRect().bottom + 0.5)
"""


def test_a_code_preview_shows_the_line_where_the_word_is(page, site_url):
    """« labelpad » n'est qu'à la 9e ligne d'une cellule de code du chapitre 1 : l'aperçu, coupé à six
    lignes, défile jusqu'à elle (assets/javascripts/search.js). De même dans les résultats repliés
    (« N de plus sur cette page ») une fois ouverts."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{site_url}/")
    search(page, "labelpad")
    page.wait_for_function("() => document.querySelector('.md-search-result pre mark')")
    page.wait_for_timeout(300)
    assert page.evaluate(MARKS_SHOWN) == [True]
    search(page, "conv2d")
    page.wait_for_function(f"() => ({SEARCH_RESULTS})() >= 3")
    page.locator(".md-search-result details summary").first.click()
    page.wait_for_timeout(300)
    shown = page.evaluate(MARKS_SHOWN)
    assert len(shown) >= 5 and all(shown), shown
    assert page.console_errors == []


SUGGEST = "[data-search-suggest]"
META = ".md-search-result__meta"  # le compte des résultats, que Material réécrit à chaque réponse


def test_a_misspelled_search_proposes_the_nearest_words(page, site_url):
    """« convoluton » ne trouve rien : la page propose « convolution », qu'un clic cherche. Au clavier
    aussi (« perseptron », flèche vers le bas depuis le champ, comme vers un résultat, puis Entrée).
    Rien n'est proposé pour un mot qui trouve quelque chose, ni pour un mot qui ne ressemble à aucun
    mot du site ; « réseau convoluton », qui trouve « réseau » seul, reçoit « réseau convolution »."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{site_url}/")
    box = search(page, "convoluton")
    proposal = page.locator(f"{SUGGEST} [data-suggestion]").first
    proposal.wait_for(timeout=5000)
    assert proposal.get_attribute("data-suggestion") == "convolution"
    sentence = page.locator(SUGGEST).text_content()
    assert sentence.startswith("Vouliez-vous dire\u00a0: convolution") and sentence.endswith("\u202f?"), sentence
    assert page.evaluate(SEARCH_RESULTS) == 0
    proposal.click()
    page.wait_for_function(f"() => ({SEARCH_RESULTS})() >= 3")
    assert box.input_value() == "convolution"
    assert page.evaluate("() => document.activeElement.matches('input.md-search__input')")
    assert page.evaluate("() => document.getElementById('__search').checked")  # la recherche reste ouverte
    assert page.locator(SUGGEST).text_content() == ""

    search(page, "perseptron")
    proposal.wait_for(timeout=5000)
    assert proposal.get_attribute("data-suggestion") == "perceptron"
    page.keyboard.press("ArrowDown")
    assert page.evaluate("() => document.activeElement.dataset.suggestion") == "perceptron"
    # Material réécrit le compte quand une réponse à une lettre tapée arrive en retard : mêmes
    # propositions, le focus reste sur le mot (il se perdait, et Entrée ne cherchait plus rien).
    page.evaluate(f"() => {{ const m = document.querySelector('{META}'); m.textContent = m.textContent; }}")
    page.wait_for_timeout(200)
    assert page.evaluate("() => document.activeElement.dataset.suggestion") == "perceptron"
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => ({SEARCH_RESULTS})() >= 1")
    assert box.input_value() == "perceptron"

    search(page, "xqzwvk")
    page.wait_for_timeout(500)
    assert page.evaluate(SEARCH_RESULTS) == 0 and page.locator(SUGGEST).text_content() == ""

    # Un mot trouve des résultats, l'autre est mal tapé : la correction est proposée au-dessus d'eux.
    search(page, "réseau convoluton")
    page.wait_for_function(f"() => ({SEARCH_RESULTS})() >= 1")
    proposal.wait_for(timeout=5000)
    assert proposal.get_attribute("data-suggestion") == "réseau convolution"
    search(page, "réseau")
    page.wait_for_function(f"() => ({SEARCH_RESULTS})() >= 1")
    page.wait_for_timeout(300)
    assert page.locator(SUGGEST).text_content() == ""
    assert page.console_errors == []


LOADED_SCRIPTS = ("performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)"
                  ".filter(p => p.endsWith('.js'))")


def test_widget_code_loads_only_where_a_widget_is(page, site_url):
    """demo.js et labs.js sont sur toutes les pages ; le code de la démo et des labos (app.js et
    leurs modules, environ 300 ko) ne se télécharge que sur une page qui en a besoin."""
    page.goto(f"{site_url}/", wait_until="networkidle")
    home = page.evaluate(LOADED_SCRIPTS)
    assert "/assets/demo/demo.js" in home and "/assets/labs/labs.js" in home, home
    assert not [p for p in home if p.endswith("/app.js") or p.endswith("/pad.js")], home
    page.goto(f"{site_url}/chapitres/04_convolution/")
    page.wait_for_selector("[data-lab='convolution'][data-state='ready']", timeout=10_000)
    assert "/assets/labs/app.js" in page.evaluate(LOADED_SCRIPTS)
    assert page.console_errors == []


def test_a_widget_whose_code_cannot_load_says_so_in_french(page, site_url):
    page.route("**/assets/demo/app.js", lambda route: route.abort())
    page.goto(f"{site_url}/demo/")
    demo = page.locator("[data-demo]")
    page.wait_for_function("e => e.dataset.state === 'error'", arg=demo.element_handle(), timeout=10_000)
    text = demo.text_content().replace("\xa0", " ")
    assert text.startswith("La démo n'a pas pu se charger") and "rechargez la page" in text, text


def test_mathjax_is_downloaded_only_where_there_are_formulas(page, site_url):
    """La page « Démo » n'a pas de formule : MathJax (1,2 Mo) n'y est pas téléchargé. Un chapitre
    en a : il l'est, une fois, et ses formules sont mises en forme."""
    page.goto(f"{site_url}/demo/", wait_until="networkidle")
    assert not [p for p in page.evaluate(LOADED_SCRIPTS) if "mathjax/" in p]
    open_page(page, f"{site_url}/chapitres/02_neurone/")
    assert [p for p in page.evaluate(LOADED_SCRIPTS) if "mathjax/" in p] == ["/assets/vendor/mathjax/tex-chtml.js"]
    assert page.evaluate(MATH_REPORT)["notebookRendered"] > 10
    assert page.console_errors == []
