"""Greffon MkDocs : la recherche trouve aussi les mots tapés sans accents.

Après la construction, quand le greffon ``search`` a écrit ``search/search_index.json``, chaque
document y reçoit ses mots accentués écrits sans accents, dans un champ que la recherche consulte
sans l'afficher (:mod:`sitetools.search_index`).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sitetools.search_index import add_folded_field  # noqa: E402


@event_priority(-100)  # après le greffon search, qui écrit l'index
def on_post_build(config):
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not path.exists():  # greffon search retiré de mkdocs.yml : rien à faire
        return
    index = add_folded_field(json.loads(path.read_text(encoding="utf-8")))
    path.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")
