// MathJax (1,2 Mo, servi par le site : assets/vendor/mathjax/) ne se télécharge que sur une page
// qui a des formules : la page « Démo », la plus ouverte sur un téléphone, n'en a pas. La
// configuration (mathjax-config.js, chargée avant) dit où MathJax cherche les formules ; on
// regarde les mêmes éléments : formules des pages Markdown (arithmatex), sorties LaTeX et
// cellules Markdown des chapitres qui contiennent des délimiteurs TeX.

const TEX = /\$|\\\(|\\\[/;

function hasMath() {
  if (document.querySelector('.arithmatex, .jp-RenderedLatex')) return true;
  return Array.from(document.querySelectorAll('.jp-RenderedMarkdown')).some((e) => TEX.test(e.textContent));
}

if (hasMath()) {
  const script = document.createElement('script');
  script.src = new URL('../vendor/mathjax/tex-chtml.js', import.meta.url).href;
  script.async = true;
  document.head.append(script);
}
