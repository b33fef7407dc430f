// Les courbes de l'entraînement dans la page : on note la perte et l'exactitude de chaque mini-lot
// et l'exactitude de test de chaque époque, puis on en tire des tracés SVG. Module pur, testé par
// Node (tests/js/train_curves.test.mjs).

/** Moyenne glissante sur les `window` dernières valeurs (moins au début). */
export function movingAverage(values, window) {
  const out = [];
  let sum = 0;
  for (let i = 0; i < values.length; i += 1) {
    sum += values[i];
    if (i >= window) sum -= values[i - window];
    out.push(sum / Math.min(i + 1, window));
  }
  return out;
}

/** Le journal de l'entraînement : par mini-lot et par époque. */
export class TrainingLog {
  constructor(batchesPerEpoch) {
    this.batchesPerEpoch = batchesPerEpoch;
    this.loss = [];
    this.accuracy = [];
    this.epochs = []; // { epoch, testAccuracy, seconds }
  }

  addBatch(loss, accuracy) {
    this.loss.push(loss);
    this.accuracy.push(accuracy);
  }

  addEpoch(epoch, testAccuracy, seconds) {
    this.epochs.push({ epoch, testAccuracy, seconds });
  }

  /** Position en époques (fractionnaire) du mini-lot n° i (à partir de 0). */
  position(i) {
    return (i + 1) / this.batchesPerEpoch;
  }

  /** Les points des courbes : [[époque, valeur], …], perte et exactitude lissées. */
  series(window = 10) {
    const at = (values) => movingAverage(values, window).map((v, i) => [this.position(i), v]);
    return {
      loss: at(this.loss),
      accuracy: at(this.accuracy),
      test: this.epochs.map((e) => [e.epoch, e.testAccuracy]),
    };
  }
}

/**
 * Un tracé SVG (attribut `d` d'un <path>) : les points [x, y] mis à l'échelle dans une boîte
 * `width × height`, x de 0 à `xMax`, y de `yMin` (en bas) à `yMax` (en haut). Chaîne vide s'il n'y
 * a pas de point. Les valeurs hors de l'intervalle sont ramenées au bord.
 */
export function svgPath(points, { width, height, xMax, yMin = 0, yMax = 1 }) {
  if (!points.length) return '';
  const sx = (x) => (Math.min(Math.max(x, 0), xMax) / xMax) * width;
  const sy = (y) => height - ((Math.min(Math.max(y, yMin), yMax) - yMin) / (yMax - yMin)) * height;
  return points.map(([x, y], i) => `${i ? 'L' : 'M'}${sx(x).toFixed(1)} ${sy(y).toFixed(1)}`).join(' ');
}

/** Un plafond « rond » pour l'axe de la perte : 0,5, 1, 2, 2,5 ou 5 fois une puissance de 10. */
export function niceCeiling(value) {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}
