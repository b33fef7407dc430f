// Le laboratoire « entraînez votre réseau » : le lecteur choisit un petit CNN ou un petit MLP,
// l'entraîne dans la page sur un extrait de MNIST servi par le site, regarde les courbes se
// dessiner, arrête ou recommence, puis dessine un chiffre et voit son réseau le lire à côté du CNN
// du projet. Ce module ne fait que l'interface ; les calculs sont dans trainer.js, batches.js,
// curves.js et dataset.js.
//
// Contrat des tests automatiques (à garder stable) : la racine porte data-lab="train" ; le bouton
// qui lance l'entraînement porte data-lab-start ; data-lab-progress porte data-epoch (dernière
// époque terminée) et data-accuracy (exactitude sur les images de test servies, après cette
// époque, entre 0 et 1). Aussi : data-lab-stop, data-lab-reset, data-lab-model (choix du
// réseau), data-lab-epochs, data-lab-status, data-lab-pad, data-lab-clear, et les lectures
// data-lab-reader (votre réseau) et data-lab-project (le CNN du projet) avec data-prediction.

import { describeBackend } from '../../demo/backend.js';
import { CNN_URL, ModelError, loadModel, loadTf, predict } from '../../demo/model.js';
import { strokesToInput } from '../../demo/input.js';
import { Pad } from '../../demo/pad.js';
import {
  NBSP, formatCount, formatDecimal, formatNumber, formatPercent, frenchSpaces, percent,
} from '../../demo/fmt.js';
import { PAD_HELP, h } from '../../demo/view.js';
import { setStatus, statusLine } from '../labui.js';
import { TrainingLog, niceCeiling, svgPath } from './curves.js';
import { DatasetError, decodeDataset } from './dataset.js';
import { KINDS, KIND_OPTIONS, SETTINGS, buildModel, evaluate, predictOne, trainEpoch } from './trainer.js';

export const DATA_URL = new URL('../../data/mnist-lab.bin', import.meta.url);
const SVG_NS = 'http://www.w3.org/2000/svg';
const PLOT = { width: 300, height: 150 };
const DEFAULT_EPOCHS = 5;

const MSG = {
  idle: 'Choisissez un réseau puis cliquez sur « Entraîner ». Rien n\'est envoyé nulle part : tout se passe dans votre navigateur.',
  loadingData: `Chargement des images d'entraînement (moins de 3${NBSP}Mo)…`,
  loadingTf: 'Chargement de TensorFlow.js…',
  stopped: 'Entraînement arrêté. Vous pouvez reprendre (« Entraîner ») ou tout recommencer.',
  reset: 'Réseau effacé : ses poids sont de nouveau tirés au hasard.',
  notTrained: 'Votre réseau : pas encore entraîné (cliquez sur « Entraîner »).',
  small: 'Tracé trop petit pour être lu : dessinez un chiffre plus grand.',
  // Les erreurs : des phrases à nous, en français ; le détail technique va dans la console.
  impossible: 'Entraînement impossible : ',
  tfFailed: 'Entraînement impossible : TensorFlow.js, la bibliothèque qui calcule l\'entraînement dans la page, '
    + 'n\'a pas pu être chargé (connexion interrompue ?). Rechargez la page pour réessayer.',
  unexpected: 'L\'entraînement s\'est arrêté sur une erreur inattendue : cliquez sur « Recommencer » puis sur '
    + '« Entraîner » pour réessayer.',
  projectMissing: 'Le CNN du projet : indisponible (modèle introuvable ou connexion coupée).',
  projectFailed: 'Le CNN du projet : indisponible (erreur inattendue).',
};

const READER_EMPTY = 'Votre réseau : pad vide.';
const PROJECT_EMPTY = 'Le CNN du projet : pad vide.';

/** Un message écrit pour suivre « : » commence par une minuscule. */
const lcfirst = (s) => s.charAt(0).toLowerCase() + s.slice(1);

/** Le texte d'un élément, avec les espaces insécables de la typographie française. */
const setText = (el, text) => { el.textContent = frenchSpaces(text); };

let counter = 0;
const svg = (tag, attrs = {}) => {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
};

/**
 * Un graphique SVG vide (axes, légende) ; renvoie ses tracés à mettre à jour, et le SVG lui-même
 * (root), dont l'aria-label dit les dernières valeurs (voir describePlots).
 */
