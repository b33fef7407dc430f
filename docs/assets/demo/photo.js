// Trouver l'encre d'un chiffre dans la photo d'une feuille d'écolier, comme le ferait une personne.
//
// Jumeau JavaScript de digitlab/photo.py : même algorithme, mêmes constantes, mêmes arrondis,
// étape par étape. Les deux sont comparés sur les fixtures partagées (tests/fixtures/photo/) par
// tests/test_photo_parity.py. Toute modification ici doit être reportée là-bas.
//
// Module pur : aucun accès au DOM, Node peut l'importer et le tester (tests/js/photo.test.mjs).
//
//   1. réduire la photo (plus grand côté WORK_SIDE), par moyenne exacte des surfaces ;
//   2. estimer le papier et sa lumière case par case (le plus clair de chaque case, une fermeture,
//      une moyenne), diviser par ce fond : ombres, vignetage et teinte disparaissent. La noirceur
//      d'un pixel est 1 − rouge / rouge du papier : l'encre bleue ou noire absorbe le rouge, les
//      réglures lilas, bleues ou rouges beaucoup moins ;
//   3. retirer les réglures : des lignes droites et longues, trouvées famille par famille
//      (presque horizontales, presque verticales) avec leur perspective ; le long de chacune,
//      tronçon par tronçon, la noirceur médiane est celle de la réglure, qu'on retire en divisant
//      là où elle se retrouve dans sept tronçons sur huit au moins (un chiffre ne l'est pas) ;
//   4. seuiller, faire des composantes connexes, écarter poussières et restes de lignes, garder
//      le groupe le plus chargé d'encre et ses voisines (morceaux d'un chiffre, chiffres d'un nombre) ;
//   5. rendre la région (sa boîte dans la photo d'origine) et son image d'encre (0 = papier,
//      1 = encre), prête pour segment.js puis preprocess.js.
//
// Quand le lecteur entoure lui-même une petite zone (un chiffre photographié de loin),
// readRegionCloserSteps relit la zone et son voisinage de plus près : la fenêtre, découpée dans la
// photo d'origine, repasse seule par ces cinq étapes.
//
// Une image d'un canal est { width, height, data: Float64Array } (ligne par ligne) ; une photo
// réduite est { width, height, r, g, b } (trois Float64Array dans [0, 1]).

import { areaWeights, borderPixels, median, roundHalfUp } from './preprocess.js';

export const WORK_SIDE = 640;
export const PHOTO_MIN_SIDE = 200;
export const CELL = 16;
export const PAPER_QUANTILE = 0.9;
export const RULING_SEARCH_THRESHOLD = 0.05;
export const RULING_SEARCH_STRIDE = 2;
export const RULING_WEIGHT_CAP = 0.5;
export const RULING_SEGMENTS = 4;
export const RULING_BANDS = 3;
export const RULING_MAX_SLOPE = 0.36;
export const RULING_COARSE_STEP = 0.009;
export const RULING_MAX_CONVERGENCE = 0.2126;
export const RULING_TRACK_ROUNDS = 4;
export const RULING_TRACK_SHARE = 0.1;
export const RULING_TRACK_RADIUS = 3;
export const PROFILE_BIN = 0.5;
export const PROFILE_QUANTILE = 0.5;
export const PROFILE_MIN_SHARE = 0.25;
export const PROFILE_SEGMENTS = 8;
export const RULING_MISSING = 1;
export const RULING_MIN_PRESENT = 4;
export const RULING_TOLERANCE = 4;
// Décalage d'un tronçon à l'autre pour suivre une ligne courbée (voir segment_shifts en Python).
export const RULING_SHIFT_STEP = 8;
export const PROFILE_MAX = 0.9;
export const INK_LEVEL_QUANTILE = 0.999;
export const NOISE_QUANTILE = 0.9;
export const NOISE_FACTOR = 3.0;
export const MIN_DARKNESS = 0.08;
export const STRONG_SHARE = 0.5;
export const LOW_SHARE = 0.25;
export const MIN_INK_PEAK = 0.2;
export const MIN_COMPONENT_AREA = 12;
export const MIN_COMPONENT_SHARE = 4e-5;
export const LINE_SPAN = 0.5;
export const LINE_THICKNESS = 4.0;
export const LINE_U_WIDTH = 7.0;
export const FRAME_STRIP = 2;
export const FRAME_SHARE = 0.5;
export const JOIN_MASS = 0.02;
export const JOIN_CONTRAST = 0.5;
export const JOIN_X = 0.6;
export const JOIN_Y = 0.2;
export const MIN_REGION_SHARE = 0.04;
// Une zone choisie par le lecteur est relue de plus près (zoomWindow) : la fenêtre relue fait
// ZOOM_CONTEXT fois le plus grand côté de la zone (au moins PHOTO_MIN_SIDE pixels), et on ne la
// relit que si elle y est vue au moins ZOOM_GAIN fois plus grande que dans la photo réduite.
export const ZOOM_CONTEXT = 3.0;
export const ZOOM_GAIN = 2.0;
// Dans une zone choisie par le lecteur (il dit qu'un chiffre s'y trouve) : si aucune tache n'y
// atteint MIN_INK_PEAK, les traits pâles comptent aussi (noirceur de 0,12 au moins par endroits),
// pourvu qu'ils couvrent au moins 0,5 % de la zone et 36 pixels (un stylo bille sur une page entière).
export const CHOSEN_INK_PEAK = 0.12;
export const CHOSEN_PALE_SHARE = 0.005;
export const CHOSEN_PALE_MIN_AREA = 36;

/**
 * Vrai si une image (niveaux de gris { width, height, data }, 0 = noir, 1 = blanc) se lit comme une
 * photo de papier : une encre sombre sur un fond clair (bord clair, comme grayToInk le décide) et
 * au moins PHOTO_MIN_SIDE pixels de côté. Une petite image (un chiffre de MNIST, un chiffre déjà
 * découpé) ou une encre claire sur fond sombre se lit comme avant, d'un seul tenant.
 */
export function isPaperPhoto(gray) {
  return Math.max(gray.width, gray.height) >= PHOTO_MIN_SIDE && median(borderPixels(gray)) > 0.5;
}

/** Taille [largeur, hauteur] réduite pour que le plus grand côté ne dépasse pas side. */
export function workSize(width, height, side = WORK_SIDE) {
  const k = Math.min(1, side / Math.max(width, height));
  return [Math.max(1, roundHalfUp(width * k)), Math.max(1, roundHalfUp(height * k))];
}

/**
 * Poids de la moyenne des surfaces (areaWeights de preprocess.js), sans les zéros, à plat :
 * { starts, index, weights } — les termes du pixel de sortie o vont de starts[o] à starts[o + 1].
 */
