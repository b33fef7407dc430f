// Le labo de convolution : le lecteur dessine un chiffre (ou prend un exemple MNIST), choisit
// ou écrit un noyau 3 × 3 ou 5 × 5, la marge, le pas et ReLU, et voit la carte de sortie
// changer aussitôt. Au survol (ou au clavier) d'un pixel de sortie : la fenêtre de l'image et
// les multiplications-additions qui l'ont produit. Le calcul est dans conv.js (jumeau de
// digitlab/conv.py) ; ici, seulement l'interface.
//
// Contrat des tests automatiques (à garder stable) : racine data-lab="convolution" ; pad
// data-demo-pad ; bouton data-demo-clear ; un input[data-lab-kernel] par case du noyau, ligne
// par ligne ; [data-lab-io] porte data-input (l'image 28 × 28), data-output (la carte de
// sortie), data-padding ("valid" | "same"), data-stride, data-relu ("true" | "false") et
// data-kernel (le noyau utilisé), tous en JSON ou en texte, mis à jour ensemble ; la ligne d'état
// [data-lab-status] porte data-kind ("info" | "error").

import { h } from '../demo/view.js';
import { conv2d, explainConv, maxAbs } from './conv.js';
import { KERNELS, formatKernelValue, parseKernelValue, presetKernel, resizeKernel } from './kernels.js';
import {
  checkbox, choice, explainPanel, ioElement, mountSource, numberTable, publish, reportFailure,
  setStatus, showExplanation, speakWhenChosen, statusLine, uid,
} from './labui.js';
import { MapView } from './mapview.js';
import { formatCount, formatDecimal as formatNumber, formatFactor as factor, pluralForm } from '../demo/fmt.js';
import { blankImage } from './source.js';

const CUSTOM = 'custom';
const DEFAULT_PRESET = 'vertical_edges';
/** Les marges, dites comme dans le menu « Marge » (et dans la ligne d'état quand on en change). */
const PADDING_LABELS = { valid: 'sans marge (« valid »)', same: 'zéros autour (« same »)' };
/** Au-delà, l'addition écrite s'arrête sur « … » et dit combien de termes elle n'écrit pas. */
const MAX_TERMS = 12;

export class ConvolutionLab {
  constructor(root) {
    this.root = root;
    this.id = uid('dl-lab-conv');
    this.image = blankImage();
    this.size = 3;
    this.preset = DEFAULT_PRESET;
    this.kernel = presetKernel(DEFAULT_PRESET, 3);
    this.output = null;
    this.build();
    this.compute('Dessinez un chiffre dans le cadre, ou prenez un exemple MNIST.');
  }

  build() {
    const { root } = this;
    const mounted = mountSource(root, this.id, (image, message, kind) => {
      this.image = image;
      this.compute(message, kind);
    });
    const source = mounted.element;
    this.source = mounted.source;

    this.inputView = new MapView({ label: 'Votre image, 28 × 28 pixels : l\'entrée de la convolution', mode: 'ink' });
    this.outputView = new MapView({
      label: 'Carte de sortie de la convolution', mode: 'signed', interactive: true,
      attrs: { 'data-lab-output': true },
      onSelect: () => this.explain(true),
    });
    this.outputCaption = h('figcaption', {}, 'Carte de sortie');

    const presets = [[CUSTOM, 'Personnalisé'], ...Object.entries(KERNELS).map(([k, v]) => [k, v.label])];
    const preset = choice('Noyau (filtre)', presets, this.preset, { 'data-lab-preset': true });
    const size = choice('Taille', [[3, '3 × 3'], [5, '5 × 5']], this.size, { 'data-lab-size': true });
    const padding = choice('Marge', Object.entries(PADDING_LABELS), 'valid', { 'data-lab-padding': true });
    const stride = choice('Pas', [[1, '1'], [2, '2'], [3, '3']], 1, { 'data-lab-stride': true });
    const relu = checkbox('Appliquer ReLU (garder le positif)', false, { 'data-lab-relu': true });
    this.controls = {
      preset: preset.select, size: size.select, padding: padding.select, stride: stride.select, relu: relu.input,
    };

    this.kernelGrid = h('div', { class: 'dl-lab__kernel', role: 'group', 'aria-label': 'Les poids du noyau' });
    this.kernelLegend = h('legend', {}, '');
    this.explainPanel = explainPanel();
    this.status = statusLine();
    this.io = ioElement();

    root.append(
      h('div', { class: 'dl-lab__layout' },
        source,
        h('figure', { class: 'dl-lab__figure' }, this.inputView.canvas,
          h('figcaption', {}, 'Votre image (28 × 28), entrée de la convolution')),
        h('figure', { class: 'dl-lab__figure' }, this.outputView.canvas, this.outputCaption,
          h('p', { class: 'dl-lab__legend' }, 'Rouge : réponse positive ; bleu : négative ; blanc : zéro.'))),
      // Le calcul d'un pixel juste sous les cartes, avant les réglages : on le lit sans quitter la
      // carte des yeux (sur un téléphone, il tombait 700 pixels plus bas). Vide, il dit comment
      // choisir un pixel.
      this.explainPanel,
      h('div', { class: 'dl-lab__controls' },
        h('fieldset', { class: 'dl-lab__settings' }, h('legend', {}, 'Réglages'),
          preset.field, size.field, padding.field, stride.field, relu.field),
        h('fieldset', { class: 'dl-lab__kernelbox' }, this.kernelLegend, this.kernelGrid,
          h('p', { class: 'dl-lab__note' }, 'Chaque case accepte un nombre : 2, −1, 0,5 ou une fraction comme 1/9.'))),
      this.status, this.io);

    this.buildKernelInputs();
    this.wire();
  }

