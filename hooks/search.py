"""Greffon MkDocs : la recherche mène à la section où le mot est écrit, et trouve aussi les mots
tapés sans accents ou collés derrière une apostrophe.

- Pendant la construction de chaque page, le greffon ``search`` lit une version aplatie de son
  contenu (:func:`sitetools.search_index.searchable_html`) ; la page publiée garde le sien.
- Après la construction, quand le greffon ``search`` a écrit ``search/search_index.json``, chaque
  document y reçoit ses mots que la recherche n'atteindrait pas tels quels (accentués, écrits sans
  accents ; collés derrière une apostrophe ou un signe), dans un champ que la recherche consulte
  sans l'afficher (:mod:`sitetools.search_index`). À côté, ``search/vocabulary.json`` : les mots
  du site, que la page propose quand une recherche mal tapée ne trouve rien.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sitetools.search_index import add_hidden_words_field, searchable_html, vocabulary  # noqa: E402

#: Le contenu publié de chaque page, le temps que le greffon ``search`` lise sa version aplatie.
_published: dict[str, str] = {}


@event_priority(-100)  # après les autres greffons : le contenu est définitif
def on_page_content(html, page, config, files):
    _published[page.file.src_uri] = html
    return searchable_html(html)


@event_priority(-100)  # après le greffon search (priorité 0), qui vient d'indexer la version aplatie
def on_page_context(context, page, config, nav):
    page.content = _published.pop(page.file.src_uri)
    return context


@event_priority(-100)  # après le greffon search, qui écrit l'index
def on_post_build(config):
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not path.exists():  # greffon search retiré de mkdocs.yml : rien à faire
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    words = vocabulary(index)
    (path.parent / "vocabulary.json").write_text(json.dumps(words, ensure_ascii=False, separators=(",", ":")),
                                                 encoding="utf-8")
    path.write_text(json.dumps(add_hidden_words_field(index), separators=(",", ":")), encoding="utf-8")
