// Briques d'interface communes aux labos : listes de choix, tableaux de nombres, ligne
// d'état, élément du contrat de test (data-lab-io). Module DOM, sans calcul.

import { formatDecimal as formatNumber, frenchSpaces } from '../demo/fmt.js';
import { h } from '../demo/view.js';
import { LabError } from './conv.js';
import { DrawingSource } from './source.js';

let counter = 0;

/** Un identifiant unique pour relier étiquettes et champs. */
export const uid = (prefix) => `${prefix}-${++counter}`;

/** Une liste de choix étiquetée : options = [[valeur, libellé], …]. Renvoie { field, select }. */
export function choice(label, options, value, attrs = {}) {
  const id = uid('dl-lab-choice');
  const select = h('select', { id, class: 'dl-lab__select', ...attrs },
    options.map(([v, text]) => {
      const option = h('option', { value: v }, text);
      if (String(v) === String(value)) option.selected = true;
      return option;
    }));
  const field = h('div', { class: 'dl-lab__field' }, h('label', { for: id }, label), select);
  return { field, select };
}

/** Une case à cocher étiquetée. Renvoie { field, input }. */
export function checkbox(label, checked, attrs = {}) {
  const id = uid('dl-lab-check');
  const input = h('input', { type: 'checkbox', id, ...attrs });
  input.checked = checked;
  const field = h('div', { class: 'dl-lab__field dl-lab__field--check' }, input, h('label', { for: id }, label));
  return { field, input };
}

/**
 * Un petit tableau de nombres (une fenêtre, un noyau, des produits). cellClass(i, j) peut
 * donner une classe à une case (marge, maximum…).
 */
export function numberTable(caption, rows, { digits = 2, cellClass = null, format = null } = {}) {
  return h('table', { class: 'dl-lab__numbers' },
    h('caption', {}, caption),
    h('tbody', {}, rows.map((row, i) => h('tr', {}, row.map((v, j) => h('td', {
      class: cellClass ? cellClass(i, j) : null,
    }, format ? format(v, i, j) : formatNumber(v, digits)))))));
}

/** La ligne d'état du labo (annoncée aux lecteurs d'écran), au style de celle de la démo ; contrat
 * de test : data-lab-status, et data-kind (« info » ou « error », posé par setStatus). */
export function statusLine() {
  return h('p', {
    class: 'dl-demo__status', 'data-lab-status': true, role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true',
  }, '');
}

/** Met un message dans la ligne d'état ; kind : "info" ou "error". */
export function setStatus(status, text, kind = 'info') {
  status.textContent = frenchSpaces(text || '');
  status.dataset.kind = kind;
}

/** Ce qu'on lit quand un laboratoire ne démarre pas (le détail de l'erreur va dans la console). */
export const CANNOT_START = 'Le laboratoire n\'a pas pu démarrer dans ce navigateur. Essayez une version récente '
  + 'de Firefox, Chrome, Edge ou Safari.';

/** Message montré pour une erreur imprévue ; son détail (souvent en anglais) va dans la console. */
export const UNEXPECTED = 'Erreur inattendue : effacez le dessin et réessayez.';

/** Dit dans la ligne d'état pourquoi le calcul a échoué : le message d'une LabError (réglage
 * impossible, déjà en français), sinon « Erreur inattendue », le détail allant dans la console. */
export function reportFailure(status, err) {
  if (err instanceof LabError) {
    setStatus(status, err.message, 'error');
    return;
  }
  console.error('Laboratoire :', err);
  setStatus(status, UNEXPECTED, 'error');
}

/** Le panneau qui explique le calcul d'un pixel de sortie ; contrat : data-lab-explain, et
 * data-row, data-col, data-value quand un pixel est choisi. Lu en entier, et seulement quand on
 * choisit un pixel (speakWhenChosen) : pas à chaque point d'un tracé ni à chaque réglage. */
export function explainPanel() {
  return h('div', { class: 'dl-lab__explain', 'data-lab-explain': true, 'aria-live': 'off', 'aria-atomic': 'true' });
}

/** Avant de remplir le panneau : lu à voix haute si l'on vient de choisir un pixel, sinon non. */
export function speakWhenChosen(panel, chosen) {
  panel.setAttribute('aria-live', chosen ? 'polite' : 'off');
}

/** Le panneau sans pixel choisi dit comment en choisir un : c'est l'aide du calcul, à sa place. */
export const NO_PIXEL = 'Aucun pixel de sortie choisi. Survolez-en un, ou touchez-le et glissez le doigt '
  + '(au clavier : Tab, puis les flèches) pour voir ici son calcul ; il y reste pendant que vous changez '
  + 'les réglages, et Échap l\'efface.';

/**
 * Remplit le panneau pour le pixel de sortie cell = [i, j] de valeur value : un titre, puis
 * where (ce que couvre la fenêtre) et les éléments details ; cell nul : « aucun pixel choisi ».
 */
export function showExplanation(panel, cell, value, where = '', ...details) {
  if (!cell) {
    panel.replaceChildren(h('p', { class: 'dl-lab__note' }, NO_PIXEL));
    delete panel.dataset.row;
    delete panel.dataset.col;
    delete panel.dataset.value;
    return;
  }
  const [i, j] = cell;
  panel.dataset.row = String(i);
  panel.dataset.col = String(j);
  panel.dataset.value = String(value);
  panel.replaceChildren(
    h('p', {}, h('strong', {}, `Pixel de sortie ligne ${i + 1}, colonne ${j + 1}`), where), ...details);
}

/** L'élément du contrat de test : data-input, data-output et les réglages qui les ont produits. */
export function ioElement() {
  return h('div', { 'data-lab-io': true, hidden: true });
}

/** Écrit dans l'élément du contrat l'entrée, la sortie et les réglages, d'un seul coup. */
export function publish(io, input, output, settings) {
  for (const [key, value] of Object.entries(settings)) io.dataset[key] = String(value);
  io.dataset.input = JSON.stringify(input);
  io.dataset.output = JSON.stringify(output);
}

/**
 * Prépare la racine d'un labo et y crée sa source d'image (dessin ou exemple MNIST) :
 * onImage(image, message, kind) est appelé à chaque nouvelle image. Renvoie { element, source }.
 */
export function mountSource(root, id, onImage) {
  root.classList.add('dl-lab');
  root.replaceChildren();
  const element = h('div', { class: 'dl-lab__source' });
  return { element, source: new DrawingSource(element, { id, onChange: onImage }) };
}