  wire() {
    const c = this.controls;
    c.preset.addEventListener('change', () => {
      this.preset = c.preset.value;
      if (this.preset !== CUSTOM) {
        this.kernel = presetKernel(this.preset, this.size);
        this.buildKernelInputs();
        this.compute(`Noyau « ${KERNELS[this.preset].label} » ${this.size} × ${this.size}.`);
      }
    });
    c.size.addEventListener('change', () => {
      this.size = Number(c.size.value);
      this.kernel = this.preset === CUSTOM
        ? resizeKernel(this.kernel, this.size)
        : presetKernel(this.preset, this.size);
      this.buildKernelInputs();
      this.compute(`Noyau ${this.size} × ${this.size}.`);
    });
    for (const key of ['padding', 'stride', 'relu']) {
      c[key].addEventListener('change', () => this.compute(this.settingsText()));
    }
  }

  /** Une case de texte par poids du noyau, ligne par ligne. */
  buildKernelInputs() {
    this.kernelLegend.textContent = `Noyau ${this.size} × ${this.size}, modifiable case par case`;
    this.kernelGrid.style.gridTemplateColumns = `repeat(${this.size}, minmax(2.6rem, 4rem))`;
    this.kernelInputs = [];
    const cells = [];
    this.kernel.forEach((row, i) => row.forEach((v, j) => {
      const input = h('input', {
        type: 'text', inputmode: 'decimal', autocomplete: 'off', spellcheck: 'false',
        class: 'dl-lab__weight', 'data-lab-kernel': true, 'data-row': i, 'data-col': j,
        'aria-label': `Poids ligne ${i + 1}, colonne ${j + 1}`, value: formatKernelValue(v),
      });
      input.addEventListener('input', () => this.onWeight(input, i, j));
      input.addEventListener('keydown', (e) => this.moveInGrid(e, i, j));
      this.kernelInputs.push(input);
      cells.push(input);
    }));
    this.kernelGrid.replaceChildren(...cells);
  }

  /** Les flèches haut et bas passent d'une ligne du noyau à l'autre (Tab suit l'ordre des cases). */
  moveInGrid(event, i, j) {
    const moves = { ArrowUp: -1, ArrowDown: 1 };
    if (!(event.key in moves)) return;
    const target = i + moves[event.key];
    if (target < 0 || target >= this.size) return;
    event.preventDefault();
    this.kernelInputs[target * this.size + j].focus();
  }

  onWeight(input, i, j) {
    const value = parseKernelValue(input.value);
    if (value === null) {
      input.setAttribute('aria-invalid', 'true');
      const cell = `La case ligne ${i + 1}, colonne ${j + 1}`;
      const problem = input.value.trim() === '' ? `${cell} est vide`
        : `${cell} ne contient pas de nombre valide (« ${input.value.trim()} »)`;
      setStatus(this.status, `${problem} : écrivez par exemple 2, −1, 0,5 ou 1/9. La carte garde le dernier noyau valide.`, 'error');
      return;
    }
    input.removeAttribute('aria-invalid');
    this.kernel[i][j] = value;
    if (this.preset !== CUSTOM) {
      this.preset = CUSTOM;
      this.controls.preset.value = CUSTOM;
    }
    const invalid = this.kernelInputs.filter((el) => el.getAttribute('aria-invalid') === 'true').length;
    this.compute(invalid ? `Poids ligne ${i + 1}, colonne ${j + 1} : ${formatKernelValue(value)}. Attention : ${formatCount(invalid, 'autre case', 'autres cases')} ${pluralForm(invalid, 'ne contient', 'ne contiennent')} pas de nombre valide.`
      : `Poids ligne ${i + 1}, colonne ${j + 1} : ${formatKernelValue(value)}.`, invalid ? 'error' : 'info');
  }

