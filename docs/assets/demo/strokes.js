// Géométrie des traits : module pur (aucun accès au DOM), testé par tests/js/strokes.test.mjs.
//
// Un trait est une liste de points [x, y] ; un dessin est une liste de traits. Le pad stocke
// les points en unités du pad (0 à 1 sur la largeur et la hauteur), ce qui rend le dessin
// indépendant de la taille affichée et de la densité de pixels de l'écran.
//
// Normalisation de l'épaisseur : pour le modèle, le dessin est redessiné hors écran avec une
// épaisseur proportionnelle à sa propre taille, BRUSH_RATIO × max(largeur, hauteur de la boîte
// des traits). Petit ou grand, fin ou épais à l'écran, un chiffre arrive donc au modèle avec
// un trait d'épaisseur « à la MNIST ». digitlab.pad.BRUSH_RATIO (le jumeau Python) et
// digitlab.demo_model.strokes.BRUSH_RATIO (données d'entraînement) doivent valoir la même chose :
// tests/test_preprocess_parity.py le vérifie.

/** Épaisseur du trait rendu pour le modèle, en fraction du plus grand côté de la boîte. */
export const BRUSH_RATIO = 0.13;

/** Plus grand côté (en pixels) du dessin redessiné hors écran avant le prétraitement. */
export const RENDER_SIZE = 100;

/** Plus grand côté minimal de la boîte (unités du pad) : protège les points isolés. */
export const MIN_EXTENT = 0.02;

/** En dessous de ce plus grand côté (unités du pad), le dessin est trop petit pour être lu. */
export const MIN_READABLE_EXTENT = 0.04;

/** Un trait plus petit que ça (unités du pad) est un point : une tape involontaire. */
export const DOT_EXTENT = 0.015;

/** Deux points consécutifs plus proches que ça (unités du pad) sont fusionnés. */
export const MIN_POINT_DISTANCE = 0.002;

/** Boîte englobante { minX, minY, maxX, maxY, width, height } de tous les points, ou null. */
export function strokesBBox(strokes) {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const stroke of strokes) {
    for (const [x, y] of stroke) {
      if (x < minX) minX = x;
      if (y < minY) minY = y;
      if (x > maxX) maxX = x;
      if (y > maxY) maxY = y;
    }
  }
  if (minX === Infinity) return null;
  return { minX, minY, maxX, maxY, width: maxX - minX, height: maxY - minY };
}

/** Plus grand côté de la boîte, au moins MIN_EXTENT (0 pour une boîte absente). */
export function extentOf(bbox) {
  if (!bbox) return 0;
  return Math.max(bbox.width, bbox.height, MIN_EXTENT);
}

/** Épaisseur normalisée du trait pour le modèle, dans les unités des points. */
export function brushWidth(bbox) {
  return BRUSH_RATIO * extentOf(bbox);
}

/**
 * Les traits à lire : on écarte les points isolés (une tape du doigt à côté du chiffre, qui
 * agrandirait la boîte des traits et rapetisserait le chiffre), sauf si le dessin n'a que ça.
 */
export function meaningfulStrokes(strokes) {
  const nonEmpty = strokes.filter((s) => s.length > 0);
  const real = nonEmpty.filter((s) => {
    const box = strokesBBox([s]);
    return Math.max(box.width, box.height) > DOT_EXTENT;
  });
  return real.length > 0 ? real : nonEmpty;
}

/** Vrai si le dessin a assez d'encre et de taille pour être lu. */
export function isReadable(strokes) {
  const bbox = strokesBBox(strokes);
  return bbox !== null && Math.max(bbox.width, bbox.height) >= MIN_READABLE_EXTENT;
}

/**
 * Plan du rendu hors écran : les points (x, y) deviennent (x * scale + offsetX,
 * y * scale + offsetY) sur une toile width × height, tracés avec l'épaisseur lineWidth.
 * Le plus grand côté de la boîte mesure `size` pixels ; la marge laisse la place aux bouts
 * arrondis du trait. Renvoie null pour un dessin vide.
 */
export function renderPlan(strokes, size = RENDER_SIZE) {
  const bbox = strokesBBox(strokes);
  if (!bbox) return null;
  const scale = size / extentOf(bbox);
  const lineWidth = brushWidth(bbox) * scale; // = BRUSH_RATIO * size
  const margin = Math.ceil(lineWidth / 2) + 2;
  return {
    scale,
    lineWidth,
    offsetX: margin - bbox.minX * scale,
    offsetY: margin - bbox.minY * scale,
    // (le 1e-9 évite qu'une erreur d'arrondi, 30,000000001, n'ajoute une colonne vide)
    width: Math.ceil(bbox.width * scale - 1e-9) + 2 * margin,
    height: Math.ceil(bbox.height * scale - 1e-9) + 2 * margin,
  };
}

