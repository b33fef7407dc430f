"""Une formule TeX écrite en texte lisible, pour les aperçus de la recherche.

Dans une page, MathJax met les formules en forme. Les aperçus de la recherche, eux, montrent le texte
de l'index tel quel : ``\\(\\sigma(z) = 1 / (1 + e^{-z})\\)`` au lieu de « σ(z) = 1 / (1 + e⁻ᶻ) ».
:func:`readable` traduit ce que les pages du site écrivent : lettres grecques et symboles, fractions,
racines, accents (x̄, ŷ), indices et exposants (en caractères Unicode quand ils existent, sinon
``_(…)`` et ``^(…)``), texte, espaces ; les commandes de mise en page (``\\left``, ``\\big``,
``\\begin{aligned}``) disparaissent. Une commande inconnue perd sa barre oblique. Un test vérifie
qu'aucune formule du site ne laisse de commande TeX dans l'index.
"""

from __future__ import annotations

import re
import unicodedata

SYMBOLS = {
    # Lettres grecques
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε", "zeta": "ζ",
    "eta": "η", "theta": "θ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "rho": "ρ",
    "sigma": "σ", "tau": "τ", "phi": "ϕ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
    "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Pi": "Π", "Sigma": "Σ", "Phi": "Φ", "Omega": "Ω",
    # Opérateurs et relations
    "times": "×", "cdot": "·", "pm": "±", "div": "÷", "odot": "⊙", "circ": "∘", "ast": "∗", "star": "⋆",
    "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "neq": "≠", "ne": "≠", "approx": "≈", "sim": "∼",
    "equiv": "≡", "propto": "∝", "in": "∈", "notin": "∉", "subset": "⊂", "cup": "∪", "cap": "∩",
    "to": "→", "rightarrow": "→", "leftarrow": "←", "Rightarrow": "⇒", "mapsto": "↦", "gets": "←",
    "sum": "∑", "prod": "∏", "int": "∫", "partial": "∂", "nabla": "∇", "infty": "∞", "top": "⊤",
    "ell": "ℓ", "forall": "∀", "exists": "∃", "dots": "…", "ldots": "…", "cdots": "⋯", "vdots": "⋮",
    "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈", "rceil": "⌉", "lVert": "‖", "rVert": "‖", "Vert": "‖",
    "lvert": "|", "rvert": "|", "vert": "|", "langle": "⟨", "rangle": "⟩", "|": "‖",
    "{": "{", "}": "}", "%": "%", "_": "_", "&": "&", "#": "#", "$": "$",
    # Fonctions : leur nom, droit
    "ln": "ln", "log": "log", "exp": "exp", "max": "max", "min": "min", "arg": "arg", "argmax": "argmax",
    "argmin": "argmin", "sin": "sin", "cos": "cos", "tanh": "tanh", "det": "det", "lim": "lim",
    # Espaces
    ",": " ", ";": " ", ":": " ", " ": " ", "quad": " ", "qquad": " ", "!": "", "\\": " ",
}
#: Symboles « ordinaires » (lettres, ∂) : comme en TeX, l'espace entre leur commande et une lettre ne
#: compte pas (``\\partial C`` s'écrit « ∂C »). Après un opérateur ou une fonction (``\\ln p``), elle reste.
ORDINARY = {name for name, value in SYMBOLS.items() if len(value) == 1 and value.isalpha()} | {
    "partial", "nabla", "infty", "ell"}
#: Commandes de mise en page : retirées (leur argument, s'il y en a un, reste).
DROPPED = {"left", "right", "big", "Big", "bigl", "bigr", "Bigl", "Bigr", "bigg", "Bigg", "displaystyle",
           "textstyle", "limits", "nolimits", "mathrm", "mathbf", "mathit", "mathsf", "mathtt", "boldsymbol",
           "operatorname", "text", "textrm", "textbf", "textit", "mbox", "mathcal"}
FRACTIONS = {"frac", "dfrac", "tfrac"}
ACCENTS = {"bar": "\u0304", "overline": "\u0305", "hat": "\u0302", "widehat": "\u0302", "tilde": "\u0303",
           "widetilde": "\u0303", "vec": "\u20d7", "dot": "\u0307"}
BLACKBOARD = {"R": "ℝ", "N": "ℕ", "Z": "ℤ", "Q": "ℚ", "C": "ℂ"}

_SUB = dict(zip("0123456789+-=()aehijklmnoprstuvxβγρφχ",
                "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓᵦᵧᵨᵩᵪ"))
_SUP = dict(zip("0123456789+-=()abcdefghijklmnoprstuvwxyzTβγδθφχ⊤",
                "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᵀᵝᵞᵟᶿᵠᵡᵀ"))
_SUP["−"] = "⁻"
_SUB["−"] = "₋"

# Une commande, un signe de TeX, des espaces, ou un seul autre caractère (dans « x^2y », l'exposant
# est le seul « 2 »).
_TOKEN = re.compile(r"\\([A-Za-z]+|.)|([{}^_&~])|(\s+)|([^\\{}^_&~\s])", re.S)


