// Les laboratoires des chapitres : chaque élément [data-lab="nom"] de la page est monté par le
// module enregistré sous ce nom. Chargé sur toutes les pages (extra_javascript de mkdocs.yml) ; ne
// charge rien d'autre sur une page sans laboratoire (chaque module est importé à la demande).
//
//     <div data-lab="train"></div>     entraîner un petit réseau dans la page (chapitre Keras)

const REGISTRY = {
  train: () => import('./train/lab.js').then((m) => m.mountTrainLab),
};

/** Monte chaque laboratoire de `scope` pas encore monté. */
export async function mountLabs(scope = document) {
  for (const root of scope.querySelectorAll('[data-lab]')) {
    if (root.dataset.labMounted) continue;
    const loader = REGISTRY[root.dataset.lab];
    if (!loader) continue; // un autre module s'en charge, ou un nom inconnu : on n'y touche pas
    root.dataset.labMounted = 'true';
    try {
      const mount = await loader();
      mount(root);
    } catch (err) {
      root.textContent = `Le laboratoire n\u2019a pas pu être chargé\u00a0: ${err && err.message ? err.message : err}`;
    }
  }
}

if (typeof window !== 'undefined') {
  if (window.document$ && typeof window.document$.subscribe === 'function') {
    window.document$.subscribe(() => mountLabs());
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => mountLabs());
  else mountLabs();
}
