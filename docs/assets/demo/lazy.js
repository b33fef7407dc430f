// Charger le code d'un élément de page seulement là où il sert : demo.js et labs.js, chargés sur
// toutes les pages (extra_javascript de mkdocs.yml), n'importent leurs modules (environ 300 ko en
// une trentaine de fichiers) que sur une page qui a une démo ou un labo.

/**
 * Quand la page contient `selector`, importe le module que rend `load()` ; il se monte lui-même.
 * Si l'import échoue (connexion coupée, fichier absent), chaque élément `selector` encore vide
 * reçoit `message`, en français, et data-state="error". Suit aussi les pages que Material
 * chargerait sans recharger les scripts (document$, navigation instantanée).
 */
export function loadWhenPresent(selector, load, message) {
  let started = false;
  const check = () => {
    if (started || !document.querySelector(selector)) return;
    started = true;
    load().catch((err) => {
      console.error(err);
      for (const el of document.querySelectorAll(selector)) {
        if (el.childElementCount) continue;
        el.dataset.state = 'error';
        el.textContent = message;
      }
    });
  };
  if (window.document$ && typeof window.document$.subscribe === 'function') window.document$.subscribe(check);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', check);
  else check();
}
