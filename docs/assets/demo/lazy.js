// Charger le code d'un élément de page seulement là où il sert : demo.js et labs.js, chargés sur
// toutes les pages (extra_javascript de mkdocs.yml), n'importent leurs modules (environ 300 ko en
// une trentaine de fichiers) que sur une page qui a une démo ou un labo.

/**
 * À chaque page qui contient `selector`, importe le module que rend `load()` (une seule fois : le
 * navigateur le garde) et appelle sa fonction mountAll(), qui monte ce qui ne l'est pas encore.
 * Si l'import échoue (connexion coupée, fichier absent), chaque élément `selector` encore vide
 * reçoit `message`, en français, et data-state="error". Les pages que Material chargerait sans
 * recharger les scripts (navigation instantanée) arrivent par document$.
 */
export function loadWhenPresent(selector, load, message) {
  const check = () => {
    if (!document.querySelector(selector)) return;
    load().then((module) => module.mountAll(), (err) => {
      console.error(err);
      for (const el of document.querySelectorAll(selector)) {
        if (el.childElementCount) continue;
        el.dataset.state = 'error';
        el.textContent = message;
      }
    });
  };
  // mountAll ne monte pas deux fois le même élément : que document$ et le chargement de la page
  // appellent tous deux check() est sans effet.
  if (window.document$ && typeof window.document$.subscribe === 'function') window.document$.subscribe(check);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', check);
  else check();
}