function sparseWeights(nIn, nOut) {
  const rows = areaWeights(nIn, nOut);
  const starts = new Int32Array(nOut + 1);
  const index = [], weights = [];
  rows.forEach(({ start, weights: w }, o) => {
    for (let k = 0; k < w.length; k++) {
      if (w[k] > 0) { index.push(start + k); weights.push(w[k]); }
    }
    starts[o + 1] = index.length;
  });
  return { starts, index: Int32Array.from(index), weights: Float64Array.from(weights) };
}

/** Redimensionne un plan (Float64Array h × w) en outH × outW : colonnes d'abord, puis lignes. */
export function resizePlane(plane, width, height, outW, outH) {
  const wx = sparseWeights(width, outW);
  const wy = sparseWeights(height, outH);
  const tmp = new Float64Array(height * outW);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let o = 0; o < outW; o++) {
      let acc = 0;
      for (let k = wx.starts[o]; k < wx.starts[o + 1]; k++) acc += wx.weights[k] * plane[row + wx.index[k]];
      tmp[y * outW + o] = acc;
    }
  }
  const out = new Float64Array(outH * outW);
  for (let o = 0; o < outH; o++) {
    for (let k = wy.starts[o]; k < wy.starts[o + 1]; k++) {
      const wk = wy.weights[k];
      const row = wy.index[k] * outW;
      for (let x = 0; x < outW; x++) out[o * outW + x] += wk * tmp[row + x];
    }
  }
  return out;
}

/**
 * Pixels d'une photo (RVBA comme ImageData.data, ou RVB avec channels = 3) → photo réduite
 * { width, height, r, g, b } dans [0, 1], plus grand côté side au plus. Avec colours = 1, le
 * rouge seul ({ width, height, r }) : c'est tout ce que la lecture utilise (la noirceur).
 */
export function downscale(pixels, width, height, side = WORK_SIDE, channels = 4, colours = 3) {
  if (!(width > 0 && height > 0) || pixels.length !== width * height * channels) {
    throw new Error(`Photo invalide : ${width} × ${height} pour ${pixels.length} valeurs.`);
  }
  const planes = [0, 1, 2].slice(0, colours).map((c) => {
    const p = new Float64Array(width * height);
    for (let i = 0; i < p.length; i++) p[i] = pixels[channels * i + c] / 255;
    return p;
  });
  const [ow, oh] = workSize(width, height, side);
  const out = ow === width && oh === height ? planes : planes.map((p) => resizePlane(p, width, height, ow, oh));
  const photo = { width: ow, height: oh, r: out[0] };
  if (colours === 3) Object.assign(photo, { g: out[1], b: out[2] });
  return photo;
}

/** k-ième plus petite valeur (0 = la plus petite) ; réordonne values (sélection rapide). */
export function selectKth(values, k) {
  let lo = 0, hi = values.length - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >> 1];
    let i = lo, j = hi;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const t = values[i]; values[i] = values[j]; values[j] = t;
        i++; j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return values[k];
}

/** Quantile « au rang le plus proche » d'un tableau (non modifié). */
export function quantileOf(values, q) {
  const copy = Float64Array.from(values);
  return selectKth(copy, roundHalfUp(q * (copy.length - 1)));
}

/** Maximum, minimum ou moyenne des 3 × 3 cases voisines (bords prolongés), pour chacun des nc canaux. */
function gridFilter(grid, gw, gh, nc, kind) {
  const out = new Float64Array(grid.length);
  for (let j = 0; j < gh; j++) {
    for (let i = 0; i < gw; i++) {
      for (let c = 0; c < nc; c++) {
        let acc = 0;
        let first = true;
        for (let dy = -1; dy <= 1; dy++) {
          const y = Math.min(Math.max(j + dy, 0), gh - 1);
          for (let dx = -1; dx <= 1; dx++) {
            const x = Math.min(Math.max(i + dx, 0), gw - 1);
            const v = grid[(y * gw + x) * nc + c];
            if (first) { acc = v; first = false; }
            else if (kind === 'max') acc = Math.max(acc, v);
            else if (kind === 'min') acc = Math.min(acc, v);
            else acc += v;
          }
        }
        out[(j * gw + i) * nc + c] = kind === 'mean' ? acc / 9 : acc;
      }
    }
  }
  return out;
}

/**
 * Le papier case par case : { gw, gh, nc, grid: Float64Array gh × gw × nc }, pour les nc canaux
 * présents dans rgb (3, ou le rouge seul).
 */
export function paperGrid(rgb, cell = CELL) {
  const { width: w, height: h } = rgb;
  const gh = Math.ceil(h / cell), gw = Math.ceil(w / cell);
  const planes = [rgb.r, rgb.g, rgb.b].filter(Boolean);
  const nc = planes.length;
  let grid = new Float64Array(gh * gw * nc);
  const buffer = new Float64Array(cell * cell);
  for (let j = 0; j < gh; j++) {
    for (let i = 0; i < gw; i++) {
      const y0 = j * cell, y1 = Math.min(h, y0 + cell), x0 = i * cell, x1 = Math.min(w, x0 + cell);
      const n = (y1 - y0) * (x1 - x0);
      const values = buffer.subarray(0, n);
      for (let c = 0; c < nc; c++) {
        let k = 0;
        for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) values[k++] = planes[c][y * w + x];
        grid[(j * gw + i) * nc + c] = selectKth(values, roundHalfUp(PAPER_QUANTILE * (n - 1)));
      }
    }
  }
  grid = gridFilter(gridFilter(gridFilter(grid, gw, gh, nc, 'max'), gw, gh, nc, 'min'), gw, gh, nc, 'mean');
  return { gw, gh, nc, grid };
}

function axisWeights(n, g, cell) {
  const lo = new Int32Array(n), hi = new Int32Array(n), f = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const pos = Math.min(Math.max((i + 0.5) / cell - 0.5, 0), g - 1);
    const l = Math.min(Math.floor(pos), Math.max(g - 2, 0));
    lo[i] = l;
    hi[i] = Math.min(l + 1, g - 1);
    f[i] = pos - l;
  }
  return { lo, hi, f };
}

/** Le fond (papier × lumière) en chaque pixel : { r, g, b } (Float64Array), ou { r } seul. */
export function paperBackground(rgb, cell = CELL) {
  const { width: w, height: h } = rgb;
  const { gw, gh, nc, grid } = paperGrid(rgb, cell);
  const ay = axisWeights(h, gh, cell), ax = axisWeights(w, gw, cell);
  const out = Array.from({ length: nc }, () => new Float64Array(w * h));
  for (let y = 0; y < h; y++) {
    const fy = ay.f[y];
    for (let x = 0; x < w; x++) {
      const fx = ax.f[x];
      for (let c = 0; c < nc; c++) {
        const g00 = grid[(ay.lo[y] * gw + ax.lo[x]) * nc + c], g01 = grid[(ay.lo[y] * gw + ax.hi[x]) * nc + c];
        const g10 = grid[(ay.hi[y] * gw + ax.lo[x]) * nc + c], g11 = grid[(ay.hi[y] * gw + ax.hi[x]) * nc + c];
        const top = g00 * (1 - fx) + g01 * fx;
        const bottom = g10 * (1 - fx) + g11 * fx;
        out[c][y * w + x] = top * (1 - fy) + bottom * fy;
      }
    }
  }
  return nc === 3 ? { r: out[0], g: out[1], b: out[2] } : { r: out[0] };
}

