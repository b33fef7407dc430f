"""La recherche du site trouve un mot tapé sans ses accents (« reseau », « epoque ») ou caché
derrière une élision (« apprentissage » dans « taux d'apprentissage »), et mène à la section où
il est écrit.

La recherche de Material (lunr) coupe le texte aux espaces et aux traits d'union, puis cherche les
mots qui *commencent* par ce qu'on a tapé. Elle ne trouvait donc pas :

- un mot tapé sans ses accents : « reseau » ne trouvait qu'une page sur treize, « epoque » aucune.
  Sur un téléphone, ou par habitude, beaucoup d'élèves tapent sans accents ;
- un mot collé derrière une apostrophe ou un signe : « apprentissage » ne trouvait que 2 pages sur
  les 9 où on le lit, presque toujours écrit « d'apprentissage » ; de même « l'entropie »,
  « d'entraînement », « (sigmoïde) », ``np.argmax``, ``train_perceptron``.

Couper aussi le texte aux apostrophes ne suffit pas : Material ne retire pas les mots vides de la
requête, et « d'apprentissage » tapé tel quel chercherait alors tous les mots qui commencent par
« d ». Après la construction, :func:`add_hidden_words_field` ajoute donc à chaque document de
l'index un champ :data:`FIELD` : ses mots que la recherche ne pourrait pas atteindre tels quels
(collés derrière un signe, ou accentués, écrits alors sans accents). Ce champ sert à chercher, jamais
à afficher (Material montre le titre et le texte) ; ce qu'on tapait déjà trouve toujours le texte
d'origine.

Un mot mal tapé (« convoluton », « perseptron ») ne trouve rien : la recherche de Material ne
tolère pas les fautes. :func:`vocabulary` écrit la liste des mots du site, avec leur nombre
d'occurrences ; la page la lit quand une recherche ne trouve rien, et propose les mots les plus
proches (``overrides/assets/javascripts/suggest.js``).

Le greffon ``search`` de Material découpe chaque page en sections, une par titre. Dans un chapitre
rendu par nbconvert, chaque cellule est un bloc ``div`` : le titre d'une cellule Markdown n'y
gouvernait que la fin de sa propre cellule, et tout le reste (le code, les cellules Markdown
suivantes) retombait dans la première entrée de la page. Un mot lu au milieu du chapitre menait
donc à son haut ; et chaque cellule de code était indexée deux fois, avec la copie cachée que lit
le bouton « Copier ». Le greffon lit donc la page sous la forme que donne :func:`searchable_html` :
blocs aplatis, copies retirées.
"""

from __future__ import annotations

import re
import unicodedata
from html import unescape

from bs4 import BeautifulSoup, NavigableString

from sitetools.math_text import MATH_ELEMENTS, readable_formulas

#: Le nom du champ ajouté, et son poids dans le classement (celui du texte).
FIELD = "words"
BOOST = 1.0

#: Ce que la recherche ne lit pas : la copie en texte brut de chaque cellule de code (le code
#: est déjà lu dans son bloc ``<pre>``) et le bouton « Copier » de mkdocs-jupyter (« Copié ! »).
NOT_SEARCHED = ".clipboard-copy-txt, clipboard-copy"

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE"})
#: Où la recherche de Material coupe le texte en mots (son séparateur par défaut, celui que
#: ``search_index.json`` lui donne) ; les balises HTML coupent aussi.
_TOKEN_SEPARATOR = re.compile(r"[\s\-]+")
_TAG = re.compile(r"<[^>]*>")
#: Un mot : des lettres et des chiffres (le tiret bas sépare, comme dans ``train_perceptron``).
_WORD = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """``text`` sans accents ni cédilles, ligatures œ et æ décomposées : « Épreuve, cœur, reçu »
    devient « Epreuve, coeur, recu »."""
    decomposed = unicodedata.normalize("NFD", text.translate(_LIGATURES))
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


def hidden_words(text: str) -> str:
    """Les mots de ``text`` (HTML de l'index) que la recherche ne trouverait pas tels qu'on les tape,
    en minuscules, une fois chacun (triés) : ceux qui ne commencent pas un mot de la recherche
    (« apprentissage » dans « d'apprentissage », « argmax » dans ``np.argmax``), et la forme sans
    accents de chaque mot accentué (« reseau »)."""
    words = set()
    for token in _TOKEN_SEPARATOR.split(_TAG.sub(" ", text)):
        for match in _WORD.finditer(token):
            word = match.group().lower()
            if match.start() > 0:
                words.add(word)
            if fold(word) != word:
                words.add(fold(word))
    return " ".join(sorted(words))


