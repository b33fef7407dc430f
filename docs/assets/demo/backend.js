// Le moteur de calcul de TensorFlow.js, dit en mots pour le lecteur : la démo (temps mesurés) et
// le laboratoire d'entraînement le nomment de la même façon. Module pur (aucun accès au DOM),
// testé par Node (tests/js/backend.test.mjs).

/**
 * « wasm », « webgl » ou « cpu » (tf.getBackend()) → « calcul en WebAssembly sur le processeur »…
 * renderer : le nom du rendu WebGL s'il est connu ; SwiftShader est un WebGL logiciel, sans carte
 * graphique.
 */
export function describeBackend(name, renderer = '') {
  switch (name) {
    case 'cpu':
      return 'calcul en JavaScript sur le processeur';
    case 'wasm':
      return 'calcul en WebAssembly sur le processeur';
    case 'webgl':
      return /swiftshader/i.test(renderer || '') ? 'calcul WebGL logiciel, sans carte graphique' : 'calcul WebGL';
    case 'webgpu':
      return 'calcul WebGPU';
    default:
      return `calcul par le moteur « ${name} »`;
  }
}