/** Noirceur 1 − rouge / rouge du papier, dans [0, 1] (0 = papier). */
export function darkness(rgb, background) {
  const { width, height } = rgb;
  const data = new Float64Array(width * height);
  for (let i = 0; i < data.length; i++) {
    const paper = background.r[i];
    const ratio = paper > 0 ? rgb.r[i] / paper : 1;
    data[i] = 1 - Math.min(1, Math.max(0, ratio));
  }
  return { width, height, data };
}

// --- Les réglures -----------------------------------------------------------------------------------

/** Position u de la ligne de la famille qui passe par un point (le long : a, en travers : c). */
export function lineCoordinate(a, c, slope, convergence) {
  return (c - slope * a) / (1 + convergence * a);
}

function dilate1d(hist, r, out = new Float64Array(hist.length)) {
  const n = hist.length;
  if (r === 0) {
    out.set(hist);
    return out;
  }
  for (let i = 0; i < n; i++) {
    let m = 0; // les valeurs sont positives ; hors du tableau : 0, comme le bourrage de NumPy
    for (let k = Math.max(0, i - r); k <= Math.min(n - 1, i + r); k++) if (hist[k] > m) m = hist[k];
    out[i] = m;
  }
  return out;
}

/** Tampons réutilisés par alignment (une recherche fait des centaines d'essais). */
function makeScratch(nbins) {
  return {
    hists: Array.from({ length: RULING_SEGMENTS }, () => new Float64Array(nbins)),
    dilated: new Float64Array(nbins), low: new Float64Array(nbins),
  };
}

/**
 * Remplit hist (et, s'il est donné, sums) pour un quart : le poids des pixels par ligne u
 * (tranches d'un pixel), et la somme de leur poids × leur position a (voir _histograms en Python).
 */
function fillHistogram({ a, c, weight }, slope, convergence, nbins, offset, hist, sums = null) {
  hist.fill(0);
  if (sums) sums.fill(0);
  for (let i = 0; i < a.length; i++) {
    // Convergence nulle : la division par 1 + 0 × a est exacte, on s'en passe.
    const u = convergence === 0 ? c[i] - slope * a[i] : lineCoordinate(a[i], c[i], slope, convergence);
    const bin = Math.floor(u + offset);
    if (bin >= 0 && bin < nbins) {
      hist[bin] += weight[i];
      if (sums) sums[bin] += weight[i] * a[i];
    }
  }
}

/** Énergie de l'alignement (voir _energy en Python) : somme des carrés du plus petit des comptes
 * des quarts, élargis de radius tranches. */
function energy(hists, radius, scratch) {
  const { dilated, low } = scratch;
  hists.forEach((hist, k) => {
    dilate1d(hist, radius, dilated);
    if (k === 0) low.set(dilated);
    else for (let i = 0; i < low.length; i++) if (dilated[i] < low[i]) low[i] = dilated[i];
  });
  let e = 0;
  for (let i = 0; i < low.length; i++) e += low[i] * low[i];
  return e;
}

/** Énergie de l'alignement pour cette pente et cette convergence (voir _alignment en Python). */
function alignment(parts, slope, convergence, radius, nbins, offset, scratch) {
  parts.forEach((part, k) => fillHistogram(part, slope, convergence, nbins, offset, scratch.hists[k]));
  return energy(scratch.hists, radius, scratch);
}

function search(parts, slopes, convergences, radius, nbins, offset, scratch, best = null) {
  for (const slope of slopes) {
    for (const conv of convergences) {
      const e = alignment(parts, slope, conv, radius, nbins, offset, scratch);
      if (best === null || e > best[0] * (1 + 1e-9)) best = [e, slope, conv];
    }
  }
  return best;
}

function steps(centre, step, count) {
  const out = [];
  for (let k = -count; k <= count; k++) out.push(centre + k * step);
  return out;
}

/** Les points choisis par select, répartis par quart (dans l'ordre de lecture). */
function split(points, select) {
  const counts = new Int32Array(RULING_SEGMENTS);
  for (let i = 0; i < points.n; i++) if (select(i)) counts[points.segment[i]]++;
  const parts = Array.from(counts, (n) => ({
    a: new Float64Array(n), c: new Float64Array(n), weight: new Float64Array(n),
  }));
  const fill = new Int32Array(RULING_SEGMENTS);
  for (let i = 0; i < points.n; i++) {
    if (!select(i)) continue;
    const k = points.segment[i];
    const part = parts[k];
    part.a[fill[k]] = points.a[i];
    part.c[fill[k]] = points.c[i];
    part.weight[fill[k]++] = points.weight[i];
  }
  return parts;
}

/**
 * Les pixels qui servent à chercher une famille de réglures : assez sombres, une colonne sur
 * deux le long des lignes (une ligne sur deux pour les verticales), dans l'ordre de lecture.
 */
function searchPoints(dark, vertical) {
  const { width: w, height: h, data } = dark;
  const length = vertical ? h : w;
  const extent = vertical ? w : h;
  let n = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if ((vertical ? y : x) % RULING_SEARCH_STRIDE === 0 && data[y * w + x] > RULING_SEARCH_THRESHOLD) n++;
    }
  }
  const a = new Float64Array(n), c = new Float64Array(n), weight = new Float64Array(n);
  const segment = new Int32Array(n), band = new Int32Array(n);
  let i = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = data[y * w + x];
      if ((vertical ? y : x) % RULING_SEARCH_STRIDE !== 0 || !(v > RULING_SEARCH_THRESHOLD)) continue;
      const cx = x - (w - 1) / 2, cy = y - (h - 1) / 2;
      const pa = vertical ? cy : cx, pc = vertical ? cx : cy;
      a[i] = pa;
      c[i] = pc;
      weight[i] = Math.min(v, RULING_WEIGHT_CAP);
      segment[i] = Math.min(Math.floor((pa + (length - 1) / 2) * RULING_SEGMENTS / length), RULING_SEGMENTS - 1);
      band[i] = Math.min(Math.floor((pc + (extent - 1) / 2) * RULING_BANDS / extent), RULING_BANDS - 1);
      i++;
    }
  }
  return { n, a, c, weight, segment, band };
}

/**
 * La pente seule (convergence nulle) qui aligne le mieux : grossièrement sur coarseParts (un point
 * sur deux, histogrammes élargis de 3 tranches), puis finement sur parts.
 */
function slopeSearch(coarseParts, parts, nbins, offset, scratch) {
  const nCoarse = roundHalfUp(RULING_MAX_SLOPE / RULING_COARSE_STEP);
  const best = search(coarseParts, steps(0, RULING_COARSE_STEP, nCoarse), [0], 3, nbins, offset, scratch);
  return search(parts, steps(best[1], RULING_COARSE_STEP / 5, 4), [0], 1, nbins, offset, scratch);
}