def _script(text: str, table: dict, mark: str) -> str:
    """``text`` en indice ou en exposant : caractères Unicode si tous existent, sinon ``_x``, ``_(…)``."""
    bare = text.replace(" ", "")
    if bare and all(c in table for c in bare):
        return "".join(table[c] for c in bare)
    return f"{mark}{bare}" if len(bare) == 1 else f"{mark}({text.strip()})"


def _atom(text: str) -> str:
    """``text``, entre parenthèses s'il contient une opération : « a/b », « (a + b)/2 »."""
    return f"({text})" if any(c in " +−-=/×·,<>≤≥" for c in text) else text


class _Reader:
    """Lit une formule jeton par jeton ; chaque groupe ``{…}`` est lu par le même lecteur."""

    def __init__(self, tex: str):
        self.tokens = list(_TOKEN.finditer(tex))
        self.i = 0

    def next(self):
        token = self.tokens[self.i] if self.i < len(self.tokens) else None
        self.i += 1
        return token

    def argument(self) -> str:
        """L'argument qui suit : un groupe ``{…}``, une commande ou un caractère."""
        while self.i < len(self.tokens) and self.tokens[self.i].group(3):
            self.i += 1  # espaces avant l'argument
        token = self.next()
        if token is None:
            return ""
        return self.one(token)

    def group(self) -> str:
        """Jusqu'à l'accolade fermante qui correspond."""
        out = []
        while (token := self.next()) is not None:
            if token.group(2) == "}":
                break
            out.append(self.one(token))
        return "".join(out)

    def one(self, token) -> str:
        command, sign, space, text = token.group(1), token.group(2), token.group(3), token.group(4)
        if text is not None:
            return text.replace("-", "−")
        if space is not None:
            return " "
        if sign == "{":
            return self.group()
        if sign == "}":
            return ""
        if sign in ("&", "~"):
            return " "
        if sign in ("^", "_"):
            return _script(self.argument(), _SUP if sign == "^" else _SUB, sign)
        if command in ORDINARY:  # « \\partial C » : « ∂C » ; mais « \\eta = 3 » : « η = 3 »
            j = self.i
            while j < len(self.tokens) and self.tokens[j].group(3):
                j += 1
            if j < len(self.tokens) and (self.tokens[j].group(4) or " ")[0].isalnum():
                self.i = j
        return self.command(command)

    def command(self, name: str) -> str:
        if name in FRACTIONS:
            top, bottom = self.argument().strip(), self.argument().strip()
            return f"{_atom(top)}/{_atom(bottom)}"
        if name == "sqrt":
            return f"√{_atom(self.argument().strip())}"
        if name in ACCENTS:
            inner = self.argument()
            return inner + ACCENTS[name] if len(inner) == 1 else inner
        if name == "mathbb":
            inner = self.argument()
            return "".join(BLACKBOARD.get(c, c) for c in inner)
        if name in ("begin", "end"):
            self.argument()  # le nom de l'environnement
            return " "
        if name in DROPPED:
            return ""
        if name in SYMBOLS:
            return SYMBOLS[name]
        return name  # inconnue : son nom, sans la barre oblique


def readable(tex: str) -> str:
    """La formule ``tex`` (sans ses délimiteurs) en texte lisible, espaces resserrées, accents
    composés quand Unicode a le caractère (« ŷ »)."""
    reader = _Reader(tex)
    out = []
    while (token := reader.next()) is not None:
        out.append(reader.one(token))
    return unicodedata.normalize("NFC", " ".join("".join(out).split()))


KNOWN = set(SYMBOLS) | DROPPED | FRACTIONS | set(ACCENTS) | {"sqrt", "mathbb", "begin", "end"}


def unknown_commands(tex: str) -> set[str]:
    """Les commandes de ``tex`` que :func:`readable` ne sait pas traduire (elle n'en garde que le nom)."""
    return {m.group(1) for m in re.finditer(r"\\([A-Za-z]+)", tex)} - KNOWN


#: Où sont les formules, et leurs délimiteurs : ceux que MathJax cherche, d'après
#: ``overrides/assets/javascripts/mathjax-config.js`` (``startup.elements``, ``inlineMath``,
#: ``displayMath`` ; un test vérifie que les deux disent la même chose). Ailleurs, un « $ » reste un dollar.
MATH_ELEMENTS = (".arithmatex", ".jp-RenderedMarkdown", ".jp-RenderedLatex")
MATH = re.compile(r"\\\((.+?)\\\)|\\\[(.+?)\\\]|\$\$(.+?)\$\$|\$(.+?)\$", re.S)


def readable_formulas(text: str) -> str:
    """``text`` avec chacune de ses formules délimitées écrite par :func:`readable`."""
    return MATH.sub(lambda m: readable(next(g for g in m.groups() if g is not None)), text)
