"""Le site ne parle qu'à lui-même : garanti par le navigateur (Content-Security-Policy), et aucun
fichier servi ne nomme un CDN, pas même dans une bibliothèque vendue."""

import re

import pytest

pytestmark = pytest.mark.browser



def html_pages(site):
    return [p for p in site.rglob("*.html") if p.name != "404.html"]


def test_every_page_declares_the_policy(built_site):
    for page in html_pages(built_site):
        text = page.read_text(encoding="utf-8")
        assert 'http-equiv="Content-Security-Policy"' in text, page
        assert "default-src 'self'" in text, page


# Le bundle du thème Material garde deux chargeurs conditionnels, jamais déclenchés ici : le
# polyfill ResizeObserver (navigateurs d'avant 2020) et Mermaid (aucun diagramme sur le site).
# La politique de sécurité les bloquerait de toute façon ; on vérifie qu'il n'y en a pas d'autre.
MATERIAL_CONDITIONAL = {b"https://unpkg.com/resize-observer-polyfill", b"https://unpkg.com/mermaid@11/dist/mermaid.min.js"}
CDN_URL = re.compile(rb"https?://(?:cdn|unpkg|cdnjs|fonts\.googleapis|fonts\.gstatic|ajax\.googleapis|storage\.googleapis)[^\"'`\s)]*")


def test_no_served_file_names_a_cdn(built_site):
    hits = {}
    for p in built_site.rglob("*"):
        if p.is_file() and p.suffix in {".html", ".js", ".css", ".json", ".ipynb"}:
            urls = set(CDN_URL.findall(p.read_bytes()))
            if p.parent.name == "javascripts" and p.name.startswith("bundle."):
                urls -= MATERIAL_CONDITIONAL
            if urls:
                hits[str(p.relative_to(built_site))] = sorted(urls)
    assert not hits, hits


def test_browser_refuses_other_hosts(page, site_url):
    """Une requête construite en JavaScript vers un autre hôte est refusée par le navigateur
    lui-même (la politique de sécurité), avant même d'atteindre le réseau."""
    page.goto(f"{site_url}/demo/")
    result = page.evaluate("""async () => {
      const violations = [];
      document.addEventListener('securitypolicyviolation', e => violations.push(e.blockedURI));
      let fetched = true;
      try { await fetch('https://cdn.example.org/x.js'); } catch (e) { fetched = false; }
      const img = new Image(); img.src = 'https://fonts.example.org/a.png';
      await new Promise(r => setTimeout(r, 200));
      return {fetched, violations};
    }""")
    assert result["fetched"] is False
    assert any("example.org" in v for v in result["violations"]), result
    assert page.external_requests == []  # refusées avant le réseau : le routage de test ne les voit pas
