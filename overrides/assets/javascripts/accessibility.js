// Accessibilité de chaque page, pour ce que Material et mkdocs-jupyter ne font pas (vérifiée par
// axe-core dans tests/browser/test_accessibility.py) :
// - une zone qui défile de côté (bloc de code, sortie trop large d'un chapitre, tableau,
//   formule) prend le focus du clavier, pour qu'on la fasse défiler aux flèches ; seulement quand
//   elle déborde, pour ne pas ajouter un arrêt de tabulation à chaque cellule. Refait quand le
//   contenu change de taille : fenêtre plus étroite (un téléphone qu'on tourne), formules
//   composées par MathJax ;
// - la boîte de recherche de Material, un dialogue, porte un nom.

const SCROLLERS = '.md-content :is(pre > code, .highlight-ipynb, .jp-OutputArea-output, '
  + '.md-typeset__scrollwrap, mjx-container[display="true"])';
// Marque les zones dont ce script a posé le tabindex (il ne retire jamais celui d'un autre).
const MARK = 'dlScrollFocus';

// Ce qui prend déjà le focus : une zone qui en contient (visible) se parcourt au clavier sans aide.
const FOCUSABLE = 'a[href], button, input, select, textarea, [tabindex]:not([data-dl-scroll-focus])';

function hasFocusable(el) {
  return Array.from(el.querySelectorAll(FOCUSABLE)).some((e) => e.getBoundingClientRect().width > 0);
}

function overflows(el) {
  return el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
}

function scrollRegions() {
  for (const el of document.querySelectorAll(SCROLLERS)) {
    const scrolls = /(auto|scroll)/.test(getComputedStyle(el).overflowX + getComputedStyle(el).overflowY);
    if (scrolls && overflows(el) && !hasFocusable(el)) {
      if (!el.hasAttribute('tabindex')) {
        el.tabIndex = 0;
        el.dataset[MARK] = '';
      }
    } else if (MARK in el.dataset) {
      el.removeAttribute('tabindex');
      delete el.dataset[MARK];
    }
  }
}

function nameSearch() {
  const search = document.querySelector('.md-search[role="dialog"]');
  if (search && !search.hasAttribute('aria-label')) search.setAttribute('aria-label', 'Recherche dans le site');
}

let pending = 0;
function update() {
  cancelAnimationFrame(pending);
  pending = requestAnimationFrame(scrollRegions);
}

// Material range les tableaux dans leur boîte à défilement au chargement du document.
function start() {
  nameSearch();
  update();
}
if (document.readyState === 'complete') start();
else window.addEventListener('load', start, { once: true });
const content = document.querySelector('.md-content');
if (content) new ResizeObserver(update).observe(content);
