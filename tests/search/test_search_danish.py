"""Danish text handling is the same at build time (Python) and in the browser (search-core.js, lunr.da.js)."""

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


def test_index_and_query_stemming_agree():
    """lunr.py's stemmer-da (NLTK Snowball) and lunr-languages' stemmer-da give the same stems."""
    words = {t for text in TRICKY + _example_texts() for t in tokens(text)}
    module = synthetic()
    vocabulary = module.NOUNS + module.VERBS + module.ADJECTIVES
    words |= {t for w in vocabulary for suffix in module.SUFFIXES for t in tokens(w + suffix)}
    words |= {t for w in ("borgere", "ansøgninger", "lægeerklæringerne", "hurtigst", "kærlighed", "løst")
              for t in tokens(w)}
    ordered = sorted(words)
    assert len(ordered) > 500
    assert run_node({"stem": ordered}) == [stem(w) for w in ordered]
