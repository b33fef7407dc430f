// L'interface d'une démo : construction des éléments et affichage des résultats (chiffre lu,
// barres de probabilité, image 28 × 28 vue par le réseau, intérieur du réseau). Aucun calcul
// ici : on reçoit des nombres, on les montre.
//
// Contrat des tests automatiques (à garder stable) : la racine porte data-demo, le canvas
// data-demo-pad, le bouton Effacer data-demo-clear, Annuler data-demo-undo (et, visibles
// seulement quand ils servent, « Remettre l'image » data-demo-redo et « Réessayer »
// data-demo-retry), le champ de fichier data-demo-upload ;
// data-demo-result porte data-number (les chiffres lus, de gauche à droite : "7", "2024", ou ""
// quand rien n'est lu), data-prediction ("0"…"9" ou "") et data-probabilities (JSON de 10
// nombres). Pour un seul chiffre, data-prediction est ce chiffre, comme toujours ; pour plusieurs,
// c'est le chiffre choisi dans la rangée data-demo-digits (le premier, tant qu'on n'en choisit pas
// un autre), dont data-probabilities donne les probabilités et que montre l'image 28 × 28.
// data-demo-status contient l'état ou l'erreur, en français. Sur une photo, le pad porte
// data-region (la zone lue, JSON [gauche, haut, droite, bas] en pixels de la photo) ; « Tourner de 90° »
// data-demo-rotate, « Zone trouvée » data-demo-autoregion ; « Prendre une photo » data-demo-camera.

import { formatCount, formatDecimal, frenchSpaces, percent } from './fmt.js';
import { ACCEPTED_TYPES } from './imagefile.js';

let counter = 0;

/**
 * L'aide au clavier d'un pad de dessin (la démo, les laboratoires) : lue par les lecteurs d'écran
 * (aria-describedby), cachée à l'écran.
 */
export const PAD_HELP = 'Dessinez un chiffre avec la souris, le doigt ou un stylet. Au clavier : les flèches '
  + 'déplacent la pointe (Maj pour aller plus vite), Espace ou Entrée pose ou lève le stylo.';

/** Attributs lus par une personne (lecteur d'écran, infobulle) : ils reçoivent les espaces insécables. */
const TEXT_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'aria-roledescription', 'title', 'alt',
  'placeholder']);

/**
 * Crée un élément : h('button', { type: 'button', class: 'x' }, 'texte', enfant…). Le texte des
 * enfants et des attributs lus par une personne (aria-label, title…) reçoit les espaces insécables
 * de la typographie française.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v === null || v === undefined) continue;
    const text = v === true ? '' : String(v);
    el.setAttribute(k, TEXT_ATTRIBUTES.has(k) ? frenchSpaces(text) : text);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    el.append(typeof child === 'string' ? frenchSpaces(child) : child);
  }
  return el;
}

/** Indices des probabilités, de la plus forte à la plus faible. */
export function ranking(probs) {
  return Array.from(probs, (p, d) => [d, p]).sort((a, b) => b[1] - a[1]);
}

/** Phrase française qui dit ce que lit le réseau. */
export function describe(probs) {
  const [[d1, p1], [d2, p2]] = ranking(probs);
  if (p1 >= 0.6) return `Le réseau lit un ${d1} (confiance : ${percent(p1)}).`;
  return `Le réseau hésite : plutôt un ${d1} (${percent(p1)}), peut-être un ${d2} (${percent(p2)}).`;
}

/** « 1er », « 2e », « 3e »… */
export function ordinal(k) {
  return k === 1 ? '1er' : `${k}e`;
}

/** Les chiffres lus, de gauche à droite (le plus probable de chacun). */
export function numberOf(results) {
  return results.map((probs) => String(ranking(probs)[0][0])).join('');
}

/**
 * Phrase française pour un ou plusieurs chiffres. Pour un nombre, la confiance la plus faible
 * est dite : si le réseau hésite sur un chiffre, la phrase le dit, avec les deux lectures possibles.
 */
