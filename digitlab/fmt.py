"""Les nombres écrits à la française, pour les chapitres, les rapports et les messages.

Virgule décimale, vrai signe moins « − » (et non le trait d'union « - »), espace insécable avant
« % », espace fine insécable entre les milliers, puissances de dix en exposant. Les chapitres
n'écrivent jamais un nombre avec ``.replace(".", ",")`` : ils passent par ce module.
"""

from __future__ import annotations

MINUS = "\u2212"  # le signe moins de la typographie, plus long que le trait d'union
NBSP = "\u00a0"  # espace insécable
NNBSP = "\u202f"  # espace fine insécable
SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _french(text: str) -> str:
    """Un nombre écrit par Python (« -0.25 ») → écrit à la française (« −0,25 »)."""
    return text.replace("-", MINUS).replace(".", ",")


def format_percent(x, digits: int = 1):
    """0.9771 → « 97,7 % » : virgule décimale et espace insécable, à la française."""
    return _french(f"{100 * x:.{digits}f}") + NBSP + "%"


def format_decimal(x, digits: int = 4, signed: bool = False):
    """0.07153 → « 0,0715 ».

    Avec ``signed=True``, le signe est toujours écrit : « +0,17 », « −0,02 ». Un nombre qui
    s'arrondit à zéro n'a jamais de signe moins (« 0,00 », pas « −0,00 »).
    """
    text = f"{x:.{digits}f}"
    if text.startswith("-") and float(text) == 0:
        text = text[1:]
    if signed and not text.startswith("-"):
        text = "+" + text
    return _french(text)


def format_number(x):
    """Le nombre sans zéros inutiles : 0.002 → « 0,002 », 2.0 → « 2 », 1.05 → « 1,05 »."""
    return _french(f"{float(x):.12g}")


def format_integer(n):
    """17190 → « 17 190 » : les milliers séparés par une espace fine insécable."""
    return _french(f"{int(n):,}".replace(",", NNBSP))


def plural_form(n, singular: str, plural: str | None = None) -> str:
    """Le mot accordé à ``n``, à la française : singulier jusqu'à 1 (« 0 erreur », « 1 erreur »),
    pluriel à partir de 2 (« 2 erreurs ») ; pluriel régulier en « s » si ``plural`` n'est pas donné."""
    if abs(n) < 2:
        return singular
    return plural if plural is not None else singular + "s"


def format_count(n, singular: str, plural: str | None = None) -> str:
    """« 1 chiffre », « 3 chiffres », « 17 190 images » : le nombre et le mot accordé, plutôt
    qu'un « s » entre parenthèses."""
    return f"{format_integer(n)} {plural_form(n, singular, plural)}"


def format_kilobytes(n) -> str:
    """294259 octets → « 294 ko » : des kilo-octets décimaux (1 ko = 1 000 octets), l'unité des barres
    des issues (« 400 ko au plus »). Jumeau de ``formatKilobytes`` (fmt.js)."""
    return f"{format_integer(round(n / 1000))}{NBSP}ko"


def format_list(items) -> str:
    """``["15 %", "8 %", "3 %"]`` → « 15 %, 8 % et 3 % » : virgules, puis « et » avant le dernier ; un
    seul élément tel quel, aucun : « ». Jumeau de ``formatList`` (fmt.js)."""
    items = [str(item) for item in items]
    return f"{', '.join(items[:-1])} et {items[-1]}" if len(items) > 1 else "".join(items)


def format_scientific(x, digits: int = 1):
    """5.1e-10 → « 5,1 × 10⁻¹⁰ » : l'écriture scientifique, exposant en chiffres supérieurs."""
    mantissa, exponent = f"{x:.{digits}e}".split("e")
    power = str(int(exponent)).translate(SUPERSCRIPTS)
    return f"{_french(mantissa)}{NBSP}×{NBSP}10{power}"
