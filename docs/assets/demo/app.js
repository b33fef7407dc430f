// Assemble les démos : chaque élément [data-demo] de la page devient un pad de dessin relié au
// modèle ; les paragraphes [data-demo-benchmark] et [data-photo-benchmark] reçoivent les mesures.
// Chargé par demo.js, et seulement sur une page qui en a ; demo.js appelle mountAll à chaque page.
//
// Pour placer une démo dans une page Markdown ou une cellule Markdown de notebook :
//
//     <div data-demo="pad"></div>          le pad, le chiffre lu, les probabilités
//     <div data-demo="pad+boite"></div>    la même, avec « Ouvrir la boîte » déjà ouvert

import { describeBackend } from './backend.js';
import {
  formatCount, formatKilobytes, formatList, formatMilliseconds, formatPercent, frenchSpaces, pluralForm,
} from './fmt.js';
import { Generations } from './generation.js';
import {
  fileToInput, InputError, readChosenRegion, readImage, rotateCanvas, strokesToInputs,
} from './input.js';
import { notAnImageMessage, shortName } from './imagefile.js';
import {
  CNN_URL, MLP_URL, ModelError, activations, backendName, forgetUnfinished, loadInspectList, loadModel, makeProbe,
  predict,
} from './model.js';
import { Pad } from './pad.js';
import {
  buildDemo, clearBox, describe, describeAll, ordinal, showBox, showBoxMessage, showDigits, showPhotoHint, showResult,
  showSeen, usePadHelp,
} from './view.js';

/** Intervalle minimal entre deux lectures pendant le tracé (ms). */
const LIVE_INTERVAL = 100;

/** Au-delà (ms), un chargement du modèle qui n'a pas abouti est signalé, avec « Réessayer ». */
const MODEL_TIMEOUT = 30_000;

const MSG = {
  loading: 'Chargement du modèle… Vous pouvez déjà dessiner.',
  loadingDrawn: 'Chargement du modèle… La lecture commencera dès qu\'il sera prêt.',
  ready: 'Modèle prêt. Dessinez un chiffre de 0 à 9 dans le cadre, ou importez une image.',
  cleared: 'Pad effacé. Dessinez un chiffre de 0 à 9.',
  undoEmpty: 'Dernier trait retiré : le pad est vide.',
  nothingToUndo: 'Rien à annuler : le pad est déjà vide.',
  small: 'Tracé trop petit pour être lu : dessinez un chiffre plus grand.',
  readingImage: 'Lecture de l\'image…',
  readingRotated: 'Lecture de l\'image tournée…',
  photoSmall: 'Aucun chiffre n\'a été trouvé sur cette photo, seulement de petites marques : faites glisser un '
    + 'rectangle autour du chiffre, ou reprenez la photo de plus près.',
  photoEmpty: 'Aucun chiffre n\'a été trouvé sur cette photo. S\'il y en a un, écrit trop fin ou pris de trop '
    + 'loin, faites glisser un rectangle autour, ou reprenez la photo de plus près.',
  regionEmpty: 'Rien à lire dans la zone choisie : faites glisser un rectangle autour du chiffre, '
    + 'ou appuyez sur « Zone trouvée » pour revenir à la zone trouvée.',
  // La page n'avait rien trouvé seule : pas de « Zone trouvée » où revenir.
  regionEmptyUnfound: 'Rien à lire dans la zone choisie : faites glisser un rectangle autour du chiffre, '
    + 'au plus près de son encre.',
  boxLoading: 'Chargement de l\'intérieur du réseau…',
  inspectMissing: 'La vue intérieure est indisponible : le fichier qui la décrit est introuvable ou abîmé, '
    + 'ou la connexion est interrompue.',
  mlpMissing: 'indisponible (modèle introuvable ou connexion interrompue)',
  stalled: 'Le modèle tarde à se charger (connexion lente ou coupée ?) : vous pouvez toujours dessiner. '
    + '« Réessayer » relance son chargement.',
  // Les messages imprévus restent en français : le détail technique (en anglais) va dans la
  // console du navigateur, pas dans la page.
  loadFailed: 'Le modèle n\'a pas pu être chargé à cause d\'une erreur inattendue : la lecture automatique '
    + 'est indisponible, mais vous pouvez toujours dessiner.',
  unexpected: 'Erreur inattendue pendant la lecture : effacez le pad et réessayez.',
  cannotStart: 'La démo n\'a pas pu démarrer dans ce navigateur. Essayez avec une version récente de '
    + 'Firefox, Chrome, Edge ou Safari.',
};