export function describeAll(results) {
  if (results.length === 1) return describe(results[0]);
  const tops = results.map((probs) => ranking(probs));
  let weakest = 0;
  tops.forEach((r, k) => { if (r[0][1] < tops[weakest][0][1]) weakest = k; });
  const [[d1, p1], [d2, p2]] = tops[weakest];
  const number = numberOf(results);
  if (p1 >= 0.6) return `Le réseau lit le nombre ${number} (${results.length} chiffres, confiance la plus faible : ${percent(p1)}).`;
  return `Le réseau lit plutôt le nombre ${number}, mais il hésite sur le ${ordinal(weakest + 1)} chiffre : `
    + `plutôt un ${d1} (${percent(p1)}), peut-être un ${d2} (${percent(p2)}).`;
}

/** Construit la démo dans root et renvoie les éléments utiles. */
export function buildDemo(root, { boxOpen = false } = {}) {
  const id = `dl-demo-${++counter}`;
  root.classList.add('dl-demo');
  root.replaceChildren();

  const help = h('p', { id: `${id}-help`, class: 'dl-visually-hidden' }, PAD_HELP);
  const pad = h('canvas', {
    'data-demo-pad': true, class: 'dl-demo__pad', tabindex: 0, role: 'application',
    'aria-label': 'Pad de dessin : dessinez un chiffre de 0 à 9', 'aria-describedby': `${id}-help`,
  });
  const hint = h('p', { class: 'dl-demo__hint', 'aria-hidden': 'true' }, 'Dessinez un chiffre ici');

  const undo = h('button', { type: 'button', class: 'dl-demo__button', 'data-demo-undo': true,
    title: 'Retirer le dernier trait' }, 'Annuler');
  const redo = h('button', { type: 'button', class: 'dl-demo__button', 'data-demo-redo': true, hidden: true,
    title: 'Remettre l\'image retirée par Annuler' }, 'Remettre l\'image');
  const clear = h('button', { type: 'button', class: 'dl-demo__button', 'data-demo-clear': true,
    title: 'Tout effacer' }, 'Effacer');
  const upload = h('input', { type: 'file', id: `${id}-file`, class: 'dl-visually-hidden',
    accept: ACCEPTED_TYPES.join(','), 'data-demo-upload': true });
  const uploadLabel = h('label', { for: `${id}-file`, class: 'dl-demo__button dl-demo__upload' },
    'Importer une image');
  // Sur un téléphone, l'appareil photo s'ouvre directement (capture) ; masqué sur un ordinateur.
  const camera = h('input', { type: 'file', id: `${id}-camera`, class: 'dl-visually-hidden', accept: 'image/*',
    capture: 'environment', 'data-demo-camera': true });
  const cameraLabel = h('label', { for: `${id}-camera`, class: 'dl-demo__button dl-demo__upload dl-demo__camera' },
    'Prendre une photo');
  const rotate = h('button', { type: 'button', class: 'dl-demo__button', 'data-demo-rotate': true, hidden: true,
    title: 'Tourner l\'image d\'un quart de tour, dans le sens des aiguilles d\'une montre' }, 'Tourner de 90°');
  const autoRegion = h('button', { type: 'button', class: 'dl-demo__button', 'data-demo-autoregion': true,
    hidden: true, title: 'Revenir à la zone trouvée automatiquement' }, 'Zone trouvée');
  const boxButton = h('button', { type: 'button', class: 'dl-demo__button dl-demo__boxbutton',
    'data-demo-box': true, 'aria-expanded': 'false', 'aria-controls': `${id}-box` }, 'Ouvrir la boîte');

  // Ce qu'on voit (titre, grand chiffre, confiance) est caché aux lecteurs d'écran, qui lisent à la
  // place une phrase entière, chiffre compris : « Chiffre lu : 7, confiance 98 % ».
  const digit = h('span', { class: 'dl-demo__digit', 'aria-hidden': 'true' }, '–');
  const confidence = h('span', { class: 'dl-demo__confidence', 'aria-hidden': 'true' }, '');
  const label = h('span', { class: 'dl-demo__label', 'aria-hidden': 'true' }, 'Chiffre lu');
  const spoken = h('span', { class: 'dl-visually-hidden' }, resultText(null));
  const result = h('div', { class: 'dl-demo__result', 'data-demo-result': true, 'data-prediction': '',
    'data-number': '', 'data-probabilities': JSON.stringify(Array(10).fill(0)) }, label, digit, confidence, spoken);
  const digits = h('ol', { class: 'dl-demo__digits', 'data-demo-digits': true, hidden: true,
    'aria-label': 'Les chiffres lus, de gauche à droite : choisissez-en un pour voir son image et ses probabilités' });
  // Sur une photo, c'est aussi l'aide au clavier du pad (aria-describedby, voir usePadHelp).
  const photoHint = h('p', { id: `${id}-photohint`, class: 'dl-demo__photohint', hidden: true },
    PHOTO_HINT.framed);

  const bars = [];
  const barList = h('ol', { class: 'dl-demo__bars', 'aria-label': 'Probabilité de chaque chiffre' });
  for (let d = 0; d < 10; d++) {
    const fill = h('span', { class: 'dl-demo__barfill' });
    const value = h('span', { class: 'dl-demo__barvalue' }, '');
    const item = h('li', { class: 'dl-demo__bar' },
      h('span', { class: 'dl-demo__bardigit' }, String(d)),
      h('span', { class: 'dl-demo__bartrack' }, fill), value);
    bars.push({ item, fill, value });
    barList.append(item);
  }

  const seen = h('canvas', { class: 'dl-demo__seen', width: 28, height: 28, role: 'img',
    'aria-label': 'Image de 28 × 28 pixels que reçoit le réseau' });
  const seenFigure = h('figure', { class: 'dl-demo__seenfig' }, seen,
    h('figcaption', {}, 'Ce que reçoit le réseau : 28\u00a0×\u00a028 pixels'));

  const status = h('p', { class: 'dl-demo__status', 'data-demo-status': true, role: 'status',
    'aria-live': 'polite', 'aria-atomic': 'true' }, '');
  const retry = h('button', { type: 'button', class: 'dl-demo__button dl-demo__retry', 'data-demo-retry': true,
    hidden: true }, 'Réessayer');

  const box = h('section', { id: `${id}-box`, class: 'dl-demo__box', 'aria-label': 'Intérieur du réseau' });
  box.hidden = !boxOpen;

  // Une grille : à côté du pad sur un grand écran, le résultat au-dessus du pad sur un téléphone
  // (on voit le chiffre lu sans quitter le pad des yeux). Voir demo.css.
  root.append(
    h('div', { class: 'dl-demo__layout' },
      h('div', { class: 'dl-demo__padwrap' }, pad, hint, help),
      h('div', { class: 'dl-demo__controls' }, undo, redo, clear, upload, uploadLabel, camera, cameraLabel, rotate,
        autoRegion, boxButton),
      result, seenFigure, barList, digits),
    photoHint, status, retry, box);

  return {
    root, pad, hint, help, undo, redo, clear, upload, camera, rotate, autoRegion, boxButton, result, label, digit,
    confidence, spoken, bars, barList, seen, digits, photoHint, status, retry, box,
  };
}

