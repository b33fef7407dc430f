// Le modèle : chargement de TensorFlow.js et des deux réseaux (CNN et MLP), prédiction,
// lecture des activations des couches intérieures (« Ouvrir la boîte »).
//
// Les fichiers sont cherchés relativement à ce module, servi à <site>/assets/demo/model.js :
// la racine du site est donc deux dossiers plus haut. Aucun CDN : TensorFlow.js est servi par
// le site lui-même (assets/vendor/tfjs/tf.min.js).

export const TFJS_URL = new URL('../vendor/tfjs/tf.min.js', import.meta.url);
export const WASM_BACKEND_URL = new URL('../vendor/tfjs/tf-backend-wasm.min.js', import.meta.url);
/** Dossier des fichiers .wasm du backend WebAssembly (le script choisit SIMD ou non). */
export const WASM_DIR = new URL('../vendor/tfjs/', import.meta.url);
export const CNN_URL = new URL('../../models/cnn/model.json', import.meta.url);
export const MLP_URL = new URL('../../models/mlp/model.json', import.meta.url);
export const INSPECT_URL = new URL('../../models/cnn/inspect.json', import.meta.url);

/** Erreur de chargement, avec un message en français destiné au lecteur. */
export class ModelError extends Error {
  constructor(message, cause) {
    super(message);
    this.name = 'ModelError';
    this.cause = cause;
  }
}

let tfPromise = null;
const modelPromises = new Map();
let inspectPromise = null;
/** Les chargements réussis : forgetUnfinished garde ceux-là. */
const succeeded = new WeakSet();
/** Vrai tant que la balise <script> de TF.js attend sa réponse. */
let tfScriptPending = false;

function remember(promise) {
  promise.then(() => succeeded.add(promise), () => {});
  return promise;
}

/**
 * Oublie les chargements qui n'ont pas abouti (en échec ou sans réponse), pour que le prochain
 * appel les relance (bouton « Réessayer »). Exception : une balise <script> de TF.js encore en
 * attente n'est pas doublée, car si les deux finissaient par arriver, la bibliothèque
 * s'exécuterait deux fois ; on continue de l'attendre.
 */
export function forgetUnfinished() {
  if (tfPromise && !succeeded.has(tfPromise) && !tfScriptPending) tfPromise = null;
  for (const [key, promise] of modelPromises) {
    if (!succeeded.has(promise)) modelPromises.delete(key);
  }
  if (inspectPromise && !succeeded.has(inspectPromise)) inspectPromise = null;
}

/** Vrai si le navigateur sait créer un contexte WebGL (sinon TF.js calculera sur le processeur). */
function hasWebGL() {
  try {
    const canvas = document.createElement('canvas');
    return Boolean(canvas.getContext('webgl2') || canvas.getContext('webgl'));
  } catch {
    return false;
  }
}

function injectScript(url) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = url.href;
    script.async = true;
    script.onload = resolve;
    script.onerror = () => reject(new Error(`échec du chargement de ${url.pathname}`));
    document.head.append(script);
  });
}

/** Essaie un backend ; vrai s'il est prêt. Un échec reste silencieux : on passe au suivant. */
async function tryBackend(tf, name) {
  try {
    if (await tf.setBackend(name)) {
      await tf.ready();
      return true;
    }
  } catch {
    // backend indisponible ici
  }
  return false;
}

/**
 * Choisit le backend, sans bruit dans la console : WebAssembly d'abord (le plus rapide pour un
 * si petit réseau, carte graphique ou pas : ≈ 1 ms par lecture), puis WebGL, puis JavaScript
 * pur sur le processeur, qui marche partout.
 */
async function chooseBackend(tf) {
  if (typeof WebAssembly === 'object' && tf.wasm && typeof tf.wasm.setWasmPaths === 'function') {
    try {
      tf.wasm.setWasmPaths(WASM_DIR.href);
      if (await tryBackend(tf, 'wasm')) return tf;
    } catch {
      // chemins déjà fixés ou backend déjà initialisé : on continue
    }
  }
  if (hasWebGL() && (await tryBackend(tf, 'webgl'))) return tf;
  await tf.setBackend('cpu');
  await tf.ready();
  return tf;
}

