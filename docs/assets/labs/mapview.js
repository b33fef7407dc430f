// Une carte affichée en pixels agrandis sur un <canvas> : l'image d'entrée (encre sombre sur
// papier) ou une carte de sortie (bleu négatif, blanc zéro, rouge positif). On peut y montrer
// une fenêtre (un rectangle) et y choisir un pixel : au survol de la souris, d'un toucher, ou
// au clavier (flèches) quand la carte a le focus. Module DOM : aucun calcul de convolution ici.

import { frenchSpaces } from '../demo/fmt.js';
import { h } from '../demo/view.js';
import { maxAbs } from './conv.js';

/** Côté du canvas (pixels d'écran, avant devicePixelRatio) : la carte y est agrandie. */
const CANVAS_SIZE = 224;
const NEGATIVE = [21, 101, 192];
const POSITIVE = [216, 67, 21];
const INK = [29, 43, 79];
const PAPER = [255, 253, 246];

const mix = (a, b, t) => a.map((v, i) => Math.round(v + (b[i] - v) * t));

/** Couleur d'une valeur : « ink » (0 → papier, 1 → encre) ou « signed » (échelle ±scale). */
export function colour(v, mode, scale) {
  if (mode === 'ink') return mix(PAPER, INK, Math.min(1, Math.max(0, v)));
  if (!(scale > 0)) return [255, 255, 255];
  const t = Math.min(1, Math.abs(v) / scale);
  return mix([255, 255, 255], v < 0 ? NEGATIVE : POSITIVE, t);
}

export class MapView {
  /**
   * @param {{label: string, mode: 'ink'|'signed', interactive?: boolean,
   *          onSelect?: (cell: [number, number] | null) => void}} options
   *   onSelect reçoit le pixel choisi [ligne, colonne], ou null quand plus rien n'est choisi.
   */
  constructor({ label, mode, interactive = false, onSelect = null, attrs = {} }) {
    this.mode = mode;
    this.map = [[0]];
    this.window = null; // { top, left, height, width } en pixels de la carte
    this.selected = null;
    this.onSelect = onSelect;
    this.canvas = h('canvas', {
      class: `dl-lab__map${interactive ? ' is-interactive' : ''}`, role: 'img', 'aria-label': label, ...attrs,
    });
    if (interactive) this.bindInteractions(label);
  }

