// Les données : ce que le modèle reçoit. Un dessin (des traits) ou une image importée devient
// une image 28 × 28 « à la MNIST » (Float32Array de 784 valeurs, encre = 1, fond = 0).
// Le navigateur ne sert qu'à rastériser et à décoder ; le calcul est dans preprocess.js.

import {
  blockReader, fitWithin, inspectImage, notAnImageMessage, sizeProblem,
} from './imagefile.js';
import { grayToInk, preprocess, rgbaToGray, rgbaToInk } from './preprocess.js';
import { drawStrokes, isReadable, meaningfulStrokes, renderPlan } from './strokes.js';

/** Plus grand côté d'une image importée une fois réduite pour le calcul. */
const MAX_IMAGE_SIDE = 512;

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
 * Lit un fichier image importé : reconnaît le format à ses octets (et non au type annoncé par le
 * navigateur, souvent « application/octet-stream »), vérifie sa structure et sa taille sans le
 * décoder, décode, passe en niveaux de gris, inverse si l'encre est sombre sur fond clair,
 * prétraite. Renvoie { image: Float32Array, preview: CanvasImageSource, width, height } ou lève
 * une InputError au message français.
 */
export async function fileToInput(file) {
  const info = await inspectImage(fileReader(file));
  if (!info) throw new InputError(notAnImageMessage(file.name));
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
  const [w, h] = fitWithin(natW, natH, MAX_IMAGE_SIDE);
  const canvas = makeCanvas(w, h);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(source, 0, 0, w, h);
  if (typeof source.close === 'function') source.close(); // libère l'image décodée
  const { data } = ctx.getImageData(0, 0, w, h);
  const image = preprocess(grayToInk(rgbaToGray(data, w, h)));
  if (!image) {
    throw new InputError('L\'image semble vide : aucun trait d\'encre n\'y a été trouvé. '
      + 'Essayez une image plus contrastée, avec un seul chiffre.');
  }
  return { image, preview: canvas, width: w, height: h };
}
