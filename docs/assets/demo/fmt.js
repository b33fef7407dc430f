// Les nombres et la ponctuation à la française, pour tout ce que la démo et les labos écrivent
// dans la page pendant qu'on s'en sert. Module pur (aucun accès au DOM), testé par Node.
//
// Jumeau de digitlab/fmt.py pour les nombres (formatDecimal ↔ format_decimal, etc.) et de
// sitetools/typography.py pour les espaces (frenchSpaces ↔ french_spacing) : les deux sont
// comparés sur les mêmes cas par tests/test_fmt_parity.py. Le texte des pages construites, lui,
// reçoit ses espaces à la construction ; ce module ne sert qu'au texte écrit en direct.

export const MINUS = '\u2212'; // le signe moins de la typographie, plus long que le trait d'union
export const NBSP = '\u00a0'; // espace insécable, avant « : » et « % »
export const NNBSP = '\u202f'; // espace fine insécable, avant « ; ! ? », dans « », entre les milliers

/** Un nombre écrit par JavaScript (« -0.25 ») → écrit à la française (« −0,25 »). */
function french(text) {
  return text.replace('-', MINUS).replace('.', ',');
}

/**
 * Espaces insécables de la typographie française : avant « : » (espace insécable), avant
 * « ; ? ! » (espace fine insécable) et à l'intérieur des guillemets « ». Aucun signe ne se
 * retrouve ainsi seul en début de ligne.
 */
export function frenchSpaces(text) {
  return String(text)
    .replace(/[ \t\r\n]+(?=:)/g, NBSP)
    .replace(/[ \t\r\n]+(?=[;!?])/g, NNBSP)
    .replace(/[ \t\r\n]+(?=»)/g, NNBSP)
    .replace(/(?<=«)[ \t\r\n]+/g, NNBSP)
    .replace(/(?<=[\p{L}\p{N}_.!?…])»/gu, `${NNBSP}»`)
    .replace(/«(?=[\p{L}\p{N}_])/gu, `«${NNBSP}`);
}

/** 0.07153 → « 0,0715 » ; signed : « +0,17 », « −0,02 ». */
export function formatDecimal(x, digits = 4, signed = false) {
  let text = Number(x).toFixed(digits);
  if (/^-0(\.0*)?$/.test(text)) text = text.slice(1); // pas de « −0,00 »
  if (signed && !text.startsWith('-')) text = `+${text}`;
  return french(text);
}

/** Un terme d'un produit écrit en ligne : entre parenthèses s'il est négatif, « (−1) ». */
export function formatFactor(x, digits = 2) {
  const text = formatDecimal(x, digits);
  return text.startsWith(MINUS) ? `(${text})` : text;
}

/** 17190 → « 17 190 » : les milliers séparés par une espace fine insécable. */
export function formatInteger(n) {
  const text = String(Math.trunc(Number(n)));
  return french(text.replace(/\B(?=(\d{3})+(?!\d))/g, NNBSP));
}

/**
 * Le mot accordé à n, à la française : singulier jusqu'à 1 (« 0 erreur », « 1 erreur »), pluriel à
 * partir de 2 ; pluriel régulier en « s » si plural n'est pas donné. Jumeau de digitlab/fmt.py.
 */
export function pluralForm(n, singular, plural = null) {
  if (Math.abs(n) < 2) return singular;
  return plural ?? `${singular}s`;
}

/** « 1 chiffre », « 3 chiffres », « 17 190 images » : le nombre et le mot accordé. */
export function formatCount(n, singular, plural = null) {
  return `${formatInteger(n)} ${pluralForm(n, singular, plural)}`;
}

/** 294259 octets → « 294 ko » : des kilo-octets décimaux (1 ko = 1 000 octets). Jumeau de format_kilobytes. */
export function formatKilobytes(bytes) {
  return `${formatInteger(Math.round(bytes / 1000))}${NBSP}ko`;
}

/** ['15 %', '8 %', '3 %'] → « 15 %, 8 % et 3 % » ; un seul élément tel quel, aucun : « ». Jumeau de format_list. */
export function formatList(items) {
  const all = Array.from(items, String);
  return all.length > 1 ? `${all.slice(0, -1).join(', ')} et ${all[all.length - 1]}` : all.join('');
}

/** 0.9771 → « 97,7 % » : virgule décimale et espace insécable. */
export function formatPercent(x, digits = 1) {
  return `${formatDecimal(100 * x, digits)}${NBSP}%`;
}

/** Le nombre sans zéros inutiles (douze chiffres significatifs au plus) : 0.002 → « 0,002 ». */
export function formatNumber(x) {
  return french(String(Number(Number(x).toPrecision(12))));
}

/**
 * Une probabilité, arrondie au pour cent, comme la démo l'affiche : « 98 % », « < 1 % » pour ce
 * qui n'est pas nul mais s'arrondirait à zéro, « > 99 % » pour ce qui n'est pas certain mais
 * s'arrondirait à 100 (un réseau qui annonce 99,7 % se trompe encore, parfois : la page ne dit
 * pas « 100 % »).
 */
export function percent(p) {
  const v = Math.round(100 * p);
  if (v === 0 && p > 0) return `<${NNBSP}1${NNBSP}%`;
  if (v === 100 && p < 1) return `>${NNBSP}99${NNBSP}%`;
  return `${v}${NNBSP}%`;
}

/** Une durée : 1234.5 → « 1 235 ms ». */
export function formatMilliseconds(ms) {
  return `${formatInteger(Math.round(ms))}${NNBSP}ms`;
}