/** Garde le détail d'une erreur imprévue pour qui ouvre la console (sans « erreur » rouge). */
const logDetail = (err) => console.warn('Démo :', err);

const lcfirst = (s) => s.charAt(0).toLowerCase() + s.slice(1);

class Demo {
  constructor(root) {
    const tokens = (root.dataset.demo || 'pad').toLowerCase().split(/[+\s,]+/);
    this.ui = buildDemo(root, { boxOpen: tokens.includes('boite') || tokens.includes('boîte') });
    this.root = root;
    this.model = null;
    this.modelError = null;
    this.mlp = null;
    this.mlpError = null;
    this.probe = null;
    this.boxReady = null;
    this.input = null;
    this.inputs = [];
    this.results = null;
    this.selected = 0; // le chiffre montré (barres, image 28 × 28) quand il y en a plusieurs
    this.imageReading = null; // l'image importée et ce qu'on y lit (readImage, readChosenRegion)
    this.autoReading = null; // la lecture de la zone trouvée automatiquement (« Zone trouvée »)
    this.imageName = '';
    this.removedImage = null; // image retirée par Annuler, que « Remettre l'image » fait revenir
    this.generations = new Generations();
    this.loadAttempt = 0;
    this.loadTimer = 0;
    this.stalled = false;
    this.liveTimer = 0;
    this.lastLive = 0;
    this.liveInterval = LIVE_INTERVAL;
    this.pad = new Pad(this.ui.pad, {
      onStart: () => {
        this.generations.next(); // une image encore en lecture ne remplacera pas ce tracé
        this.dropImage();
        this.forgetRemovedImage();
        this.ui.hint.hidden = true;
      },
      onDraw: () => this.scheduleLive(),
      onStrokeEnd: () => this.safely(() => this.refresh('lift')),
      onSelect: (box) => this.chooseRegion(box),
    });
    this.wire();
    showSeen(this.ui, null);
    this.loadCnn();
    if (!this.ui.box.hidden) this.openBox(true);
  }

  wire() {
    const { ui } = this;
    ui.clear.addEventListener('click', () => this.safely(() => {
      this.generations.next();
      this.pad.clear();
      this.dropImage();
      this.forgetRemovedImage();
      this.refresh('clear');
    }));
    ui.undo.addEventListener('click', () => this.safely(() => {
      const image = this.pad.image;
      if (!this.pad.undo()) {
        this.setStatus(MSG.nothingToUndo);
        return;
      }
      this.generations.next();
      if (image) {
        // L'image n'est pas perdue : « Remettre l'image » la fait revenir.
        this.removedImage = { reading: this.imageReading, auto: this.autoReading, name: this.imageName };
        ui.redo.hidden = false;
      }
      if (!this.pad.image) this.dropImage();
      this.refresh(image ? 'undoImage' : 'undo');
    }));
    ui.redo.addEventListener('click', () => this.safely(() => {
      const removed = this.removedImage;
      if (!removed) return;
      this.generations.next();
      this.forgetRemovedImage();
      this.showImage(removed.reading, removed.name, removed.auto);
      ui.undo.focus(); // le bouton disparaît : le focus clavier ne se perd pas
    }));
    ui.retry.addEventListener('click', () => {
      forgetUnfinished();
      if (!this.probe) this.boxReady = null; // la boîte recharge aussi ce qui lui manquait
      this.loadCnn();
    });
    for (const field of [ui.upload, ui.camera]) {
      field.addEventListener('change', () => {
        const file = field.files && field.files[0];
        field.value = ''; // pour pouvoir réimporter le même fichier
        this.onFile(file);
      });
    }
    ui.rotate.addEventListener('click', () => this.rotateImage());
    ui.autoRegion.addEventListener('click', () => this.safely(() => {
      if (!this.autoReading) return;
      this.generations.next();
      this.showImage(this.autoReading, this.imageName);
      ui.pad.focus({ preventScroll: true });
    }));
    ui.boxButton.addEventListener('click', () => this.openBox(ui.box.hidden));
    // Glisser-déposer une image sur la démo.
    this.root.addEventListener('dragover', (e) => {
      if (e.dataTransfer && Array.from(e.dataTransfer.types).includes('Files')) e.preventDefault();
    });
    this.root.addEventListener('drop', (e) => {
      if (!e.dataTransfer || e.dataTransfer.files.length === 0) return;
      e.preventDefault();
      this.onFile(e.dataTransfer.files[0]);
    });
  }

