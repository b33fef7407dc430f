// Le pad de dessin : un <canvas> qui suit la souris, le doigt ou le stylet (Pointer Events),
// net sur les écrans haute densité, utilisable au clavier. Il garde les traits en vecteurs
// (unités du pad : 0 à 1), et ne fait rien d'autre que dessiner : la lecture est ailleurs.
//
// Il montre aussi une image importée. Sur une photo (selectable), la zone lue est encadrée, avec
// la boîte de chaque chiffre ; glisser un rectangle (souris, doigt) choisit une autre zone, et au
// clavier les flèches la déplacent, Maj + flèches l'agrandissent ou la rétrécissent.

import { addPoint, clipStrokes, drawStrokes, undo as withoutLast } from './strokes.js';
import { keepTopButtonOff } from './topbutton.js';

/** Épaisseur du trait à l'écran, en fraction de la largeur du pad (un trait de feutre). */
const SCREEN_BRUSH = 0.035;
const INK_COLOR = '#1d2b4f';
const CURSOR_COLOR = '#d84315';
/** Pas du curseur clavier (unités du pad), et pas rapide avec Maj. */
const KEY_STEP = 0.02;
const KEY_STEP_FAST = 0.06;
const REGION_COLOR = '#d84315';
const DIGIT_COLOR = '#1565c0';
/** Pas des flèches sur la zone choisie, en fraction du plus grand côté de la photo. */
const REGION_STEP = 0.03;
/** Un rectangle plus petit (en pixels de la photo) est un simple clic, pas une zone. */
const MIN_SELECTION = 6;
/** Au clavier, ce qu'entend la personne qui pose ou lève le stylo (elle ne voit pas le pad). */
export const PEN_DOWN = 'Stylo posé\u00a0: les flèches tracent, Espace le lève.';
export const PEN_UP = 'Stylo levé.';

export class Pad {
  /**
   * @param {HTMLCanvasElement} canvas
   * @param {{onDraw?: Function, onStrokeEnd?: Function, onStart?: Function}} callbacks
   *   onStart : un trait commence ; onDraw : le trait en cours a bougé ; onStrokeEnd : le
   *   stylo s'est levé.
   */
  constructor(canvas, callbacks = {}) {
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d');
    this.callbacks = callbacks;
    this.strokes = [];
    this.current = null;
    this.pointerId = null;
    this.image = null; // image importée, affichée à la place du dessin
    this.selectable = false; // une photo : glisser un rectangle choisit la zone à lire
    this.overlay = null; // { region: [g, h, d, b] | null, digits: [[g, h, d, b], …] } en pixels de l'image
    this.selection = null; // rectangle en cours de tracé : { start: [x, y], end: [x, y] }
    this.cursor = null; // curseur clavier [x, y], visible une fois les flèches utilisées
    this.frame = 0;
    this.bindPointer();
    this.bindTouchFallback();
    this.bindKeyboard();
    keepTopButtonOff(canvas);
    this.resizeObserver = new ResizeObserver(() => this.resize());
    this.resizeObserver.observe(canvas);
    this.resize();
  }

  /** Adapte la résolution du canvas à sa taille affichée × devicePixelRatio. */
  resize() {
    const rect = this.canvas.getBoundingClientRect();
    if (rect.width === 0) return;
    const dpr = window.devicePixelRatio || 1;
    const w = Math.round(rect.width * dpr);
    const h = Math.round(rect.height * dpr);
    if (this.canvas.width !== w || this.canvas.height !== h) {
      this.canvas.width = w;
      this.canvas.height = h;
    }
    this.redraw();
  }

  /** Position d'un événement en unités du pad (la largeur du pad vaut 1, en x comme en y). */
  toPad(event) {
    const rect = this.canvas.getBoundingClientRect();
    return [(event.clientX - rect.left) / rect.width, (event.clientY - rect.top) / rect.width];
  }