/**
 * Affine un départ (pente, convergence) sur toute l'image, tour à tour convergence et pente
 * (histogrammes élargis d'une tranche : une feuille un peu bombée courbe les lignes d'un pixel).
 */
function refine(parts, slope, convergence, maxConv, nbins, offset, scratch) {
  let best = search(parts, [slope], steps(convergence, maxConv / 10, 4), 1, nbins, offset, scratch);
  best = search(parts, steps(best[1], RULING_COARSE_STEP / 25, 4), [best[2]], 1, nbins, offset, scratch, best);
  best = search(parts, [best[1]], steps(best[2], maxConv / 50, 4), 1, nbins, offset, scratch, best);
  best = search(parts, steps(best[1], RULING_COARSE_STEP / 25 / 4, 2), [best[2]], 1, nbins, offset, scratch, best);
  return search(parts, [best[1]], steps(best[2], maxConv / 250, 4), 1, nbins, offset, scratch, best);
}

/**
 * Les lignes de la famille telles qu'on les voit dans les histogrammes des quarts (voir
 * _line_drifts en Python) : pour chaque ligne présente dans les quatre quarts, [position u,
 * dérive du/da le long de l'image, poids].
 */
function lineDrifts(hists, sums, offset) {
  const r = RULING_TRACK_RADIUS;
  const nbins = hists[0].length;
  const total = new Float64Array(nbins);
  const low = new Float64Array(nbins);
  const dilated = new Float64Array(nbins);
  for (let k = 0; k < hists.length; k++) {
    dilate1d(hists[k], r, dilated);
    for (let i = 0; i < nbins; i++) {
      total[i] = k === 0 ? hists[k][i] : total[i] + hists[k][i];
      low[i] = k === 0 ? dilated[i] : Math.min(low[i], dilated[i]);
    }
  }
  const peak = dilate1d(total, r);
  let strongest = 0;
  for (let i = 0; i < nbins; i++) if (total[i] === peak[i] && total[i] > 0 && low[i] > strongest) strongest = low[i];
  const lines = [];
  let last = -2 * r - 1;
  for (let p = 0; p < nbins; p++) {
    if (!(total[p] === peak[p] && total[p] > 0)) continue;
    if (p - last <= 2 * r || !(low[p] > 0) || low[p] < RULING_TRACK_SHARE * strongest) continue;
    if (p < r || p + r >= nbins) continue;
    last = p;
    let sm = 0, sa = 0, su = 0, sau = 0, saa = 0;
    let weakest = Infinity;
    for (let k = 0; k < hists.length; k++) {
      const hist = hists[k], histA = sums[k];
      let m = 0, mu = 0, ma = 0;
      for (let j = p - r; j <= p + r; j++) {
        m += hist[j];
        mu += hist[j] * j;
        ma += histA[j];
      }
      weakest = Math.min(weakest, m);
      const uk = mu / m, ak = ma / m;
      sm += m;
      sa += m * ak;
      su += m * uk;
      sau += m * ak * uk;
      saa += m * ak * ak;
    }
    const v = saa - sa * sa / sm;
    if (v <= 0) continue;
    lines.push([su / sm - offset + 0.5, (sau - sa * su / sm) / v, weakest]);
  }
  return lines;
}

/**
 * Corrige [énergie, pente, convergence] d'après les lignes elles-mêmes (voir _track_lines en
 * Python) : une correction n'est gardée que si l'énergie de l'alignement augmente ; les
 * histogrammes qui la mesurent servent au tour suivant.
 */
function trackLines(parts, best, maxConv, nbins, offset, scratch) {
  const fill = (slope, conv) => {
    const hists = parts.map(() => new Float64Array(nbins)), sums = parts.map(() => new Float64Array(nbins));
    parts.forEach((part, k) => fillHistogram(part, slope, conv, nbins, offset, hists[k], sums[k]));
    return [hists, sums];
  };
  let [hists, sums] = fill(best[1], best[2]);
  for (let round = 0; round < RULING_TRACK_ROUNDS; round++) {
    const lines = lineDrifts(hists, sums, offset);
    let sw = 0, su = 0, sd = 0;
    for (const [u, d, w] of lines) { sw += w; su += w * u; sd += w * d; }
    if (sw <= 0) return best;
    const mu = su / sw, md = sd / sw;
    let v = 0, cv = 0;
    for (const [u, d, w] of lines) { v += w * (u - mu) * (u - mu); cv += w * (u - mu) * (d - md); }
    const beta = v > 0 ? cv / v : 0;
    const slope = best[1] + md - beta * mu;
    const conv = Math.min(Math.max(best[2] + beta, -maxConv), maxConv);
    [hists, sums] = fill(slope, conv);
    const e = energy(hists, 1, scratch);
    if (!(e > best[0] * (1 + 1e-9))) return best;
    best = [e, slope, conv];
  }
  return best;
}

/**
 * Inclinaison et convergence de la famille de réglures presque horizontales (ou verticales) :
 * { slope, convergence, energy }. Voir find_ruling en Python pour les cinq étapes.
 */
export function findRuling(dark, vertical) {
  const { width: w, height: h } = dark;
  const extent = vertical ? w : h;
  const points = searchPoints(dark, vertical);
  const { band } = points;
  const offset = 2 * Math.max(h, w);
  const nbins = 4 * Math.max(h, w);
  const scratch = makeScratch(nbins);
  const fits = [];
  for (let b = 0; b < RULING_BANDS; b++) {
    const parts = split(points, (i) => band[i] === b);
    let best = slopeSearch(split(points, (i) => band[i] === b && i % 2 === 0), parts, nbins, offset, scratch);
    best = search(parts, steps(best[1], RULING_COARSE_STEP / 25, 4), [0], 0, nbins, offset, scratch);
    fits.push([best[0], (b + 0.5) * extent / RULING_BANDS - extent / 2, best[1]]);
  }
  let sw = 0;
  for (const [e] of fits) sw += e;
  let conv = 0, slope0 = 0;
  if (sw > 0) {
    let mu = 0, ms = 0;
    for (const [e, u, m] of fits) { mu += e * u; ms += e * m; }
    mu /= sw;
    ms /= sw;
    let v = 0, cv = 0;
    for (const [e, u, m] of fits) { v += e * (u - mu) * (u - mu); cv += e * (u - mu) * (m - ms); }
    conv = v > 0 ? cv / v : 0;
    slope0 = ms - conv * mu;
  }
  const maxConv = RULING_MAX_CONVERGENCE / extent;
  conv = Math.min(Math.max(conv, -maxConv), maxConv);
  const parts = split(points, () => true);
  let best = refine(parts, slope0, conv, maxConv, nbins, offset, scratch);
  // Second départ : la même recherche sur toute l'image d'un coup. Quand de grands carreaux ne
  // mettent qu'une ligne par bande, à cheval sur deux bandes, aucune bande ne voit de ligne entière :
  // leurs pentes sont fausses, et leur droite aussi ; celle de l'image entière, non.
  let whole = slopeSearch(split(points, (i) => i % 2 === 0), parts, nbins, offset, scratch);
  whole = refine(parts, whole[1], 0, maxConv, nbins, offset, scratch);
  if (whole[0] > best[0] * (1 + 1e-9)) best = whole;
  best = trackLines(parts, best, maxConv, nbins, offset, scratch);
  return { slope: best[1], convergence: best[2], energy: best[0] };
}

