"""The Danish stop words of the catalogue search: words too common to search for.

Provenance: the Snowball Danish stop-word list (snowballstem.org, BSD licence) as shipped in
lunr-languages 1.22.0 ``lunr.da.js`` (``lunr.da.stopWordFilter``), which is vendored in
``site_templates/assets/search/vendor/``; the list lives here so the build needs no download.
``tests/search/test_search_danish.py`` keeps it equal to the list in the vendored ``lunr.da.min.js``.
"""

STOP_WORDS_DA: tuple[str, ...] = tuple("""
    ad af alle alt anden at blev blive bliver da de dem den denne der deres det dette dig din
    disse dog du efter eller en end er et for fra ham han hans har havde have hende hendes her
    hos hun hvad hvis hvor i ikke ind jeg jer jo kunne man mange med meget men mig min mine mit
    mod ned noget nogle nu når og også om op os over på selv sig sin sine sit skal skulle som
    sådan thi til ud under var vi vil ville vor være været
""".split())