/**
 * L'aide sous une photo, qui est aussi l'aide au clavier du pad : framed, quand un cadre orange
 * montre la zone lue ; unframed, quand la page n'a trouvé aucune écriture (pas de cadre à montrer,
 * et la première flèche place une zone au centre de la photo).
 */
export const PHOTO_HINT = {
  framed: 'Le cadre orange montre la zone lue. Pour en choisir une autre, faites glisser un rectangle sur la '
    + 'photo ; au clavier, dans le cadre, les flèches la déplacent et Maj + flèches l\'agrandissent ou la '
    + 'rétrécissent. Appuyez sur « Effacer » pour dessiner de nouveau.',
  unframed: 'La page n\'a trouvé aucune écriture sur cette photo. Pour lire un chiffre, faites glisser un '
    + 'rectangle autour de lui ; au clavier, dans le cadre, une flèche place une zone au centre, les flèches la '
    + 'déplacent et Maj + flèches l\'agrandissent ou la rétrécissent. Appuyez sur « Effacer » pour dessiner '
    + 'de nouveau.',
};

/** Montre l'aide de la photo qui convient : framed vrai quand un cadre orange est dessiné. */
export function showPhotoHint(ui, framed) {
  ui.photoHint.textContent = frenchSpaces(framed ? PHOTO_HINT.framed : PHOTO_HINT.unframed);
  ui.photoHint.hidden = false;
}