  setStatus(text, kind = 'info') {
    this.ui.status.textContent = frenchSpaces(text);
    this.ui.status.dataset.kind = kind;
  }

  /** Exécute fn ; une erreur imprévue devient un message dans la page, jamais une page cassée. */
  safely(fn) {
    try {
      return fn();
    } catch (err) {
      logDetail(err);
      this.setStatus(MSG.unexpected, 'error');
      return undefined;
    }
  }

  forgetRemovedImage() {
    this.removedImage = null;
    this.ui.redo.hidden = true;
  }

  /**
   * Charge le CNN. Après MODEL_TIMEOUT ms sans réponse, le dit et propose « Réessayer » ; le
   * chargement en cours continue : s'il aboutit, la démo est prête (que ce soit par le premier
   * essai ou par un suivant).
   */
  async loadCnn() {
    const attempt = ++this.loadAttempt;
    const { ui } = this;
    this.modelError = null;
    this.stalled = false;
    ui.retry.hidden = true;
    this.root.dataset.state = 'loading';
    this.setStatus(this.pad.isEmpty ? MSG.loading : MSG.loadingDrawn);
    clearTimeout(this.loadTimer);
    this.loadTimer = setTimeout(() => {
      if (this.model || attempt !== this.loadAttempt) return;
      this.stalled = true;
      this.setStatus(MSG.stalled, 'error');
      ui.retry.hidden = false;
    }, MODEL_TIMEOUT);
    try {
      const model = await loadModel(CNN_URL);
      const backend = await backendName();
      if (this.model) return; // un autre essai a déjà abouti
      clearTimeout(this.loadTimer);
      this.model = model;
      this.modelError = null;
      this.stalled = false;
      ui.retry.hidden = true;
      this.root.dataset.backend = backend;
      this.root.dataset.state = 'ready';
      if (!ui.box.hidden && !this.boxReady) this.openBox(true);
      this.safely(() => this.refresh('model'));
    } catch (err) {
      if (this.model || attempt !== this.loadAttempt) return; // un essai plus récent s'en charge
      clearTimeout(this.loadTimer);
      if (!(err instanceof ModelError)) logDetail(err);
      this.modelError = err instanceof ModelError ? err.message : MSG.loadFailed;
      this.stalled = false;
      this.root.dataset.state = 'error';
      this.setStatus(this.modelError, 'error');
      ui.retry.hidden = false;
      if (!ui.box.hidden) showBoxMessage(ui, this.modelError);
    }
  }

  /**
   * Lecture pendant le tracé, au rythme de l'écran : au plus une toutes les LIVE_INTERVAL ms,
   * ou moins souvent sur un appareil lent (jamais plus de la moitié du temps à calculer), pour
   * que le trait suive toujours le doigt.
   */
  scheduleLive() {
    if (this.liveTimer) return;
    const wait = Math.max(0, this.liveInterval - (performance.now() - this.lastLive));
    this.liveTimer = setTimeout(() => {
      requestAnimationFrame(() => {
        this.liveTimer = 0;
        if (!this.pad.drawing) return; // le lever du stylo a déjà tout mis à jour
        const start = performance.now();
        this.safely(() => this.refresh('live'));
        this.lastLive = performance.now();
        this.liveInterval = Math.max(LIVE_INTERVAL, 2 * (this.lastLive - start));
      });
    }, wait);
  }

  /**
   * Recalcule les entrées du modèle (un chiffre ou plusieurs), les prédictions et l'affichage.
   * reason : "live" (pendant le tracé, sans annonce), "lift", "undo", "clear", "image", "model",
   * "region" (zone choisie sur une photo), "select" (un chiffre choisi dans la rangée).
   */
  refresh(reason) {
    if (reason !== 'live' && this.liveTimer) {
      clearTimeout(this.liveTimer);
      this.liveTimer = 0;
    }
    const reading = this.imageReading;
    const { inputs, reason: why } = this.pad.image
      ? { inputs: reading ? reading.inputs : [], reason: reading ? reading.reason : null }
      : strokesToInputs(this.pad.getStrokes());
    this.inputs = inputs;
    if (this.selected >= inputs.length) this.selected = 0;
    const input = inputs.length ? inputs[this.selected].image : null;
    this.input = input;
    this.ui.hint.hidden = !this.pad.isEmpty;
    showSeen(this.ui, input);
    const results = this.model && inputs.length ? inputs.map(({ image }) => predict(this.model, image)) : null;
    this.results = results;
    showResult(this.ui, results, this.selected);
    showDigits(this.ui, inputs, results, this.selected, (k) => this.safely(() => this.select(k)));
    this.updateBox(input, results ? results[this.selected] : null);
    if (reason !== 'live') this.announce(reason, results, input, why);
  }

