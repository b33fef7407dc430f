// La recherche de Material, complétée là où elle laissait le lecteur sans réponse :
// - une recherche dont un mot n'est pas sur le site propose les mots du site les plus proches :
//   « convoluton » → « Vouliez-vous dire : convolution ? ». Même quand d'autres mots trouvent des
//   résultats : « réseau convoluton » trouve « réseau » seul, et la page propose « réseau
//   convolution » au-dessus de ces résultats. Un clic (ou Entrée) sur un mot relance la
//   recherche avec lui. Chaque mot est un lien (?q=mot, que Material sait ouvrir) : les flèches du
//   clavier de Material y mènent depuis le champ, comme aux résultats (Tab, lui, ferme la recherche).
//   Le calcul est dans suggest.js (pur, testé par Node) ; le vocabulaire (search/vocabulary.json,
//   écrit à la construction par hooks/search.py) ne se télécharge qu'à la première recherche qu'il
//   faut corriger (un mot tapé d'au moins quatre lettres) ;
// - l'aperçu d'une cellule de code, coupé à six lignes (site.css), montre la ligne où est le mot
//   trouvé, au lieu du haut de la cellule ;
// - l'apostrophe courbe d'un téléphone (« d’apprentissage ») devient, dans le champ, l'apostrophe
//   droite qu'écrit le site (query.js) : sans cela, la recherche ne trouvait rien.
//
// Contrat de test : le bloc [data-search-suggest] suit le compte des résultats de Material ; chaque
// proposition est un lien [data-suggestion="mot"].

import { straightApostrophes } from './query.js';
import { createSuggester } from './suggest.js';

const NBSP = '\u00a0';
const NNBSP = '\u202f';
const VOCABULARY = new URL('../../search/vocabulary.json', import.meta.url);

let suggester = null;
function loadSuggester() {
  suggester ??= fetch(VOCABULARY)
    .then((response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return response.json();
    })
    .then(createSuggester)
    .catch((error) => {
      console.warn('Recherche : le vocabulaire du site n\'a pas pu être lu, pas de suggestion.', error);
      return null;
    });
  return suggester;
}

// « a », « a ou b », « a, b ou c ».
function joinChoices(items) {
  const parts = [];
  items.forEach((item, i) => {
    if (i > 0) parts.push(i === items.length - 1 ? ' ou ' : ', ');
    parts.push(item);
  });
  return parts;
}

function mount() {
  const input = document.querySelector('input.md-search__input');
  const meta = document.querySelector('.md-search-result__meta');
  const list = document.querySelector('.md-search-result__list');
  if (!input || !meta || !list) return;

  const box = document.createElement('p');
  box.className = 'dl-search-suggest';
  box.dataset.searchSuggest = '';
  box.setAttribute('role', 'status'); // annoncée par un lecteur d'écran quand une proposition paraît
  meta.after(box);

  // Material lit le champ quand une touche est relâchée : l'événement input, qui vient avant, a
  // déjà redressé l'apostrophe. Même longueur : le curseur est remis où il était.
  input.addEventListener('input', () => {
    const straight = straightApostrophes(input.value);
    if (straight === input.value) return;
    const { selectionStart, selectionEnd } = input;
    input.value = straight;
    input.setSelectionRange(selectionStart, selectionEnd);
  });

  function choose(words) {
    input.value = words;
    input.focus();
    // Material relance la recherche à chaque touche relâchée dans le champ.
    input.dispatchEvent(new KeyboardEvent('keyup', { bubbles: true }));
  }

  function show(proposals) {
    // Material peut réécrire le compte plusieurs fois pour une même requête (les réponses aux lettres
    // tapées arrivent après coup) : mêmes propositions, on ne touche à rien, sinon le mot où les
    // flèches ont mené le lecteur disparaîtrait sous lui, et le focus avec.
    const shown = Array.from(box.querySelectorAll('[data-suggestion]'), (link) => link.dataset.suggestion);
    if (shown.join('\n') === proposals.join('\n')) return;
    const focused = box.contains(document.activeElement) ? document.activeElement.dataset.suggestion : null;
    if (!proposals.length) {
      box.replaceChildren();
      if (focused) input.focus();
      return;
    }
    const links = proposals.map((words) => {
      const link = document.createElement('a');
      link.href = `?q=${encodeURIComponent(words)}`;
      link.dataset.suggestion = words;
      link.textContent = words;
      link.addEventListener('click', (event) => {
        event.preventDefault();
        event.stopPropagation(); // sinon Material ferme la recherche, comme pour un résultat
        choose(words);
      });
      return link;
    });
    box.replaceChildren(`Vouliez-vous dire${NBSP}: `, ...joinChoices(links), `${NNBSP}?`);
    // Les propositions ont changé sous le focus : on le garde sur le même mot s'il est encore proposé,
    // sinon on le rend au champ (jamais perdu dans la page, derrière la recherche).
    if (focused) (links.find((link) => link.dataset.suggestion === focused) ?? input).focus();
  }

  async function update() {
    const query = input.value.trim();
    if (!query) {
      show([]);
      return;
    }
    const ready = await loadSuggester();
    // Une recherche plus récente a pu arriver pendant le téléchargement : elle seule compte.
    if (!ready || input.value.trim() !== query) return;
    show(ready.suggest(query));
  }

  // Material réécrit le compte des résultats (« Aucun document trouvé ») à chaque recherche.
  new MutationObserver(update).observe(meta, { childList: true, characterData: true, subtree: true });

  // Les résultats arrivent par paquets (au défilement) ; ceux d'une même page sont repliés sous
  // « N de plus sur cette page » jusqu'à ce qu'on les ouvre.
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node instanceof Element) node.querySelectorAll('pre').forEach(showMatchedLine);
      }
    }
  }).observe(list, { childList: true, subtree: true });
  list.addEventListener('toggle', (event) => event.target.querySelectorAll('pre').forEach(showMatchedLine), true);
}

/** Fait défiler un aperçu de code coupé jusqu'à la ligne du premier mot trouvé (surligné par Material). */
function showMatchedLine(pre) {
  const mark = pre.querySelector('mark');
  if (!mark || pre.clientHeight === 0) return; // rien de trouvé dans le code, ou aperçu replié
  const top = mark.getBoundingClientRect().top - pre.getBoundingClientRect().top + pre.scrollTop;
  if (top + mark.offsetHeight <= pre.clientHeight) return; // déjà visible
  const line = parseFloat(getComputedStyle(pre).lineHeight) || mark.offsetHeight;
  pre.scrollTop = Math.max(0, top - line); // une ligne de contexte au-dessus
}

mount();
