// Séparer les chiffres d'un nombre, de gauche à droite, et préparer chacun pour le réseau.
//
// Jumeau JavaScript de digitlab/segment.py (mêmes règles, mêmes constantes), comparé sur des
// fixtures partagées par tests/test_segment_parity.py. Module pur : aucun accès au DOM
// (tests/js/segment.test.mjs).
//
// - Le pad donne des traits : groupStrokes réunit les traits qui se chevauchent horizontalement
//   (la barre d'un 7, le drapeau d'un 5, les deux traits d'un 4) ; deux chiffres côte à côte ne
//   se chevauchent pas.
// - Une photo donne une image d'encre : splitInk en fait des composantes connexes, réunies de la
//   même façon.
// - Dans les deux cas, un groupe bien moins haut que le plus haut (un tiret, un point, un reste
//   de ligne) n'est pas un chiffre.
// - Un chiffre photographié est écrit d'un trait bien plus fin que ceux de MNIST ou du pad :
//   normalizeStroke le ramène à l'épaisseur du pad (BRUSH_RATIO × son plus grand côté).

import { componentStats, labelComponents, resizePlane } from './photo.js';
import { preprocess, roundHalfUp } from './preprocess.js';
import { BRUSH_RATIO } from './strokes.js';

export const OVERLAP = 0.3;
export const MIN_PIECE_SHARE = 0.01;
export const PIECE_THRESHOLD = 0.1;
export const MIN_HEIGHT_SHARE = 0.4;
export const STROKE_SIDE = 56;

function overlap(a0, a1, b0, b1) {
  return Math.min(a1, b1) - Math.max(a0, b0);
}

/**
 * Groupes d'indices dont les intervalles [début, fin] se recouvrent d'au moins OVERLAP de la plus
 * étroite, de proche en proche ; rangés de gauche à droite.
 */
export function mergeByOverlap(spans) {
  const n = spans.length;
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i) => {
    while (parent[i] !== i) i = parent[i];
    return i;
  };
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const [a0, a1] = spans[i], [b0, b1] = spans[j];
      const narrow = Math.min(a1 - a0, b1 - b0);
      if (overlap(a0, a1, b0, b1) >= OVERLAP * narrow) {
        const ri = find(i), rj = find(j);
        if (ri !== rj) parent[Math.max(ri, rj)] = Math.min(ri, rj);
      }
    }
  }
  const byRoot = new Map();
  for (let i = 0; i < n; i++) {
    const r = find(i);
    if (!byRoot.has(r)) byRoot.set(r, []);
    byRoot.get(r).push(i);
  }
  // Dans l'ordre des racines (le plus petit indice de chaque groupe), comme en Python.
  let merged = Array.from(byRoot.keys()).sort((p, q) => p - q).map((r) => byRoot.get(r));
  const extent = (g) => [Math.min(...g.map((i) => spans[i][0])), Math.max(...g.map((i) => spans[i][1]))];
  for (;;) {
    const ext = merged.map(extent);
    let joined = false;
    for (let i = 0; i < merged.length && !joined; i++) {
      for (let j = i + 1; j < merged.length; j++) {
        const narrow = Math.min(ext[i][1] - ext[i][0], ext[j][1] - ext[j][0]);
        if (overlap(ext[i][0], ext[i][1], ext[j][0], ext[j][1]) >= OVERLAP * narrow) {
          merged[i] = merged[i].concat(merged[j]).sort((p, q) => p - q);
          merged = merged.slice(0, j).concat(merged.slice(j + 1));
          joined = true;
          break;
        }
      }
    }
    if (!joined) break;
  }
  const ext = merged.map(extent);
  const order = merged.map((_, k) => k).sort((p, q) => (ext[p][0] + ext[p][1]) - (ext[q][0] + ext[q][1])
    || Math.min(...merged[p]) - Math.min(...merged[q]));
  return order.map((k) => merged[k]);
}

/**
 * Indices des groupes assez hauts pour être des chiffres : un groupe moins haut que
 * MIN_HEIGHT_SHARE du plus haut est un tiret, un point, un reste de ligne.
 */
export function digitSized(heights) {
  const tallest = heights.length ? Math.max(...heights) : 0;
  return heights.map((h, k) => (h >= MIN_HEIGHT_SHARE * tallest ? k : -1)).filter((k) => k >= 0);
}

/**
 * Traits du pad (listes de points [x, y]) → groupes d'indices de traits, un par chiffre, de
 * gauche à droite ; un tiret ou un point à côté des chiffres est laissé de côté.
 */