  bindPointer() {
    const c = this.canvas;
    c.addEventListener('pointerdown', (e) => {
      if (this.pointerId !== null) return; // un seul doigt dessine
      if (e.pointerType === 'mouse' && e.button !== 0) return;
      e.preventDefault();
      c.focus({ preventScroll: true });
      try { c.setPointerCapture(e.pointerId); } catch { /* pointeur déjà relâché */ }
      this.pointerId = e.pointerId;
      this.cursor = null;
      if (this.image && this.selectable) {
        this.startSelection(this.toImage(e));
        return;
      }
      this.beginStroke(this.toPad(e));
    });
    c.addEventListener('pointermove', (e) => {
      if (e.pointerId !== this.pointerId) return;
      e.preventDefault();
      if (this.selection) {
        this.moveSelection(this.toImage(e));
        return;
      }
      if (!this.current) return; // trait retiré (Annuler) pendant le tracé
      const events = typeof e.getCoalescedEvents === 'function' ? e.getCoalescedEvents() : [];
      let moved = false;
      for (const ev of events.length ? events : [e]) moved = addPoint(this.current, this.toPad(ev)) || moved;
      if (moved) this.changed();
    });
    const end = (e) => {
      if (e.pointerId !== this.pointerId) return;
      this.pointerId = null;
      if (this.selection) {
        if (e.type === 'pointerup') this.moveSelection(this.toImage(e));
        this.endSelection(e.type === 'pointerup');
        return;
      }
      if (!this.current) return;
      if (e.type === 'pointerup') addPoint(this.current, this.toPad(e));
      this.endStroke();
    };
    c.addEventListener('pointerup', end);
    c.addEventListener('pointercancel', end);
    // Pas de menu contextuel ni de sélection sur appui long.
    c.addEventListener('contextmenu', (e) => e.preventDefault());
  }

  /**
   * Repli pour des TouchEvent qui n'arrivent pas avec des Pointer Events (événements tactiles
   * synthétiques, navigateurs anciens). Un vrai toucher produit d'abord un pointerdown : le
   * trait est alors déjà en cours et ces écouteurs s'effacent.
   */
  bindTouchFallback() {
    const c = this.canvas;
    let active = false;
    c.addEventListener('touchstart', (e) => {
      if (this.pointerId !== null || active || e.touches.length !== 1) return;
      e.preventDefault();
      active = true;
      this.cursor = null;
      if (this.image && this.selectable) {
        this.startSelection(this.toImage(e.touches[0]));
        return;
      }
      this.beginStroke(this.toPad(e.touches[0]));
    }, { passive: false });
    c.addEventListener('touchmove', (e) => {
      if (!active) return;
      e.preventDefault();
      if (this.selection && e.touches.length > 0) {
        this.moveSelection(this.toImage(e.touches[0]));
        return;
      }
      if (this.current && e.touches.length > 0 && addPoint(this.current, this.toPad(e.touches[0]))) this.changed();
    }, { passive: false });
    const end = (e) => {
      if (!active) return;
      active = false;
      const last = e.changedTouches && e.changedTouches[0];
      if (this.selection) {
        if (last && e.type === 'touchend') this.moveSelection(this.toImage(last));
        this.endSelection(e.type === 'touchend');
        return;
      }
      if (!this.current) return;
      if (last && e.type === 'touchend') addPoint(this.current, this.toPad(last));
      this.endStroke();
    };
    c.addEventListener('touchend', end);
    c.addEventListener('touchcancel', end);
  }

  bindKeyboard() {
    this.canvas.addEventListener('keydown', (e) => {
      const moves = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
      if (e.key in moves && this.image && this.selectable) {
        e.preventDefault();
        this.nudgeRegion(moves[e.key], e.shiftKey);
        return;
      }
      if (this.image && this.selectable && (e.key === ' ' || e.key === 'Enter')) {
        e.preventDefault(); // sur une photo, le clavier déplace la zone : il ne dessine pas
        return;
      }
      if (e.key in moves) {
        e.preventDefault();
        const step = e.shiftKey ? KEY_STEP_FAST : KEY_STEP;
        const [x, y] = this.cursor ?? [0.5, 0.5];
        const [dx, dy] = moves[e.key];
        const bottom = this.canvas.height / this.canvas.width;
        this.cursor = [Math.min(1, Math.max(0, x + dx * step)), Math.min(bottom, Math.max(0, y + dy * step))];
        if (this.current) addPoint(this.current, [...this.cursor]);
        this.changed();
      } else if (e.key === ' ' || e.key === 'Enter') {
        e.preventDefault();
        if (this.current) {
          this.endStroke();
          this.announcePen(false);
        } else {
          this.cursor = this.cursor ?? [0.5, 0.5];
          this.beginStroke([...this.cursor]);
          this.announcePen(true);
        }
      } else if (e.key === 'Escape' && this.current) {
        e.preventDefault();
        this.endStroke();
        this.announcePen(false);
      }
    });
    this.canvas.addEventListener('blur', () => {
      if (this.current && this.pointerId === null) this.endStroke();
      this.redraw();
    });
  }