  bindInteractions(label) {
    const c = this.canvas;
    c.tabIndex = 0;
    c.setAttribute('role', 'application');
    c.setAttribute('aria-roledescription', 'carte de pixels');
    c.setAttribute('aria-label', frenchSpaces(`${label}. Flèches : choisir un pixel ; son calcul s'affiche ci-dessous.`));
    const pick = (e) => {
      const cell = this.cellAt(e);
      if (cell) this.select(cell);
    };
    // La souris choisit au survol ; le doigt ou le stylet, au toucher, puis en glissant sur la carte
    // (sur un téléphone, un pixel de sortie ne fait que 6 pixels d'écran : on l'atteint en glissant,
    // en suivant la fenêtre sur l'image d'entrée, que le doigt ne cache pas).
    c.addEventListener('pointerdown', (e) => {
      pick(e);
      if (e.pointerType === 'mouse') return;
      try { c.setPointerCapture(e.pointerId); } catch { /* pointeur déjà relâché */ }
    });
    c.addEventListener('pointermove', (e) => {
      if (e.pointerType === 'mouse' || c.hasPointerCapture(e.pointerId)) pick(e);
    });
    // La souris qui quitte la carte ne retire pas le pixel choisi : on peut aller changer le noyau
    // et voir son calcul changer. Échap le retire.
    c.addEventListener('focus', () => {
      if (!this.selected) this.select([Math.floor(this.rows / 2), Math.floor(this.cols / 2)]);
    });
    c.addEventListener('keydown', (e) => {
      const moves = { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0] };
      if (e.key in moves) {
        e.preventDefault();
        const [i, j] = this.selected ?? [0, 0];
        const [di, dj] = moves[e.key];
        const step = e.shiftKey ? 4 : 1;
        const clamp = (v, last) => Math.min(last, Math.max(0, v));
        this.select([clamp(i + di * step, this.rows - 1), clamp(j + dj * step, this.cols - 1)]);
      } else if (e.key === 'Home') {
        e.preventDefault();
        this.select([0, 0]);
      } else if (e.key === 'Escape') {
        this.select(null);
      }
    });
  }

  get rows() { return this.map.length; }

  get cols() { return this.map[0].length; }

  /** Le pixel de la carte sous un événement de pointeur, ou null. */
  cellAt(event) {
    const rect = this.canvas.getBoundingClientRect();
    if (rect.width === 0) return null;
    const j = Math.floor(((event.clientX - rect.left) / rect.width) * this.cols);
    const i = Math.floor(((event.clientY - rect.top) / rect.height) * this.rows);
    if (i < 0 || j < 0 || i >= this.rows || j >= this.cols) return null;
    return [i, j];
  }

  select(cell) {
    const same = (cell === null && this.selected === null)
      || (cell && this.selected && cell[0] === this.selected[0] && cell[1] === this.selected[1]);
    this.selected = cell;
    this.draw();
    if (!same && this.onSelect) this.onSelect(cell);
  }

  /** Affiche une nouvelle carte ; garde le pixel choisi s'il existe encore. */
  show(map) {
    this.map = map;
    if (this.selected && (this.selected[0] >= this.rows || this.selected[1] >= this.cols)) this.selected = null;
    this.draw();
  }

  showWindow(window) {
    this.window = window;
    this.draw();
  }

  draw() {
    const { canvas, map } = this;
    const dpr = (typeof window !== 'undefined' && window.devicePixelRatio) || 1;
    const side = Math.round(CANVAS_SIZE * dpr);
    const cell = side / Math.max(this.rows, this.cols);
    const width = Math.round(cell * this.cols);
    const height = Math.round(cell * this.rows);
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
      canvas.style.aspectRatio = `${this.cols} / ${this.rows}`;
    }
    // La carte à sa taille (un pixel par valeur), puis agrandie sans lissage : des carrés nets.
    const scale = this.mode === 'signed' ? maxAbs(map) : 1;
    if (!this.small) this.small = document.createElement('canvas');
    this.small.width = this.cols;
    this.small.height = this.rows;
    const sctx = this.small.getContext('2d');
    const img = sctx.createImageData(this.cols, this.rows);
    map.forEach((row, i) => row.forEach((v, j) => {
      const [r, g, b] = colour(v, this.mode, scale);
      const k = 4 * (i * this.cols + j);
      img.data[k] = r;
      img.data[k + 1] = g;
      img.data[k + 2] = b;
      img.data[k + 3] = 255;
    }));
    sctx.putImageData(img, 0, 0);
    const ctx = canvas.getContext('2d');
    ctx.imageSmoothingEnabled = false;
    ctx.clearRect(0, 0, width, height);
    ctx.drawImage(this.small, 0, 0, width, height);
    const line = Math.max(2, Math.round(2 * dpr));
    if (this.window) {
      // La fenêtre peut déborder dans la marge : on la dessine telle quelle, coupée au bord.
      const { top, left, height: wh, width: ww } = this.window;
      ctx.lineWidth = line;
      ctx.strokeStyle = '#ff6e42';
      ctx.fillStyle = 'rgba(255, 110, 66, 0.18)';
      ctx.fillRect(left * cell, top * cell, ww * cell, wh * cell);
      ctx.strokeRect(left * cell + line / 2, top * cell + line / 2, ww * cell - line, wh * cell - line);
    }
    if (this.selected) {
      const [i, j] = this.selected;
      ctx.lineWidth = line;
      ctx.strokeStyle = '#111';
      ctx.strokeRect(j * cell + line / 2, i * cell + line / 2, cell - line, cell - line);
      ctx.strokeStyle = '#ffeb3b';
      ctx.lineWidth = Math.max(1, line / 2);
      ctx.strokeRect(j * cell + line, i * cell + line, cell - 2 * line, cell - 2 * line);
    }
  }
}