/**
 * Noirceur des réglures ligne par ligne et tronçon par tronçon : { profiles: [Float64Array × 8],
 * counted: [Uint8Array × 8] (1 : la tranche est assez longue dans ce tronçon pour compter),
 * bins: Int32Array (tranche de chaque pixel), segment: Int32Array (tronçon de chaque pixel) }.
 */
export function rulingProfiles(dark, family, vertical) {
  const { width: w, height: h, data } = dark;
  const length = vertical ? h : w;
  const n = w * h;
  const offset = 2 * Math.max(h, w);
  const bins = new Int32Array(n), segment = new Int32Array(n);
  let maxBin = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const cx = x - (w - 1) / 2, cy = y - (h - 1) / 2;
      const pa = vertical ? cy : cx, pc = vertical ? cx : cy;
      const u = lineCoordinate(pa, pc, family.slope, family.convergence);
      const i = y * w + x;
      bins[i] = Math.floor((u + offset) / PROFILE_BIN);
      segment[i] = Math.min(Math.floor((pa + (length - 1) / 2) * PROFILE_SEGMENTS / length), PROFILE_SEGMENTS - 1);
      if (bins[i] > maxBin) maxBin = bins[i];
    }
  }
  const nbins = maxBin + 1;
  // Tri par paquets : (tronçon, tranche) → les noirceurs de ses pixels.
  const counts = new Int32Array(PROFILE_SEGMENTS * nbins + 1);
  for (let i = 0; i < n; i++) counts[segment[i] * nbins + bins[i] + 1]++;
  for (let k = 1; k < counts.length; k++) counts[k] += counts[k - 1];
  const fill = counts.slice(0, -1);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[fill[segment[i] * nbins + bins[i]]++] = data[i];
  const profiles = [];
  const counted = [];
  const minCount = PROFILE_MIN_SHARE * length / PROFILE_SEGMENTS * PROFILE_BIN;
  for (let s = 0; s < PROFILE_SEGMENTS; s++) {
    const p = new Float64Array(nbins);
    const ok = new Uint8Array(nbins);
    for (let b = 0; b < nbins; b++) {
      const start = counts[s * nbins + b], end = counts[s * nbins + b + 1];
      if (end - start < minCount || end === start) continue;
      p[b] = selectKth(values.subarray(start, end), roundHalfUp(PROFILE_QUANTILE * (end - start - 1)));
      ok[b] = 1;
    }
    profiles.push(p);
    counted.push(ok);
  }
  return { profiles, counted, bins, segment };
}

/**
 * Ce qui, dans chaque tronçon, est une vraie réglure : une ligne présente (à RULING_TOLERANCE
 * tranches près) dans tous les tronçons où elle passe sauf RULING_MISSING, et dans au moins
 * RULING_MIN_PRESENT tronçons (voir ruling_levels en Python).
 */
export function rulingLevels(profiles, counted) {
  const dilated = profiles.map((p) => dilate1d(p, RULING_TOLERANCE));
  // La ligne passe dans un tronçon si une tranche voisine y est comptée (voir ruling_levels).
  const passes = counted.map((c) => dilate1d(c, RULING_TOLERANCE));
  const nbins = profiles[0].length;
  const levels = profiles.map(() => new Float64Array(nbins));
  const column = [];
  for (let b = 0; b < nbins; b++) {
    column.length = 0;
    for (let s = 0; s < PROFILE_SEGMENTS; s++) if (passes[s][b] > 0) column.push(dilated[s][b]);
    const n = column.length;
    let support = 0;
    if (n >= RULING_MIN_PRESENT) {
      column.sort((p, q) => p - q);
      support = column[n - Math.max(RULING_MIN_PRESENT, n - RULING_MISSING)];
    }
    for (let s = 0; s < PROFILE_SEGMENTS; s++) levels[s][b] = Math.min(profiles[s][b], support, PROFILE_MAX);
  }
  return levels;
}

/** out[b] = row[b + shift] (0 hors du tableau), du même type que row. */
function shifted(row, shift) {
  const out = new row.constructor(row.length);
  for (let b = Math.max(0, -shift); b < Math.min(row.length, row.length - shift); b++) out[b] = row[b + shift];
  return out;
}

/**
 * Le décalage (en tranches) qui pose les réglures de chaque tronçon sur celles de son voisin, du
 * tronçon du milieu vers chaque bord : une ligne courbée par une page bombée suit sa courbe (voir
 * segment_shifts en Python, même ordre d'essai, mêmes sommes).
 */
export function segmentShifts(profiles) {
  // Noirceurs plafonnées : l'encre d'un chiffre, bien plus sombre qu'une ligne, ne tire pas le
  // tronçon vers elle.
  const capped = profiles.map((p) => p.map((v) => Math.min(v, RULING_WEIGHT_CAP)));
  const n = capped.length;
  const shifts = new Array(n).fill(0);
  const start = Math.floor(n / 2);
  const order = [0];
  for (let k = 1; k <= RULING_SHIFT_STEP; k++) order.push(-k, k);
  const steps = [];
  for (let k = start + 1; k < n; k++) steps.push([k, k - 1]);
  for (let k = start - 1; k >= 0; k--) steps.push([k, k + 1]);
  for (const [k, ref] of steps) {
    const reference = shifted(capped[ref], shifts[ref]);
    const row = capped[k];
    let best = 0, bestShift = shifts[ref];
    for (const d of order) {
      const shift = shifts[ref] + d;
      let score = 0;
      for (let b = 0; b < row.length; b++) {
        const j = b + shift;
        score += (j >= 0 && j < row.length ? row[j] : 0) * reference[b];
      }
      if (score > best * (1 + 1e-9) && score > 0) {
        best = score;
        bestShift = shift;
      }
    }
    shifts[k] = bestShift;
  }
  return shifts;
}

/**
 * Retire une famille de réglures : la lumière transmise est divisée par celle de la réglure. Les
 * tronçons sont alignés (segmentShifts) avant de chercher les réglures, puis chaque niveau est rendu
 * à sa place.
 */
