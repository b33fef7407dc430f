// La source d'un labo : le pad de dessin de la démo (même Pad, même passage dessin → image
// 28 × 28 que la démo : strokesToInput), un bouton Effacer, un bouton Annuler et « Prendre un
// exemple MNIST ». Donne au labo, à chaque changement, l'image 28 × 28 (lignes de nombres,
// encre = 1, fond = 0). Rien ne quitte le navigateur : le fichier d'exemples vient du site.

import { strokesToInput } from '../demo/input.js';
import { Pad } from '../demo/pad.js';
import { NBSP, formatInteger } from '../demo/fmt.js';
import { PAD_HELP, h } from '../demo/view.js';
import { toRows } from './conv.js';

export const SIZE = 28;
/** Intervalle minimal entre deux calculs pendant le tracé (ms). */
const LIVE_INTERVAL = 100;
const EXAMPLES_URL = new URL('./mnist_examples.json', import.meta.url);

export const blankImage = () => Array.from({ length: SIZE }, () => new Array(SIZE).fill(0));

let examplesPromise = null;

/** Les exemples MNIST du site (chargés une fois, au premier clic). */
function loadExamples() {
  if (!examplesPromise) {
    examplesPromise = fetch(EXAMPLES_URL.href)
      .then((response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return response.json();
      })
      .then((doc) => doc.pixels.map((b64, i) => {
        const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const image = toRows(Array.from(bytes, (v) => v / 255), SIZE, SIZE);
        return { label: doc.labels[i], index: doc.indices[i], image };
      }))
      .catch((err) => {
        examplesPromise = null; // on pourra réessayer
        throw err;
      });
  }
  return examplesPromise;
}

/** Une image 28 × 28 en petit canvas (encre sombre sur papier), pour l'afficher dans le pad. */
function imageCanvas(image) {
  const canvas = document.createElement('canvas');
  canvas.width = SIZE;
  canvas.height = SIZE;
  const ctx = canvas.getContext('2d');
  const data = ctx.createImageData(SIZE, SIZE);
  image.forEach((row, y) => row.forEach((v, x) => {
    const i = 4 * (y * SIZE + x);
    const g = Math.round(255 * (1 - v));
    data.data[i] = g;
    data.data[i + 1] = g;
    data.data[i + 2] = Math.min(255, g + 12);
    data.data[i + 3] = 255;
  }));
  ctx.putImageData(data, 0, 0);
  return canvas;
}

/**
 * Construit la source dans `container`. onChange(image, message, kind) est appelé à chaque
 * nouvelle image : message (français) dit ce qui s'est passé (null pendant le tracé), kind vaut
 * "info" ou "error".
 */
export class DrawingSource {
  constructor(container, { id, onChange }) {
    this.onChange = onChange;
    this.image = blankImage();
    this.example = null; // { label, index, image } quand un exemple MNIST est affiché
    this.exampleCursor = 0;
    this.request = 0; // numéro de la dernière demande : une réponse plus ancienne est ignorée
    this.timer = 0;

    const help = h('p', { id: `${id}-padhelp`, class: 'dl-visually-hidden' }, PAD_HELP);
    this.canvas = h('canvas', {
      'data-demo-pad': true, class: 'dl-demo__pad dl-lab__pad', tabindex: 0, role: 'application',
      'aria-label': 'Pad de dessin : dessinez un chiffre', 'aria-describedby': `${id}-padhelp`,
    });
    this.hint = h('p', { class: 'dl-demo__hint', 'aria-hidden': 'true' }, 'Dessinez un chiffre ici');
    this.undoButton = h('button', { type: 'button', class: 'dl-demo__button', 'data-demo-undo': true,
      title: 'Retirer le dernier trait' }, 'Annuler');
    this.clearButton = h('button', { type: 'button', class: 'dl-demo__button', 'data-demo-clear': true,
      title: 'Tout effacer' }, 'Effacer');
    this.exampleButton = h('button', { type: 'button', class: 'dl-demo__button', 'data-lab-example': true,
      title: 'Afficher un chiffre du jeu de test MNIST (un autre à chaque clic)' }, 'Prendre un exemple MNIST');
    container.append(
      h('div', { class: 'dl-demo__padwrap dl-lab__padwrap' }, this.canvas, this.hint, help),
      h('div', { class: 'dl-lab__buttons' }, this.undoButton, this.clearButton, this.exampleButton),
    );

    this.pad = new Pad(this.canvas, {
      onStart: () => {
        this.example = null;
        this.request++;
        this.hint.hidden = true;
      },
      onDraw: () => this.scheduleLive(),
      onStrokeEnd: () => this.update('Dessin mis à jour.'),
    });
    this.clearButton.addEventListener('click', () => {
      this.request++;
      this.pad.clear();
      this.example = null;
      this.update('Dessin effacé.');
    });
    this.undoButton.addEventListener('click', () => {
      this.request++;
      const wasExample = this.example !== null;
      this.example = null;
      const done = this.pad.undo();
      let text = 'Rien à annuler : le pad est déjà vide.';
      if (done) text = wasExample ? 'Exemple retiré.' : 'Dernier trait retiré.';
      this.update(text);
    });
    this.exampleButton.addEventListener('click', () => this.takeExample());
  }

  /** Pendant le tracé : au plus un calcul toutes les LIVE_INTERVAL ms. */
  scheduleLive() {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = 0;
      if (this.pad.drawing) this.update(null, true);
    }, LIVE_INTERVAL);
  }

  /** Recalcule l'image 28 × 28 et prévient le labo. */
  update(message, live = false) {
    if (!live && this.timer) {
      clearTimeout(this.timer);
      this.timer = 0;
    }
    let text = message;
    if (this.example) {
      this.image = this.example.image;
    } else {
      const { image, reason } = strokesToInput(this.pad.getStrokes());
      this.image = image ? toRows(image, SIZE, SIZE) : blankImage();
      if (!live && reason === 'small') text = 'Tracé trop petit pour être lu : dessinez un chiffre plus grand.';
    }
    this.hint.hidden = !this.pad.isEmpty;
    this.onChange(this.image, text, 'info');
  }

  async takeExample() {
    const ticket = ++this.request;
    this.onChange(this.image, 'Chargement des exemples MNIST…', 'info');
    let examples;
    try {
      examples = await loadExamples();
    } catch (err) {
      console.warn(`Laboratoire : ${EXAMPLES_URL.pathname} illisible :`, err); // le détail, pour la console
      if (ticket === this.request) {
        this.onChange(this.image, 'Les exemples MNIST sont introuvables (fichier absent ou abîmé, ou connexion '
          + 'interrompue). Dessinez plutôt un chiffre.', 'error');
      }
      return;
    }
    if (ticket !== this.request) return; // le lecteur a dessiné ou effacé entre-temps
    const example = examples[this.exampleCursor % examples.length];
    this.exampleCursor++;
    this.example = example;
    this.pad.showImage(imageCanvas(example.image), SIZE, SIZE);
    this.update(`Exemple MNIST : un ${example.label} (image n°${NBSP}${formatInteger(example.index)} du jeu de test).`);
  }
}