def _title_and_text(doc: dict) -> str:
    """Ce que la recherche lit d'un document de l'index : son titre et son texte (HTML)."""
    return f"{doc.get('title', '')} {doc.get('text', '')}"


def add_hidden_words_field(index: dict) -> dict:
    """L'index de recherche de Material (``search_index.json`` lu) avec le champ :data:`FIELD` :
    déclaré dans sa configuration, rempli pour chaque document qui a des mots cachés."""
    index["config"].setdefault("fields", {})[FIELD] = {"boost": BOOST}
    for doc in index["docs"]:
        words = hidden_words(_title_and_text(doc))
        if words:
            doc[FIELD] = words
    return index


#: Ce que le greffon ``search`` retire sans rien mettre à sa place (il ne garde que les paragraphes,
#: le code, les listes, sub et sup), alors que cela sépare des mots : sans l'espace que
#: :func:`searchable_html` ajoute après, deux en-têtes de tableau voisins, « Méthode » et
#: « Exactitude », devenaient un seul mot, « MéthodeExactitude », que personne ne cherche.
SEPARATING = ("div", "table", "caption", "thead", "tbody", "tr", "th", "td", "dl", "dt", "dd", "br", "hr",
              "figure", "figcaption", "blockquote", "details", "summary", "label", "button", "select", "option")

#: Les mots que la recherche peut proposer : au moins quatre caractères (lettres ou chiffres, dont au
#: moins une lettre), au plus trente.
SUGGESTED_LENGTH = (4, 30)
#: Une commande TeX (``\\sigma``, ``\\frac``) n'est pas un mot à proposer.
_TEX_COMMAND = re.compile(r"\\[A-Za-z]+")


#: Un bloc de code : ses noms (``PerceptronHistory``) ne sont pas des mots à proposer à un lecteur.
_CODE_BLOCK = re.compile(r"<pre>.*?</pre>", re.S)


def vocabulary(index: dict) -> dict:
    """Les mots que lit un lecteur du site (titres et textes de l'index de recherche, hors blocs de
    code), en minuscules, avec leur nombre d'occurrences, du plus fréquent au plus rare :
    ``{"words": [["réseau", 284], …]}``, chaque mot suivi de sa forme sans accents s'il en a
    (``["réseau", 284, "reseau"]``)."""
    shortest, longest = SUGGESTED_LENGTH
    counts: dict[str, int] = {}
    for doc in index["docs"]:
        prose = _CODE_BLOCK.sub(" ", _title_and_text(doc))
        text = _TEX_COMMAND.sub(" ", _TAG.sub(" ", prose))
        for word in _WORD.findall(unescape(text).lower()):
            if shortest <= len(word) <= longest and not word.isdigit():
                counts[word] = counts.get(word, 0) + 1
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return {"words": [[word, count] + ([fold(word)] if fold(word) != word else []) for word, count in ranked]}


def searchable_html(html: str) -> str:
    """Le contenu d'une page tel que la recherche doit le lire : sans :data:`NOT_SEARCHED`, et sans
    ses blocs ``div``, dont le texte reste en place. Chaque titre se retrouve ainsi au même niveau
    que le texte qui le suit, jusqu'au titre suivant, quelle que soit la cellule qui le porte. Une
    espace suit chaque élément de :data:`SEPARATING` (hors du code) : ses mots restent séparés. Les
    formules y sont écrites en texte lisible (:mod:`sitetools.math_text`) : l'aperçu d'un résultat
    montre « σ(z) = 1 / (1 + e⁻ᶻ) », pas le TeX que MathJax met en forme dans la page."""
    soup = BeautifulSoup(html, "html.parser")
    for element in soup.select(NOT_SEARCHED):
        element.decompose()
    for element in soup.select(", ".join(MATH_ELEMENTS)):
        for text in element.find_all(string=True):
            if type(text) is NavigableString and text.find_parent(["pre", "code"]) is None:
                text.replace_with(readable_formulas(str(text)))
    for element in soup.find_all(SEPARATING):
        if element.find_parent("pre") is None:
            element.insert_after(" ")
    for block in soup.find_all("div"):
        block.unwrap()
    return str(soup)