function buildPlot(title, yLabel, series) {
  const { width, height } = PLOT;
  const root = svg('svg', { viewBox: `-34 -8 ${width + 44} ${height + 30}`, class: 'dl-train__plot', role: 'img',
    'aria-label': frenchSpaces(title) });
  root.append(svg('rect', { x: 0, y: 0, width, height, class: 'dl-train__frame' }));
  const yMax = svg('text', { x: -4, y: 4, class: 'dl-train__tick', 'text-anchor': 'end' });
  const yMin = svg('text', { x: -4, y: height, class: 'dl-train__tick', 'text-anchor': 'end' });
  yMin.textContent = '0';
  const xMax = svg('text', { x: width, y: height + 14, class: 'dl-train__tick', 'text-anchor': 'end' });
  const xLabel = svg('text', { x: width / 2, y: height + 14, class: 'dl-train__tick', 'text-anchor': 'middle' });
  xLabel.textContent = 'époques';
  root.append(yMax, yMin, xMax, xLabel);
  const paths = {};
  for (const [name, cls] of series) {
    paths[name] = svg('path', { d: '', class: `dl-train__line ${cls}` });
    root.append(paths[name]);
  }
  const points = svg('g', { class: 'dl-train__points' });
  root.append(points);
  const caption = h('figcaption', {}, title, h('span', { class: 'dl-train__ylabel' }, ` (${yLabel})`));
  return { figure: h('figure', { class: 'dl-train__figure' }, root, caption), root, title, paths, points, yMax, xMax };
}

export class TrainLab {
  constructor(root) {
    this.root = root;
    this.id = `dl-train-${++counter}`;
    this.data = null;
    this.tf = null;
    this.model = null;
    this.kind = 'cnn';
    this.epochsDone = 0;
    this.log = null;
    this.running = false;
    this.stopRequested = false;
    this.generation = 0; // chaque « Recommencer » invalide ce qui était en cours
    this.project = null;
    this.build();
    this.setStatus(MSG.idle);
  }

  build() {
    const { root, id } = this;
    root.classList.add('dl-demo', 'dl-train');
    root.replaceChildren();
    this.select = h('select', { id: `${id}-model`, 'data-lab-model': true });
    for (const [value, label] of Object.entries(KIND_OPTIONS)) this.select.append(h('option', { value }, label));
    this.epochSelect = h('select', { id: `${id}-epochs`, 'data-lab-epochs': true });
    for (let n = 1; n <= 10; n += 1) {
      this.epochSelect.append(h('option', { value: n, selected: n === DEFAULT_EPOCHS }, String(n)));
    }
    this.start = h('button', { type: 'button', class: 'dl-demo__button dl-train__start', 'data-lab-start': true },
      'Entraîner');
    this.stop = h('button', { type: 'button', class: 'dl-demo__button', 'data-lab-stop': true, disabled: true },
      'Arrêter');
    this.reset = h('button', { type: 'button', class: 'dl-demo__button', 'data-lab-reset': true }, 'Recommencer');
    this.bar = h('span', { class: 'dl-train__barfill' });
    this.progressText = h('span', { class: 'dl-train__progresstext' }, 'Pas encore entraîné.');
    // La barre change à chaque mini-lot : la fin de chaque époque est annoncée à part, une fois.
    this.epochNews = h('p', { class: 'dl-visually-hidden', 'aria-live': 'polite', 'aria-atomic': 'true' }, '');
    this.progress = h('div', { class: 'dl-train__progress', 'data-lab-progress': true, 'data-epoch': '0',
      'data-accuracy': '', 'data-seconds': '', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100,
      'aria-valuenow': 0, 'aria-label': 'Avancement de l\'entraînement' },
    h('span', { class: 'dl-train__bar' }, this.bar), this.progressText);
    this.status = statusLine();
    this.lossPlot = buildPlot('Perte (entropie croisée) sur les mini-lots d\'entraînement', 'moyenne glissante',
      [['loss', 'dl-train__line--loss']]);
    this.accPlot = buildPlot('Exactitude : entraînement (trait) et test (points)', `de 0 à ${formatPercent(1, 0)}`,
      [['accuracy', 'dl-train__line--acc']]);
    this.accPlot.yMax.textContent = formatPercent(1, 0);

    const padHelp = h('p', { id: `${id}-padhelp`, class: 'dl-visually-hidden' }, PAD_HELP);
    this.pad = h('canvas', { class: 'dl-demo__pad dl-train__pad', 'data-lab-pad': true, tabindex: 0,
      role: 'application', 'aria-label': 'Pad de dessin : dessinez un chiffre de 0 à 9 pour votre réseau',
      'aria-describedby': padHelp.id });
    this.clear = h('button', { type: 'button', class: 'dl-demo__button', 'data-lab-clear': true }, 'Effacer');
    // Les deux lectures changent après chaque trait : annoncées aux lecteurs d'écran.
    this.reader = h('p', { class: 'dl-train__reading', 'data-lab-reader': true, 'data-prediction': '',
      'aria-live': 'polite', 'aria-atomic': 'true' }, READER_EMPTY);
    this.projectReading = h('p', { class: 'dl-train__reading', 'data-lab-project': true, 'data-prediction': '',
      'aria-live': 'polite', 'aria-atomic': 'true' }, PROJECT_EMPTY);

    root.append(
      h('div', { class: 'dl-train__controls' },
        h('label', { for: `${id}-model` }, 'Réseau : '), this.select,
        h('label', { for: `${id}-epochs` }, ' Époques : '), this.epochSelect,
        this.start, this.stop, this.reset),
      this.progress,
      this.epochNews,
      this.status,
      h('div', { class: 'dl-train__plots' }, this.lossPlot.figure, this.accPlot.figure),
      h('div', { class: 'dl-train__drawing' },
        h('div', { class: 'dl-train__padwrap' }, this.pad, padHelp, this.clear),
        h('div', { class: 'dl-train__readings' }, this.reader, this.projectReading)),
    );
    this.start.addEventListener('click', () => this.train());
    this.stop.addEventListener('click', () => { this.stopRequested = true; });
    this.reset.addEventListener('click', () => this.resetModel(MSG.reset));
    this.select.addEventListener('change', () => this.resetModel(''));
    this.clear.addEventListener('click', () => { this.padWidget.clear(); this.read(); });
    this.padWidget = new Pad(this.pad, { onStrokeEnd: () => this.read() });
  }

