// Le labo de pooling : le lecteur dessine un chiffre (ou prend un exemple MNIST) ; l'image
// 28 × 28 est résumée par un pooling max, moyenne ou L2, fenêtre et pas au choix. Au survol (ou
// au clavier) d'un pixel de sortie : la fenêtre et le calcul. « Décaler mon dessin » déplace
// l'image d'un pixel à la fois et compare la sortie à celle du dessin non décalé : ce que le
// pooling absorbe. Le calcul est dans conv.js (jumeau de digitlab/conv.py).
//
// Contrat des tests automatiques (à garder stable) : racine data-lab="pooling" ; pad
// data-demo-pad ; bouton data-demo-clear ; [data-lab-io] porte data-input (la carte résumée :
// l'image 28 × 28, décalée s'il y a lieu), data-output (la sortie du pooling), data-pool
// ("max" | "average" | "l2"), data-window, data-stride, data-shift-x et data-shift-y ; la ligne
// d'état [data-lab-status] porte data-kind ("info" | "error").

import {
  NBSP, formatDecimal as formatNumber, formatList, frenchSpaces, percent as formatPercent,
} from '../demo/fmt.js';
import { h } from '../demo/view.js';
import { changeRatio, explainPool, maxAbs, pool2d, shift } from './conv.js';
import {
  choice, explainPanel, ioElement, mountSource, numberTable, publish, reportFailure, setStatus,
  showExplanation, speakWhenChosen, statusLine, uid,
} from './labui.js';
import { MapView } from './mapview.js';
import { blankImage } from './source.js';

/** Les trois poolings, nommés comme dans le chapitre « Le pooling ». */
const KIND_NAMES = { max: 'max pooling', average: 'pooling par la moyenne', l2: 'pooling L2' };
const ucfirst = (s) => s.charAt(0).toUpperCase() + s.slice(1);
const MAX_SHIFT = 6;
const SHIFTS = {
  left: [0, -1, 'vers la gauche', '←'],
  right: [0, 1, 'vers la droite', '→'],
  up: [-1, 0, 'vers le haut', '↑'],
  down: [1, 0, 'vers le bas', '↓'],
};

/** « 2 px vers la droite et 1 px vers le haut » (espace insécable avant « px »), ou « aucun ». */
export function shiftText(dy, dx) {
  const parts = [];
  if (dx) parts.push(`${Math.abs(dx)}${NBSP}px vers la ${dx > 0 ? 'droite' : 'gauche'}`);
  if (dy) parts.push(`${Math.abs(dy)}${NBSP}px vers le ${dy > 0 ? 'bas' : 'haut'}`);
  return formatList(parts) || 'aucun';
}

export class PoolingLab {
  constructor(root) {
    this.root = root;
    this.id = uid('dl-lab-pool');
    this.base = blankImage(); // le dessin, non décalé
    this.dy = 0;
    this.dx = 0;
    this.output = null;
    this.build();
    this.compute('Dessinez un chiffre dans le cadre, ou prenez un exemple MNIST.');
  }

