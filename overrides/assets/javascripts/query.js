// Ce que tape le lecteur, tel que la recherche du site doit le lire. Module pur (aucun accès au
// DOM), testé par Node (tests/js/query.test.mjs) ; search.js l'applique au champ de recherche.
//
// Le site écrit l'apostrophe droite (« d'apprentissage »), et la recherche de Material compare les
// mots caractère par caractère. Or un téléphone (la ponctuation intelligente d'iOS, certains
// claviers Android) ou un texte copié depuis un traitement de texte donne l'apostrophe courbe :
// « d’apprentissage », « l’entropie », « aujourd’hui » ne trouvaient rien, sans même une proposition.

// Apostrophe courbe (’), guillemet simple ouvrant (‘), lettre apostrophe (ʼ) et prime (′) : les
// caractères qu'un clavier met à la place de l'apostrophe droite.
const CURLY_APOSTROPHES = /[\u2018\u2019\u02bc\u2032]/g;

/** `text` avec l'apostrophe droite du site à la place des apostrophes courbes : « d’un » → « d'un ».
 * Chaque caractère remplacé en donne un seul : la position du curseur dans le champ reste juste. */
export function straightApostrophes(text) {
  return String(text).replace(CURLY_APOSTROPHES, "'");
}
