// Mini-lots pour l'entraînement dans la page : mélange reproductible (graine), découpe, copie des
// images d'un lot, codage « un parmi dix ». Module pur, testé par Node
// (tests/js/train_batches.test.mjs).

/**
 * Générateur pseudo-aléatoire « mulberry32 » : la même graine donne toujours la même suite de
 * nombres dans [0, 1). Assez bon pour mélanger des images, pas pour la cryptographie.
 */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Les entiers 0 … n − 1 dans un ordre tiré au hasard (mélange de Fisher-Yates, graine `seed`). */
export function shuffledIndices(n, seed) {
  const random = mulberry32(seed);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i += 1) order[i] = i;
  for (let i = n - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    const tmp = order[i];
    order[i] = order[j];
    order[j] = tmp;
  }
  return order;
}

/** Les bornes [début, fin) des mini-lots de `batchSize` exemples ; le dernier peut être plus court. */
export function batchRanges(n, batchSize) {
  if (!(batchSize >= 1)) throw new RangeError('La taille du lot doit être au moins 1.');
  const ranges = [];
  for (let start = 0; start < n; start += batchSize) ranges.push([start, Math.min(n, start + batchSize)]);
  return ranges;
}

/**
 * Copie les exemples `order[start] … order[end − 1]` : renvoie { x: Float32Array (lot × pixels),
 * labels: Uint8Array, size }.
 */
export function gatherBatch(images, labels, pixels, order, start, end) {
  const size = end - start;
  const x = new Float32Array(size * pixels);
  const y = new Uint8Array(size);
  for (let k = 0; k < size; k += 1) {
    const i = order[start + k];
    x.set(images.subarray(i * pixels, (i + 1) * pixels), k * pixels);
    y[k] = labels[i];
  }
  return { x, labels: y, size };
}

/** Étiquettes → codage « un parmi `classes` » (Float32Array de labels.length × classes). */
export function oneHot(labels, classes = 10) {
  const out = new Float32Array(labels.length * classes);
  labels.forEach((label, i) => { out[i * classes + label] = 1; });
  return out;
}

/** Part des réponses justes : indices des plus grandes probabilités comparés aux étiquettes. */
export function accuracyFromProbabilities(probs, labels, classes = 10) {
  let hits = 0;
  for (let i = 0; i < labels.length; i += 1) {
    let best = 0;
    for (let c = 1; c < classes; c += 1) if (probs[i * classes + c] > probs[i * classes + best]) best = c;
    if (best === labels[i]) hits += 1;
  }
  return labels.length ? hits / labels.length : 0;
}
