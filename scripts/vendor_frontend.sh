#!/usr/bin/env bash
# Régénère les bibliothèques front-end servies par le site, dans docs/assets/vendor/.
#
# Les versions sont figées dans package.json et package-lock.json (npm ci les respecte à
# l'octet près). Seuls les fichiers réellement servis sont copiés, avec leur licence ; ils sont
# commités, si bien que le site se construit sans npm. Ce script ne sert qu'à les mettre à jour :
#
#     bash scripts/vendor_frontend.sh
#
# puis vérifier la construction (mkdocs build --strict) et les tests du navigateur.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

command -v npm >/dev/null || { echo "npm est introuvable : installez Node.js (apt-get install npm)." >&2; exit 1; }
npm ci --no-audit --no-fund --ignore-scripts

nm="$root/node_modules"
vendor="$root/docs/assets/vendor"
version() { node -p "require('$nm/$1/package.json').version"; }

# --- TensorFlow.js : le paquet tout-en-un, minifié -------------------------------------------
tfjs="$vendor/tfjs"
rm -rf "$tfjs"
mkdir -p "$tfjs"
cp "$nm/@tensorflow/tfjs/dist/tf.min.js" "$tfjs/tf.min.js"
# Le paquet npm ne contient pas de fichier LICENSE : on assemble les licences de tout ce que
# tf.min.js embarque (TensorFlow.js, et les bibliothèques qu'il intègre dans le même fichier).
{
  echo "tf.min.js : TensorFlow.js $(version @tensorflow/tfjs), copié depuis le paquet npm @tensorflow/tfjs."
  echo "Copyright Google LLC. Licence Apache 2.0 (texte ci-dessous) ; certaines parties de"
  echo "@tensorflow/tfjs-layers sont sous licence MIT (Copyright 2018 Google LLC)."
  echo
  echo "Le fichier intègre aussi : long $(version long) (Apache 2.0), seedrandom $(version seedrandom) (MIT),"
  echo "core-js $(version core-js) (MIT), regenerator-runtime $(version regenerator-runtime) (MIT)."
  echo
  echo "==================================== Apache License 2.0 ===================================="
  cat "$nm/long/LICENSE"
  echo
  echo "============================ MIT (parties de @tensorflow/tfjs-layers) ======================"
  cat <<'MIT'
Copyright 2018 Google LLC

Permission is hereby granted, free of charge, to any person obtaining a copy of this software
and associated documentation files (the "Software"), to deal in the Software without
restriction, including without limitation the rights to use, copy, modify, merge, publish,
distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the
Software is furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or
substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING
BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
MIT
  echo
  echo "============================================ seedrandom ===================================="
  sed -n '/^LICENSE (MIT)/,$p' "$nm/seedrandom/README.md"
  echo
  echo "============================================== core-js ====================================="
  cat "$nm/core-js/LICENSE"
  echo
  echo "======================================== regenerator-runtime ==============================="
  cat "$nm/regenerator-runtime/LICENSE"
} > "$tfjs/LICENSE"

# --- Le moteur WebAssembly de TF.js (même licence Apache 2.0, même auteur) --------------------
# Pour un petit réseau comme le nôtre, WASM (avec SIMD) est le moteur le plus rapide partout, y
# compris sans carte graphique : la démo l'essaie en premier, puis WebGL, puis le JavaScript pur.
# Les trois variantes .wasm sont copiées : TF.js choisit celle que le navigateur accepte.
cp "$nm/@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.min.js" "$tfjs/"
for variant in tfjs-backend-wasm.wasm tfjs-backend-wasm-simd.wasm tfjs-backend-wasm-threaded-simd.wasm; do
  cp "$nm/@tensorflow/tfjs-backend-wasm/dist/$variant" "$tfjs/"
done
sed -i "1i tf-backend-wasm.min.js et *.wasm : @tensorflow/tfjs-backend-wasm $(version @tensorflow/tfjs-backend-wasm), même licence.\\n" "$tfjs/LICENSE"

# --- MathJax 3 : entrée TeX, sortie CommonHTML ----------------------------------------------
# tex-chtml.js contient le cœur, l'entrée TeX, la sortie CHTML et le menu. MathJax charge à la
# demande, relativement à l'emplacement de tex-chtml.js : les polices (output/chtml/fonts/) et
# les extensions TeX appelées par « autoload » (\boldsymbol, \cancel, \color…). On garde donc
# la même arborescence que es5/.
mathjax="$vendor/mathjax"
rm -rf "$mathjax"
mkdir -p "$mathjax/output/chtml/fonts" "$mathjax/input/tex"
cp "$nm/mathjax/es5/tex-chtml.js" "$mathjax/"
# tex-chtml.js embarque le moteur de synthèse vocale SRE, dont trois adresses par défaut pointent
# vers un CDN (cartes de lecture, cartes pour Internet Explorer, polyfill XPath). MathJax remplace
# la première par son propre chemin, les deux autres ne servent qu'aux navigateurs anciens ; le
# site les interdit de toute façon (Content-Security-Policy de overrides/main.html). On les
# réécrit quand même en chemins locaux : aucun fichier servi ne nomme un autre hôte. Le script
# échoue si une adresse manque ou si une nouvelle apparaît (mise à jour de MathJax à revoir).
python3 - "$mathjax/tex-chtml.js" <<'PY'
import re, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
rewrites = {
    '"https://cdn.jsdelivr.net/npm/sre-mathmaps-ie@"+variables_1.Variables.VERSION+"mathmaps_ie.js"':
        '"./sre/mathmaps_ie.js"',
    '"https://cdn.jsdelivr.net/npm/speech-rule-engine@"+r.VERSION+"/lib/mathmaps"': '"./sre/mathmaps"',
    '"https://cdn.jsdelivr.net/npm/wicked-good-xpath@1.3.0/dist/wgxpath.install.js"': '"./sre/wgxpath.install.js"',
}
for old, new in rewrites.items():
    if text.count(old) != 1:
        sys.exit(f"tex-chtml.js : adresse attendue une fois, trouvée {text.count(old)} fois : {old}")
    text = text.replace(old, new)
left = re.findall(r"https?://(?:cdn|unpkg|cdnjs)[^\"']*", text)
if left:
    sys.exit(f"tex-chtml.js : adresses de CDN restantes : {left}")
open(path, "w", encoding="utf-8").write(text)
PY
cp -r "$nm/mathjax/es5/output/chtml/fonts/woff-v2" "$mathjax/output/chtml/fonts/"
cp -r "$nm/mathjax/es5/input/tex/extensions" "$mathjax/input/tex/"
{
  echo "MathJax $(version mathjax), copié depuis le paquet npm mathjax (dossier es5/)."
  echo "Copyright The MathJax Consortium. Licence Apache 2.0 :"
  echo
  cat "$nm/mathjax/LICENSE"
} > "$mathjax/LICENSE"

echo "Copié dans $vendor :"
(cd "$vendor" && find . -type f | sort | sed 's/^/  /' | head -n 20; echo "  … $(find . -type f | wc -l) fichiers, $(du -sh . | cut -f1)")