  setStatus(text, kind = 'info') {
    setStatus(this.status, text, kind);
  }

  /**
   * L'entraînement a échoué : une phrase en français dans la ligne d'état. Nos propres messages
   * (DatasetError) sont montrés ; TensorFlow.js introuvable a sa phrase ; une erreur imprévue, une
   * phrase générale, son détail (souvent en anglais) allant dans la console.
   */
  fail(err) {
    if (err instanceof DatasetError) {
      this.setStatus(MSG.impossible + lcfirst(err.message), 'error');
    } else if (err instanceof ModelError) {
      console.warn('Laboratoire : TensorFlow.js n\'a pas pu être chargé :', err.cause ?? err);
      this.setStatus(MSG.tfFailed, 'error');
    } else {
      console.error('Laboratoire : erreur pendant l\'entraînement :', err);
      this.setStatus(MSG.unexpected, 'error');
    }
    this.root.dataset.state = 'error';
  }

  async loadData() {
    if (this.data) return this.data;
    this.setStatus(MSG.loadingData);
    let response;
    try {
      response = await fetch(DATA_URL.href);
    } catch (err) {
      console.warn(`Laboratoire : ${DATA_URL.pathname} :`, err); // le détail, pour la console
      throw new DatasetError('les images d\'entraînement n\'ont pas pu être téléchargées (connexion ?).');
    }
    if (!response.ok) {
      // Le chemin du fichier est pour la console, pas pour le lecteur.
      console.warn(`Laboratoire : ${DATA_URL.pathname} : erreur HTTP ${response.status}`);
      throw new DatasetError(`les images d'entraînement sont introuvables (erreur HTTP ${response.status}).`);
    }
    this.data = decodeDataset(await response.arrayBuffer());
    return this.data;
  }

  /** Remet le réseau à zéro (poids tirés au hasard), courbes et lectures comprises. */
  resetModel(message) {
    this.generation += 1;
    this.stopRequested = true;
    if (this.model) this.model.dispose();
    this.model = null;
    this.epochsDone = 0;
    this.log = null;
    this.running = false;
    this.kind = this.select.value;
    this.progress.dataset.epoch = '0';
    this.progress.dataset.accuracy = '';
    this.progress.dataset.seconds = '';
    this.progress.setAttribute('aria-valuenow', '0');
    this.bar.style.width = '0%';
    setText(this.progressText, 'Pas encore entraîné.');
    this.epochNews.textContent = '';
    this.drawCurves();
    this.setButtons(false);
    this.root.dataset.state = 'idle';
    this.reader.dataset.prediction = '';
    setText(this.reader, READER_EMPTY);
    if (message) this.setStatus(message);
  }

