"""Greffon MkDocs : la politique de sécurité (Content-Security-Policy) de chaque page autorise
ses scripts en ligne par leur empreinte, sans ``'unsafe-inline'``.

Le thème Material écrit quelques scripts directement dans la page (portée du stockage local,
palette de couleurs, onglets), et les notebooks de nbconvert en ajoutent (bouton « copier »).
Plutôt que d'autoriser tout script en ligne — donc aussi un script qu'un contenu piégé
glisserait dans une page —, ce greffon calcule, page par page, l'empreinte SHA-256 de chacun de
ces scripts et l'ajoute à ``script-src`` dans la balise ``<meta http-equiv=
"Content-Security-Policy">`` posée par ``overrides/main.html``. Un bloc ``<script
type="application/json">`` (la configuration ``__config`` de Material) n'est jamais exécuté :
il n'a pas besoin d'empreinte.

La construction échoue si une page n'a pas la politique, si elle en a plusieurs, ou si elle
contient un attribut de gestionnaire d'événement en ligne (``onclick="…"``) ou un lien
``javascript:`` : la politique les bloquerait, et le lecteur verrait une page cassée.
"""

from __future__ import annotations

import base64
import hashlib
import re

from mkdocs.exceptions import PluginError

CSP_META = re.compile(r'(<meta http-equiv="Content-Security-Policy" content=")([^"]*)(")')
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
# Les types de script que le navigateur exécute (un type vide ou absent : JavaScript).
EXECUTED_TYPES = {"", "module", "text/javascript", "application/javascript", "application/ecmascript",
                  "text/ecmascript"}
INLINE_HANDLER = re.compile(r"<[a-zA-Z][^<>]*?\son[a-z]+\s*=", re.S)
JAVASCRIPT_URL = re.compile(r"""<[a-zA-Z][^<>]*?\s(?:href|src|action)\s*=\s*["']?\s*javascript:""", re.S | re.I)


def script_hash(body: str) -> str:
    """Empreinte CSP d'un script en ligne : SHA-256 du texte tel que le navigateur le lit (le
    parseur HTML ramène les fins de ligne à « \\n »)."""
    text = body.replace("\r\n", "\n").replace("\r", "\n")
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def inline_scripts(html: str) -> list[str]:
    """Le texte de chaque script en ligne exécuté par le navigateur, dans l'ordre de la page."""
    scripts = []
    for attrs, body in SCRIPT.findall(html):
        if re.search(r"\bsrc\s*=", attrs, re.I):
            continue
        kind = TYPE.search(attrs)
        if (kind.group(1).lower() if kind else "") in EXECUTED_TYPES:
            scripts.append(body)
    return scripts


def with_script_hashes(html: str, where: str) -> str:
    """La page, avec l'empreinte de chacun de ses scripts en ligne ajoutée à ``script-src``."""
    metas = CSP_META.findall(html)
    if len(metas) != 1:
        found = f"{len(metas)} balises" if metas else "aucune balise"
        raise PluginError(f"{where} : {found} Content-Security-Policy au lieu d'une "
                          "(voir overrides/main.html).")
    for pattern, what in ((INLINE_HANDLER, "un gestionnaire d'événement en ligne (on…=)"),
                          (JAVASCRIPT_URL, "un lien « javascript: »")):
        found = pattern.search(html)
        if found:
            raise PluginError(f"{where} : {what}, que la politique de sécurité bloquerait : "
                              f"{found.group(0)[:120]!r}. Déplacez ce code dans un fichier .js.")
    hashes = sorted({script_hash(body) for body in inline_scripts(html)})

    def add(match):
        directives = [d.strip() for d in match.group(2).split(";")]
        for i, directive in enumerate(directives):
            if directive.split()[:1] == ["script-src"]:
                if "'unsafe-inline'" in directive.split():
                    raise PluginError(f"{where} : 'unsafe-inline' dans script-src ; les scripts en "
                                      "ligne sont autorisés par leur empreinte (hooks/csp.py).")
                directives[i] = " ".join([directive, *hashes])
                return match.group(1) + "; ".join(directives) + match.group(3)
        raise PluginError(f"{where} : pas de directive script-src dans la politique de sécurité.")

    return CSP_META.sub(add, html, count=1)


def on_post_page(output, page, config, **kwargs):
    return with_script_hashes(output, page.file.src_uri)


def on_post_template(output_content, template_name, config, **kwargs):
    """Les gabarits du thème rendus à part (404.html ; pas sitemap.xml, qui n'est pas du HTML)."""
    if not template_name.endswith(".html"):
        return output_content
    return with_script_hashes(output_content, template_name)