  /** Choisit le k-ième chiffre lu : ses barres, son image 28 × 28, sa boîte. */
  select(k) {
    this.selected = k;
    this.refresh('select');
    const button = this.ui.digits.querySelector(`[data-demo-digit="${k}"]`);
    if (button) button.focus({ preventScroll: true });
  }

  announce(reason, results, input, why) {
    if (this.modelError) {
      const prefix = reason === 'clear' ? 'Pad effacé. ' : '';
      this.setStatus(prefix + this.modelError, 'error');
      return;
    }
    if (reason === 'undoImage') {
      this.setStatus(`Image « ${shortName(this.removedImage.name)} » retirée : le pad est vide. `
        + '« Remettre l\'image » la fait revenir.');
      return;
    }
    const photo = this.pad.image && this.imageReading && this.imageReading.kind === 'photo';
    if (photo && !input) {
      // La zone trouvée par la page (rien, ou de petites marques), ou une zone choisie par le lecteur.
      let message = this.foundZone ? MSG.regionEmpty : MSG.regionEmptyUnfound;
      if (this.imageReading === this.autoReading) message = why === 'small' ? MSG.photoSmall : MSG.photoEmpty;
      this.setStatus(`Image « ${shortName(this.imageName)} » : ${lcfirst(message)}`);
      return;
    }
    if (!this.model) {
      if (this.stalled) this.setStatus((reason === 'clear' ? 'Pad effacé. ' : '') + MSG.stalled, 'error');
      else this.setStatus(input ? MSG.loadingDrawn : MSG.loading);
      return;
    }
    if (!input) {
      if (why === 'small') this.setStatus(MSG.small);
      else if (reason === 'clear') this.setStatus(MSG.cleared);
      else if (reason === 'undo') this.setStatus(MSG.undoEmpty);
      else this.setStatus(MSG.ready);
      return;
    }
    let text = describeAll(results);
    if (reason === 'select' && results.length > 1) {
      text = `${ordinal(this.selected + 1)} chiffre : ${lcfirst(describe(results[this.selected]))}`;
    }
    if (reason === 'undo') text = `Dernier trait retiré. ${text}`;
    if (this.pad.image) text = `Image « ${shortName(this.imageName)} » : ${lcfirst(text)}`;
    this.setStatus(text);
  }

  /**
   * Vrai si la page a trouvé seule une zone sur la photo (un cadre où « Zone trouvée » ramène) :
   * sans elle, ni le bouton ni les messages n'offrent d'y revenir.
   */
  get foundZone() {
    return Boolean(this.autoReading && this.autoReading.overlay);
  }

  /** Plus d'image importée (on dessine, on efface, on l'a retirée). */
  dropImage() {
    this.imageReading = null;
    this.autoReading = null;
    this.selected = 0;
    this.ui.rotate.hidden = true;
    this.ui.autoRegion.hidden = true;
    this.ui.photoHint.hidden = true;
    this.ui.pad.setAttribute('aria-label', frenchSpaces('Pad de dessin : dessinez un chiffre de 0 à 9'));
    usePadHelp(this.ui, false);
  }

  /**
   * Montre une image lue (reading : résultat de readImage ou readChosenRegion) et ce que le
   * réseau y lit ; sur une photo, la zone lue est encadrée et peut être changée.
   * auto : la lecture de la zone trouvée automatiquement (par défaut, reading elle-même).
   */
  showImage(reading, name, auto = reading) {
    const photo = reading.kind === 'photo';
    this.pad.showImage(reading.preview, reading.width, reading.height,
      { selectable: photo, overlay: photo ? reading.overlay : null });
    this.imageReading = reading;
    this.autoReading = photo ? auto : null;
    this.imageName = name;
    this.selected = 0;
    this.ui.rotate.hidden = false;
    this.ui.autoRegion.hidden = !photo || reading === auto || !this.foundZone;
    if (photo) showPhotoHint(this.ui, Boolean(reading.overlay));
    else this.ui.photoHint.hidden = true;
    this.ui.pad.setAttribute('aria-label', frenchSpaces(photo
      ? 'Photo importée : faites glisser un rectangle autour du chiffre à lire'
      : 'Image importée. Appuyez sur « Effacer » pour dessiner de nouveau.'));
    usePadHelp(this.ui, photo);
    this.safely(() => this.refresh('image'));
  }

