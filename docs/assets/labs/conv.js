// La convolution et le pooling d'une carte à un canal, pour les labos. Module pur : aucun
// accès au DOM, testé par Node (tests/js/conv.test.mjs) et comparé à son jumeau Python,
// digitlab/conv.py, sur les mêmes fixtures (tests/fixtures/conv/).
//
// Une carte est un tableau de lignes de nombres : map[i][j] est le pixel de la ligne i,
// colonne j. Comme Keras (Conv2D), la convolution est une corrélation croisée : le noyau est
// posé tel quel sur l'image, sans être retourné.

import { formatCount } from '../demo/fmt.js';

export const PADDINGS = ['valid', 'same'];
export const POOLS = ['max', 'average', 'l2'];

/** Erreur de réglage ou de données, avec un message en français pour le lecteur. */
export class LabError extends Error {
  constructor(message) {
    super(message);
    this.name = 'LabError';
  }
}

function positiveInt(value, what) {
  if (!Number.isInteger(value) || value < 1) {
    throw new LabError(`${what} doit être un entier supérieur ou égal à 1 (reçu : ${value}).`);
  }
  return value;
}

function checkPadding(padding) {
  if (!PADDINGS.includes(padding)) {
    throw new LabError(`Marge inconnue « ${padding} » : choisissez « valid » (pas de marge) ou « same » (marge de zéros).`);
  }
  return padding;
}

function checkPool(kind) {
  if (!POOLS.includes(kind)) {
    throw new LabError(`Pooling inconnu « ${kind} » : choisissez « max », « average » (moyenne) ou « l2 ».`);
  }
  return kind;
}

/** Vérifie qu'une carte est un rectangle non vide de nombres finis ; renvoie [hauteur, largeur]. */
export function shapeOf(map, what = 'La carte') {
  if (!Array.isArray(map) || map.length === 0 || !map[0] || map[0].length === 0) {
    throw new LabError(`${what} est vide.`);
  }
  const w = map[0].length;
  for (const row of map) {
    if (!row || row.length !== w) throw new LabError(`${what} n'est pas rectangulaire : toutes ses lignes doivent avoir ${formatCount(w, 'valeur')}.`);
    for (const v of row) {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new LabError(`${what} contient une valeur qui n'est pas un nombre fini.`);
    }
  }
  return [map.length, w];
}

/** Une carte de h lignes et w colonnes à partir d'un tableau à plat (ligne après ligne). */
export function toRows(flat, h, w) {
  if (flat.length !== h * w) throw new LabError(`${formatCount(flat.length, 'valeur')} pour une carte de ${h} × ${w}.`);
  return Array.from({ length: h }, (_, i) => Array.from(flat.slice(i * w, (i + 1) * w), Number));
}

/** Nombre de positions d'une fenêtre de k pixels sur n pixels (règles de TensorFlow). */
export function outputSize(n, k, stride = 1, padding = 'valid') {
  positiveInt(n, 'La taille de l\'entrée');
  positiveInt(k, 'La taille du noyau');
  positiveInt(stride, 'Le pas');
  if (checkPadding(padding) === 'same') return Math.ceil(n / stride);
  if (k > n) {
    throw new LabError(`Le noyau (${formatCount(k, 'pixel')}) est plus grand que l'entrée (${formatCount(n, 'pixel')}) : sans marge (« valid »), il ne tient nulle part.`);
  }
  return Math.floor((n - k) / stride) + 1;
}

/** Zéros ajoutés [avant, après] en « same » : le pixel en trop va après, comme TensorFlow. */
export function paddingAmounts(n, k, stride = 1, padding = 'valid') {
  const out = outputSize(n, k, stride, padding);
  if (padding === 'valid') return [0, 0];
  const total = Math.max((out - 1) * stride + k - n, 0);
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}

/** La carte passée par ReLU : max(v, 0) en chaque pixel. */
export function relu(map) {
  return map.map((row) => row.map((v) => (v > 0 ? v : 0)));
}

/** Géométrie d'une convolution : tailles de sortie et marges haute et gauche. */
function convGeometry(map, kernel, stride, padding) {
  const [h, w] = shapeOf(map, 'L\'image');
  const [kh, kw] = shapeOf(kernel, 'Le noyau');
  return {
    h, w, kh, kw,
    outH: outputSize(h, kh, stride, padding),
    outW: outputSize(w, kw, stride, padding),
    top: paddingAmounts(h, kh, stride, padding)[0],
    left: paddingAmounts(w, kw, stride, padding)[0],
  };
}

/**
 * Convolution (corrélation croisée) d'une carte par un noyau, sans biais :
 * sortie[i][j] = Σ_u Σ_v image[i·pas − haut + u][j·pas − gauche + v] × noyau[u][v],
 * les pixels hors de l'image (la marge « same ») valant 0. Avec relu: true, ReLU ensuite.
 */
export function conv2d(map, kernel, { stride = 1, padding = 'valid', relu: withRelu = false } = {}) {
  const g = convGeometry(map, kernel, stride, padding);
  const out = [];
  for (let i = 0; i < g.outH; i++) {
    const row = new Array(g.outW);
    for (let j = 0; j < g.outW; j++) {
      let sum = 0;
      for (let u = 0; u < g.kh; u++) {
        const y = i * stride - g.top + u;
        if (y < 0 || y >= g.h) continue;
        for (let v = 0; v < g.kw; v++) {
          const x = j * stride - g.left + v;
          if (x >= 0 && x < g.w) sum += map[y][x] * kernel[u][v];
        }
      }
      row[j] = withRelu && sum < 0 ? 0 : sum;
    }
    out.push(row);
  }
  return out;
}