  setButtons(running) {
    // Le bouton qui a le focus va être désactivé : le focus passe à celui qui s'active à sa place
    // (sinon il tombe sur la page, et qui navigue au clavier ne trouve plus « Arrêter »).
    const focused = this.root.ownerDocument.activeElement;
    const moveFocus = focused === this.start || focused === this.stop;
    this.start.disabled = running;
    this.stop.disabled = !running;
    this.select.disabled = running;
    this.epochSelect.disabled = running;
    if (moveFocus) (running ? this.stop : this.start).focus();
  }

  async train() {
    if (this.running) return;
    const generation = this.generation;
    const current = () => generation === this.generation;
    this.running = true;
    this.stopRequested = false;
    this.setButtons(true);
    this.root.dataset.state = 'training';
    try {
      const data = await this.loadData();
      if (!current()) return;
      this.setStatus(MSG.loadingTf);
      this.tf = await loadTf();
      if (!current()) return;
      if (!this.model) {
        this.kind = this.select.value;
        this.model = buildModel(this.tf, this.kind);
        this.log = new TrainingLog(Math.ceil(data.train.count / SETTINGS.batchSize));
      }
      const target = this.epochsDone + Number(this.epochSelect.value);
      // Chaque réseau de KINDS commence par « un petit… » : « Entraînement d'un petit CNN ».
      this.setStatus(`Entraînement d'${KINDS[this.kind]} : ${formatCount(this.model.countParams(), 'paramètre')}, `
        + `${formatCount(data.train.count, 'image d\'entraînement', 'images d\'entraînement')}, `
        + `${describeBackend(this.tf.getBackend())}. Exactitude mesurée après chaque époque sur `
        + `${formatCount(data.test.count, 'image de test', 'images de test')}.`);
      while (this.epochsDone < target) {
        const epoch = this.epochsDone + 1;
        const started = performance.now();
        const complete = await trainEpoch(this.tf, this.model, data, epoch, {
          shouldStop: () => this.stopRequested || !current(),
          onBatch: (loss, accuracy, index, total) => {
            if (!current()) return;
            this.log.addBatch(loss, accuracy);
            this.showProgress(epoch, target, index + 1, total);
            if (index % 5 === 4 || index + 1 === total) this.drawCurves();
          },
        });
        if (!current()) return;
        if (!complete) {
          this.setStatus(MSG.stopped);
          break;
        }
        const seconds = (performance.now() - started) / 1000;
        const accuracy = await evaluate(this.tf, this.model, data.test, data.height, data.width);
        if (!current()) return;
        this.epochsDone = epoch;
        this.log.addEpoch(epoch, accuracy, seconds);
        this.progress.dataset.epoch = String(epoch);
        this.progress.dataset.accuracy = accuracy.toFixed(4);
        this.progress.dataset.seconds = seconds.toFixed(2);
        const news = `Époque ${epoch} terminée en ${formatDecimal(seconds, 1)}${NBSP}s : `
          + `exactitude de test ${formatPercent(accuracy)}.`;
        setText(this.progressText, news);
        setText(this.epochNews, news);
        this.drawCurves();
        this.read();
      }
      if (current() && !this.stopRequested) {
        this.setStatus(`Entraînement terminé : ${formatCount(this.epochsDone, 'époque')}. Dessinez un chiffre ci-dessous `
          + 'pour voir votre réseau le lire, ou cliquez sur « Entraîner » pour quelques époques de plus.');
      }
    } catch (err) {
      // Un entraînement abandonné (« Recommencer », autre réseau) peut échouer sur ses poids effacés :
      // rien à dire, un plus récent a pris sa place.
      if (current()) this.fail(err);
    } finally {
      if (current()) {
        this.running = false;
        this.setButtons(false);
        if (this.root.dataset.state !== 'error') this.root.dataset.state = this.epochsDone ? 'trained' : 'idle';
      }
    }
  }

  showProgress(epoch, target, batch, total) {
    const start = target - Number(this.epochSelect.value);
    const done = (epoch - 1 - start + batch / total) / (target - start);
    const value = Math.round(100 * done);
    this.bar.style.width = `${value}%`;
    this.progress.setAttribute('aria-valuenow', String(value));
    setText(this.progressText, `Époque ${epoch} sur ${target} : mini-lot ${batch} sur ${total}.`);
  }

