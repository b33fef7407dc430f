"""Les chiffres des modèles, mis en tableaux Markdown pour la page « Le modèle ».

Le greffon ``hooks/models.py`` remplace le marqueur ``<!-- chiffres-modeles -->`` de
``docs/modele.md`` par :func:`model_report` : la page montre toujours les chiffres des fichiers
commités (``models/metrics.json``, ``docs/assets/benchmarks/*.json``), jamais des chiffres recopiés.
"""

from __future__ import annotations

from digitlab.demo_model.paths import KINDS
from digitlab.fmt import format_decimal, format_integer, format_percent

MARKER = "<!-- chiffres-modeles -->"
NAMES = {"cnn": "CNN (convolutions)", "mlp": "MLP (couches denses)"}


def pct(x, digits=2):
    return format_percent(x, digits)


def num(x, digits=1):
    return format_decimal(x, digits) if digits else format_integer(round(x))


def kio(n):
    return f"{num(n / 1024, 0)}\u00a0Kio"


def _summary(metrics):
    rows = ["| | " + " | ".join(NAMES[k] for k in KINDS) + " |", "|---|---|---|"]

    def row(label, fn):
        rows.append(f"| {label} | " + " | ".join(fn(metrics[k]) for k in KINDS) + " |")

    row("Exactitude sur les 10 000 images de test", lambda m: f"**{pct(m['test']['accuracy'])}**")
    row("Erreurs sur le test", lambda m: str(m["test"]["errors"]))
    row("Exactitude de validation (5 000 images MNIST)", lambda m: pct(m["validation_accuracy"]))
    row("Chiffres tracés à l'européenne (validation)", lambda m: pct(m["strokes_validation"]["accuracy"], 1))
    row("Paramètres", lambda m: num(m["parameters"], 0))
    row("Fichiers TF.js (model.json + poids)",
        lambda m: f"{kio(m['tfjs']['total_bytes'])} ({m['quantization']['dtype']})")
    row("Entraînement", lambda m: f"{num(m['training_seconds'] / 60)} min, {m['epochs']} époques "
                                  f"(meilleure : {m['best_epoch']})")
    return "\n".join(rows)


def _per_class(metrics):
    head = "| Chiffre | " + " | ".join(str(d) for d in range(10)) + " |"
    rows = [head, "|---" * 11 + "|"]
    for kind in KINDS:
        cells = " | ".join(pct(a, 1) for a in metrics[kind]["test"]["per_class_accuracy"])
        rows.append(f"| {NAMES[kind]} | {cells} |")
    return "\n".join(rows)


def _confusion(matrix):
    rows = ["| vrai ↓ / prédit → | " + " | ".join(str(d) for d in range(10)) + " |", "|---" * 11 + "|"]
    for d, line in enumerate(matrix):
        cells = [f"**{v}**" if i == d else (str(v) if v else "·") for i, v in enumerate(line)]
        rows.append(f"| **{d}** | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def _styles(metrics):
    styles = metrics["cnn"]["strokes_validation"]["by_style"]
    rows = ["| Style | CNN | MLP |", "|---|---|---|"]
    for style in sorted(styles):
        mlp = metrics["mlp"]["strokes_validation"]["by_style"].get(style)
        rows.append(f"| `{style}` | {pct(styles[style], 0)} | {pct(mlp, 0) if mlp is not None else '—'} |")
    return "\n".join(rows)


def _browser(bench):
    rows = ["| Modèle | Moteur TF.js | Chargement | Prédiction (médiane) | 90ᵉ centile | Chiffres |",
            "|---|---|---|---|---|---|"]
    for kind, r in bench["models"].items():
        rows.append(f"| {NAMES[kind]} | {r['backend']} | {num(r['load_ms'], 0)} ms | "
                    f"{num(r['predict_ms_median'], 2)} ms | {num(r['predict_ms_p90'], 2)} ms | {r['count']} |")
    where = f"Chromium {bench.get('chromium', '')} headless ({bench['machine']})"
    return "\n".join(rows) + f"\n\nMesuré le {bench['date'][:10]} dans {where}."


def _demo(bench):
    lines = ["| Mesure | Valeur |", "|---|---|"]
    labels = {
        "load_to_ready_ms": "Du chargement de la page à la première prédiction possible",
        "pen_up_to_prediction_ms_median": "Du lever du stylo à la prédiction affichée (médiane)",
    }
    for key, label in labels.items():
        if key in bench:
            lines.append(f"| {label} | {num(bench[key], 0)} ms |")
    for key, value in bench.items():
        if key not in labels and isinstance(value, (int, float)):
            lines.append(f"| `{key}` | {num(value, 2)} |")
    return "\n".join(lines)


def model_report(metrics, model_bench=None, demo_bench=None) -> str:
    """Le Markdown de la page « Le modèle », à partir des fichiers de chiffres."""
    parts = ["## Les chiffres", _summary(metrics),
             "## Exactitude par chiffre (test)", _per_class(metrics),
             "## Matrice de confusion du CNN (test)",
             "Ligne : le vrai chiffre ; colonne : ce que le CNN a lu. La diagonale compte les bonnes réponses.",
             _confusion(metrics["cnn"]["test"]["confusion_matrix"]),
             "## Chiffres tracés à l'européenne",
             "Exactitude sur des chiffres tracés au trait par `digitlab.demo_model.strokes` (graine distincte de "
             "l'entraînement), par style. Ces images ne sont pas MNIST : elles vérifient que le modèle lit "
             "les formes que MNIST n'a presque pas.",
             _styles(metrics)]
    if model_bench:
        parts += ["## Vitesse dans le navigateur", _browser(model_bench)]
    if demo_bench:
        parts += ["## La démo", _demo(demo_bench)]
    v = metrics["versions"]
    parts += ["## Provenance",
              f"Entraîné le {metrics['date'][:10]} avec TensorFlow {v['tensorflow']}, "
              f"tf_keras {v['tf_keras']}, tensorflowjs {v['tensorflowjs']}, NumPy {v['numpy']} "
              f"(Python {v['python']}). Empreinte : configuration `{metrics['fingerprint']['config'][:12]}`, "
              f"code `{metrics['fingerprint']['code'][:12]}`, données `{metrics['fingerprint']['data'][:12]}`."]
    return "\n\n".join(parts) + "\n"