/** Distance entre deux points. */
export function distance(a, b) {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

/** Ajoute un point au trait, sauf s'il est trop près du précédent. Renvoie vrai s'il est ajouté. */
export function addPoint(stroke, point, minDistance = MIN_POINT_DISTANCE) {
  const last = stroke[stroke.length - 1];
  if (last && distance(last, point) < minDistance) return false;
  stroke.push(point);
  return true;
}

/** Trait simplifié : on retire les points à moins de minDistance du dernier point gardé. */
export function simplify(stroke, minDistance = MIN_POINT_DISTANCE) {
  const out = [];
  for (const p of stroke) addPoint(out, p, minDistance);
  const last = stroke[stroke.length - 1];
  if (last && out[out.length - 1] !== last && out.length > 1) out[out.length - 1] = last;
  return out;
}

/**
 * Partie du segment p → q dans le rectangle [0, width] × [0, height] (algorithme de
 * Liang-Barsky) : [début, fin, débutEstP, finEstQ], ou null s'il est tout entier dehors.
 */
function clipSegment(p, q, width, height) {
  const dx = q[0] - p[0], dy = q[1] - p[1];
  let t0 = 0, t1 = 1;
  for (const [dir, room] of [[-dx, p[0]], [dx, width - p[0]], [-dy, p[1]], [dy, height - p[1]]]) {
    if (dir === 0) {
      if (room < 0) return null; // parallèle à ce bord, et du mauvais côté
      continue;
    }
    const t = room / dir;
    if (dir < 0) {
      if (t > t1) return null;
      if (t > t0) t0 = t;
    } else {
      if (t < t0) return null;
      if (t < t1) t1 = t;
    }
  }
  const clamp = (v, max) => Math.min(max, Math.max(0, v));
  const at = (t) => [clamp(p[0] + t * dx, width), clamp(p[1] + t * dy, height)];
  return [t0 === 0 ? p : at(t0), t1 === 1 ? q : at(t1), t0 === 0, t1 === 1];
}

/**
 * Les traits réduits à ce qui est dans le pad, le rectangle [0, width] × [0, height] (unités du
 * pad) : ce que l'écran montre. Un trait qui sort du pad est coupé au bord ; s'il y revient, la
 * suite devient un nouveau trait. Nouveaux tableaux : l'original n'est pas modifié.
 */
export function clipStrokes(strokes, width, height) {
  const out = [];
  for (const stroke of strokes) {
    if (stroke.length === 1) {
      const [x, y] = stroke[0];
      if (x >= 0 && x <= width && y >= 0 && y <= height) out.push([stroke[0]]);
      continue;
    }
    let piece = null; // le morceau en cours, tant que le trait reste dans le pad
    for (let i = 1; i < stroke.length; i++) {
      const kept = clipSegment(stroke[i - 1], stroke[i], width, height);
      if (!kept) {
        piece = null;
        continue;
      }
      const [a, b, fromStart, toEnd] = kept;
      if (!piece || !fromStart) {
        piece = [a];
        out.push(piece);
      }
      const last = piece[piece.length - 1];
      if (b[0] !== last[0] || b[1] !== last[1]) piece.push(b);
      if (!toEnd) piece = null;
    }
  }
  return out;
}

/** Le dessin sans son dernier trait (nouveau tableau ; l'original n'est pas modifié). */
export function undo(strokes) {
  return strokes.slice(0, -1);
}

/** Applique une transformation (scale, offsetX, offsetY) à un point. */
export function transformPoint([x, y], { scale, offsetX, offsetY }) {
  return [x * scale + offsetX, y * scale + offsetY];
}

/**
 * Chemin lissé d'un trait, en commandes de canvas 2D : ["move", x, y], ["quad", cx, cy, x, y],
 * ["line", x, y], ou ["dot", x, y] pour un point isolé. On passe par les milieux des segments
 * avec les points comme points de contrôle (courbes de Bézier quadratiques) : la ligne est
 * souple, comme un trait de stylo, et passe près de chaque point.
 */
export function smoothPath(stroke, transform = { scale: 1, offsetX: 0, offsetY: 0 }) {
  const pts = stroke.map((p) => transformPoint(p, transform));
  if (pts.length === 0) return [];
  if (pts.length === 1) return [['dot', ...pts[0]]];
  const cmds = [['move', ...pts[0]]];
  if (pts.length === 2) {
    cmds.push(['line', ...pts[1]]);
    return cmds;
  }
  for (let i = 1; i < pts.length - 1; i++) {
    const [x, y] = pts[i];
    const [nx, ny] = pts[i + 1];
    cmds.push(['quad', x, y, (x + nx) / 2, (y + ny) / 2]);
  }
  cmds.push(['line', ...pts[pts.length - 1]]);
  return cmds;
}

/**
 * Trace des commandes de smoothPath sur un contexte 2D (ou tout objet qui en a les méthodes).
 * Le contexte doit déjà avoir lineWidth, lineCap = lineJoin = "round" et ses couleurs.
 */
export function drawPath(ctx, cmds) {
  if (cmds.length === 0) return;
  if (cmds[0][0] === 'dot') {
    ctx.beginPath();
    ctx.arc(cmds[0][1], cmds[0][2], ctx.lineWidth / 2, 0, 2 * Math.PI);
    ctx.fillStyle = ctx.strokeStyle;
    ctx.fill();
    return;
  }
  ctx.beginPath();
  for (const [op, ...a] of cmds) {
    if (op === 'move') ctx.moveTo(a[0], a[1]);
    else if (op === 'line') ctx.lineTo(a[0], a[1]);
    else if (op === 'quad') ctx.quadraticCurveTo(a[0], a[1], a[2], a[3]);
  }
  ctx.stroke();
}

/** Trace tout un dessin selon un plan de rendu (fond et couleurs déjà choisis). */
export function drawStrokes(ctx, strokes, transform) {
  for (const stroke of strokes) drawPath(ctx, smoothPath(stroke, transform));
}
