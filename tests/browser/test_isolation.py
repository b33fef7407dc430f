"""Le site ne parle qu'à lui-même : garanti par le navigateur (Content-Security-Policy), et aucun
fichier servi ne nomme un CDN, pas même dans une bibliothèque vendue. Aucun script en ligne ne
s'exécute sans que la politique de la page ne nomme son empreinte (pas de 'unsafe-inline')."""

import base64
import hashlib
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


CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"')
INLINE_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S)
NOT_EXECUTED = re.compile(r'type="(?!text/javascript|module|application/javascript)[^"]*"')


def script_src(policy):
    for directive in policy.split(";"):
        name, *values = directive.split()
        if name == "script-src":
            return values
    raise AssertionError(f"pas de script-src dans {policy!r}")


def test_inline_scripts_run_only_by_their_hash(built_site):
    """Pas de 'unsafe-inline' pour les scripts : chaque script en ligne de chaque page (thème,
    notebooks) est autorisé par son empreinte SHA-256, et la politique précède tout script."""
    for page in html_pages(built_site) + [built_site / "404.html"]:
        text = page.read_text(encoding="utf-8")
        meta = CSP_META.search(text)
        assert meta, page
        allowed = script_src(meta.group(1))
        assert "'unsafe-inline'" not in allowed, page
        assert "'unsafe-eval'" not in allowed, page  # TF.js s'en passe : voir assets/demo/model.js
        assert meta.start() < text.index("<script"), f"{page} : un script précède la politique"
        inline = [body for attrs, body in INLINE_SCRIPT.findall(text)
                  if "src=" not in attrs and not NOT_EXECUTED.search(attrs)]
        assert inline, page  # le thème en a toujours
        for body in inline:
            digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
            assert f"'sha256-{digest}'" in allowed, f"{page} : script en ligne non autorisé : {body[:80]!r}"


LISTEN_VIOLATIONS = """(() => {
  window.__violations = [];
  document.addEventListener('securitypolicyviolation',
    (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
})()"""


def test_no_page_violates_its_policy_and_injected_scripts_do_not_run(page, built_site, site_url):
    page.add_init_script(LISTEN_VIOLATIONS)
    for html in html_pages(built_site):
        relative = html.relative_to(built_site).as_posix().removesuffix("index.html")
        page.goto(f"{site_url}/{relative}", wait_until="load")
        page.wait_for_timeout(200)
        assert page.evaluate("window.__violations") == [], relative
    # Un script en ligne ajouté par une page piégée (injection de HTML) ne s'exécute pas.
    page.goto(f"{site_url}/demo/")
    ran = page.evaluate("""async () => {
      const s = document.createElement('script');
      s.textContent = 'window.__injected = true';
      document.body.append(s);
      const div = document.createElement('div');
      div.innerHTML = '<img src="data:," onerror="window.__injected = true">';
      document.body.append(div);
      await new Promise((r) => setTimeout(r, 200));
      return Boolean(window.__injected);
    }""")
    assert ran is False
    assert any(v.startswith("script-src") for v in page.evaluate("window.__violations"))