export function removeRuling(dark, family, vertical) {
  const { profiles, counted, bins, segment } = rulingProfiles(dark, family, vertical);
  const shifts = segmentShifts(profiles);
  const aligned = rulingLevels(profiles.map((p, k) => shifted(p, shifts[k])),
    counted.map((c, k) => shifted(c, shifts[k])));
  const levels = aligned.map((level, k) => shifted(level, -shifts[k]));
  const out = new Float64Array(dark.data.length);
  for (let i = 0; i < out.length; i++) {
    const line = levels[segment[i]][bins[i]];
    out[i] = 1 - Math.min(1, Math.max(0, (1 - dark.data[i]) / (1 - line)));
  }
  return { width: dark.width, height: dark.height, data: out };
}

/** Photo → { rgb (réduite), dark (noirceur brute), cleaned (sans réglures), families }. */
export function cleanDarkness(pixels, width, height, channels = 4) {
  const rgb = downscale(pixels, width, height, WORK_SIDE, channels, 1); // le rouge seul suffit
  const dark = darkness(rgb, paperBackground(rgb));
  const horizontal = findRuling(dark, false);
  let cleaned = removeRuling(dark, horizontal, false);
  const vertical = findRuling(cleaned, true);
  cleaned = removeRuling(cleaned, vertical, true);
  return { rgb, dark, cleaned, families: { horizontal, vertical } };
}

// --- L'encre et la région du chiffre -----------------------------------------------------------------

/** Seuils de l'encre : [bas, haut, niveau] (voir ink_thresholds en Python). */
export function inkThresholds(cleaned) {
  const level = quantileOf(cleaned.data, INK_LEVEL_QUANTILE);
  const noise = quantileOf(cleaned.data, NOISE_QUANTILE);
  const low = Math.max(MIN_DARKNESS, NOISE_FACTOR * noise, LOW_SHARE * level);
  const high = Math.max(low, STRONG_SHARE * level);
  return [low, high, level];
}

/** La noirceur moyenne sur les 3 × 3 pixels autour du pixel (x, y) (hors de l'image : 0). */
function mean3x3(cleaned, x, y) {
  const { width: w, height: h, data } = cleaned;
  let total = 0;
  for (let dy = -1; dy <= 1; dy++) {
    for (let dx = -1; dx <= 1; dx++) {
      const yy = y + dy, xx = x + dx;
      total += yy >= 0 && yy < h && xx >= 0 && xx < w ? data[yy * w + xx] : 0;
    }
  }
  return total / 9;
}

/** La plus forte noirceur moyenne sur 3 × 3 pixels. */
export function inkPeak(cleaned) {
  let peak = 0;
  for (let y = 0; y < cleaned.height; y++) {
    for (let x = 0; x < cleaned.width; x++) peak = Math.max(peak, mean3x3(cleaned, x, y));
  }
  return peak;
}

/** Pour chaque composante 1…count, la plus forte noirceur moyenne sur 3 × 3 en l'un de ses pixels. */
export function componentPeaks(cleaned, labels, count) {
  const peaks = new Float64Array(count);
  for (let y = 0; y < cleaned.height; y++) {
    for (let x = 0; x < cleaned.width; x++) {
      const k = labels[y * cleaned.width + x];
      if (k) peaks[k - 1] = Math.max(peaks[k - 1], mean3x3(cleaned, x, y));
    }
  }
  return peaks;
}

/**
 * Composantes 8-connexes d'un masque (Uint8Array, 1 = dedans) : { labels: Int32Array, count },
 * étiquettes 1…count dans l'ordre où l'on rencontre leur premier pixel ligne par ligne.
 */
export function labelComponents(mask, width, height) {
  const labels = new Int32Array(width * height);
  const parent = [0];
  const find = (i) => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  const union = (p, q) => {
    const rp = find(p), rq = find(q);
    if (rp !== rq) parent[Math.max(rp, rq)] = Math.min(rp, rq);
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (!mask[i]) continue;
      let label;
      const neighbours = [];
      if (x > 0 && labels[i - 1]) neighbours.push(labels[i - 1]);
      if (y > 0) {
        for (let dx = -1; dx <= 1; dx++) {
          if (x + dx >= 0 && x + dx < width && labels[i - width + dx]) neighbours.push(labels[i - width + dx]);
        }
      }
      if (neighbours.length === 0) {
        label = parent.length;
        parent.push(label);
      } else {
        label = neighbours[0];
        for (const n of neighbours) union(label, n);
      }
      labels[i] = label;
    }
  }
  const renumber = new Int32Array(parent.length);
  let count = 0;
  for (let i = 0; i < labels.length; i++) {
    if (!labels[i]) continue;
    const root = find(labels[i]);
    if (renumber[root] === 0) renumber[root] = ++count;
    labels[i] = renumber[root];
  }
  return { labels, count };
}

/**
 * Pour chaque composante 1…count : surface, masse, pixels forts, masse forte, pixels dans le liseré
 * du cadre (FRAME_STRIP), boîte (bornes exclues).
 */
export function componentStats(labels, count, values, width, height, high) {
  const comps = [];
  for (let k = 1; k <= count; k++) {
    comps.push({ label: k, area: 0, mass: 0, strong: 0, strongMass: 0, frame: 0, box: [width, height, -1, -1] });
  }
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const k = labels[i];
      if (!k) continue;
      const comp = comps[k - 1];
      const v = values[i];
      comp.area++;
      comp.mass += v;
      if (v > high) { comp.strong++; comp.strongMass += v; }
      if (x < FRAME_STRIP || y < FRAME_STRIP || x >= width - FRAME_STRIP || y >= height - FRAME_STRIP) comp.frame++;
      const box = comp.box;
      if (x < box[0]) box[0] = x;
      if (y < box[1]) box[1] = y;
      if (x > box[2]) box[2] = x;
      if (y > box[3]) box[3] = y;
    }
  }
  for (const comp of comps) {
    comp.box[2] += 1;
    comp.box[3] += 1;
  }
  return comps;
}

/**
 * Pour chaque composante 1…count, son épaisseur en travers des réglures, pour la famille où elle est
 * la plus petite : √12 fois l'écart type de la position u de ses pixels (la largeur d'une bande
 * uniforme de même écart type). Deux passes, dans l'ordre des pixels, comme le jumeau Python.
 */
export function lineWidths(labels, count, width, height, families) {
  const area = new Float64Array(count + 1);
  const sum = [new Float64Array(count + 1), new Float64Array(count + 1)];
  const squares = [new Float64Array(count + 1), new Float64Array(count + 1)];
  const fams = [families.horizontal, families.vertical];
  const position = (f, xx, yy) => {
    const x = xx - (width - 1) / 2, y = yy - (height - 1) / 2;
    return f === 0 ? lineCoordinate(x, y, fams[0].slope, fams[0].convergence)
      : lineCoordinate(y, x, fams[1].slope, fams[1].convergence);
  };
  for (let yy = 0; yy < height; yy++) {
    for (let xx = 0; xx < width; xx++) {
      const k = labels[yy * width + xx];
      if (!k) continue;
      area[k]++;
      for (let f = 0; f < 2; f++) sum[f][k] += position(f, xx, yy);
    }
  }
  const mean = sum.map((s) => s.map((v, k) => v / Math.max(area[k], 1)));
  for (let yy = 0; yy < height; yy++) {
    for (let xx = 0; xx < width; xx++) {
      const k = labels[yy * width + xx];
      if (!k) continue;
      for (let f = 0; f < 2; f++) {
        const d = position(f, xx, yy) - mean[f][k];
        squares[f][k] += d * d;
      }
    }
  }
  const widths = new Float64Array(count);
  for (let k = 1; k <= count; k++) {
    const n = Math.max(area[k], 1);
    widths[k - 1] = Math.min(Math.sqrt(12 * (squares[0][k] / n)), Math.sqrt(12 * (squares[1][k] / n)));
  }
  return widths;
}

