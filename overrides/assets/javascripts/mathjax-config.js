// Configuration de MathJax 3, servi par le site lui-même (assets/vendor/mathjax/tex-chtml.js).
//
// MathJax ne met en forme que les éléments qui contiennent des formules :
// - pages Markdown : pymdownx.arithmatex (mode « generic ») entoure chaque formule d'un élément
//   de classe « arithmatex », avec les délimiteurs \( \) et \[ \] ;
// - notebooks : nbconvert laisse les formules des cellules Markdown telles quelles, avec $ et
//   $$, dans les éléments de classe « jp-RenderedMarkdown » (et « jp-RenderedLatex » pour les
//   sorties LaTeX des cellules de code, par exemple IPython.display.Math).
// Un « $ » ailleurs dans une page (menu, pied de page, recherche) reste donc un dollar.
window.MathJax = {
  tex: {
    inlineMath: [['\\(', '\\)'], ['$', '$']],
    displayMath: [['\\[', '\\]'], ['$$', '$$']],
    processEscapes: true,
    processEnvironments: true,
    tags: 'ams',
  },
  startup: {
    elements: ['.arithmatex', '.jp-RenderedMarkdown', '.jp-RenderedLatex'],
  },
};