/**
 * Ce qui a produit le pixel (row, col) de conv2d : la fenêtre (coin top, left dans l'image,
 * négatif dans la marge), ses valeurs (0 dans la marge), les poids, les produits, leur somme et
 * la valeur finale (après ReLU si relu: true).
 */
export function explainConv(map, kernel, row, col, { stride = 1, padding = 'valid', relu: withRelu = false } = {}) {
  const g = convGeometry(map, kernel, stride, padding);
  checkCell(row, col, g.outH, g.outW);
  const top = row * stride - g.top;
  const left = col * stride - g.left;
  const values = [];
  const products = [];
  let sum = 0;
  for (let u = 0; u < g.kh; u++) {
    const vRow = [];
    const pRow = [];
    for (let v = 0; v < g.kw; v++) {
      const y = top + u;
      const x = left + v;
      const value = y >= 0 && y < g.h && x >= 0 && x < g.w ? map[y][x] : 0;
      vRow.push(value);
      pRow.push(value * kernel[u][v]);
      sum += value * kernel[u][v];
    }
    values.push(vRow);
    products.push(pRow);
  }
  return {
    top, left, values, weights: kernel.map((r) => r.slice()), products, sum,
    value: withRelu && sum < 0 ? 0 : sum,
  };
}

function checkCell(row, col, outH, outW) {
  if (!Number.isInteger(row) || row < 0 || row >= outH) {
    throw new LabError(`La ligne ${row} est hors de la carte de sortie (${outH} × ${outW}) : elle va de 0 à ${outH - 1}.`);
  }
  if (!Number.isInteger(col) || col < 0 || col >= outW) {
    throw new LabError(`La colonne ${col} est hors de la carte de sortie (${outH} × ${outW}) : elle va de 0 à ${outW - 1}.`);
  }
}

/** Le résumé d'une liste de valeurs : max, moyenne ou L2 (√ de la somme des carrés). */
export function summarise(values, kind) {
  checkPool(kind);
  if (kind === 'max') return Math.max(...values);
  if (kind === 'average') return values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, b) => a + b * b, 0));
}

function poolGeometry(map, window, stride) {
  const [h, w] = shapeOf(map);
  positiveInt(window, 'La taille de la fenêtre');
  positiveInt(stride, 'Le pas');
  return { outH: outputSize(h, window, stride), outW: outputSize(w, window, stride) };
}

function windowValues(map, top, left, window) {
  const values = [];
  for (let u = 0; u < window; u++) values.push(map[top + u].slice(left, left + window));
  return values;
}

/**
 * Pooling sans marge : chaque fenêtre window × window (espacées de stride, par défaut window)
 * est résumée par son max, sa moyenne ou sa norme L2.
 */
export function pool2d(map, { kind = 'max', window = 2, stride = window } = {}) {
  checkPool(kind);
  const { outH, outW } = poolGeometry(map, window, stride);
  const out = [];
  for (let i = 0; i < outH; i++) {
    const row = new Array(outW);
    for (let j = 0; j < outW; j++) row[j] = summarise(windowValues(map, i * stride, j * stride, window).flat(), kind);
    out.push(row);
  }
  return out;
}

/** Ce qui a produit le pixel (row, col) de pool2d : la fenêtre et sa valeur. */
export function explainPool(map, row, col, { kind = 'max', window = 2, stride = window } = {}) {
  checkPool(kind);
  const { outH, outW } = poolGeometry(map, window, stride);
  checkCell(row, col, outH, outW);
  const top = row * stride;
  const left = col * stride;
  const values = windowValues(map, top, left, window);
  return { top, left, values, value: summarise(values.flat(), kind) };
}

/** La carte décalée de dy pixels vers le bas et dx vers la droite ; ce qui entre vaut 0. */
export function shift(map, dy, dx) {
  const [h, w] = shapeOf(map);
  if (!Number.isInteger(dy) || !Number.isInteger(dx)) throw new LabError('Le décalage doit être un nombre entier de pixels.');
  return Array.from({ length: h }, (_, y) => Array.from({ length: w }, (_, x) => {
    const sy = y - dy;
    const sx = x - dx;
    return sy >= 0 && sy < h && sx >= 0 && sx < w ? map[sy][sx] : 0;
  }));
}

/** De combien une carte a changé : Σ |après − avant| / Σ |avant| (0 si les deux sont nulles). */
export function changeRatio(before, after) {
  const [h, w] = shapeOf(before);
  const [h2, w2] = shapeOf(after);
  if (h !== h2 || w !== w2) throw new LabError(`Les deux cartes n'ont pas la même taille : ${h} × ${w} et ${h2} × ${w2}.`);
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < h; i++) {
    for (let j = 0; j < w; j++) {
      diff += Math.abs(after[i][j] - before[i][j]);
      scale += Math.abs(before[i][j]);
    }
  }
  if (scale === 0) return diff === 0 ? 0 : Infinity;
  return diff / scale;
}

/** Plus grande valeur absolue d'une carte (pour l'échelle des couleurs). */
export function maxAbs(map) {
  let m = 0;
  for (const row of map) for (const v of row) if (Math.abs(v) > m) m = Math.abs(v);
  return m;
}