/**
 * L'aide au clavier du pad qui convient : photo vraie, celle de la photo (les flèches déplacent la
 * zone lue, Maj + flèches la redimensionnent) ; sinon, celle du dessin (les flèches déplacent la
 * pointe, Espace ou Entrée pose ou lève le stylo).
 */
export function usePadHelp(ui, photo) {
  ui.pad.setAttribute('aria-describedby', (photo ? ui.photoHint : ui.help).id);
}

/**
 * Ce que lit un lecteur d'écran dans l'encadré du chiffre lu : « Chiffre lu : 7, confiance 98 % »,
 * « Nombre lu : 2024, 1er chiffre : 2, confiance 97 % », ou « Chiffre lu : aucun ».
 */
export function resultText(results, selected = 0) {
  if (!results || results.length === 0) return frenchSpaces('Chiffre lu : aucun');
  const k = Math.min(selected, results.length - 1);
  const [[top, pTop]] = ranking(results[k]);
  if (results.length === 1) return frenchSpaces(`Chiffre lu : ${top}, confiance ${percent(pTop)}`);
  return frenchSpaces(`Nombre lu : ${numberOf(results)}, ${ordinal(k + 1)} chiffre : ${top}, `
    + `confiance ${percent(pTop)}`);
}

/**
 * Affiche ce qui est lu : results, les probabilités de chaque chiffre de gauche à droite (null ou
 * [] : rien) ; selected, le chiffre dont on montre les barres (voir le contrat en tête du fichier).
 */
export function showResult(ui, results, selected = 0) {
  if (!results || results.length === 0) {
    ui.result.dataset.prediction = '';
    ui.result.dataset.number = '';
    ui.result.dataset.probabilities = JSON.stringify(Array(10).fill(0));
    ui.label.textContent = 'Chiffre lu';
    ui.result.classList.remove('is-number');
    ui.digit.textContent = '–';
    ui.confidence.textContent = '';
    ui.spoken.textContent = resultText(null);
    ui.barList.setAttribute('aria-label', 'Probabilité de chaque chiffre');
    for (const { item, fill, value } of ui.bars) {
      fill.style.width = '0%';
      value.textContent = '';
      item.classList.remove('is-top');
    }
    return;
  }
  const probs = results[Math.min(selected, results.length - 1)];
  const [[top, pTop]] = ranking(probs);
  ui.result.dataset.number = numberOf(results);
  ui.result.dataset.prediction = String(top);
  ui.result.dataset.probabilities = JSON.stringify(Array.from(probs, (p) => Number(p.toFixed(6))));
  ui.label.textContent = results.length === 1 ? 'Chiffre lu' : 'Nombre lu';
  ui.result.classList.toggle('is-number', results.length > 1);
  ui.digit.textContent = numberOf(results);
  ui.confidence.textContent = results.length === 1 ? `confiance\u00a0: ${percent(pTop)}`
    : frenchSpaces(`${ordinal(selected + 1)} chiffre : ${top} (${percent(pTop)})`);
  ui.spoken.textContent = resultText(results, selected);
  ui.barList.setAttribute('aria-label', results.length === 1 ? 'Probabilité de chaque chiffre'
    : `Probabilités du ${ordinal(selected + 1)} chiffre`);
  ui.bars.forEach(({ item, fill, value }, d) => {
    fill.style.width = `${(100 * probs[d]).toFixed(1)}%`;
    value.textContent = percent(probs[d]);
    item.classList.toggle('is-top', d === top);
  });
}

/**
 * La rangée des chiffres lus (seulement quand il y en a plusieurs) : pour chacun, son image
 * 28 × 28 et ce que le réseau y lit ; un clic (ou Entrée) le choisit (onSelect(k)).
 */
