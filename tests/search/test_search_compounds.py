"""Danish compound words: the same split in Python (build) and in the browser's engine (Node), and what
a reader finds with a compound whose parts are in the texts while the compound itself is not."""

from __future__ import annotations

import json

import pytest

from generator.search.compounds import LINKS, MAX_PARTS, MIN_PART, Splitter, split_compound
from generator.search.danish import STOP_WORDS, fold, stem, text_terms, tokens
from generator.search.documents import search_documents
from generator.search.index import short_texts, splitter_for
from generator.search.output import family_files
from tests.search.helpers import build_data, process, published, run_node
from tests.search.test_search_danish import _example_texts

# (compound as a reader types it, its parts, the process whose text holds the parts but not the compound)
COMPOUNDS = [
    ("pensionsberegning", ("pensions", "beregning"), "aarhus/pension"),
    ("affaldsindsamling", ("affalds", "indsamling"), "aarhus/affald"),
    ("sagsbehandling", ("sags", "behandling"), "aarhus/sager"),
    ("boligstøtte", ("bolig", "stoette"), "aarhus/bolig"),
    ("hjemmehjælp", ("hjemme", "hjaelp"), "aarhus/hjem"),
    ("skoleindskrivning", ("skole", "indskrivning"), "aarhus/skole"),
    ("fakturabehandling", ("faktura", "behandling"), "aarhus/faktura"),
    ("lønudbetaling", ("loen", "udbetaling"), "aarhus/loen"),
    ("parkeringstilladelse", ("parkerings", "tilladelse"), "aarhus/parkering"),
    ("børneattest", ("boerne", "attest"), "aarhus/attest"),
    ("ejendomsskat", ("ejendoms", "skat"), "aarhus/ejendom"),
    ("kørselsgodtgørelse", ("koersels", "godtgoerelse"), "aarhus/koersel"),
    ("vejbelysning", ("vej", "belysning"), "aarhus/vej"),
    ("madudbringning", ("mad", "udbringning"), "aarhus/mad"),
    ("fraværsregistrering", ("fravaers", "registrering"), "aarhus/fravaer"),
    ("ferieplanlægning", ("ferie", "planlaegning"), "aarhus/ferie"),
    ("dokumentscanning", ("dokument", "scanning"), "aarhus/dokument"),
    ("rottebekæmpelse", ("rotte", "bekaempelse"), "aarhus/rotter"),
    ("elevbefordring", ("elev", "befordring"), "aarhus/elev"),
    ("borgerhenvendelse", ("borger", "henvendelse"), "aarhus/henvendelse"),
    ("regningsbetaling", ("regnings", "betaling"), "aarhus/regning"),
    ("adresseændring", ("adresse", "aendring"), "aarhus/adresse"),
    ("kontanthjælpsansøgning", ("kontanthjaelps", "ansoegning"), "aarhus/kontanthjaelp"),
    ("byggesagsbehandling", ("bygge", "sags", "behandling"), "aarhus/byggeri"),
]

# Words a split would give another meaning (or no meaning); the tempting part is in the texts.
MUST_NOT_SPLIT = [
    ("forældre", "ældre"),  # parents, not "for the elderly": "for" is a stop word
    ("omsorg", "sorg"),  # care, not grief
    ("underretning", "retning"),  # a notification, not a direction
    ("efterløn", "løn"),  # early retirement, not pay
    ("overtid", "tid"),
    ("tilbud", "bud"),
    ("medarbejder", "arbejder"),
    ("indsats", "sats"),
    ("bestilling", "stilling"),  # an order, not a position: "be" is too short to be a part
    ("undervisning", "visning"),
    ("udbud", "bud"),
]

