// Les nombres des labos écrits à la française : virgule décimale, vrai signe moins (−), et
// aucun « −0 ». Module pur, testé par Node (tests/js/numbers.test.mjs).

/** v avec `digits` décimales : formatNumber(-0.254) → « −0,25 », formatNumber(3, 0) → « 3 ». */
export function formatNumber(v, digits = 2) {
  let text = v.toFixed(digits);
  if (Number(text) === 0) text = (0).toFixed(digits); // pas de « −0,00 »
  return text.replace('.', ',').replace('-', '\u2212');
}

/** Un pourcentage : formatPercent(0.234) → « 23 % » (espace fine insécable). */
export function formatPercent(p, digits = 0) {
  return `${formatNumber(100 * p, digits)}\u202f%`;
}

/** Un nombre entre parenthèses s'il est négatif, pour l'écrire dans un produit : « (−1) ». */
export function factor(v, digits = 2) {
  const text = formatNumber(v, digits);
  return v < 0 && text !== formatNumber(0, digits) ? `(${text})` : text;
}