export function showDigits(ui, inputs, results, selected, onSelect) {
  if (inputs.length <= 1) {
    ui.digits.hidden = true;
    ui.digits.replaceChildren();
    return;
  }
  ui.digits.hidden = false;
  ui.digits.replaceChildren(...inputs.map((input, k) => {
    const canvas = h('canvas', { class: 'dl-demo__digitimg', width: 28, height: 28, 'aria-hidden': 'true' });
    paintGray(canvas, 28, 28, (y, x) => input.image[y * 28 + x], 1);
    const read = results ? ranking(results[k])[0] : null;
    const text = read ? `${read[0]} (${percent(read[1])})` : '…';
    const button = h('button', { type: 'button', class: 'dl-demo__digitbtn', 'data-demo-digit': String(k),
      'aria-pressed': String(k === selected),
      'aria-label': read ? `${ordinal(k + 1)} chiffre : ${read[0]}, confiance ${percent(read[1])}` : `${ordinal(k + 1)} chiffre` },
    canvas, h('span', { class: 'dl-demo__digittext' }, text));
    button.addEventListener('click', () => onSelect(k));
    return h('li', {}, button);
  }));
}

/** Dessine une carte h × w (valeurs lues avec get(y, x)) en gris, 0 → noir, max → blanc. */
function paintGray(canvas, h, w, get, max) {
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d');
  const img = ctx.createImageData(w, h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = max > 0 ? Math.round(255 * Math.min(1, Math.max(0, get(y, x) / max))) : 0;
      const i = 4 * (y * w + x);
      img.data[i] = img.data[i + 1] = img.data[i + 2] = v;
      img.data[i + 3] = 255;
    }
  }
  ctx.putImageData(img, 0, 0);
}

/** L'image 28 × 28 que reçoit le réseau (noire quand il n'y a rien). */
export function showSeen(ui, image) {
  paintGray(ui.seen, 28, 28, (y, x) => (image ? image[y * 28 + x] : 0), 1);
}

/** Place un message simple dans la boîte (chargement, indisponibilité). */
export function showBoxMessage(ui, text) {
  ui.box.replaceChildren(h('p', { class: 'dl-demo__boxmsg' }, text));
  ui.boxLayers = null;
}

/** Taille affichée (px) d'une carte de h pixels de côté. */
function mapSize(h) {
  return Math.max(24, Math.min(56, 2 * h));
}

/** Colonnes de la grille des cartes : un carré jusqu'à 16 cartes, puis des rangées de 8 ou 16. */
function mapColumns(count) {
  if (count <= 16) return Math.ceil(Math.sqrt(count));
  return count <= 32 ? 8 : 16;
}

/** Construit (une fois) les figures de la boîte pour des activations de formes données. */
function buildBox(ui, acts) {
  const cnnLine = h('span', { class: 'dl-demo__cmpvalue', 'data-demo-cnn': true }, '–');
  const mlpLine = h('span', { class: 'dl-demo__cmpvalue', 'data-demo-mlp': true, 'data-prediction': '' }, '–');
  const compare = h('div', { class: 'dl-demo__compare' },
    h('p', {}, h('strong', {}, 'Réseau convolutif (CNN) : '), cnnLine),
    h('p', {}, h('strong', {}, 'Réseau dense (MLP) : '), mlpLine));
  const figures = [];
  const layers = acts.map((a) => {
    const maps = [];
    let grid;
    let caption;
    if (a.shape.length === 3) {
      const [mh, mw, c] = a.shape;
      caption = `${a.label} — ${formatCount(c, 'carte')} de ${mh} × ${mw}`;
      grid = h('div', {
        class: 'dl-demo__maps', role: 'img',
        'aria-label': `${a.label} : ${formatCount(c, 'carte de caractéristiques', 'cartes de caractéristiques')}`,
      });
      const size = mapSize(mh);
      // Des colonnes qui rétrécissent si la place manque (téléphone), jusqu'à `size` pixels.
      grid.style.gridTemplateColumns = `repeat(${mapColumns(c)}, minmax(0, ${size}px))`;
      for (let k = 0; k < c; k++) {
        const canvas = h('canvas', { class: 'dl-demo__map', width: mw, height: mh });
        canvas.style.aspectRatio = `${mw} / ${mh}`;
        maps.push(canvas);
        grid.append(canvas);
      }
    } else {
      const n = a.shape[a.shape.length - 1];
      caption = `${a.label} — ${formatCount(n, 'neurone')}`;
      grid = h('div', { class: n === 10 ? 'dl-demo__dense is-digits' : 'dl-demo__dense', role: 'img',
        'aria-label': `${a.label} : ${formatCount(n, 'valeur')}` });
      for (let k = 0; k < n; k++) {
        const cell = h('span', { class: 'dl-demo__cell' }, n === 10 ? String(k) : '');
        maps.push(cell);
        grid.append(cell);
      }
    }
    const figure = h('figure', { class: `dl-demo__layer is-${a.kind}` }, h('figcaption', {}, caption), grid);
    figures.push(figure);
    return { name: a.name, maps, figure };
  });
  const note = h('p', { class: 'dl-demo__boxnote' },
    'Chaque petite image est la sortie d\'un filtre. Noir : rien n\'est détecté ; blanc : forte réponse '
    + '(chaque couche est étalée de 0 à sa valeur la plus forte). La sortie donne la probabilité de chaque chiffre.');
  ui.box.replaceChildren(h('h3', { class: 'dl-demo__boxtitle' }, 'À l\'intérieur du réseau'), compare, note,
    h('div', { class: 'dl-demo__layers' }, figures));
  ui.boxLayers = { key: acts.map((a) => `${a.name}:${a.shape}`).join('|'), layers, cnnLine, mlpLine };
}