export function groupStrokes(strokes) {
  const groups = mergeByOverlap(strokes.map((stroke) => {
    let lo = Infinity, hi = -Infinity;
    for (const [x] of stroke) {
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
    return [lo, hi];
  }));
  const heights = groups.map((g) => {
    let lo = Infinity, hi = -Infinity;
    for (const i of g) {
      for (const [, y] of strokes[i]) {
        if (y < lo) lo = y;
        if (y > hi) hi = y;
      }
    }
    return hi - lo;
  });
  return digitSized(heights).map((k) => groups[k]);
}

/**
 * Image d'encre { width, height, data } → chiffres de gauche à droite :
 * [{ box: [gauche, haut, droite, bas], ink: { width, height, data } }].
 */
export function splitInk(ink) {
  const { width: w, height: h, data } = ink;
  const mask = new Uint8Array(w * h);
  for (let i = 0; i < mask.length; i++) mask[i] = data[i] > PIECE_THRESHOLD ? 1 : 0;
  const { labels, count } = labelComponents(mask, w, h);
  if (count === 0) return [];
  const comps = componentStats(labels, count, data, w, h, PIECE_THRESHOLD);
  let total = 0;
  for (const c of comps) total += c.mass;
  const pieces = comps.filter((c) => c.mass >= MIN_PIECE_SHARE * total);
  const all = mergeByOverlap(pieces.map((c) => [c.box[0], c.box[2]]));
  const heights = all.map((g) => Math.max(...g.map((i) => pieces[i].box[3]))
    - Math.min(...g.map((i) => pieces[i].box[1])));
  const groups = digitSized(heights).map((k) => all[k]);
  return groups.map((g) => {
    const members = g.map((i) => pieces[i]);
    const left = Math.min(...members.map((c) => c.box[0])), top = Math.min(...members.map((c) => c.box[1]));
    const right = Math.max(...members.map((c) => c.box[2])), bottom = Math.max(...members.map((c) => c.box[3]));
    const keep = new Set(members.map((c) => c.label));
    const gw = right - left, gh = bottom - top;
    const out = new Float64Array(gw * gh);
    for (let y = top; y < bottom; y++) {
      for (let x = left; x < right; x++) {
        const i = y * w + x;
        if (keep.has(labels[i])) out[(y - top) * gw + (x - left)] = data[i];
      }
    }
    return { box: [left, top, right, bottom], ink: { width: gw, height: gh, data: out } };
  });
}

/** Épaisseur moyenne du trait : 2 × surface / périmètre (en pixels) du masque data > threshold. */
export function strokeWidth(ink, threshold = 0.5) {
  const { width: w, height: h, data } = ink;
  let area = 0, perimeter = 0;
  const at = (x, y) => (x >= 0 && x < w && y >= 0 && y < h && data[y * w + x] > threshold ? 1 : 0);
  for (let y = -1; y < h; y++) {
    for (let x = -1; x < w; x++) {
      const v = at(x, y);
      if (y >= 0 && x >= 0) area += v;
      if (y >= 0 && v !== at(x + 1, y)) perimeter++;
      if (x >= 0 && v !== at(x, y + 1)) perimeter++;
    }
  }
  return area === 0 ? 0 : (2 * area) / perimeter;
}

/** Décalages [dy, dx] d'un disque de rayon radius, ligne par ligne. */
export function diskOffsets(radius) {
  const r = Math.floor(radius);
  const out = [];
  for (let dy = -r; dy <= r; dy++) {
    for (let dx = -r; dx <= r; dx++) if (dy * dy + dx * dx <= radius * radius) out.push([dy, dx]);
  }
  return out;
}

/** Dilatation en niveaux de gris par un disque : chaque pixel prend le maximum de ses voisins. */
export function dilate(ink, radius) {
  const { width: w, height: h, data } = ink;
  const offsets = diskOffsets(radius);
  const out = new Float64Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let m = 0;
      for (const [dy, dx] of offsets) {
        const yy = y + dy, xx = x + dx;
        if (yy >= 0 && yy < h && xx >= 0 && xx < w && data[yy * w + xx] > m) m = data[yy * w + xx];
      }
      out[y * w + x] = m;
    }
  }
  return { width: w, height: h, data: out };
}

function pad(ink, margin) {
  const w = ink.width + 2 * margin, h = ink.height + 2 * margin;
  const data = new Float64Array(w * h);
  for (let y = 0; y < ink.height; y++) {
    for (let x = 0; x < ink.width; x++) data[(y + margin) * w + x + margin] = ink.data[y * ink.width + x];
  }
  return { width: w, height: h, data };
}

/**
 * Ramène le chiffre à side pixels de plus grand côté, puis épaissit son trait jusqu'à
 * ratio × side : l'épaisseur des traits du pad et des chiffres d'entraînement. L'épaisseur du
 * trait est mesurée avant la réduction, puis ramenée à la nouvelle échelle.
 */
export function normalizeStroke(ink, side = STROKE_SIDE, ratio = BRUSH_RATIO) {
  let img = { width: ink.width, height: ink.height, data: Float64Array.from(ink.data) };
  const k = Math.min(1, side / Math.max(ink.width, ink.height));
  const width = strokeWidth(ink) * k;
  if (k < 1) {
    const oh = Math.max(1, roundHalfUp(ink.height * k)), ow = Math.max(1, roundHalfUp(ink.width * k));
    const data = resizePlane(ink.data, ink.width, ink.height, ow, oh);
    let peak = 0;
    for (const v of data) if (v > peak) peak = v;
    if (peak > 0) for (let i = 0; i < data.length; i++) data[i] = Math.min(1, Math.max(0, data[i] / peak));
    img = { width: ow, height: oh, data };
  }
  const target = ratio * Math.max(img.width, img.height);
  const radius = (target - width) / 2;
  if (radius < 0.5) return img;
  return dilate(pad(img, Math.ceil(radius)), radius);
}

/** Image d'encre d'une région → [{ box, image: Float32Array(784) }] de gauche à droite. */
export function digitInputs(ink) {
  const out = [];
  for (const digit of splitInk(ink)) {
    const image = preprocess(normalizeStroke(digit.ink));
    if (image !== null) out.push({ box: digit.box, image });
  }
  return out;
}
