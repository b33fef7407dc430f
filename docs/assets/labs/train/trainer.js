// L'entraînement dans la page, avec TensorFlow.js : les deux petits réseaux que le lecteur peut
// entraîner, une époque de mini-lots qui rend la main au navigateur entre deux lots (la page ne
// gèle jamais), la mesure de l'exactitude sur les images de test. Pas de DOM ici : `tf` est passé
// en argument (le TensorFlow.js du site, chargé par docs/assets/demo/model.js).

import { accuracyFromProbabilities, batchRanges, gatherBatch, oneHot, shuffledIndices } from './batches.js';

/** Les réglages de l'entraînement : mêmes valeurs pour la page et pour le script de mesure. */
export const SETTINGS = {
  batchSize: 64,
  seed: 20261130,
  cnn: { learningRate: 0.003 },
  mlp: { learningRate: 0.002 },
};

/** Ce que le lecteur peut entraîner. */
export const KINDS = {
  cnn: 'un petit CNN (deux convolutions, deux poolings)',
  mlp: 'un petit MLP (une couche cachée de 64 neurones)',
};

/** Les mêmes, en court, pour la liste déroulante : l'intitulé tient sur un téléphone (≈ 300 px). */
export const KIND_OPTIONS = {
  cnn: 'CNN (2 convolutions, 2 poolings)',
  mlp: 'MLP (64 neurones cachés)',
};

/**
 * Construit et compile le réseau `kind` (« cnn » ou « mlp ») : entrée 28 × 28 × 1, sortie 10
 * probabilités. Graines fixées : deux lecteurs qui cliquent partent des mêmes poids.
 *
 * Le CNN est écrit avec des convolutions **3D** sur un volume d'épaisseur 1 : le moteur
 * WebAssembly de TF.js 4.22 sait calculer le gradient d'une convolution 3D par rapport à ses
 * filtres, mais pas celui d'une convolution 2D (noyau « Conv2DBackpropFilter » absent). Un filtre
 * 1 × 5 × 5 qui glisse sur une image d'épaisseur 1, c'est exactement un filtre 5 × 5 qui glisse
 * sur l'image : mêmes calculs, mêmes poids (vérifié par tests/browser/test_train_lab.py).
 */
export function buildModel(tf, kind) {
  const init = (seed) => tf.initializers.glorotUniform({ seed });
  const model = tf.sequential();
  if (kind === 'cnn') {
    // Convolution 3D d'épaisseur 1, puis retour en 2D pour le pooling : le pooling 3D du moteur
    // WebAssembly est deux fois plus lent à rétropropager que le pooling 2D (mesuré).
    model.add(tf.layers.reshape({ inputShape: [28, 28, 1], targetShape: [1, 28, 28, 1] }));
    model.add(tf.layers.conv3d({ filters: 8, kernelSize: [1, 5, 5], activation: 'relu', kernelInitializer: init(1),
      name: 'conv1' }));
    model.add(tf.layers.reshape({ targetShape: [24, 24, 8] }));
    model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
    model.add(tf.layers.reshape({ targetShape: [1, 12, 12, 8] }));
    model.add(tf.layers.conv3d({ filters: 16, kernelSize: [1, 3, 3], activation: 'relu', kernelInitializer: init(2),
      name: 'conv2' }));
    model.add(tf.layers.reshape({ targetShape: [10, 10, 16] }));
    model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
    model.add(tf.layers.flatten());
    model.add(tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: init(3), name: 'probs' }));
  } else if (kind === 'mlp') {
    model.add(tf.layers.flatten({ inputShape: [28, 28, 1] }));
    model.add(tf.layers.dense({ units: 64, activation: 'relu', kernelInitializer: init(1), name: 'dense1' }));
    model.add(tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: init(2), name: 'probs' }));
  } else {
    throw new Error(`Réseau inconnu « ${kind} » : choisissez « cnn » ou « mlp ».`);
  }
  model.compile({
    optimizer: tf.train.adam(SETTINGS[kind].learningRate),
    loss: 'categoricalCrossentropy',
    metrics: ['accuracy'],
  });
  return model;
}

/**
 * Rend la main au navigateur (une tâche, pas une image : rapide même quand l'onglet est caché).
 * Entre deux mini-lots, la page peut ainsi dessiner, défiler et répondre aux clics.
 */
export function yieldToBrowser() {
  return new Promise((resolve) => {
    if (typeof MessageChannel === 'function') {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { channel.port1.close(); resolve(); };
      channel.port2.postMessage(null);
    } else {
      setTimeout(resolve, 0);
    }
  });
}

/**
 * Une époque : les images d'entraînement mélangées (graine + n° d'époque), un pas d'Adam par
 * mini-lot. `shouldStop()` est consulté avant chaque lot ; `onBatch(loss, accuracy, index, total)`
 * est appelé après. Renvoie vrai si l'époque est allée au bout, faux si on l'a arrêtée.
 */
export async function trainEpoch(tf, model, data, epoch, { shouldStop = () => false, onBatch = () => {} } = {}) {
  const { train, height, width } = data;
  const pixels = height * width;
  const order = shuffledIndices(train.count, SETTINGS.seed + epoch);
  const ranges = batchRanges(train.count, SETTINGS.batchSize);
  for (let b = 0; b < ranges.length; b += 1) {
    if (shouldStop()) return false;
    const [start, end] = ranges[b];
    const batch = gatherBatch(train.images, train.labels, pixels, order, start, end);
    const xs = tf.tensor4d(batch.x, [batch.size, height, width, 1]);
    const ys = tf.tensor2d(oneHot(batch.labels), [batch.size, 10]);
    let result;
    try {
      result = await model.trainOnBatch(xs, ys);
    } finally {
      xs.dispose();
      ys.dispose();
    }
    const [loss, accuracy] = Array.isArray(result) ? result : [result, NaN];
    onBatch(loss, accuracy, b, ranges.length);
    await yieldToBrowser();
  }
  return true;
}

/** Exactitude du modèle sur une partie du jeu ({ images, labels, count }), par paquets. */
export async function evaluate(tf, model, split, height = 28, width = 28, chunk = 250) {
  const pixels = height * width;
  const probs = new Float32Array(split.count * 10);
  for (let start = 0; start < split.count; start += chunk) {
    const end = Math.min(split.count, start + chunk);
    const out = tf.tidy(() => model.predict(
      tf.tensor4d(split.images.subarray(start * pixels, end * pixels), [end - start, height, width, 1])).dataSync());
    probs.set(out, start * 10);
    await yieldToBrowser();
  }
  return accuracyFromProbabilities(probs, split.labels);
}

/** Probabilités des 10 chiffres pour une image 28 × 28 (Float32Array de 784). */
export function predictOne(tf, model, image) {
  return tf.tidy(() => model.predict(tf.tensor4d(image, [1, 28, 28, 1])).dataSync());
}