/** Affiche les activations (liste de model.activations) et les deux prédictions. */
export function showBox(ui, acts, cnnProbs, mlpProbs, mlpStatus = '') {
  const key = acts.map((a) => `${a.name}:${a.shape}`).join('|');
  if (!ui.boxLayers || ui.boxLayers.key !== key) buildBox(ui, acts);
  const { layers, cnnLine, mlpLine } = ui.boxLayers;
  acts.forEach((a, i) => {
    const { maps } = layers[i];
    let max = 0;
    for (const v of a.data) if (v > max) max = v;
    if (a.shape.length === 3) {
      const [mh, mw, c] = a.shape;
      maps.forEach((canvas, k) => paintGray(canvas, mh, mw, (y, x) => a.data[(y * mw + x) * c + k], max));
    } else {
      const top = a.kind === 'dense' && maps.length === 10 ? ranking(a.data)[0][0] : -1;
      maps.forEach((cell, k) => {
        const v = max > 0 ? Math.max(0, a.data[k]) / max : 0;
        const g = Math.round(255 * v);
        cell.style.backgroundColor = `rgb(${g}, ${g}, ${g})`;
        cell.style.color = v > 0.5 ? '#000' : '#fff';
        cell.classList.toggle('is-top', k === top);
        const value = a.kind === 'dense' && maps.length === 10 ? percent(a.data[k]) : formatDecimal(a.data[k], 3);
        cell.title = frenchSpaces(`${k} : ${value}`);
      });
    }
  });
  const line = (probs) => {
    const [[d, p]] = ranking(probs);
    return `${d} (${percent(p)})`;
  };
  cnnLine.textContent = cnnProbs ? line(cnnProbs) : '–';
  if (mlpProbs) {
    mlpLine.textContent = line(mlpProbs);
    mlpLine.dataset.prediction = String(ranking(mlpProbs)[0][0]);
  } else {
    mlpLine.textContent = mlpStatus || '–';
    mlpLine.dataset.prediction = '';
  }
}

/** Vide la boîte (plus rien à montrer) en gardant sa structure. */
export function clearBox(ui) {
  if (!ui.boxLayers) return;
  for (const { maps } of ui.boxLayers.layers) {
    for (const m of maps) {
      if (m.tagName === 'CANVAS') paintGray(m, m.height, m.width, () => 0, 1);
      else {
        m.style.backgroundColor = '';
        m.style.color = '';
        m.classList.remove('is-top');
      }
    }
  }
  ui.boxLayers.cnnLine.textContent = '–';
  ui.boxLayers.mlpLine.textContent = '–';
  ui.boxLayers.mlpLine.dataset.prediction = '';
}