  drawCurves() {
    const lines = this.log ? this.log.series() : { loss: [], accuracy: [], test: [] };
    const xMax = Math.max(1, this.log ? this.log.position(this.log.loss.length - 1) : 1, this.epochsDone);
    const axis = Math.ceil(xMax);
    const lossMax = niceCeiling(Math.max(0, ...lines.loss.map(([, v]) => v)));
    this.lossPlot.yMax.textContent = formatNumber(lossMax);
    for (const plot of [this.lossPlot, this.accPlot]) plot.xMax.textContent = String(axis);
    this.lossPlot.paths.loss.setAttribute('d', svgPath(lines.loss, { ...PLOT, xMax: axis, yMax: lossMax }));
    this.accPlot.paths.accuracy.setAttribute('d', svgPath(lines.accuracy, { ...PLOT, xMax: axis }));
    this.accPlot.points.replaceChildren(...lines.test.map(([x, y]) => {
      const dot = svg('circle', { cx: (x / axis) * PLOT.width, cy: PLOT.height * (1 - y), r: 3.5,
        class: 'dl-train__dot' });
      const title = svg('title');
      title.textContent = frenchSpaces(`Époque ${x} : ${formatPercent(y)} sur les images de test`);
      dot.append(title);
      return dot;
    }));
    this.describePlots(lines);
  }

  /**
   * Les graphiques disent leurs dernières valeurs aux lecteurs d'écran (aria-label) : la dernière
   * perte moyenne, l'exactitude de test après la dernière époque ; rien que leur titre avant.
   */
  describePlots(lines) {
    const { lossPlot, accPlot } = this;
    const lastLoss = lines.loss.length ? lines.loss[lines.loss.length - 1][1] : null;
    lossPlot.root.setAttribute('aria-label', frenchSpaces(lastLoss === null ? lossPlot.title
      : `${lossPlot.title}. Dernière perte (moyenne glissante) : ${formatDecimal(lastLoss, 3)}.`));
    const lastTest = lines.test.length ? lines.test[lines.test.length - 1] : null;
    accPlot.root.setAttribute('aria-label', frenchSpaces(lastTest === null ? accPlot.title
      : `${accPlot.title}. Exactitude de test après ${formatCount(lastTest[0], 'époque')} : `
        + `${formatPercent(lastTest[1])}.`));
  }

  /** Votre réseau et le CNN du projet lisent le dessin du pad. */
  async read() {
    const { image, reason } = strokesToInput(this.padWidget.getStrokes());
    if (!image) {
      this.reader.dataset.prediction = '';
      this.projectReading.dataset.prediction = '';
      setText(this.reader, READER_EMPTY);
      setText(this.projectReading, PROJECT_EMPTY);
      if (reason === 'small') this.setStatus(MSG.small);
      return;
    }
    if (this.model && this.tf) {
      const probs = predictOne(this.tf, this.model, image);
      this.showReading(this.reader, 'Votre réseau', probs);
    } else {
      this.reader.dataset.prediction = '';
      setText(this.reader, MSG.notTrained);
    }
    try {
      if (!this.project) this.project = await loadModel(CNN_URL);
      // Le dessin a pu changer pendant le chargement : on relit le pad tel qu'il est maintenant.
      const now = strokesToInput(this.padWidget.getStrokes()).image;
      if (now) this.showReading(this.projectReading, 'Le CNN du projet', predict(this.project, now));
    } catch (err) {
      // Modèle absent (ModelError, déjà signalé par le navigateur) ou erreur imprévue : le détail
      // va dans la console, une phrase française dans la page.
      if (err instanceof ModelError) console.warn('Laboratoire : le CNN du projet est indisponible :', err.cause ?? err);
      else console.error('Laboratoire : le CNN du projet n\'a pas pu lire le dessin :', err);
      this.projectReading.dataset.prediction = '';
      setText(this.projectReading, err instanceof ModelError ? MSG.projectMissing : MSG.projectFailed);
    }
  }

  showReading(el, who, probs) {
    let best = 0;
    for (let d = 1; d < 10; d += 1) if (probs[d] > probs[best]) best = d;
    el.dataset.prediction = String(best);
    el.dataset.probabilities = JSON.stringify(Array.from(probs, (p) => Number(p.toFixed(4))));
    el.textContent = frenchSpaces(`${who} lit un ${best} (${percent(probs[best])}).`);
  }
}