  /**
   * Le lecteur a tracé un rectangle (ou déplacé la zone au clavier) : on lit cette zone. Une petite
   * zone est relue de plus près, ce qui prend un moment : une zone choisie ensuite, un tracé ou
   * une autre image l'emportent sur elle.
   */
  async chooseRegion(box) {
    if (!this.imageReading || this.imageReading.kind !== 'photo') return;
    const ticket = this.generations.next();
    let reading;
    try {
      reading = await readChosenRegion(this.autoReading, box, () => this.generations.isCurrent(ticket));
    } catch (err) {
      if (!this.generations.isCurrent(ticket)) return;
      logDetail(err);
      this.setStatus(MSG.unexpected, 'error');
      return;
    }
    if (!reading || !this.generations.isCurrent(ticket)) return;
    this.safely(() => {
      this.imageReading = reading;
      this.selected = 0;
      this.pad.setOverlay(reading.overlay);
      this.ui.autoRegion.hidden = !this.foundZone;
      showPhotoHint(this.ui, Boolean(reading.overlay));
      this.refresh('region');
    });
  }

  /** Tourne l'image d'un quart de tour et la relit. */
  async rotateImage() {
    if (!this.imageReading) return;
    const ticket = this.generations.next();
    const name = this.imageName;
    const canvas = rotateCanvas(this.imageReading.preview);
    this.setStatus(MSG.readingRotated);
    try {
      const reading = await readImage({ canvas, width: canvas.width, height: canvas.height },
        () => this.generations.isCurrent(ticket));
      if (!reading || !this.generations.isCurrent(ticket)) return;
      this.showImage(reading, name);
    } catch (err) {
      if (!this.generations.isCurrent(ticket)) return;
      if (!(err instanceof InputError)) logDetail(err);
      this.setStatus(err instanceof InputError ? err.message : MSG.unexpected, 'error');
    }
  }

  /**
   * Lit un fichier importé (choisi, photographié, déposé ou collé). Si le lecteur dessine,
   * efface, annule ou choisit un autre fichier avant la fin de la lecture, le résultat (image ou
   * erreur) est abandonné, et la lecture d'une photo s'arrête à l'étape suivante.
   */
  async onFile(file) {
    if (!file) return;
    const ticket = this.generations.next();
    this.setStatus(MSG.readingImage);
    try {
      const reading = await fileToInput(file, () => this.generations.isCurrent(ticket));
      if (!reading || !this.generations.isCurrent(ticket)) return;
      this.forgetRemovedImage();
      this.showImage(reading, file.name || 'sans nom');
    } catch (err) {
      if (!this.generations.isCurrent(ticket)) return;
      if (!(err instanceof InputError)) logDetail(err);
      this.setStatus(err instanceof InputError ? err.message : notAnImageMessage(file.name), 'error');
    }
  }

  /** Ouvre (ou ferme) « Ouvrir la boîte » ; au premier passage, charge la sonde et le MLP. */
  openBox(open) {
    const { ui } = this;
    ui.box.hidden = !open;
    ui.boxButton.setAttribute('aria-expanded', String(open));
    ui.boxButton.textContent = open ? 'Fermer la boîte' : 'Ouvrir la boîte';
    if (!open) return;
    if (this.modelError) {
      showBoxMessage(ui, this.modelError);
      return;
    }
    if (!this.boxReady) {
      showBoxMessage(ui, MSG.boxLoading);
      const probe = Promise.all([loadModel(CNN_URL), loadInspectList()])
        .then(([model, layers]) => {
          this.probe = makeProbe(model, layers);
          if (!this.probe) throw new Error('aucune couche de inspect.json dans le modèle');
        })
        .catch((err) => {
          logDetail(err instanceof ModelError ? err.cause ?? err : err); // le fichier et l'erreur exacts
          showBoxMessage(ui, err instanceof ModelError ? err.message : MSG.inspectMissing);
        });
      const mlp = loadModel(MLP_URL)
        .then((m) => { this.mlp = m; })
        .catch((err) => {
          logDetail(err instanceof ModelError ? err.cause ?? err : err);
          this.mlpError = MSG.mlpMissing;
        });
      this.boxReady = Promise.all([probe, mlp]).then(() => this.safely(() => this.updateBox(this.input)));
    } else {
      this.safely(() => this.updateBox(this.input));
    }
  }

