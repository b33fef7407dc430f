"""Export d'un modèle Keras 2 (tf_keras) vers TensorFlow.js, au format « layers model ».

Le format « layers » garde la structure du réseau : dans le navigateur, la démo construit un
modèle qui renvoie aussi les sorties des couches intermédiaires (``inspect.json`` dit lesquelles).

Les poids sont quantifiés pour alléger le téléchargement. Pour que Python et le navigateur
calculent *exactement* la même chose, on applique la quantification aller-retour aux poids du
modèle Keras lui-même (:func:`apply_quantization`) : le fichier ``keras.h5`` de ``models/`` porte
les poids que TF.js lit, et les chiffres de ``metrics.json`` sont ceux du modèle de la démo.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import numpy as np


def apply_quantization(model, dtype: str | None) -> None:
    """Remplace chaque poids par sa valeur quantifiée puis déquantifiée (``uint8``, ``float16``)."""
    if dtype is None:
        return
    from tensorflowjs import quantization

    weights = []
    for w in model.get_weights():
        q, meta = quantization.quantize_weights(w, np.dtype(dtype))
        weights.append(quantization.dequantize_weights(q, meta, w.dtype).reshape(w.shape))
    model.set_weights(weights)


def choose_quantization(model, x_val, y_val):
    """``uint8`` si la validation MNIST n'y perd presque rien, sinon ``float16`` (jamais le test).

    Renvoie ``(dtype, {dtype: exactitude de validation})`` ; les poids du modèle sont rendus intacts.
    """
    from .training import CONFIG, evaluate

    base = model.get_weights()
    scores = {}
    for dtype in ("float16", "uint8"):
        model.set_weights(base)
        apply_quantization(model, dtype)
        scores[dtype] = evaluate(model, x_val, y_val)["accuracy"]
    model.set_weights(base)
    # Comparer des nombres d'images, pas des fractions : 0,04 point de 5 000 images, c'est 2 images,
    # et 0,9824 - 0,0004 n'est pas exactement 0,982 en virgule flottante.
    lost = round((scores["float16"] - scores["uint8"]) * len(y_val))
    allowed = round(CONFIG["uint8_tolerance_points"] / 100 * len(y_val))
    return ("uint8" if lost <= allowed else "float16"), scores


def export_tfjs(model, out_dir, dtype: str | None, inspect=None) -> dict:
    """Écrit ``model.json`` et ses poids dans ``out_dir`` (remplacé) ; renvoie les tailles en octets."""
    from tensorflowjs.converters import converter

    out_dir = Path(out_dir)
    with tempfile.TemporaryDirectory() as tmp:
        h5 = Path(tmp) / "model.h5"
        model.save(h5, include_optimizer=False)
        staging = Path(tmp) / "tfjs"
        converter.dispatch_keras_h5_to_tfjs_layers_model_conversion(
            str(h5), str(staging), quantization_dtype_map={dtype: "*"} if dtype else None)
        if inspect is not None:
            (staging / "inspect.json").write_text(
                json.dumps({"layers": inspect}, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        if out_dir.exists():
            shutil.rmtree(out_dir)
        shutil.copytree(staging, out_dir)
    return tfjs_sizes(out_dir)


def tfjs_sizes(out_dir) -> dict:
    """Taille des fichiers que le navigateur télécharge (model.json + poids)."""
    out_dir = Path(out_dir)
    model_json = json.loads((out_dir / "model.json").read_text())
    files = ["model.json"] + [p for group in model_json["weightsManifest"] for p in group["paths"]]
    sizes = {name: (out_dir / name).stat().st_size for name in files}
    return {"files": sizes, "total_bytes": sum(sizes.values())}
