"""sitetools : l'outillage du site et des tests, à côté des greffons MkDocs de ``hooks/``.

Rien ici n'est enseigné dans les chapitres : c'est ce qui construit, vérifie et mesure le site.

- :mod:`.browser` : Chromium piloté par Playwright, serveur HTTP local, tracés au trait ;
- :mod:`.model_report` : les tableaux de chiffres de la page « Le modèle ».
"""
