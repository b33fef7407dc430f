// Les données : ce que le modèle reçoit. Un dessin (des traits) ou une image importée devient
// une ou plusieurs images 28 × 28 « à la MNIST » (Float32Array de 784 valeurs, encre = 1,
// fond = 0), une par chiffre, de gauche à droite.
// Le navigateur ne sert qu'à rastériser, décoder et tourner ; le calcul est dans preprocess.js,
// photo.js (trouver l'encre dans une photo de cahier) et segment.js (séparer les chiffres).

import {
  blockReader, fitWithin, inspectImage, notAnImageMessage, sizeProblem, unsupportedFormatMessage,
} from './imagefile.js';
import { isPaperPhoto, onlyPaper, readPhotoSteps, readRegionCloserSteps } from './photo.js';
import { compositeBackground, grayToInk, preprocess, rgbaToGray, rgbaToInk } from './preprocess.js';
import { digitInputs, groupStrokes } from './segment.js';
import { drawStrokes, isReadable, meaningfulStrokes, renderPlan } from './strokes.js';

/** Plus grand côté d'une image importée une fois réduite pour le calcul. */
const MAX_IMAGE_SIDE = 512;

/** Plus grand côté d'une photo décodée (photo.js la réduit ensuite à WORK_SIDE, exactement). */
const MAX_PHOTO_SIDE = 1600;

/** Erreur de lecture d'une image importée, avec un message en français pour le lecteur. */
export class InputError extends Error {
  constructor(message) {
    super(message);
    this.name = 'InputError';
  }
}

function makeCanvas(width, height) {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return canvas;
}

/**
 * Redessine les traits hors écran (fond noir, encre blanche, bouts et jointures arrondis),
 * l'épaisseur étant BRUSH_RATIO × le plus grand côté de la boîte des traits, puis les prétraite.
 * Les points isolés (tapes involontaires) sont ignorés.
 * Renvoie { image: Float32Array | null, reason: null | "empty" | "small" }.
 */