/**
 * Un reste de réglure : très long (la moitié de l'image au moins) et mince ; ou, au bord de
 * l'image, tenant sur une seule ligne de réglure (épaisseur lineWidths d'au plus LINE_U_WIDTH).
 */
export function isLineRemnant(comp, width, height) {
  const [left, top, right, bottom] = comp.box;
  const span = Math.max(right - left, bottom - top);
  const long = (right - left) >= LINE_SPAN * width || (bottom - top) >= LINE_SPAN * height;
  if (long && comp.area < LINE_THICKNESS * span) return true;
  const border = left === 0 || top === 0 || right === width || bottom === height;
  return border && (comp.lineWidth ?? Infinity) <= LINE_U_WIDTH;
}

/**
 * Un liseré sombre le long du cadre (ombre, vignetage, tranche de la feuille) : au moins
 * FRAME_SHARE des pixels de la tache tiennent dans les FRAME_STRIP pixels du bord de l'image.
 */
export function isFrameShadow(comp) {
  return (comp.frame ?? 0) >= FRAME_SHARE * comp.area;
}

function gap(a, b) {
  return [Math.max(0, a[0] - b[2], b[0] - a[2]), Math.max(0, a[1] - b[3], b[1] - a[3])];
}

/**
 * Une tache d'encre possible : encre franche, assez de pixels, assez sombre par endroits, ni une
 * réglure ni un liseré du cadre.
 */
export function isInk(comp, minArea, width, height, minPeak = MIN_INK_PEAK) {
  return comp.strong > 0 && comp.area >= minArea && (comp.peak ?? Infinity) >= minPeak
    && !isLineRemnant(comp, width, height) && !isFrameShadow(comp);
}

/**
 * Les composantes qui forment l'écriture : { chosen: [étiquettes], box } ou { chosen: null,
 * reason: "empty" | "small" }. Voir choose_region en Python.
 */
export function chooseRegion(comps, width, height) {
  const minArea = Math.max(MIN_COMPONENT_AREA, MIN_COMPONENT_SHARE * width * height);
  const candidates = comps.filter((c) => isInk(c, minArea, width, height));
  if (candidates.length === 0) return { chosen: null, reason: 'empty' };
  let seed = candidates[0];
  for (const c of candidates) if (c.strongMass > seed.strongMass) seed = c;
  const seedMean = seed.mass / seed.area;
  const chosen = new Set([seed.label]);
  const box = seed.box.slice();
  let changed = true;
  while (changed) {
    changed = false;
    const regionH = box[3] - box[1];
    for (const c of candidates) {
      if (chosen.has(c.label) || c.mass < JOIN_MASS * seed.mass) continue;
      if (c.mass / c.area < JOIN_CONTRAST * seedMean) continue;
      const [gx, gy] = gap(box, c.box);
      if (gx <= JOIN_X * regionH && gy <= JOIN_Y * regionH) {
        chosen.add(c.label);
        box[0] = Math.min(box[0], c.box[0]);
        box[1] = Math.min(box[1], c.box[1]);
        box[2] = Math.max(box[2], c.box[2]);
        box[3] = Math.max(box[3], c.box[3]);
        changed = true;
      }
    }
  }
  if (box[3] - box[1] < MIN_REGION_SHARE * height) return { chosen: null, reason: 'small' };
  return { chosen: Array.from(chosen).sort((p, q) => p - q), box };
}

/** Image d'encre d'une région : noirceur des composantes gardées ramenée de [bas, haut] à [0, 1]. */
export function regionInk(cleaned, labels, keep, box, low, high) {
  const [left, top, right, bottom] = box;
  const w = cleaned.width;
  const iw = right - left, ih = bottom - top;
  const data = new Float64Array(iw * ih);
  const span = Math.max(high - low, 1e-6);
  for (let y = top; y < bottom; y++) {
    for (let x = left; x < right; x++) {
      const i = y * w + x;
      if (keep.has(labels[i])) {
        data[(y - top) * iw + (x - left)] = Math.min(1, Math.max(0, (cleaned.data[i] - low) / span));
      }
    }
  }
  return { width: iw, height: ih, data };
}

/**
 * Les étapes de readPhoto, une à une : un générateur qui rend la main (yield, avec le nom de
 * l'étape suivante) entre deux étapes, pour que la page reste fluide pendant la lecture d'une
 * photo ; sa valeur finale est celle de readPhoto.
 */
export function* readPhotoSteps(pixels, width, height, channels = 4) {
  const rgb = downscale(pixels, width, height, WORK_SIDE, channels, 1); // le rouge seul suffit
  yield 'paper';
  const dark = darkness(rgb, paperBackground(rgb));
  yield 'ruling';
  const horizontal = findRuling(dark, false);
  let cleaned = removeRuling(dark, horizontal, false);
  yield 'ruling';
  const vertical = findRuling(cleaned, true);
  cleaned = removeRuling(cleaned, vertical, true);
  yield 'region';
  const families = { horizontal, vertical };
  const w = cleaned.width, h = cleaned.height;
  const scale = w / width;
  const thresholds = inkThresholds(cleaned);
  const [low, high] = thresholds;
  const mask = new Uint8Array(w * h);
  for (let i = 0; i < mask.length; i++) mask[i] = cleaned.data[i] > low ? 1 : 0;
  const { labels, count } = labelComponents(mask, w, h);
  const components = componentStats(labels, count, cleaned.data, w, h, high);
  const widths = lineWidths(labels, count, w, h, families);
  const peaks = componentPeaks(cleaned, labels, count);
  components.forEach((comp, k) => {
    comp.lineWidth = widths[k];
    comp.peak = peaks[k];
  });
  const region = chooseRegion(components, w, h);
  const out = { rgb, dark, cleaned, families, thresholds, scale, labels, components };
  if (region.chosen === null) {
    return { ...out, found: false, reason: region.reason, box: null, workBox: null, ink: null };
  }
  const [left, top, right, bottom] = region.box;
  const inv = 1 / scale;
  return {
    ...out, found: true, reason: null, workBox: region.box,
    ink: regionInk(cleaned, labels, new Set(region.chosen), region.box, low, high),
    box: [left * inv, top * inv, right * inv, bottom * inv],
  };
}

