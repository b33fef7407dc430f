"""Les nombres écrits à la française, pour les chapitres, les rapports et les messages.

Virgule décimale, espace insécable avant « % », espace fine insécable entre les milliers.
"""

from __future__ import annotations


def format_percent(x, digits: int = 1):
    """0.9771 → « 97,7 % » : virgule décimale et espace insécable, à la française."""
    return f"{100 * x:.{digits}f}".replace(".", ",") + "\u00a0%"


def format_decimal(x, digits: int = 4):
    """0.07153 → « 0,0715 » : virgule décimale, à la française."""
    return f"{x:.{digits}f}".replace(".", ",")


def format_integer(n):
    """17190 → « 17 190 » : les milliers séparés par une espace fine insécable."""
    return f"{int(n):,}".replace(",", "\u202f")