TEXTS = {
    "aarhus/pension": ("Beregning af pension", "Robotten laver beregningen af pension for nye pensionister."),
    "aarhus/affald": ("Indsamlingen af affald", "Ruterne for indsamling af affald planlægges hver uge."),
    "aarhus/sager": ("Behandling af sager om tilskud", "Robotten forbereder behandlingen af sager."),
    "aarhus/bolig": ("Støtte til bolig", "Ansøgninger om støtte til en bolig behandles digitalt."),
    "aarhus/hjem": ("Hjælp i hjemmet", "Visitation til hjælp, når borgeren bor hjemme."),
    "aarhus/skole": ("Indskrivning i skole", "Familiernes indskrivning af børn i skolen sker digitalt."),
    "aarhus/faktura": ("Fakturaer fra leverandører", "Behandlingen af fakturaer sker automatisk."),
    "aarhus/loen": ("Udbetaling af løn", "Løn til timelønnede udbetales efter godkendelse."),
    "aarhus/parkering": ("Tilladelser til parkering", "Borgere søger om tilladelse til parkering i zonen."),
    "aarhus/attest": ("Attester for ansatte", "Attesten indhentes, før ansatte arbejder med børn."),
    "aarhus/ejendom": ("Skat af ejendom", "Opkrævning af skat, når en ejendom skifter ejer."),
    "aarhus/koersel": ("Godtgørelse for kørsel", "Ansatte får godtgørelse for kørsel i egen bil."),
    "aarhus/vej": ("Belysning af veje", "Fejl i belysningen på en vej meldes digitalt."),
    "aarhus/mad": ("Udbringning af mad", "Mad til ældre borgere, udbringningen planlægges."),
    "aarhus/fravaer": ("Registrering af fravær", "Fravær registreres automatisk i systemet."),
    "aarhus/ferie": ("Planlægning af ferie", "Ferie for ansatte kræver planlægning."),
    "aarhus/dokument": ("Scanning af dokumenter", "Papirdokumenter får en scanning og journaliseres."),
    "aarhus/rotter": ("Bekæmpelse af rotter", "Anmeldelser om rotter fører til bekæmpelse."),
    "aarhus/elev": ("Befordring af elever", "Elever med lang skolevej får befordring."),
    "aarhus/henvendelse": ("Henvendelser fra borgere", "Hver henvendelse fra en borger sorteres."),
    "aarhus/regning": ("Betaling af regninger", "Regninger sendes til betaling."),
    "aarhus/adresse": ("Ændring af adresse", "En ændring af adresse opdateres i flere systemer."),
    "aarhus/kontanthjaelp": ("Ansøgning om kontanthjælp", "En ansøgning forberedes af robotten."),
    "aarhus/byggeri": ("Sager om byggeri", "Behandlingen af sager, når borgere vil bygge et hus."),
    # The tempting parts of the words that must not split.
    "aarhus/tempting": ("Ældre borgere i sorg", "Retning, løn, tid, bud, arbejder, sats, stilling og visning."),
}

RULES = {"minPart": MIN_PART, "maxParts": MAX_PARTS, "links": list(LINKS)}


@pytest.fixture(scope="module")
def catalogue():
    return published({pid: process(title=title, short_description=resume) for pid, (title, resume) in TEXTS.items()})


@pytest.fixture(scope="module")
def splitter(catalogue) -> Splitter:
    return splitter_for(search_documents(catalogue))


@pytest.fixture(scope="module")
def data(catalogue, tmp_path_factory):
    return build_data(catalogue, tmp_path_factory.mktemp("compounds"))


def _node_split(words: list[str], known: frozenset[str]) -> list:
    return run_node({"split": words, "vocabulary": sorted(known), "compounds": RULES,
                     "stopWords": sorted(STOP_WORDS)})


def _ask(data, queries: list[str]) -> dict[str, list[str]]:
    answers = run_node({"data": str(data), "queries": [{"q": q} for q in queries]})
    return {a["q"]: a["ids"] for a in answers}  # type: ignore[index]


def _python_results(catalogue, splitter: Splitter, query: str) -> set[str]:
    """The Python reference of a one-word query: the documents that hold the word's stem (or a term it
    is a prefix of), or every stem of its parts, in any text field or among their compound parts."""
    word = fold(query)
    parts = splitter.part_stems(word)
    found = set()
    for doc in search_documents(catalogue):
        texts = [*short_texts(doc), *doc.long_texts]
        held = set(text_terms(texts)) | set(splitter.parts_of_texts(texts))
        if stem(word) in held or any(t.startswith(word) for t in held) or (parts and set(parts) <= held):
            found.add(doc.id)
    return found


