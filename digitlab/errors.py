"""Les erreurs qu'un élève voit dans Jupyter : un message en français, sans pile d'appels."""

from __future__ import annotations


class MessageOnly:
    """À mélanger à une exception (``class X(MessageOnly, Exception)``) : IPython et Jupyter n'en
    montrent que le nom et le message, qui dit déjà quoi faire, au lieu de la pile d'appels."""

    def _render_traceback_(self):
        return [f"{type(self).__name__}\u00a0: {self}"]
