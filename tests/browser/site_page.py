"""Aides des tests du site construit : la liste de ses pages et leur ouverture, formules mises
en forme comprises ; une recherche tapée dans le champ de Material. Partagées par ``test_site.py``
et ``test_accessibility.py`` (ce module n'est pas un module de tests).
"""

from __future__ import annotations

from pathlib import Path

# Attend que MathJax ait fini de mettre en forme la page (s'il est chargé), puis renvoie vrai.
# Une page sans formule ne le charge pas (assets/javascripts/mathjax-loader.js) : faux tout de suite.
WAIT_FOR_MATHJAX = """
async () => {
  if (!document.querySelector('script[src$="tex-chtml.js"]')) return false;
  for (let i = 0; i < 100 && !(window.MathJax && MathJax.startup && MathJax.startup.promise); i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
    await MathJax.startup.promise;
    return true;
  }
  return false;
}
"""


def site_pages(site: Path) -> list[str]:
    """Chemins (relatifs, en URL) de toutes les pages HTML du site, hors page 404."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        if relative == "404.html":
            continue
        pages.append(relative[: -len("index.html")] if relative.endswith("index.html")
                     else relative)
    return pages


def open_page(page, url: str) -> None:
    response = page.goto(url, wait_until="load")
    assert response is not None and response.ok, f"{url} : réponse {response and response.status}"
    page.evaluate(WAIT_FOR_MATHJAX)
    page.wait_for_load_state("networkidle")


#: Le nombre de résultats affichés par la recherche (une entrée par page trouvée).
SEARCH_RESULTS = "() => document.querySelectorAll('.md-search-result__list > li').length"


def search(page, query: str):
    """Tape ``query`` dans la recherche (le champ vidé d'abord), comme au clavier, et attend que
    Material ait écrit le compte des résultats pour cette requête. Renvoie le champ."""
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press_sequentially(query, delay=10)
    page.wait_for_function(
        "q => document.querySelector('.md-search-result__meta').textContent.trim() !== ''"
        " && document.querySelector('.md-search__input').value === q", arg=query)
    return box