  settings() {
    return {
      padding: this.controls.padding.value,
      stride: Number(this.controls.stride.value),
      relu: this.controls.relu.checked,
    };
  }

  settingsText() {
    const s = this.settings();
    return `Marge : ${PADDING_LABELS[s.padding] ?? s.padding}, pas ${s.stride}, ${s.relu ? 'avec' : 'sans'} ReLU.`;
  }

  /** Recalcule la carte de sortie et publie tout ; message : ce qu'on annonce (null : rien). */
  compute(message = null, kind = 'info') {
    const s = this.settings();
    let output;
    try {
      output = conv2d(this.image, this.kernel, s);
    } catch (err) {
      reportFailure(this.status, err);
      return;
    }
    this.output = output;
    this.inputView.show(this.image);
    this.outputView.show(output);
    const rows = output.length;
    const cols = output[0].length;
    this.outputCaption.textContent = `Carte de sortie (${rows} × ${cols})`;
    publish(this.io, this.image, output, {
      padding: s.padding, stride: s.stride, relu: s.relu, kernel: JSON.stringify(this.kernel),
    });
    this.root.dataset.state = 'ready';
    this.explain();
    if (message !== null) {
      const range = maxAbs(output) === 0 ? 'toutes les valeurs sont nulles'
        : `valeurs de ${formatNumber(Math.min(...output.flat()))} à ${formatNumber(Math.max(...output.flat()))}`;
      setStatus(this.status, `${message} Sortie : ${rows} × ${cols} pixels, ${range}.`, kind);
    }
  }

  /** Montre le calcul du pixel choisi sur la carte de sortie (ou une invitation à en choisir un). */
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
    const e = explainConv(this.image, this.kernel, i, j, s);
    this.inputView.showWindow({ top: e.top, left: e.left, height: this.size, width: this.size });
    const [height, width] = [this.image.length, this.image[0].length];
    const inImage = (u, v) => e.top + u >= 0 && e.top + u < height && e.left + v >= 0 && e.left + v < width;
    const padClass = (u, v) => (inImage(u, v) ? null : 'is-padding');
    const n = this.size * this.size;
    const last = s.relu
      ? `ReLU : max(${formatNumber(e.sum)} ; 0) = ${formatNumber(e.value)}.`
      : 'Sans ReLU, c\'est la valeur du pixel.';
    const rowsText = `lignes ${e.top + 1} à ${e.top + this.size}, colonnes ${e.left + 1} à ${e.left + this.size}`;
    const outside = e.top < 0 || e.left < 0 || e.top + this.size > height || e.left + this.size > width;
    showExplanation(this.explainPanel, cell, e.value,
      ` : la fenêtre couvre les ${rowsText} de l'image${outside ? ' (les cases grisées sont la marge de zéros)' : ''}.`,
      h('div', { class: 'dl-lab__calc' },
        numberTable('Fenêtre de l\'image', e.values, { cellClass: padClass }),
        h('span', { class: 'dl-lab__op', 'aria-hidden': 'true' }, '×'),
        numberTable('Noyau', e.weights, { format: (v) => formatKernelValue(v) }),
        h('span', { class: 'dl-lab__op', 'aria-hidden': 'true' }, '='),
        numberTable('Produits', e.products, { cellClass: padClass, format: (v) => formatNumber(v) })),
      h('p', {}, `Somme des ${n} produits : ${sumText(e.products)} = `, h('strong', {}, formatNumber(e.sum)), '. ', last),
    );
  }
}

/**
 * « 0,12 + (−0,50) + … » : les produits non nuls (au plus MAX_TERMS), pour écrire l'addition ; au-delà,
 * « + … (1 autre terme) », « + … (3 autres termes) ».
 */
function sumText(products) {
  const terms = products.flat().filter((v) => Math.abs(v) >= 0.005);
  if (terms.length === 0) return '0';
  const shown = terms.slice(0, MAX_TERMS).map((v) => factor(v));
  const rest = terms.length - MAX_TERMS;
  return shown.join(' + ') + (rest > 0 ? ` + … (${formatCount(rest, 'autre terme', 'autres termes')})` : '');
}