def test_the_test_set_is_what_it_claims(catalogue):
    assert len(COMPOUNDS) >= 20 and len(MUST_NOT_SPLIT) >= 10
    all_words = {t for title, resume in TEXTS.values() for t in tokens(f"{title} {resume}")}
    for compound, _, _ in COMPOUNDS:
        assert fold(compound) not in all_words, f"{compound} is in the texts"
    for word, part in MUST_NOT_SPLIT:
        assert not any(t.startswith(fold(word)) for t in all_words), word
        assert fold(part) in all_words, part


def test_compounds_split_into_their_parts(splitter):
    for compound, parts, _ in COMPOUNDS:
        assert split_compound(fold(compound), splitter.known_stems.__contains__) == parts, compound


def test_words_whose_split_changes_the_meaning_stay_whole(splitter):
    for word, part in MUST_NOT_SPLIT:
        assert stem(fold(part)) in splitter.known_stems, part
        assert split_compound(fold(word), splitter.known_stems.__contains__) is None, word


def test_short_words_and_unknown_parts_do_not_split():
    known = frozenset({stem("vej"), stem("tid"), stem("pension")}).__contains__
    assert split_compound("vejtid", known) == ("vej", "tid")
    assert split_compound("vejti", known) is None  # too short for two parts
    assert split_compound("pensionsxyz", known) is None  # an unknown part
    assert split_compound("vejs", known) is None  # a linking letter never ends the word
    assert split_compound("pension", known) is None  # one part is not a split


def test_python_and_the_browser_split_alike(splitter):
    """The same parts in Node (search-text.js, lunr.da.js) for the test set and every example text word."""
    words = [fold(c) for c, _, _ in COMPOUNDS] + [fold(w) for w, _ in MUST_NOT_SPLIT]
    words += sorted({t for text in _example_texts() for t in tokens(text)})
    known = splitter.known_stems | {stem(t) for text in _example_texts() for t in tokens(text)}
    python = [split_compound(w, known.__contains__) for w in words]
    browser = _node_split(words, known)
    assert [list(p) if p else None for p in python] == browser
    assert sum(p is not None for p in python) > 40, "the example catalogue has compounds that split"


def test_a_compound_finds_the_process_that_holds_its_parts(catalogue, splitter, data):
    """The test set passes in Python and in Node with the same results."""
    answers = _ask(data, [c for c, _, _ in COMPOUNDS])
    for compound, _, expected in COMPOUNDS:
        python = _python_results(catalogue, splitter, compound)
        assert expected in python, compound
        assert set(answers[compound]) == python, compound


def test_words_that_must_not_split_find_nothing_through_their_tempting_part(data):
    answers = _ask(data, [w for w, _ in MUST_NOT_SPLIT])
    assert {w: ids for w, ids in answers.items() if ids} == {}
    assert _ask(data, ["sorg"])["sorg"] == ["aarhus/tempting"]


@pytest.fixture(scope="module")
def ranking_data(tmp_path_factory):
    catalogue = published({
        # the compound itself, in the résumé only
        "aarhus/exact": process(title="Digital post", short_description="Sagsbehandling af indkomne breve."),
        # its parts, in the title (the field with the highest weight)
        "aarhus/parts": process(title="Behandling af sager", short_description="Robotten sorterer."),
        "aarhus/one-part": process(title="Behandling af breve", short_description="Robotten sorterer."),
        "aarhus/affald": process(title="Affaldsindsamling", short_description="Ruter planlægges."),
        "aarhus/words": process(title="Affald og indsamling", short_description="Tømning af containere."),
    })
    return build_data(catalogue, tmp_path_factory.mktemp("ranking"))


def test_exact_matches_rank_above_split_matches_and_a_part_alone_is_not_enough(ranking_data):
    answers = _ask(ranking_data, ["sagsbehandling", "indsamling"])
    assert answers["sagsbehandling"] == ["aarhus/exact", "aarhus/parts"]
    # the index splits its own compounds: a part finds the compound, after the word itself
    assert answers["indsamling"] == ["aarhus/words", "aarhus/affald"]


