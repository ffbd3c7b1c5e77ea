"""Danish text handling is the same at build time (Python) and in the browser (search-text.js, lunr.da.js)."""

from __future__ import annotations

import re

from generator.audience import Audience, publish
from generator.pipeline import load_catalogue
from generator.search.assets import ASSETS_DIR
from generator.search.danish import STOP_WORDS, code_token, fold, stem, text_terms, tokens
from generator.search.documents import LONG_TEXT_FIELDS
from generator.search.stopwords_da import STOP_WORDS_DA
from generator.taxonomies import load_taxonomies
from tests.search.helpers import ROOT, run_node, synthetic

TRICKY = [
    "Åbenrå", "Aabenraa", "ÅBENRÅ", "Ærø", "Aeroe", "boligstøtte", "boligstoette", "Idé", "ide", "naïve",
    "Straße", "Søren Kierkegaard", "e-Boks", "CPR-nummer", "27.24.00", "§ 42, stk. 2", "LÆ 285",
    "A\u030abenra\u030a",  # Å written as A + combining ring
    "ﬁnansiering", "½-årlig", "Grüße aus Köln", "kl. 8.00–16.00", "“citat”", "under_streg", "İstanbul",
]


def _example_texts() -> list[str]:
    catalogue = load_catalogue([ROOT / "processes"], load_taxonomies(ROOT / "taxonomies"))
    texts = []
    for item in publish(catalogue, Audience()):
        p = item.process
        texts += [p.title, p.short_description, *p.search_words]
        texts += [getattr(p, key) for key in LONG_TEXT_FIELDS if getattr(p, key)]
    return texts


def test_the_stop_words_are_those_of_the_vendored_lunr_da():
    source = (ASSETS_DIR / "vendor" / "lunr.da.min.js").read_text(encoding="utf-8")
    vendored = re.search(r'generateStopWordFilter\("([^"]+)"', source).group(1).split()
    assert list(STOP_WORDS_DA) == vendored
    assert len(STOP_WORDS_DA) == 94


def test_old_and_new_spellings_fold_together():
    assert fold("Åbenrå") == fold("Aabenraa") == fold("ÅBENRÅ") == fold("A\u030abenra\u030a") == "aabenraa"
    assert fold("Ærø") == fold("Aeroe")
    assert fold("boligstøtte") == fold("boligstoette")
    assert fold("Idé") == "ide"
    # a prefix of a word folds to a prefix of the folded word: typing "Åb" finds "Åbenrå"
    for word in ("Åbenrå", "boligstøtte", "Ærø", "Idé"):
        for end in range(1, len(word) + 1):
            assert fold(word).startswith(fold(word[:end]))


def test_inflected_forms_share_a_stem():
    assert stem("borgere") == stem("borger") == stem("borgerne")
    assert stem(fold("ansøgninger")) == stem(fold("ansøgning")) == stem(fold("ansøgningerne"))
    assert text_terms(["Ansøgninger om boligstøtte"]) == text_terms(["ansøgningen om boligstoette"])


def test_stop_words_and_single_letters_are_not_indexed():
    assert tokens("Borgeren og kommunen er på vej i e-Boks") == ["borgeren", "kommunen", "vej", "boks"]
    assert fold("på") in STOP_WORDS and fold("være") in STOP_WORDS


def test_codes_keep_their_dots_and_dashes():
    assert code_token("27.24.00") == "27.24.00"
    assert code_token("(KMD-Nexus),") == "kmd-nexus"
    assert code_token("Åbenrå") == "aabenraa"


def test_folding_and_tokens_agree_with_the_browser():
    corpus = TRICKY + _example_texts()
    assert run_node({"fold": corpus}) == [fold(t) for t in corpus]
    browser_tokens = run_node({"tokens": corpus, "stopWords": sorted(STOP_WORDS)})
    assert browser_tokens == [tokens(t) for t in corpus]


def _vocabulary() -> list[str]:
    """Every token of the example catalogue, of a synthetic catalogue of 1,000 processes (every text the
    search indexes, with KLE's keywords), of the compound-word test set, and inflected forms."""
    from generator.search.documents import search_documents
    from generator.search.index import short_texts
    from tests.search.test_search_compounds import COMPOUNDS, MUST_NOT_SPLIT, TEXTS

    module = synthetic()
    texts = TRICKY + _example_texts() + [w for c, _, _ in COMPOUNDS for w in (c,)] + [w for w, _ in MUST_NOT_SPLIT]
    texts += [t for pair in TEXTS.values() for t in pair]
    for doc in search_documents(module.synthetic_published(1000, seed=1)):
        texts += [*short_texts(doc), *doc.long_texts, *doc.subject_keywords]
    vocabulary = module.NOUNS + module.VERBS + module.ADJECTIVES
    texts += [w + suffix for w in vocabulary for suffix in module.SUFFIXES]
    texts += ["borgere", "ansøgninger", "lægeerklæringerne", "hurtigst", "kærlighed", "løst"]
    return sorted({t for text in texts for t in tokens(text)})


def test_index_and_query_stemming_agree():
    """The build's stemmer (Snowball Danish in C, PyStemmer) and the browser's (lunr-languages'
    stemmer-da) give the same stem for every word of letters; tokens with a digit, where the two
    Snowball ports differ, are stemmed by neither."""
    words = _vocabulary()
    letters = [w for w in words if w.isalpha()]
    with_digits = [w for w in words if not w.isalpha()]
    assert len(letters) > 20_000 and len(with_digits) > 100
    assert run_node({"snowball": letters}) == [stem(w) for w in letters]
    # the build and the browser's engine agree on every token, digits included
    assert run_node({"stem": words}) == [stem(w) for w in words]
    assert [stem(w) for w in with_digits] == with_digits
    # lunr-languages undoubles a digit (bu844 -> bu84); that is why such tokens are not stemmed
    assert run_node({"snowball": ["bu844"]}) == ["bu84"]


def test_the_browsers_lunr_core_stems_and_filters_as_lunr_js():
    """The browser loads lunr's core (search-lunr.js) instead of lunr.js: with lunr-languages' Danish
    stemmer on it, every word stems and every stop word is dropped as with lunr.js, the index's
    pipeline loads alike and an unknown stemmer is refused alike."""
    words = [*_vocabulary()[:5000], *sorted(STOP_WORDS_DA), "", "løst", "hurtigst"]
    answer = run_node({"core": words})
    assert answer["core"] == answer["lunr"]
    assert [w for w, (_, kept) in zip(words, answer["core"]["words"]) if kept is None] == [
        w for w in words if w in STOP_WORDS_DA]
    assert answer["core"]["loaded"] == ["stemmer-da", "trimmer-da", "stopWordFilter-da"]
    assert answer["core"]["unknown"] == "Cannot load unregistered function: stemmer-xx"
