// Prétraitement « à la MNIST » d'une image d'encre quelconque.
//
// Jumeau JavaScript de digitlab/preprocess.py : même algorithme, mêmes arrondis, étape par
// étape. Les deux sont comparés sur les mêmes fixtures (tests/fixtures/preprocess/) par
// tests/test_preprocess_parity.py. Toute modification ici doit être reportée là-bas.
//
// Module pur : aucun accès au DOM, Node peut l'importer et le tester.
//
// Une image est un objet { data: Float64Array (ligne par ligne), width, height }.
//   1. l'encre : 0 = fond, 1 = encre ;
//   2. on rogne à la boîte englobante de l'encre (pixels > INK_THRESHOLD) ;
//   3. on met le plus grand côté à BOX = 20 pixels, proportions gardées, par moyenne exacte
//      des surfaces (anticrénelage « box filter ») ;
//   4. on place le résultat dans un carré 28 × 28, centre de masse au centre ;
//   5. on ramène le maximum à 1.

export const SIZE = 28;
export const BOX = 20;
export const INK_THRESHOLD = 0.1;
export const MIN_INK = 1e-3;
export const ROUND_EPS = 1e-9;
export const PAPER_NOISE = 0.2;
export const MAX_PAPER_NOISE = 0.5;

/** Arrondi au plus proche, moitié vers le haut (voir round_half_up en Python). */
export function roundHalfUp(x) {
  return Math.floor(x + 0.5 + ROUND_EPS);
}

/** Crée une image vide (zéros) de taille width × height. */
export function makeImage(width, height, data = null) {
  return { width, height, data: data ?? new Float64Array(width * height) };
}

/** Boîte englobante { top, left, bottom, right } (bornes exclues) des pixels > threshold, ou null. */
export function inkBBox(img, threshold = INK_THRESHOLD) {
  const { width, height, data } = img;
  let top = height, left = width, bottom = -1, right = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (data[y * width + x] > threshold) {
        if (y < top) top = y;
        if (y > bottom) bottom = y;
        if (x < left) left = x;
        if (x > right) right = x;
      }
    }
  }
  if (bottom < 0) return null;
  return { top, left, bottom: bottom + 1, right: right + 1 };
}

/**
 * Poids du rééchantillonnage par moyenne de surfaces : tableau de nOut lignes, chacune
 * { start: premier indice d'entrée, weights: Float64Array }. Le pixel de sortie i couvre
 * [i*s, (i+1)*s) de l'entrée (s = nIn / nOut) ; son poids sur le pixel j est la longueur du
 * recouvrement de [j, j+1) avec cet intervalle, divisée par s.
 */
export function areaWeights(nIn, nOut) {
  const scale = nIn / nOut;
  const rows = [];
  for (let i = 0; i < nOut; i++) {
    const start = i * scale;
    const end = (i + 1) * scale;
    const j0 = Math.floor(start);
    const j1 = Math.min(Math.ceil(end), nIn);
    const weights = new Float64Array(Math.max(0, j1 - j0));
    for (let j = j0; j < j1; j++) {
      const overlap = Math.min(end, j + 1) - Math.max(start, j);
      if (overlap > 0) weights[j - j0] = overlap / scale;
    }
    rows.push({ start: j0, weights });
  }
  return rows;
}

/** Redimensionne img en outH × outW par moyenne exacte des surfaces. */
export function resizeArea(img, outH, outW) {
  const wy = areaWeights(img.height, outH);
  const wx = areaWeights(img.width, outW);
  // D'abord les colonnes (largeur), puis les lignes (hauteur).
  const tmp = new Float64Array(img.height * outW);
  for (let y = 0; y < img.height; y++) {
    const row = y * img.width;
    for (let o = 0; o < outW; o++) {
      const { start, weights } = wx[o];
      let acc = 0;
      for (let k = 0; k < weights.length; k++) acc += weights[k] * img.data[row + start + k];
      tmp[y * outW + o] = acc;
    }
  }
  const out = makeImage(outW, outH);
  for (let o = 0; o < outH; o++) {
    const { start, weights } = wy[o];
    for (let x = 0; x < outW; x++) {
      let acc = 0;
      for (let k = 0; k < weights.length; k++) acc += weights[k] * tmp[(start + k) * outW + x];
      out.data[o * outW + x] = acc;
    }
  }
  return out;
}

/** Taille [h, w] après mise à l'échelle : plus grand côté = box, proportions gardées. */
export function fittedSize(h, w, box = BOX) {
  if (h >= w) return [box, Math.max(1, roundHalfUp((box * w) / h))];
  return [Math.max(1, roundHalfUp((box * h) / w)), box];
}

/** Centre de masse [ligne, colonne] en indices de pixels. */
export function centerOfMass(img) {
  const { width, height, data } = img;
  let total = 0, sy = 0, sx = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = data[y * width + x];
      total += v;
      sy += v * y;
      sx += v * x;
    }
  }
  return [sy / total, sx / total];
}

/** Place small dans un carré size × size, centre de masse au centre (14, 14). */
export function placeByMass(small, size = SIZE) {
  const { width: w, height: h } = small;
  const [cy, cx] = centerOfMass(small);
  const centre = size / 2;
  let top = roundHalfUp(centre - cy);
  let left = roundHalfUp(centre - cx);
  top = Math.min(Math.max(top, 0), size - h);
  left = Math.min(Math.max(left, 0), size - w);
  const out = makeImage(size, size);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) out.data[(top + y) * size + left + x] = small.data[y * w + x];
  }
  return out;
}

function crop(img, { top, left, bottom, right }) {
  const out = makeImage(right - left, bottom - top);
  for (let y = top; y < bottom; y++) {
    for (let x = left; x < right; x++) out.data[(y - top) * out.width + (x - left)] = img.data[y * img.width + x];
  }
  return out;
}