  updateBox(input, probs = null) {
    if (this.ui.box.hidden || !this.probe) return;
    if (!input) {
      if (!this.ui.boxLayers) {
        showBox(this.ui, activations(this.probe, new Float32Array(784)), null, null);
      }
      clearBox(this.ui);
      return;
    }
    const acts = activations(this.probe, input);
    const cnnProbs = probs ?? predict(this.model, input);
    const mlpProbs = this.mlp ? predict(this.mlp, input) : null;
    showBox(this.ui, acts, cnnProbs, mlpProbs, this.mlpError || (this.mlp ? '' : 'chargement…'));
  }
}

const BENCHMARK_URL = new URL('../benchmarks/demo.json', import.meta.url);


/** Ce que la page télécharge avant sa première lecture (d : download_to_ready de demo.json), ou rien. */
function downloadText(d) {
  if (!d || ![d.total_bytes, d.tfjs_bytes, d.model_bytes].every(Number.isFinite)) return '';
  return ` Avant sa première lecture, la page télécharge ${formatKilobytes(d.total_bytes)}, dont `
    + `${formatKilobytes(d.tfjs_bytes)} pour TensorFlow.js et ${formatKilobytes(d.model_bytes)} pour le modèle (sans `
    + 'compression : un serveur qui compresse ses fichiers en envoie moins).';
}

/** Remplit les éléments [data-demo-benchmark] avec les temps de scripts/benchmark_demo.py. */
async function showBenchmarks(elements) {
  try {
    const response = await fetch(BENCHMARK_URL.href);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const b = await response.json();
    if (![b.load_to_ready_ms, b.pen_up_to_prediction_ms_median, b.strokes].every(Number.isFinite)) {
      throw new Error('mesures incomplètes');
    }
    const engine = describeBackend(b.backend, b.webgl_renderer);
    const digits = Number.isFinite(b.digits) ? `, ${formatCount(b.digits, 'chiffre')}` : '';
    const text = `Mesuré dans Chromium sans écran (machine : ${b.machine} ; ${engine}) : la première lecture `
      + `est possible ${formatMilliseconds(b.load_to_ready_ms)} après l'ouverture de la page ; après le lever du `
      + `stylo, le chiffre lu s'affiche en ${formatMilliseconds(b.pen_up_to_prediction_ms_median)} (médiane sur `
      + `${formatCount(b.strokes, 'lever de stylo', 'levers de stylo')}${digits}).`
      + downloadText(b.download_to_ready);
    for (const el of elements) el.textContent = frenchSpaces(text);
  } catch {
    for (const el of elements) el.textContent = 'Les temps mesurés sont indisponibles.';
  }
}

/**
 * Coller une image (Ctrl+V) : elle va à la démo où se trouve le focus, ou, si le focus n'est dans
 * aucun champ de saisie, à la première démo de la page.
 */
function onPaste(e) {
  const files = e.clipboardData ? Array.from(e.clipboardData.files || []) : [];
  const file = files.find((f) => f.type.startsWith('image/')) || files[0];
  if (!file) return;
  const target = e.target instanceof Element ? e.target : null;
  let root = target ? target.closest('[data-demo]') : null;
  if (!root) {
    if (target && target.closest('input, textarea, select, [contenteditable]')) return;
    root = document.querySelector('[data-demo]');
  }
  if (!root || !root.demo) return;
  e.preventDefault();
  root.demo.onFile(file);
}

let pasteListening = false;

const PHOTO_BENCHMARK_URL = new URL('../benchmarks/photos.json', import.meta.url);

/** Une exactitude du banc d'essai : « 97,5 % ». */
const pct = (r) => formatPercent(r.accuracy);

