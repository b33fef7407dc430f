// Les mots à proposer quand une recherche est mal tapée (« convoluton » → « convolution »).
// Module pur (aucun accès au DOM), testé par Node (tests/js/suggest.test.mjs) ; search.js
// l'utilise dans la page.
//
// La recherche de Material trouve les mots qui commencent par ce qu'on tape, sans tolérer de faute.
// Le vocabulaire vient de l'index de recherche (sitetools/search_index.py, vocabulary) : chaque mot
// du site, avec son nombre d'occurrences. Un mot tapé qui ne commence aucun mot du site est comparé
// à chacun, sans accents ni majuscules, par la distance d'édition (une lettre en trop, en moins,
// changée, ou deux lettres voisines inversées) : le mot entier, ou son début si l'on n'a pas fini
// de taper. On propose les plus proches (tous au même nombre de fautes), les plus fréquents d'abord.

const LIGATURES = { œ: 'oe', Œ: 'OE', æ: 'ae', Æ: 'AE' };
// Un mot : des lettres et des chiffres, comme sitetools.search_index (le tiret bas sépare).
const WORD = /[\p{L}\p{N}]+/gu;

/** Sans accents ni cédilles, ligatures décomposées : « Cœur reçu » → « Coeur recu ».
 * Jumeau de sitetools.search_index.fold (mêmes cas : tests/fixtures/search/fold.json). */
export function fold(text) {
  return String(text).replace(/[œŒæÆ]/g, (c) => LIGATURES[c]).normalize('NFD').replace(/\p{Mn}/gu, '');
}

/** Fautes tolérées pour un mot tapé de `length` lettres : aucune sous 4, une jusqu'à 7, deux au-delà. */
export function allowedTypos(length) {
  if (length < 4) return 0;
  return length < 8 ? 1 : 2;
}

/**
 * Distance d'édition entre `a` et `b` (insertion, suppression, substitution, inversion de deux
 * lettres voisines), ou `limit + 1` dès qu'elle dépasse `limit`.
 */
export function editDistance(a, b, limit = Infinity) {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before = null;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, before[j - 2] + 1);
      }
      current.push(d);
      best = Math.min(best, d);
    }
    if (best > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return Math.min(previous[b.length], limit + 1);
}

/**
 * Le correcteur d'un vocabulaire `{ words: [[mot, occurrences, forme sans accents?], …] }`.
 * `suggest(query, count)` : au plus `count` recherches à proposer, la meilleure d'abord, où chaque mot
 * tapé qui ne commence aucun mot du site est remplacé par un mot proche (les autres restent tels
 * quels) ; vide si chaque mot tapé commence déjà un mot du site, ou si aucun n'a de mot assez proche.
 */
export function createSuggester({ words }) {
  const entries = words.map(([word, count, folded]) => ({ word, count, folded: folded ?? word }));

  function known(typed) {
    return entries.some((entry) => entry.folded.startsWith(typed));
  }

  // Les mots proches de `typed` (déjà replié), les meilleurs d'abord : distance, mot entier plutôt
  // que début de mot, fréquence, longueur.
  function closest(typed) {
    const limit = allowedTypos(typed.length);
    if (limit === 0) return [];
    const found = [];
    for (const entry of entries) {
      const whole = editDistance(typed, entry.folded, limit);
      let distance = whole;
      if (typed.length >= 5) {
        // On n'a peut-être pas fini de taper : le début du mot, à une lettre près de longueur.
        for (let n = typed.length - 1; n <= typed.length + 1; n += 1) {
          if (n >= entry.folded.length) continue;
          distance = Math.min(distance, editDistance(typed, entry.folded.slice(0, n), limit));
        }
      }
      if (distance <= limit) found.push({ ...entry, distance, partial: distance < whole ? 1 : 0 });
    }
    found.sort((x, y) => x.distance - y.distance || x.partial - y.partial || y.count - x.count
      || x.word.length - y.word.length || (x.word < y.word ? -1 : 1));
    // Pas de mot à deux fautes à côté d'un mot à une faute (« gardant » après « gradient »).
    return found.filter((entry) => entry.distance === found[0].distance).map((entry) => entry.word);
  }

  function suggest(query, count = 3) {
    const fixes = [];
    for (const match of String(query).matchAll(WORD)) {
      const typed = fold(match[0]).toLowerCase();
      if (typed.length < 4 || /^\p{N}+$/u.test(typed)) continue;
      if (known(typed)) continue; // la recherche trouve ce mot tel quel : on le garde
      const words = closest(typed);
      if (words.length) fixes.push({ start: match.index, end: match.index + match[0].length, words });
    }
    if (!fixes.length) return [];
    const replace = (choose) => {
      let text = String(query);
      for (const fix of [...fixes].reverse()) text = text.slice(0, fix.start) + choose(fix) + text.slice(fix.end);
      return text.trim();
    };
    const proposals = [replace((fix) => fix.words[0])];
    // Un seul mot à corriger : ses autres voisins aussi.
    if (fixes.length === 1) {
      for (const word of fixes[0].words.slice(1)) proposals.push(replace(() => word));
    }
    return [...new Set(proposals)].slice(0, count);
  }

  return { suggest };
}