/** TensorFlow.js (global `tf`), chargé une seule fois pour toute la page. */
export function loadTf() {
  if (!tfPromise) {
    tfPromise = remember((async () => {
      if (!globalThis.tf) {
        tfScriptPending = true;
        // Le polyfill regenerator de tf.min.js se déclare par « regeneratorRuntime = … » ; en mode
        // strict, l'affectation échoue si la variable n'existe pas, et il se rabat sur Function(),
        // que la politique de sécurité du site interdit (pas de 'unsafe-eval' : overrides/main.html).
        // Déclarée ici, l'affectation réussit : TF.js n'a besoin d'aucun eval.
        if (!('regeneratorRuntime' in globalThis)) globalThis.regeneratorRuntime = undefined;
        try {
          await injectScript(TFJS_URL);
        } catch (err) {
          throw new ModelError('TensorFlow.js n\'a pas pu être chargé : la lecture automatique est indisponible.', err);
        } finally {
          tfScriptPending = false;
        }
      }
      if (!globalThis.tf) throw new ModelError('TensorFlow.js est introuvable après son chargement.');
      if (typeof WebAssembly === 'object' && !globalThis.tf.wasm) {
        try {
          await injectScript(WASM_BACKEND_URL); // facultatif : sans lui, WebGL ou le processeur
        } catch {
          // on s'en passe
        }
      }
      return chooseBackend(globalThis.tf);
    })());
  }
  return tfPromise;
}

/** Vérifie qu'un modèle prend bien une image 28 × 28 × 1 et rend 10 probabilités. */
function checkShapes(model, url) {
  const input = model.inputs[0].shape;
  const output = model.outputs[0].shape;
  const ok = input.length === 4 && input[1] === 28 && input[2] === 28 && input[3] === 1
    && output.length === 2 && output[1] === 10;
  if (!ok) {
    throw new Error(`${url.pathname} : entrée [${input}] et sortie [${output}] inattendues`);
  }
}

/**
 * Charge un modèle « layers » une seule fois pour toute la page et le réchauffe (une première
 * prédiction à vide prépare les calculs). Rejette avec une ModelError en français.
 */
export function loadModel(url) {
  const key = url.href;
  if (!modelPromises.has(key)) {
    modelPromises.set(key, remember((async () => {
      const tf = await loadTf();
      let model;
      try {
        model = await tf.loadLayersModel(url.href);
        checkShapes(model, url);
        tf.tidy(() => model.predict(tf.zeros([1, 28, 28, 1])).dataSync());
      } catch (err) {
        throw new ModelError('Le modèle n\'a pas pu être chargé (fichier manquant ou abîmé, ou connexion '
          + 'interrompue) : la lecture automatique est indisponible, mais vous pouvez toujours dessiner.', err);
      }
      return model;
    })()));
  }
  return modelPromises.get(key);
}

/** Le nom du backend utilisé (« wasm », « webgl » ou « cpu »). */
export async function backendName() {
  const tf = await loadTf();
  return tf.getBackend();
}

/** Probabilités des 10 chiffres (Float32Array) pour une image 28 × 28 (Float32Array de 784). */
export function predict(model, image) {
  const tf = globalThis.tf;
  return tf.tidy(() => model.predict(tf.tensor4d(image, [1, 28, 28, 1])).dataSync());
}

/**
 * Les couches à montrer dans « Ouvrir la boîte », lues dans models/cnn/inspect.json :
 * [{ name, label, kind: "conv" | "pool" | "dense" }]. Rejette si le fichier manque.
 */
export function loadInspectList() {
  if (!inspectPromise) {
    inspectPromise = remember(fetch(INSPECT_URL.href).then(async (response) => {
      if (!response.ok) throw new Error(`${INSPECT_URL.pathname} : HTTP ${response.status}`);
      const doc = await response.json();
      if (!Array.isArray(doc.layers)) throw new Error('inspect.json : liste « layers » absente');
      return doc.layers.filter((l) => l && typeof l.name === 'string');
    }));
  }
  return inspectPromise;
}

/**
 * Une « sonde » : un modèle qui partage les poids du CNN et rend les sorties des couches
 * demandées. Les couches absentes du modèle sont ignorées.
 */
export function makeProbe(model, layers) {
  const tf = globalThis.tf;
  const found = layers.filter((l) => {
    try {
      return Boolean(model.getLayer(l.name));
    } catch {
      return false;
    }
  });
  if (found.length === 0) return null;
  const outputs = found.map((l) => model.getLayer(l.name).output);
  return { layers: found, model: tf.model({ inputs: model.inputs, outputs }) };
}

/**
 * Activations de chaque couche de la sonde pour une image :
 * [{ name, label, kind, shape (sans la dimension du lot), data: Float32Array }].
 */
export function activations(probe, image) {
  const tf = globalThis.tf;
  return tf.tidy(() => {
    let outs = probe.model.predict(tf.tensor4d(image, [1, 28, 28, 1]));
    if (!Array.isArray(outs)) outs = [outs];
    return outs.map((t, i) => ({ ...probe.layers[i], shape: t.shape.slice(1), data: t.dataSync() }));
  });
}