  build() {
    const { root } = this;
    const mounted = mountSource(root, this.id, (image, message, kind) => {
      this.base = image;
      this.compute(message, kind);
    });
    const source = mounted.element;
    this.source = mounted.source;
    this.inputView = new MapView({ label: 'La carte résumée : votre image 28 × 28, décalée s\'il y a lieu', mode: 'ink' });
    this.outputView = new MapView({
      label: 'Sortie du pooling', mode: 'ink', interactive: true, attrs: { 'data-lab-output': true },
      onSelect: () => this.explain(true),
    });
    this.referenceView = new MapView({ label: 'Sortie du pooling pour le dessin non décalé', mode: 'ink' });
    this.outputCaption = h('figcaption', {}, 'Sortie du pooling');

    const kind = choice('Pooling', [['max', 'max'], ['average', 'moyenne'], ['l2', 'L2']], 'max', { 'data-lab-pool': true });
    const windowChoice = choice('Fenêtre', [[2, '2 × 2'], [3, '3 × 3'], [4, '4 × 4']], 2, { 'data-lab-window': true });
    const stride = choice('Pas', [[1, '1'], [2, '2'], [3, '3'], [4, '4']], 2, { 'data-lab-stride': true });
    this.controls = { kind: kind.select, window: windowChoice.select, stride: stride.select };

    this.shiftButtons = Object.entries(SHIFTS).map(([name, [, , words, arrow]]) => {
      const button = h('button', { type: 'button', class: 'dl-demo__button dl-lab__shift', 'data-lab-shift': name,
        'aria-label': `Décaler mon dessin d'un pixel ${words}` }, arrow);
      button.addEventListener('click', () => this.move(name));
      return button;
    });
    const reset = h('button', { type: 'button', class: 'dl-demo__button', 'data-lab-shift': 'reset' }, 'Recentrer');
    reset.addEventListener('click', () => this.move('reset'));
    // Annoncé aux lecteurs d'écran quand il change (sauf pendant le tracé : voir compute).
    this.shiftSummary = h('p', { class: 'dl-lab__shiftsummary', 'data-lab-shift-summary': true,
      'aria-live': 'polite', 'aria-atomic': 'true' }, '');

    this.explainPanel = explainPanel();
    this.status = statusLine();
    this.io = ioElement();

    root.append(
      h('div', { class: 'dl-lab__layout' },
        source,
        h('figure', { class: 'dl-lab__figure' }, this.inputView.canvas,
          h('figcaption', {}, 'La carte résumée (votre image, 28 × 28)')),
        h('figure', { class: 'dl-lab__figure' }, this.outputView.canvas, this.outputCaption)),
      this.explainPanel, // le calcul d'un pixel juste sous les cartes, comme au labo de convolution
      h('div', { class: 'dl-lab__controls' },
        h('fieldset', { class: 'dl-lab__settings' }, h('legend', {}, 'Réglages'), kind.field, windowChoice.field, stride.field),
        h('fieldset', { class: 'dl-lab__shiftbox' }, h('legend', {}, 'Décaler mon dessin'),
          h('div', { class: 'dl-lab__shiftbuttons' }, ...this.shiftButtons, reset),
          this.shiftSummary,
          h('figure', { class: 'dl-lab__figure dl-lab__figure--small' }, this.referenceView.canvas,
            h('figcaption', {}, 'Sortie pour le dessin non décalé, pour comparer')))),
      this.status, this.io);

    for (const key of ['kind', 'window', 'stride']) {
      this.controls[key].addEventListener('change', () => {
        const s = this.settings();
        this.compute(`${ucfirst(KIND_NAMES[s.kind])}, fenêtre ${s.window} × ${s.window}, pas ${s.stride}.`);
      });
    }
  }

  move(name) {
    if (name === 'reset') {
      this.dy = 0;
      this.dx = 0;
    } else {
      const [dy, dx] = SHIFTS[name];
      this.dy = Math.max(-MAX_SHIFT, Math.min(MAX_SHIFT, this.dy + dy));
      this.dx = Math.max(-MAX_SHIFT, Math.min(MAX_SHIFT, this.dx + dx));
    }
    // Le décalage est dit par la comparaison (data-lab-shift-summary, lue) : la ligne d'état ne le
    // répète pas, elle dit seulement la taille de la sortie.
    this.compute('');
  }

  settings() {
    return {
      kind: this.controls.kind.value,
      window: Number(this.controls.window.value),
      stride: Number(this.controls.stride.value),
    };
  }

