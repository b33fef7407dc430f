"""Les espaces de la typographie française, posées une fois, à la construction du site.

Les auteurs tapent des espaces ordinaires (« Pourquoi ? », « Démo : dessinez ») ; le greffon
``hooks/typography.py`` passe sur le HTML de chaque page construite et les remplace :

- espace insécable (U+00A0) avant « : » ;
- espace fine insécable (U+202F) avant « ; », « ! » et « ? », et à l'intérieur des guillemets
  « ».

Aucun signe ne peut alors se retrouver seul en début de ligne. Seul le texte lu par le lecteur
change : jamais le code (``<code>``, ``<pre>``, cellules et sorties des notebooks), les scripts,
les styles, ni les formules mathématiques (``$…$``, ``\\(…\\)``, ``.arithmatex``).

Le jumeau JavaScript, pour les textes que la démo écrit pendant qu'on l'utilise, est
``frenchSpaces`` dans ``docs/assets/demo/fmt.js``.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, NavigableString
from bs4.formatter import HTMLFormatter

NBSP = "\u00a0"
NNBSP = "\u202f"

# Des blancs ordinaires (espaces, retours à la ligne, tabulations) mais pas les insécables.
_BLANKS = "[ \t\r\n]+"
_BEFORE_COLON = re.compile(_BLANKS + "(?=:)")
_BEFORE_TALL = re.compile(_BLANKS + "(?=[;!?])")
_BEFORE_CLOSING = re.compile(_BLANKS + "(?=»)")
_AFTER_OPENING = re.compile("(?<=«)" + _BLANKS)
# Deux-points ou guillemets collés au mot : « mot: », « «mot» ». (Pas « ? » collé : « http://…?a=1 ».)
_GLUED_CLOSING = re.compile(r"(?<=[\w.!?…])»")
_GLUED_OPENING = re.compile(r"«(?=\w)")

# Les formules que MathJax met en forme : on ne touche pas à leur intérieur.
_MATH = re.compile(r"\$\$.*?\$\$|\$[^$\n]+\$|\\\(.*?\\\)|\\\[.*?\\\]", re.S)

#: Les éléments dont le texte n'est pas de la prose : on n'y touche jamais.
SKIPPED_TAGS = {"code", "pre", "script", "style", "kbd", "samp", "textarea", "math", "svg", "template"}
#: Les classes qui marquent du code, des sorties de notebook ou des formules. (La prose des
#: chapitres est dans ``jp-InputArea`` comme leur code : le code, lui, est dans l'éditeur
#: ``jp-InputArea-editor``, qui contient aussi la copie cachée que le bouton « Copier » colle
#: (``clipboard-copy-txt``), et l'invite « In [1]: » dans ``jp-InputPrompt``.)
SKIPPED_CLASSES = {"arithmatex", "jp-InputPrompt", "jp-OutputPrompt", "jp-InputArea-editor", "clipboard-copy-txt",
                   "jp-OutputArea", "highlight", "highlight-ipynb", "MathJax", "jp-RenderedLatex"}
#: Les attributs qu'un lecteur lit ou entend (description d'une image, bulle, nom accessible).
PROSE_ATTRIBUTES = ("alt", "title", "aria-label", "aria-description", "placeholder")


def french_spacing(text: str) -> str:
    """Applique les espaces françaises à un morceau de prose (sans code ni formule)."""
    text = _BEFORE_COLON.sub(NBSP, text)
    text = _BEFORE_TALL.sub(NNBSP, text)
    text = _BEFORE_CLOSING.sub(NNBSP, text)
    text = _AFTER_OPENING.sub(NNBSP, text)
    text = _GLUED_CLOSING.sub(NNBSP + "»", text)
    return _GLUED_OPENING.sub("«" + NNBSP, text)


def french_spacing_outside_math(text: str) -> str:
    """Comme :func:`french_spacing`, sans toucher à l'intérieur des formules ``$…$``, ``\\(…\\)``."""
    out, last = [], 0
    for match in _MATH.finditer(text):
        out.append(french_spacing(text[last:match.start()]))
        out.append(match.group(0))
        last = match.end()
    out.append(french_spacing(text[last:]))
    return "".join(out)