/**
 * Image d'encre quelconque → Float32Array de 28 × 28 valeurs dans [0, 1] (ligne par ligne),
 * ou null quand il n'y a rien à lire.
 */
export function preprocess(ink) {
  const { width, height } = ink;
  if (!(width > 0 && height > 0) || ink.data.length !== width * height) {
    throw new Error(`Image invalide : ${width} × ${height} pour ${ink.data.length} valeurs.`);
  }
  const clipped = makeImage(width, height);
  for (let i = 0; i < clipped.data.length; i++) clipped.data[i] = Math.min(1, Math.max(0, ink.data[i]));
  const bbox = inkBBox(clipped);
  if (bbox === null) return null;
  const cropped = crop(clipped, bbox);
  let sum = 0;
  for (const v of cropped.data) sum += v;
  if (sum < MIN_INK) return null;
  const [h, w] = fittedSize(cropped.height, cropped.width);
  const small = resizeArea(cropped, h, w);
  const out = placeByMass(small);
  let peak = 0;
  for (const v of out.data) if (v > peak) peak = v;
  if (peak <= 0) return null;
  const result = new Float32Array(SIZE * SIZE);
  for (let i = 0; i < result.length; i++) result[i] = out.data[i] / peak;
  return result;
}

/** Pixels du bord : haut, bas, gauche, droite (coins comptés deux fois), comme en Python. */
export function borderPixels(img) {
  const { width: w, height: h, data } = img;
  const out = [];
  for (let x = 0; x < w; x++) out.push(data[x]);
  for (let x = 0; x < w; x++) out.push(data[(h - 1) * w + x]);
  for (let y = 0; y < h; y++) out.push(data[y * w]);
  for (let y = 0; y < h; y++) out.push(data[y * w + w - 1]);
  return out;
}

/** Médiane (moyenne des deux valeurs centrales si l'effectif est pair), comme numpy.median. */
export function median(values) {
  const s = Float64Array.from(values).sort();
  const n = s.length;
  const mid = Math.floor(n / 2);
  return n % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Quantile « au rang le plus proche » : valeur de rang roundHalfUp(q * (n - 1)). */
export function quantile(values, q) {
  const s = Float64Array.from(values).sort();
  return s[roundHalfUp(q * (s.length - 1))];
}

/**
 * Niveaux de gris (0 = noir, 1 = blanc) d'une photo ou d'un scan → encre (0 = fond, 1 = encre).
 * invert : "auto" (bord clair → encre sombre sur papier clair → on inverse), true ou false.
 */
export function grayToInk(gray, invert = 'auto') {
  const { width, height, data } = gray;
  let background = median(borderPixels(gray));
  if (invert === 'auto') invert = background > 0.5;
  if (invert) background = 1 - background;
  const ink = makeImage(width, height);
  let peak = -Infinity;
  for (let i = 0; i < data.length; i++) {
    const v = (invert ? 1 - data[i] : data[i]) - background;
    ink.data[i] = v;
    if (v > peak) peak = v;
  }
  if (peak <= 0.05) return makeImage(width, height);
  for (let i = 0; i < ink.data.length; i++) ink.data[i] /= peak;
  const noise = quantile(borderPixels(ink).map(Math.abs), 0.9);
  const floor = Math.min(MAX_PAPER_NOISE, Math.max(PAPER_NOISE, 2 * noise));
  for (let i = 0; i < ink.data.length; i++) {
    ink.data[i] = Math.min(1, Math.max(0, (ink.data[i] - floor) / (1 - floor)));
  }
  return ink;
}

/** Luminance Rec. 601 d'un pixel RGBA, dans [0, 1]. */
function luminance(rgba, i) {
  return (0.299 * rgba[4 * i] + 0.587 * rgba[4 * i + 1] + 0.114 * rgba[4 * i + 2]) / 255;
}

/**
 * Couleur (0 = noir, 1 = blanc) sur laquelle composer les parties transparentes d'une image.
 * Si le transparent domine, ce qui est opaque est l'encre : on prend la couleur qui contraste
 * avec elle (une craie blanche sur fond transparent se lit sur du noir). Sinon ce qui est opaque
 * est surtout le papier, et les marges transparentes prennent sa couleur. Sans transparence,
 * le choix est sans effet : blanc.
 */
export function compositeBackground(rgba, width, height) {
  let opacity = 0, light = 0;
  for (let i = 0; i < width * height; i++) {
    const a = rgba[4 * i + 3] / 255;
    opacity += a;
    light += a * luminance(rgba, i);
  }
  if (opacity === 0 || opacity === width * height) return 1;
  const opaqueIsLight = light / opacity > 0.5;
  const opaqueIsInk = opacity < 0.5 * width * height;
  return opaqueIsInk === opaqueIsLight ? 0 : 1;
}

/**
 * RGBA (ImageData.data : 0…255) → niveaux de gris dans [0, 1], composé sur un fond uni
 * (background : 0 = noir, 1 = blanc ; par défaut, celui que choisit compositeBackground).
 */
export function rgbaToGray(rgba, width, height, background = compositeBackground(rgba, width, height)) {
  const gray = makeImage(width, height);
  for (let i = 0; i < width * height; i++) {
    const a = rgba[4 * i + 3] / 255;
    gray.data[i] = a * luminance(rgba, i) + (1 - a) * background;
  }
  return gray;
}

/** Canal rouge d'un RGBA (encre blanche sur fond noir dessinée hors écran) → encre dans [0, 1]. */
export function rgbaToInk(rgba, width, height) {
  const ink = makeImage(width, height);
  for (let i = 0; i < width * height; i++) ink.data[i] = rgba[4 * i] / 255;
  return ink;
}