export function strokesToInput(strokes) {
  const nonEmpty = meaningfulStrokes(strokes);
  if (nonEmpty.length === 0) return { image: null, reason: 'empty' };
  if (!isReadable(nonEmpty)) return { image: null, reason: 'small' };
  const plan = renderPlan(nonEmpty);
  const canvas = makeCanvas(plan.width, plan.height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  ctx.fillStyle = '#000';
  ctx.fillRect(0, 0, plan.width, plan.height);
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.lineWidth = plan.lineWidth;
  ctx.strokeStyle = '#fff';
  drawStrokes(ctx, nonEmpty, plan);
  const { data } = ctx.getImageData(0, 0, plan.width, plan.height);
  const image = preprocess(rgbaToInk(data, plan.width, plan.height));
  return { image, reason: image ? null : 'empty' };
}

/**
 * Les chiffres d'un dessin, de gauche à droite : les traits qui se chevauchent horizontalement
 * forment un chiffre (groupStrokes), chacun redessiné et prétraité seul (strokesToInput). Un
 * groupe trop petit pour être lu (un point, un tiret) est laissé de côté s'il y a d'autres chiffres.
 * Renvoie { inputs: [{ image, strokes }], reason: null | "empty" | "small" }.
 */
export function strokesToInputs(strokes) {
  const nonEmpty = meaningfulStrokes(strokes);
  if (nonEmpty.length === 0) return { inputs: [], reason: 'empty' };
  const groups = groupStrokes(nonEmpty).map((g) => g.map((i) => nonEmpty[i]));
  const readable = groups.filter((g) => isReadable(g));
  if (readable.length === 0) return { inputs: [], reason: 'small' };
  const inputs = [];
  for (const group of readable) {
    const { image } = strokesToInput(group);
    if (image) inputs.push({ image, strokes: group });
  }
  return { inputs, reason: inputs.length ? null : 'empty' };
}

/** Décode le fichier (orientation EXIF des photos respectée par le navigateur). */
async function decode(file) {
  if (typeof createImageBitmap === 'function') {
    try {
      return await createImageBitmap(file);
    } catch {
      // on retente ci-dessous avec un élément <img>
    }
  }
  const url = URL.createObjectURL(file);
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    return img;
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Un lecteur par blocs sur un fichier (Blob), pour inspectImage. */
function fileReader(file) {
  return blockReader(async (start, end) => new Uint8Array(await file.slice(start, end).arrayBuffer()), file.size);
}

/**
 * Lit un fichier image importé jusqu'au décodage : reconnaît le format à ses octets (et non au
 * type annoncé par le navigateur, souvent « application/octet-stream »), vérifie sa structure et
 * sa taille sans le décoder, décode (orientation EXIF respectée) dans un canvas d'au plus
 * MAX_PHOTO_SIDE pixels de côté. Renvoie { canvas, width, height } ou lève une InputError au
 * message français.
 */
export async function decodeFile(file) {
  const info = await inspectImage(fileReader(file));
  if (!info) throw new InputError(notAnImageMessage(file.name));
  if (info.unsupported) throw new InputError(unsupportedFormatMessage(file.name, info.format));
  // Dimensions inconnues ou fichier tronqué : on ne décode pas.
  if (info.damaged || info.width === null) {
    throw new InputError(notAnImageMessage(file.name, 'le fichier semble abîmé'));
  }
  const problem = sizeProblem(info.width, info.height);
  if (problem) throw new InputError(problem);
  let source;
  try {
    source = await decode(file);
  } catch {
    throw new InputError(notAnImageMessage(file.name, 'le fichier semble abîmé'));
  }
  const natW = source.naturalWidth ?? source.width;
  const natH = source.naturalHeight ?? source.height;
  const [w, h] = fitWithin(natW, natH, MAX_PHOTO_SIDE);
  const canvas = makeCanvas(w, h);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(source, 0, 0, w, h);
  if (typeof source.close === 'function') source.close(); // libère l'image décodée
  return { canvas, width: w, height: h };
}

/** Le canvas tourné d'un quart de tour dans le sens des aiguilles d'une montre. */
export function rotateCanvas(canvas) {
  const out = makeCanvas(canvas.height, canvas.width);
  const ctx = out.getContext('2d', { willReadFrequently: true });
  ctx.translate(canvas.height, 0);
  ctx.rotate(Math.PI / 2);
  ctx.drawImage(canvas, 0, 0);
  return out;
}

const EMPTY_PHOTO = 'L\'image semble vide : rien n\'y est plus sombre que le papier. '
  + 'Essayez une photo plus nette, prise plus près du chiffre.';
const EMPTY_IMAGE = 'L\'image semble vide : aucun trait d\'encre n\'y a été trouvé. '
  + 'Essayez une image plus contrastée, avec un seul chiffre.';

/** Rend la main au navigateur (une tâche plus tard) : la page reste fluide pendant un long calcul. */
const nextTask = () => new Promise((resolve) => { setTimeout(resolve, 0); });

/**
 * Mène un calcul par étapes (un générateur, comme readPhotoSteps) en rendant la main au navigateur
 * entre deux étapes. Renvoie sa valeur finale, ou null si isCurrent() est devenu faux entre-temps
 * (le lecteur a fait autre chose) : le calcul s'arrête là.
 */
async function runSteps(steps, isCurrent) {
  let step = steps.next();
  while (!step.done) {
    await nextTask();
    if (!isCurrent()) return null;
    step = steps.next();
  }
  return step.value;
}

/**
 * Lit une image décodée ({ canvas, width, height }).
 *
 * - Une photo de papier (encre sombre sur fond clair, au moins PHOTO_MIN_SIDE pixels) : papier,
 *   lumière et réglures retirés, région trouvée, chiffres séparés (photo.js, segment.js).
 *   Le calcul rend la main entre ses étapes ; si isCurrent() devient faux (le lecteur a fait
 *   autre chose entre-temps), la lecture s'arrête et renvoie null.
 * - Sinon (un chiffre déjà découpé, une encre claire sur fond sombre) : l'image entière, réduite
 *   à MAX_IMAGE_SIDE, passe en niveaux de gris, est inversée si besoin et prétraitée, comme avant.
 *
 * Renvoie { kind: "photo" | "image", inputs: [{ image, box? }], reason, reading?, region?, preview }
 * — reason vaut "small" (écriture trop petite) ou "empty" (aucune écriture trouvée) quand aucun
 * chiffre n'est lu (inputs vide) : une photo est montrée quand même, le lecteur peut y choisir la
 * zone. Une image sans le moindre trait (une photo où rien n'est plus sombre que le papier, voir
 * onlyPaper) lève une InputError : le dessin en cours reste.
 */
export async function readImage({ canvas, width, height }, isCurrent = () => true) {
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  const { data } = ctx.getImageData(0, 0, width, height);
  const background = compositeBackground(data, width, height);
  const gray = rgbaToGray(data, width, height, background);
  if (isPaperPhoto(gray)) {
    // Une photo n'a pas de transparence ; une image qui en a est posée sur le fond choisi pour
    // les niveaux de gris (celui qui contraste avec l'encre).
    for (let i = 3; i < data.length; i += 4) {
      if (data[i] === 255) continue;
      const a = data[i] / 255;
      for (let c = i - 3; c < i; c++) data[c] = Math.round(a * data[c] + (1 - a) * 255 * background);
      data[i] = 255;
    }
    const reading = await runSteps(readPhotoSteps(data, width, height), isCurrent);
    if (reading === null) return null;
    // Sans écriture trouvée, la photo est montrée quand même s'il y a la moindre marque : un
    // chiffre écrit fin ou pris de loin peut y être, que le lecteur entoure (la zone choisie est
    // relue de plus près). Seule une photo où rien n'est plus sombre que le papier est dite vide.
    if (onlyPaper(reading)) throw new InputError(EMPTY_PHOTO);
    const inputs = reading.found ? digitInputs(reading.ink) : [];
    return {
      kind: 'photo', inputs, reading, region: reading.box, preview: canvas, pixels: data, width, height,
      overlay: overlayOf(reading, reading.box, reading.workBox, inputs),
      reason: inputs.length ? null : (reading.reason || 'empty'),
    };
  }
  const [w, h] = fitWithin(width, height, MAX_IMAGE_SIDE);
  let small = canvas;
  let pixels = data;
  if (w !== width || h !== height) {
    small = makeCanvas(w, h);
    const sctx = small.getContext('2d', { willReadFrequently: true });
    sctx.imageSmoothingQuality = 'high';
    sctx.drawImage(canvas, 0, 0, w, h);
    pixels = sctx.getImageData(0, 0, w, h).data;
  }
  const image = preprocess(grayToInk(rgbaToGray(pixels, w, h)));
  if (!image) throw new InputError(EMPTY_IMAGE);
  return { kind: 'image', inputs: [{ image }], reason: null, preview: small, width: w, height: h };
}

/**
 * Ce qu'on encadre sur la photo : la zone lue (region, en pixels de la photo décodée) et la boîte
 * de chaque chiffre (les boîtes de segment.js sont dans la zone workBox de l'image réduite, à
 * l'échelle scale de la photo, décalée de offset quand la zone a été relue de plus près).
 */
function overlayOf({ scale, offset = [0, 0] }, region, workBox, inputs) {
  if (!region) return null;
  const inv = 1 / scale;
  const digits = inputs.map(({ box }) => [offset[0] + (workBox[0] + box[0]) * inv,
    offset[1] + (workBox[1] + box[1]) * inv, offset[0] + (workBox[0] + box[2]) * inv,
    offset[1] + (workBox[1] + box[3]) * inv]);
  return { region, digits };
}

/**
 * Le lecteur a choisi une zone de la photo (box : [gauche, haut, droite, bas] en pixels de la
 * photo décodée) : les chiffres de cette zone seule, relue de plus près si elle est petite
 * (readRegionCloserSteps : un chiffre photographié de loin). photo : le résultat de readImage.
 * Le calcul rend la main entre ses étapes ; si isCurrent() devient faux (une autre zone, un
 * tracé…), il s'arrête et renvoie null.
 */
export async function readChosenRegion(photo, box, isCurrent = () => true) {
  const steps = readRegionCloserSteps(photo.pixels, photo.width, photo.height, 4, photo.reading, box);
  const region = await runSteps(steps, isCurrent);
  if (region === null) return null;
  const inputs = region.found ? digitInputs(region.ink) : [];
  return {
    ...photo, inputs, region: box, overlay: overlayOf(region, box, region.workBox, inputs),
    reason: inputs.length ? null : 'empty',
  };
}

/**
 * Lit un fichier image importé (decodeFile puis readImage). Renvoie le résultat de readImage,
 * ou null si la lecture a été abandonnée ; lève une InputError au message français.
 */
export async function fileToInput(file, isCurrent = () => true) {
  const decoded = await decodeFile(file);
  if (!isCurrent()) return null;
  return readImage(decoded, isCurrent);
}