/** Remplit les éléments [data-photo-benchmark] avec les mesures de scripts/benchmark_photos.py. */
async function showPhotoBenchmarks(elements) {
  try {
    const response = await fetch(PHOTO_BENCHMARK_URL.href);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const { python: p, browser: b } = await response.json();
    const d = p.digits;
    const n = d.all.count;
    let text = `Mesuré sur ${formatCount(n, 'photo')} ${pluralForm(n, 'fabriquée')} par le projet (papier blanc, `
      + 'grands carreaux Seyès, petits carreaux ; encre bleue ou noire, stylo à bille ou feutre ; lumière inégale, '
      + 'ombre, flou, JPEG), '
      + 'lues comme cette page les lit : chiffres lus juste — '
      + `papier blanc ${pct(d['paper:blank'])}, Seyès ${pct(d['paper:seyes'])}, `
      + `petits carreaux ${pct(d['paper:squares'])} ; nombres photographiés lus en entier : `
      + `${pct(p.numbers.all)} (${formatCount(p.numbers.all.count, 'photo')}) ; nombres tracés dans le pad : `
      + `${pct(p.pad_numbers)} (${formatCount(p.pad_numbers.count, 'nombre')}) ; pages sans chiffre reconnues `
      + `vides : ${pct(p.empty_pages_found_nothing.all)} `
      + `(${formatCount(p.empty_pages_found_nothing.all.count, 'page')}). `;
    const bent = p.bent_pages;
    if (bent && bent.digits.all && bent.empty_found_nothing.all) {
      text += 'Pages bombées d\'un cahier ouvert, aux lignes courbées : chiffres lus juste '
        + `${pct(bent.digits.all)} (${formatCount(bent.digits.all.count, 'photo')}), pages sans chiffre reconnues `
        + `vides ${pct(bent.empty_found_nothing.all)} (${formatCount(bent.empty_found_nothing.all.count, 'page')}). `;
    }
    const far = p.far_digits;
    if (Array.isArray(far) && far.length) {
      text += `Chiffres pris de loin, qui n'occupent que ${formatList(far.map((row) => formatPercent(row.share, 0)))} `
        + 'de la hauteur de la photo (le plus petit : un chiffre sur une page entière) : lus seuls '
        + `${formatList(far.map((row) => pct(row.alone)))} ; dans le rectangle que le lecteur trace autour, `
        + `${formatList(far.map((row) => pct(row.chosen_region)))} (${formatCount(far[0].alone.count, 'photo')} `
        + 'par hauteur). ';
      if (far.every((row) => row.empty_region_read_nothing)) {
        text += 'Un rectangle de même taille tracé à côté, sur le papier vide, ne fait rien lire dans '
          + `${formatList(far.map((row) => pct(row.empty_region_read_nothing)))} des cas. `;
      }
    }
    text += 'Ce sont des photos fabriquées : de vraies photos, plus variées, peuvent être plus difficiles.';
    if (b && Number.isFinite(b.ms_per_photo_median)) {
      text += ` Dans Chromium (machine : ${b.machine}), une photo est lue en `
        + `${formatMilliseconds(b.ms_per_photo_median)} (médiane sur ${formatCount(b.photos, 'photo')}).`;
    }
    for (const el of elements) el.textContent = frenchSpaces(text);
  } catch {
    for (const el of elements) el.textContent = 'Les mesures sur des photos sont indisponibles.';
  }
}

/** Monte une démo dans chaque élément [data-demo] pas encore monté. */
export function mountAll(scope = document) {
  if (!pasteListening && scope.querySelector('[data-demo]')) {
    document.addEventListener('paste', onPaste);
    pasteListening = true;
  }
  for (const root of scope.querySelectorAll('[data-demo]')) {
    if (root.dataset.demoMounted) continue;
    root.dataset.demoMounted = 'true';
    try {
      root.demo = new Demo(root);
    } catch (err) {
      logDetail(err);
      root.textContent = frenchSpaces(MSG.cannotStart);
    }
  }
  const benchmarks = Array.from(scope.querySelectorAll('[data-demo-benchmark]:not([data-filled])'));
  for (const el of benchmarks) el.dataset.filled = 'true';
  if (benchmarks.length) showBenchmarks(benchmarks);
  const photoBenchmarks = Array.from(scope.querySelectorAll('[data-photo-benchmark]:not([data-filled])'));
  for (const el of photoBenchmarks) el.dataset.filled = 'true';
  if (photoBenchmarks.length) showPhotoBenchmarks(photoBenchmarks);
}