/**
 * Photo (pixels RVBA de largeur × hauteur) → ce que la page montre et lit :
 * { found, reason ("empty" | "small" | null), box (dans la photo d'origine), workBox,
 *   ink: { width, height, data } | null, scale, et les étapes : rgb (le rouge seul), dark, cleaned, families,
 *   thresholds, labels, components (pour readRegion) }.
 */
export function readPhoto(pixels, width, height, channels = 4) {
  const steps = readPhotoSteps(pixels, width, height, channels);
  for (;;) {
    const { value, done } = steps.next();
    if (done) return value;
  }
}

/**
 * Vrai si la photo lue par readPhoto n'a rien de plus sombre que le papier (aucune composante, pas
 * même trop petite ou trop pâle pour être de l'encre) : la page la dit vide. Sinon, même sans
 * écriture trouvée, elle la montre, pour qu'on y entoure un chiffre écrit trop fin ou pris de trop
 * loin (voir only_paper en Python).
 */
export function onlyPaper(reading) {
  return reading.components.length === 0;
}

/**
 * Le lecteur a choisi lui-même la zone box ([gauche, haut, droite, bas] dans la photo d'origine) :
 * l'encre de cette zone, sans chercher ailleurs, traits pâles compris s'il n'y a rien d'autre
 * (CHOSEN_INK_PEAK ; voir read_region en Python). reading : le
 * résultat de readPhoto sur la même photo. Renvoie { found, reason, box, workBox, ink }.
 */
export function readRegion(reading, box) {
  const { cleaned, labels, scale } = reading;
  const w = cleaned.width, h = cleaned.height;
  const clamp = (v, hi) => Math.min(Math.max(v, 0), hi);
  const left = clamp(Math.floor(box[0] * scale), w), top = clamp(Math.floor(box[1] * scale), h);
  const right = clamp(Math.ceil(box[2] * scale), w), bottom = clamp(Math.ceil(box[3] * scale), h);
  const [low, high] = reading.thresholds;
  const none = { found: false, reason: 'empty', box: null, workBox: null, ink: null };
  if (right - left < 2 || bottom - top < 2) return none;
  const minArea = Math.max(MIN_COMPONENT_AREA, MIN_COMPONENT_SHARE * w * h);
  const present = new Set();
  for (let y = top; y < bottom; y++) {
    for (let x = left; x < right; x++) if (labels[y * w + x]) present.add(labels[y * w + x]);
  }
  const touching = reading.components.filter((c) => present.has(c.label));
  let keep = new Set(touching.filter((c) => isInk(c, minArea, w, h)).map((c) => c.label));
  if (keep.size === 0) {
    const pale = touching.filter((c) => isInk(c, minArea, w, h, CHOSEN_INK_PEAK));
    const area = pale.reduce((sum, c) => sum + c.area, 0);
    if (area < Math.max(CHOSEN_PALE_MIN_AREA, CHOSEN_PALE_SHARE * (right - left) * (bottom - top))) return none;
    keep = new Set(pale.map((c) => c.label));
  }
  const workBox = [left, top, right, bottom];
  const inv = 1 / scale;
  return {
    found: true, reason: null, workBox, box: [left * inv, top * inv, right * inv, bottom * inv],
    ink: regionInk(cleaned, labels, keep, workBox, low, high),
  };
}

/**
 * La fenêtre de la photo d'origine (width × height) à relire de plus près pour la zone box
 * ([gauche, haut, droite, bas]) choisie par le lecteur : [gauche, haut, droite, bas] en pixels
 * entiers, centrée sur la zone, de ZOOM_CONTEXT fois son plus grand côté (au moins
 * PHOTO_MIN_SIDE), coupée au bord de la photo ; null si la relire n'apporte rien (la zone n'y
 * serait pas vue ZOOM_GAIN fois plus grande). Voir zoom_window en Python : un chiffre photographié
 * de loin n'a, dans la photo réduite, que quelques pixels de haut.
 */
export function zoomWindow(box, width, height) {
  const side = Math.max(PHOTO_MIN_SIDE, ZOOM_CONTEXT * Math.max(box[2] - box[0], box[3] - box[1]));
  const cx = (box[0] + box[2]) / 2, cy = (box[1] + box[3]) / 2;
  const clamp = (v, hi) => Math.min(Math.max(v, 0), hi);
  const left = clamp(Math.floor(cx - side / 2), width), right = clamp(Math.ceil(cx + side / 2), width);
  const top = clamp(Math.floor(cy - side / 2), height), bottom = clamp(Math.ceil(cy + side / 2), height);
  if (right - left < 1 || bottom - top < 1) return null;
  const whole = Math.min(1, WORK_SIDE / Math.max(width, height));
  const closer = Math.min(1, WORK_SIDE / Math.max(right - left, bottom - top));
  if (closer < ZOOM_GAIN * whole) return null;
  return [left, top, right, bottom];
}

/** Les pixels de la fenêtre [gauche, haut, droite, bas] d'une photo (channels octets par pixel). */
export function cropPixels(pixels, width, channels, [left, top, right, bottom]) {
  const w = right - left;
  const out = new Uint8ClampedArray(w * (bottom - top) * channels);
  for (let y = top; y < bottom; y++) {
    out.set(pixels.subarray((y * width + left) * channels, (y * width + right) * channels), (y - top) * w * channels);
  }
  return out;
}

/**
 * Comme readRegion, mais la zone box choisie par le lecteur est relue de plus près quand c'est
 * utile (zoomWindow) : sa fenêtre de la photo d'origine (pixels, width × height) passe seule par
 * readPhotoSteps, puis on y lit la zone. Générateur, comme readPhotoSteps : la page rend la main
 * entre les étapes. reading : le résultat de readPhoto sur la photo entière. Renvoie (valeur
 * finale) le résultat de readRegion (box dans la photo d'origine, workBox et ink dans l'image
 * relue), avec scale (image relue / photo d'origine) et offset ([0, 0] sans relecture).
 */
export function* readRegionCloserSteps(pixels, width, height, channels, reading, box) {
  const window = zoomWindow(box, width, height);
  if (window === null) return { ...readRegion(reading, box), scale: reading.scale, offset: [0, 0] };
  const [left, top, right, bottom] = window;
  const crop = cropPixels(pixels, width, channels, window);
  const closer = yield* readPhotoSteps(crop, right - left, bottom - top, channels);
  const out = readRegion(closer, [box[0] - left, box[1] - top, box[2] - left, box[3] - top]);
  if (out.found) out.box = [out.box[0] + left, out.box[1] + top, out.box[2] + left, out.box[3] + top];
  return { ...out, scale: closer.scale, offset: [left, top] };
}

/** readRegionCloserSteps d'un seul tenant (Node, tests). */
export function readRegionCloser(pixels, width, height, channels, reading, box) {
  const steps = readRegionCloserSteps(pixels, width, height, channels, reading, box);
  for (;;) {
    const { value, done } = steps.next();
    if (done) return value;
  }
}
