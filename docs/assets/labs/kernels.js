// Les noyaux prédéfinis du labo de convolution, et l'écriture d'une valeur de noyau (lire ce
// que tape le lecteur, afficher une valeur). Module pur, testé par Node ; les noyaux sont les
// jumeaux de KERNELS dans digitlab/conv.py (les tests comparent les deux).
//
// Chaque noyau existe en 3 × 3 et 5 × 5 : des entiers et un diviseur. Le labo affiche
// « 1/9 » plutôt que 0,111 : la valeur lue dans la case est exactement la valeur utilisée.

import { formatNumber } from '../demo/fmt.js';

/** Un noyau size × size qui vaut `centre` au milieu et `around` partout ailleurs. */
function centreAndRing(size, centre, around) {
  const middle = (size - 1) / 2;
  return Array.from({ length: size }, (_, i) => Array.from({ length: size },
    (_, j) => (i === middle && j === middle ? centre : around)));
}

export const KERNELS = {
  identity: {
    label: 'Identité',
    sizes: {
      3: { divisor: 1, rows: [[0, 0, 0], [0, 1, 0], [0, 0, 0]] },
      5: { divisor: 1, rows: [[0, 0, 0, 0, 0], [0, 0, 0, 0, 0], [0, 0, 1, 0, 0], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0]] },
    },
  },
  vertical_edges: {
    label: 'Bords verticaux',
    sizes: {
      3: { divisor: 1, rows: [[1, 0, -1], [1, 0, -1], [1, 0, -1]] },
      5: { divisor: 1, rows: Array.from({ length: 5 }, () => [1, 1, 0, -1, -1]) },
    },
  },
  horizontal_edges: {
    label: 'Bords horizontaux',
    sizes: {
      3: { divisor: 1, rows: [[1, 1, 1], [0, 0, 0], [-1, -1, -1]] },
      5: { divisor: 1, rows: [1, 1, 0, -1, -1].map((v) => Array(5).fill(v)) },
    },
  },
  blur: {
    label: 'Flou (moyenne)',
    sizes: {
      3: { divisor: 9, rows: Array.from({ length: 3 }, () => Array(3).fill(1)) },
      5: { divisor: 25, rows: Array.from({ length: 5 }, () => Array(5).fill(1)) },
    },
  },
  sharpen: {
    label: 'Netteté',
    sizes: {
      3: { divisor: 1, rows: [[0, -1, 0], [-1, 5, -1], [0, -1, 0]] },
      5: { divisor: 25, rows: centreAndRing(5, 49, -1) },
    },
  },
  laplacian: {
    label: 'Laplacien (contours)',
    sizes: {
      3: { divisor: 1, rows: [[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]] },
      5: { divisor: 1, rows: centreAndRing(5, 24, -1) },
    },
  },
};

export const SIZES = [3, 5];

/** Les valeurs du noyau prédéfini name en size × size (lignes de nombres). */
export function presetKernel(name, size) {
  const preset = KERNELS[name];
  if (!preset) throw new Error(`Noyau inconnu « ${name} ».`);
  const spec = preset.sizes[size];
  if (!spec) throw new Error(`Le noyau « ${preset.label} » existe en 3 × 3 et 5 × 5, pas en ${size} × ${size}.`);
  return spec.rows.map((row) => row.map((n) => n / spec.divisor));
}

function gcd(a, b) {
  let x = Math.abs(a);
  let y = Math.abs(b);
  while (y) [x, y] = [y, x % y];
  return x || 1;
}


/**
 * Une valeur de noyau écrite pour le lecteur, de sorte que la relire redonne exactement la même
 * valeur : entier (« −1 »), décimale courte à la française (« 0,04 », « 1,96 »), sinon fraction
 * simple (« 1/9 »), sinon six chiffres significatifs. Avec le vrai signe moins.
 */
export function formatKernelValue(value) {
  if (Number.isInteger(value) || Number(value.toFixed(3)) === value) return formatNumber(value);
  for (let d = 2; d <= 100; d++) {
    const n = Math.round(value * d);
    if (n / d === value) {
      const g = gcd(n, d);
      return `${formatNumber(n / g)}/${d / g}`;
    }
  }
  return formatNumber(Number(value.toPrecision(6)));
}

const NUMBER = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/;

/**
 * Lit ce que le lecteur a tapé dans une case : « 2 », « −1 » ou « -1 », « 0,5 » ou « 0.5 »,
 * « 1/9 ». Renvoie le nombre, ou null si ce n'est pas un nombre.
 */
export function parseKernelValue(text) {
  const s = String(text).trim().replace(/[\u2212\u2013]/g, '-').replace(/\s*\/\s*/g, '/');
  if (s === '') return null;
  const parts = s.split('/');
  if (parts.length > 2 || !parts.every((p) => NUMBER.test(p))) return null;
  const [a, b] = parts.map((p) => Number(p.replace(',', '.')));
  if (parts.length === 1) return a;
  if (b === 0) return null;
  return a / b;
}

/**
 * Change la taille d'un noyau en gardant son centre : de 3 × 3 à 5 × 5, on ajoute une bordure
 * de zéros (même effet sur l'image) ; de 5 × 5 à 3 × 3, on garde le carré central.
 */
export function resizeKernel(rows, size) {
  const old = rows.length;
  const offset = (old - size) / 2; // positif : on rogne ; négatif : on borde
  return Array.from({ length: size }, (_, i) => Array.from({ length: size }, (_, j) => {
    const y = i + offset;
    const x = j + offset;
    return y >= 0 && y < old && x >= 0 && x < old ? rows[y][x] : 0;
  }));
}
