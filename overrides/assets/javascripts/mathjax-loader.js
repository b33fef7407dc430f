// MathJax (1,2 Mo, servi par le site : assets/vendor/mathjax/) ne se télécharge que sur une page
// qui a des formules : la page « Démo », la plus ouverte sur un téléphone, n'en a pas. On cherche
// là où MathJax les chercherait, d'après sa configuration (mathjax-config.js, chargée avant) : dans
// ses éléments (startup.elements), un délimiteur ouvrant de formule (tex.inlineMath, displayMath).

const { startup, tex } = window.MathJax;
const OPENERS = [...tex.inlineMath, ...tex.displayMath].map(([open]) => open);

function hasMath() {
  return Array.from(document.querySelectorAll(startup.elements.join(', ')))
    .some((element) => OPENERS.some((open) => element.textContent.includes(open)));
}

if (hasMath()) {
  const script = document.createElement('script');
  script.src = new URL('../vendor/mathjax/tex-chtml.js', import.meta.url).href;
  script.async = true;
  document.head.append(script);
}