  compute(message = null, kind = 'info') {
    const s = this.settings();
    const input = shift(this.base, this.dy, this.dx);
    let output;
    let reference;
    try {
      output = pool2d(input, s);
      reference = pool2d(this.base, s);
    } catch (err) {
      reportFailure(this.status, err);
      return;
    }
    this.input = input;
    this.output = output;
    const inkScale = (map) => Math.max(1, maxAbs(map));
    this.inputView.show(input);
    this.outputView.show(output.map((row) => row.map((v) => v / inkScale(output))));
    this.referenceView.show(reference.map((row) => row.map((v) => v / inkScale(reference))));
    this.outputCaption.textContent = `Sortie du ${KIND_NAMES[s.kind]} (${output.length} × ${output[0].length})`;
    publish(this.io, input, output, {
      pool: s.kind, window: s.window, stride: s.stride, shiftX: this.dx, shiftY: this.dy,
    });
    this.root.dataset.state = 'ready';
    // Pendant le tracé (message nul), la comparaison change à chaque instant : elle n'est pas lue.
    this.shiftSummary.setAttribute('aria-live', message === null ? 'off' : 'polite');
    this.summariseShift(input, output, reference);
    this.explain();
    if (message !== null) {
      const kept = formatPercent(output.length * output[0].length / (input.length * input[0].length));
      const size = `Sortie : ${output.length} × ${output[0].length} valeurs (${kept} du nombre de pixels de l'entrée).`;
      setStatus(this.status, message ? `${message} ${size}` : size, kind);
    }
  }

  /** Ce que le décalage change : dans l'image, dans la sortie du pooling. */
  summariseShift(input, output, reference) {
    // Un texte inchangé n'est pas réécrit : la région live ne le répète pas après chaque trait.
    const show = (...parts) => {
      const text = parts.map((p) => (typeof p === 'string' ? p : p.textContent)).join('');
      if (this.shiftSummary.textContent !== text) this.shiftSummary.replaceChildren(...parts);
    };
    if (this.dy === 0 && this.dx === 0) {
      show(frenchSpaces('Aucun décalage : utilisez les boutons fléchés pour déplacer votre dessin d\'un pixel à la fois.'));
      return;
    }
    if (maxAbs(this.base) === 0) {
      show(frenchSpaces(`Décalage : ${shiftText(this.dy, this.dx)}. Dessinez quelque chose pour voir ce qu'il change.`));
      return;
    }
    const inImage = changeRatio(this.base, input);
    const inOutput = changeRatio(reference, output);
    show(
      frenchSpaces(`Décalage : ${shiftText(this.dy, this.dx)}. Par rapport au dessin non décalé, l'image a changé de `),
      h('strong', {}, formatPercent(inImage)), ', la sortie du pooling de ', h('strong', {}, formatPercent(inOutput)),
      ' (somme des écarts divisée par la somme des valeurs).');
  }

  /** Le calcul du pixel choisi ; chosen : on vient de le choisir (le panneau est alors lu). */
  explain(chosen = false) {
    speakWhenChosen(this.explainPanel, chosen);
    const cell = this.output && this.outputView.selected;
    if (!cell) {
      this.inputView.showWindow(null);
      showExplanation(this.explainPanel, null);
      return;
    }
    const [i, j] = cell;
    const s = this.settings();
    const e = explainPool(this.input, i, j, s);
    this.inputView.showWindow({ top: e.top, left: e.left, height: s.window, width: s.window });
    const flat = e.values.flat();
    const best = Math.max(...flat);
    const cellClass = s.kind === 'max' ? (u, v) => (e.values[u][v] === best ? 'is-max' : null) : null;
    const list = flat.map((v) => formatNumber(v)).join(' ; ');
    let formula;
    if (s.kind === 'max') formula = `max(${list}) = `;
    else if (s.kind === 'average') formula = `(${flat.map((v) => formatNumber(v)).join(' + ')}) / ${flat.length} = `;
    else formula = `√(${flat.map((v) => `${formatNumber(v)}²`).join(' + ')}) = `;
    showExplanation(this.explainPanel, cell, e.value,
      ` : la fenêtre couvre les lignes ${e.top + 1} à ${e.top + s.window}, colonnes ${e.left + 1} à ${e.left + s.window} de la carte.`,
      h('div', { class: 'dl-lab__calc' }, numberTable('Fenêtre', e.values, { cellClass })),
      h('p', { class: 'dl-lab__formula' }, formula, h('strong', {}, formatNumber(e.value)), '.'),
    );
  }
}