  /** Au clavier, stylo posé ou levé : dit par une région live à côté du pad (contrat : data-pad-pen). */
  announcePen(down) {
    if (!this.penNews) {
      this.penNews = document.createElement('span');
      this.penNews.className = 'dl-visually-hidden';
      this.penNews.setAttribute('aria-live', 'polite');
      this.canvas.after(this.penNews);
    }
    this.penNews.dataset.padPen = down ? 'down' : 'up';
    this.penNews.textContent = down ? PEN_DOWN : PEN_UP;
  }

  /** Où l'image est dessinée dans le canvas : { x, y, k } (pixels du canvas), ou null. */
  imageFrame() {
    if (!this.image) return null;
    const w = this.canvas.width, h = this.canvas.height;
    const { width, height } = this.image;
    const k = Math.min((0.9 * w) / width, (0.9 * h) / height);
    return { x: (w - width * k) / 2, y: (h - height * k) / 2, k };
  }

  /** Position d'un événement en pixels de l'image affichée (ramenée dans l'image). */
  toImage(event) {
    const rect = this.canvas.getBoundingClientRect();
    const f = this.imageFrame();
    const cx = ((event.clientX - rect.left) * this.canvas.width) / rect.width;
    const cy = ((event.clientY - rect.top) * this.canvas.height) / rect.height;
    const { width, height } = this.image;
    return [Math.min(width, Math.max(0, (cx - f.x) / f.k)), Math.min(height, Math.max(0, (cy - f.y) / f.k))];
  }

  startSelection(point) {
    this.selection = { start: point, end: point };
    this.scheduleRedraw();
  }

  moveSelection(point) {
    this.selection.end = point;
    this.scheduleRedraw();
  }

  /** Fin du rectangle : s'il est assez grand (ce n'est pas un clic), c'est la nouvelle zone à lire. */
  endSelection(accepted) {
    const { start, end } = this.selection;
    this.selection = null;
    const box = [Math.min(start[0], end[0]), Math.min(start[1], end[1]), Math.max(start[0], end[0]),
      Math.max(start[1], end[1])];
    if (accepted && box[2] - box[0] >= MIN_SELECTION && box[3] - box[1] >= MIN_SELECTION) {
      this.setOverlay({ region: box, digits: [] });
      this.callbacks.onSelect?.(box);
    } else {
      this.redraw();
    }
  }

  /** Flèches : déplacer la zone (Maj : l'agrandir vers la droite ou le bas, la rétrécir sinon). */
  nudgeRegion([dx, dy], resize) {
    const { width, height } = this.image;
    const step = REGION_STEP * Math.max(width, height);
    let [l, t, r, b] = this.overlay?.region ?? [width / 4, height / 4, (3 * width) / 4, (3 * height) / 4];
    if (resize) {
      r = Math.min(width, Math.max(l + MIN_SELECTION, r + dx * step));
      b = Math.min(height, Math.max(t + MIN_SELECTION, b + dy * step));
    } else {
      const mx = Math.min(Math.max(dx * step, -l), width - r);
      const my = Math.min(Math.max(dy * step, -t), height - b);
      [l, t, r, b] = [l + mx, t + my, r + mx, b + my];
    }
    const box = [l, t, r, b];
    this.setOverlay({ region: box, digits: [] });
    this.callbacks.onSelect?.(box);
  }

  /** La zone lue et les boîtes des chiffres, à encadrer sur la photo (null : rien). */
  setOverlay(overlay) {
    this.overlay = overlay;
    this.publishRegion();
    this.redraw();
  }

  /** La zone lue, en pixels de la photo, dans data-region (JSON [g, h, d, b] ; absent sans photo). */
  publishRegion() {
    const region = this.image && this.overlay && this.overlay.region;
    if (region) this.canvas.dataset.region = JSON.stringify(region.map((v) => Math.round(v)));
    else delete this.canvas.dataset.region;
  }

  beginStroke(point) {
    this.image = null;
    this.overlay = null;
    this.publishRegion();
    this.current = [point];
    this.strokes.push(this.current);
    this.callbacks.onStart?.();
    this.changed();
  }

  endStroke() {
    if (!this.current) return;
    this.current = null;
    this.redraw();
    this.callbacks.onStrokeEnd?.();
  }

  changed() {
    this.scheduleRedraw();
    this.callbacks.onDraw?.();
  }