class _KeepAttributeOrder(HTMLFormatter):
    """Réécrit la page sans trier les attributs (BeautifulSoup les range par ordre alphabétique
    par défaut) : seule la prose change, et les greffons suivants retrouvent les balises telles
    que le thème les a écrites."""

    def attributes(self, tag):
        return list(tag.attrs.items())


_FORMATTER = _KeepAttributeOrder()


def to_html(soup) -> str:
    """Le HTML d'un arbre BeautifulSoup, attributs dans leur ordre d'origine."""
    return soup.decode(formatter=_FORMATTER)


def _in_prose(tag) -> bool:
    """Un élément hors du code, des sorties et des formules (lui compris)."""
    for parent in [tag, *tag.parents]:
        if parent.name in SKIPPED_TAGS:
            return False
        if SKIPPED_CLASSES.intersection(parent.get("class") or ()):
            return False
    return True


def _prose_attributes(soup):
    """Les attributs de prose (:data:`PROSE_ATTRIBUTES`) des éléments hors du code : ``(élément, nom)``."""
    for tag in soup.find_all(lambda t: any(t.has_attr(a) for a in PROSE_ATTRIBUTES)):
        if tag.name in ("html", "head", "meta") or not _in_prose(tag):
            continue
        for name in PROSE_ATTRIBUTES:
            if isinstance(tag.get(name), str):
                yield tag, name


def _is_prose(node: NavigableString) -> bool:
    if isinstance(node, Comment) or type(node) is not NavigableString:
        return False  # commentaires, CDATA, doctype…
    return node.parent is None or _in_prose(node.parent)


def _fix_boundaries(strings: list[NavigableString]) -> None:
    """« mot <em>?</em> » : l'espace et le signe sont dans deux nœuds voisins."""
    for previous, current in zip(strings, strings[1:]):
        if current[:1] in ":;!?»" and previous[-1:] in " \t\r\n":
            space = NBSP if current[0] == ":" else NNBSP
            previous.replace_with(previous.rstrip(" \t\r\n") + space)


def apply_to_html(html: str) -> str:
    """Le HTML d'une page, avec les espaces françaises dans toute sa prose."""
    if not any(sign in html for sign in ":;!?«»"):
        return html
    soup = BeautifulSoup(html, "html.parser")
    strings = [s for s in soup.find_all(string=True) if _is_prose(s)]
    for node in strings:
        fixed = french_spacing_outside_math(str(node))
        if fixed != node:
            node.replace_with(fixed)
    strings = [s for s in soup.find_all(string=True) if _is_prose(s)]
    _fix_boundaries(strings)
    for tag, name in _prose_attributes(soup):
        tag[name] = french_spacing_outside_math(tag[name])
    return to_html(soup)


def spacing_problems(html: str) -> list[str]:
    """Les endroits où la prose d'une page a une espace ordinaire (ou aucune) là où le français
    veut une insécable : pour les tests. Chaque problème est un extrait de texte."""
    soup = BeautifulSoup(html, "html.parser")
    problems = []
    texts = [str(node) for node in soup.find_all(string=True) if _is_prose(node)]
    texts += [tag[name] for tag, name in _prose_attributes(soup)]
    for text in texts:
        text = _MATH.sub(" ", text)
        for pattern in (_BEFORE_COLON, _BEFORE_TALL, _BEFORE_CLOSING, _AFTER_OPENING, _GLUED_CLOSING,
                        _GLUED_OPENING):
            for match in pattern.finditer(text):
                start = max(0, match.start() - 25)
                problems.append(text[start:match.end() + 25].strip())
    return problems