@pytest.fixture(scope="module")
def inflected_data(tmp_path_factory):
    catalogue = published({
        "aarhus/borgere": process(title="Borgere med post", short_description="Robotten sorterer breve."),
        # "bor" + "gere": the parts a split of "borgere" would look for, without "borger" itself
        "aarhus/bor": process(title="Hvor vi bor", short_description="Nogle gere sorteres af robotten."),
    })
    return build_data(catalogue, tmp_path_factory.mktemp("inflected"))


def test_a_query_does_not_split_an_inflected_word_at_its_ending(inflected_data):
    """"borgere" (stem "borg", shorter than two parts) is not "bor" + "gere" in a query, though both
    parts are known (the build splits it): it finds what holds its stem, and needs no vocabulary file."""
    known = splitter_for(search_documents(published({"aarhus/x": process(
        title="Borgere og hvor vi bor", short_description="Nogle gere.")}))).known_stems
    assert split_compound("borgere", known.__contains__) == ("bor", "gere")
    answers = run_node({"data": str(inflected_data), "queries": [{"q": "borgere"}]})
    assert answers[0]["ids"] == ["aarhus/borgere"]  # split, it would find "aarhus/bor" too
    assert [f["name"] for f in answers[0]["first"]["fetched"] if f["name"].startswith("ord-")] == []
    # a compound whose stem is long enough still splits in a query
    assert _ask(inflected_data, ["borgerpost"])["borgerpost"] == ["aarhus/borgere"]


def test_the_vocabulary_files_are_in_the_manifest(data):
    manifest = json.loads((data / "manifest.json").read_text(encoding="utf-8"))
    rules = manifest["compounds"]
    assert {k: rules[k] for k in RULES} == RULES
    parts = [json.loads((data / name).read_text(encoding="utf-8")) for name in family_files("ord", rules)]
    stems = [s for part in parts for s in part]
    assert stems == sorted(stems) and stem("pension") in stems and stem(fold("ældre")) in stems
    assert rules["firsts"][0] == "" and all((data / name).is_file() for name in family_files("ord", rules))


@pytest.fixture(scope="module")
def split_vocabulary(tmp_path_factory):
    """The compound test set with its vocabulary split into many small files."""
    from generator.search import output

    catalogue = published({pid: process(title=title, short_description=resume) for pid, (title, resume) in TEXTS.items()})
    before = output.VOCABULARY_FILE_BYTES
    output.VOCABULARY_FILE_BYTES = 30
    try:
        return build_data(catalogue, tmp_path_factory.mktemp("split-vocabulary"))
    finally:
        output.VOCABULARY_FILE_BYTES = before


def test_a_query_downloads_only_the_vocabulary_files_of_its_words(split_vocabulary, data):
    manifest = json.loads((split_vocabulary / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["compounds"]["firsts"]) > 15
    answers = run_node({"data": str(split_vocabulary), "queries": [{"q": c} for c, _, _ in COMPOUNDS]})
    whole = _ask(data, [c for c, _, _ in COMPOUNDS])
    for answer, (compound, _, expected) in zip(answers, COMPOUNDS):
        assert answer["ids"] == whole[compound], compound  # the same results as with one vocabulary file
        fetched = [f["name"] for f in answer["first"]["fetched"] if f["name"].startswith("ord-")]
        assert 0 < len(fetched) < len(manifest["compounds"]["firsts"]) / 2, compound


def test_the_build_splits_as_the_browser_on_a_synthetic_catalogue():
    """The build's splitter (with its shortcuts: prefixes of known stems, answers kept across words,
    the search stopped at a split no other can beat) gives the browser's parts for every word."""
    from tests.search.helpers import synthetic

    documents = search_documents(synthetic().synthetic_published(300, seed=5))
    splitter = splitter_for(documents)
    words = sorted({t for doc in documents for text in (*short_texts(doc), *doc.long_texts) for t in tokens(text)})
    python = [splitter.part_stems(w) for w in words]
    browser = _node_split(words, splitter.known_stems)
    assert [tuple(stem(p) for p in parts) if parts else () for parts in browser] == python
    assert sum(1 for parts in python if parts) > 5000 and sum(1 for parts in python if len(parts) >= 3) > 5