  scheduleRedraw() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.redraw();
    });
  }

  /** Vrai si un trait est en cours (stylo posé). */
  get drawing() {
    return this.current !== null;
  }

  get isEmpty() {
    return this.strokes.length === 0 && !this.image;
  }

  /**
   * Les traits tels que l'écran les montre : réduits à ce qui est dans le pad (le pointeur,
   * capturé, continue le trait au-delà du bord ; cette encre invisible n'est pas lue). Copies.
   */
  getStrokes() {
    const { width, height } = this.canvas.getBoundingClientRect();
    return clipStrokes(this.strokes, 1, width > 0 ? height / width : Infinity);
  }

  clear() {
    this.strokes = [];
    this.current = null;
    this.pointerId = null;
    this.image = null;
    this.overlay = null;
    this.selection = null;
    this.publishRegion();
    this.redraw();
  }

  /** Retire le dernier trait ; renvoie faux s'il n'y avait rien à retirer. */
  undo() {
    if (this.image) {
      this.image = null;
      this.overlay = null;
      this.selection = null;
      this.publishRegion();
      this.redraw();
      return true;
    }
    if (this.strokes.length === 0) return false;
    this.strokes = withoutLast(this.strokes);
    this.current = null;
    this.redraw();
    return true;
  }

  /**
   * Affiche une image importée (CanvasImageSource) à la place du dessin. selectable : une photo
   * dont le lecteur peut choisir la zone à lire ; overlay : la zone lue et les boîtes des chiffres.
   */
  showImage(source, width, height, { selectable = false, overlay = null } = {}) {
    this.strokes = [];
    this.current = null;
    this.image = { source, width, height };
    this.selectable = selectable;
    this.overlay = overlay;
    this.selection = null;
    this.publishRegion();
    this.redraw();
  }

  /** Encadre la zone lue (et les chiffres) sur l'image, et le rectangle en cours de tracé. */
  drawOverlay() {
    const { ctx } = this;
    const f = this.imageFrame();
    const rect = ([l, t, r, b]) => [f.x + l * f.k, f.y + t * f.k, (r - l) * f.k, (b - t) * f.k];
    const unit = Math.max(1.5, this.canvas.width / 250);
    ctx.save();
    if (this.overlay) {
      ctx.lineWidth = unit;
      ctx.strokeStyle = DIGIT_COLOR;
      for (const box of this.overlay.digits || []) ctx.strokeRect(...rect(box));
      if (this.overlay.region) {
        ctx.lineWidth = 2 * unit;
        ctx.strokeStyle = REGION_COLOR;
        ctx.strokeRect(...rect(this.overlay.region));
      }
    }
    if (this.selection) {
      const { start, end } = this.selection;
      ctx.setLineDash([4 * unit, 3 * unit]);
      ctx.lineWidth = 2 * unit;
      ctx.strokeStyle = REGION_COLOR;
      ctx.strokeRect(...rect([Math.min(start[0], end[0]), Math.min(start[1], end[1]),
        Math.max(start[0], end[0]), Math.max(start[1], end[1])]));
    }
    ctx.restore();
  }

  redraw() {
    const { canvas, ctx } = this;
    const w = canvas.width, h = canvas.height;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, w, h);
    if (this.image) {
      const { source, width, height } = this.image;
      const k = Math.min((0.9 * w) / width, (0.9 * h) / height);
      ctx.imageSmoothingEnabled = k < 3; // une petite image agrandie reste nette (pixels visibles)
      ctx.drawImage(source, (w - width * k) / 2, (h - height * k) / 2, width * k, height * k);
      this.drawOverlay();
    }
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.lineWidth = Math.max(2, SCREEN_BRUSH * w);
    ctx.strokeStyle = INK_COLOR;
    drawStrokes(ctx, this.strokes, { scale: w, offsetX: 0, offsetY: 0 });
    if (this.cursor && document.activeElement === canvas) {
      const [x, y] = this.cursor;
      const r = Math.max(4, SCREEN_BRUSH * w);
      ctx.lineWidth = Math.max(1.5, w / 200);
      ctx.strokeStyle = CURSOR_COLOR;
      ctx.beginPath();
      const cx = x * w, cy = y * w;
      ctx.arc(cx, cy, r, 0, 2 * Math.PI);
      ctx.moveTo(cx - 2 * r, cy);
      ctx.lineTo(cx + 2 * r, cy);
      ctx.moveTo(cx, cy - 2 * r);
      ctx.lineTo(cx, cy + 2 * r);
      ctx.stroke();
    }
  }
}
