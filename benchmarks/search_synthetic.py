"""A synthetic catalogue of realistic Danish processes, built in memory (no YAML files).

Used by ``benchmarks/search_scale.py`` (10,000 processes) and by tests that need more processes than
the example catalogue (a few hundred). Deterministic for a given seed. Texts are drawn from a Danish
municipal vocabulary with Zipf-like word frequencies, inflected forms and compound words, so the
index has a realistic number of distinct terms; lengths vary from a line to several paragraphs.
"""

from __future__ import annotations

import random
from pathlib import Path

from generator.audience import Audience, Published, PublishedProcess
from generator.model import Domain, Phase, Process, RunPeriod, Status
from generator.taxonomies import Taxonomies, load_taxonomies

ROOT = Path(__file__).resolve().parent.parent

NOUNS = """
borger ansøgning sag afgørelse bevilling ydelse kontanthjælp sygedagpenge boligstøtte pension
førtidspension barn forælder elev skole dagtilbud vuggestue børnehave institution plads venteliste
hjælpemiddel rollator genoptræning hjemmepleje plejebolig ældre visitation borgerservice henvendelse
telefon mail brev post journal dokument journalisering faktura kreditor debitor opkrævning rykker
restance betaling udbetaling refusion regnskab budget konto bogføring løn medarbejder fravær ferie
sygefravær ansættelse fratrædelse kontrakt indkøb leverandør aftale tilbud udbud byggesag
byggetilladelse ejendom grund matrikel vej parkering affald renovation container tømning
miljø spildevand tilsyn kontrol virksomhed erhverv bevilling tilladelse dispensation klage partshøring
høring borgerrådgiver beskæftigelse jobcenter ledig sygemelding lægeerklæring opfølgning samtale
virksomhedspraktik uddannelse ungdomsuddannelse integration sprogskole tolk flygtning familie
underretning anbringelse handleplan foranstaltning sagsbehandler sagsbehandling data register
indberetning statistik rapport oversigt liste skabelon formular blanket selvbetjening portal
kvittering notat bilag vedhæftning cpr adresse bopæl folkeregister flytning navneændring
vielse skilsmisse begravelse gravsted kirkegård bibliotek lån materiale kultur idræt forening
tilskud lokale booking kalender mødelokale nøgle adgang brugeradgang rettighed system robot
integration snitflade automatisering regel kriterie validering kvalitet fejl undtagelse kø
""".split()
VERBS = """
modtager behandler registrerer kontrollerer sender opretter opdaterer beregner godkender afviser
journaliserer udbetaler indhenter vurderer sammenholder udfylder tjekker læser flytter arkiverer
informerer besvarer fordeler prioriterer genberegner afstemmer udsøger opsummerer
""".split()
ADJECTIVES = """
manuel digital automatisk årlig månedlig daglig ny gammel stor lille kompleks enkel fælles lokal
kommunal statslig rettidig forsinket korrekt ufuldstændig strukturerede ustrukturerede hyppig
""".split()
FILLER = """
og i på til af for med som der er det en et de at den hver fra hos om når efter også
""".split()
SUFFIXES = ("", "", "", "en", "er", "erne", "et", "ene", "s")


_ZIPF_WEIGHTS: dict[int, list[float]] = {}


def _zipf(rng: random.Random, words: list[str]) -> str:
    """A word with Zipf's law: the word of rank r is drawn with weight 1/r."""
    if len(words) not in _ZIPF_WEIGHTS:
        total, cumulative = 0.0, []
        for rank in range(1, len(words) + 1):
            total += 1 / rank
            cumulative.append(total)
        _ZIPF_WEIGHTS[len(words)] = cumulative
    return rng.choices(words, cum_weights=_ZIPF_WEIGHTS[len(words)])[0]


def _noun(rng: random.Random) -> str:
    word = _zipf(rng, NOUNS)
    if rng.random() < 0.3:
        word = _zipf(rng, NOUNS) + word  # Danish compounds: "boligstøtte" + "sag"
    return word + rng.choice(SUFFIXES)


def _sentence(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(6, 16)):
        r = rng.random()
        if r < 0.45:
            parts.append(_noun(rng))
        elif r < 0.6:
            parts.append(rng.choice(VERBS))
        elif r < 0.7:
            parts.append(rng.choice(ADJECTIVES))
        elif r < 0.75:
            parts.append(str(rng.randint(2, 9000)))
        else:
            parts.append(rng.choice(FILLER))
    text = " ".join(parts)
    return text[0].upper() + text[1:] + "."


def _text(rng: random.Random, sentences: tuple[int, int]) -> str | None:
    count = rng.randint(*sentences)
    if count == 0:
        return None
    return " ".join(_sentence(rng) for _ in range(count))[:9_000]


def _title(rng: random.Random) -> str:
    title = f"{rng.choice(VERBS).capitalize()} {_noun(rng)} og {_noun(rng)}"
    return title[:65]


def _codes(taxonomies: Taxonomies, name: str, level: int | None = None) -> list[str]:
    return [t.code for t in taxonomies[name] if t.active and (level is None or t.get("level") == level)]


def synthetic_processes(count: int, seed: int = 1, taxonomies: Taxonomies | None = None) -> list[tuple[str, Process]]:
    """``count`` (id, Process) pairs with valid codes from the project's lists."""
    rng = random.Random(seed)
    lists = taxonomies or load_taxonomies(ROOT / "taxonomies")
    municipalities = _codes(lists, "municipalities") or ["aarhus", "koebenhavn", "odense"]
    kle = _codes(lists, "kle", 3) or ["27.24.00"]
    form = _codes(lists, "form", 4) or ["14.40.10.10"]
    systems = _codes(lists, "it_systems") or ["kmd-nexus"]
    technologies = _codes(lists, "technologies") or ["uipath"]
    result: list[tuple[str, Process]] = []
    seen: set[str] = set()
    phases, statuses, domains, periods = list(Phase), list(Status), list(Domain), list(RunPeriod)
    for n in range(count):
        municipality = rng.choice(municipalities)
        title = _title(rng)
        slug = f"proces-{n:05d}"
        process_id = f"{municipality}/{slug}"
        seen.add(process_id)
        phase = rng.choice(phases)
        data = {
            "title": title,
            "short_description": _sentence(rng)[:140],
            "municipality": municipality,
            "phase": phase.value,
            "status": rng.choice(statuses).value,
            "visibility": "public",
            "domains": [d.value for d in rng.sample(domains, rng.randint(1, 2))],
            "kle": rng.choice(kle) if rng.random() < 0.85 else None,
            "contact": {"name": "Kontakt Person", "email": f"kontakt{n}@example.dk"},
            "search_words": [_noun(rng) for _ in range(rng.randint(0, 5))],
            "long_description": _text(rng, (1, 25)),
            "solution_requests": _text(rng, (0, 10)),
            "process_challenges": _text(rng, (0, 10)),
            "it_systems": sorted(set(rng.sample(systems, min(len(systems), rng.randint(0, 3))))),
            "time_spend_occurrences": rng.randint(10, 50_000),
            "time_spend_per_occurrence": round(rng.uniform(1, 90), 1),
            "time_spend_percentage_digital": rng.randint(5, 95),
            "technical_implementation_notes": _text(rng, (0, 6)),
            "automation_description": _text(rng, (0, 6)),
            "internal_notes": "FORTROLIG-" + _sentence(rng),
            "sep_mep": rng.random() < 0.05,
        }
        if data["kle"] and rng.random() < 0.5:
            data["form"] = rng.choice(form)
        if rng.random() < 0.1:
            data["kla"] = f"{rng.randint(10, 99)}.{rng.randint(10, 99)}.{rng.randint(10, 99)}"
        if phase.at_least(Phase.DEVELOPMENT):
            data["technologies"] = rng.sample(technologies, rng.randint(1, 2))
            data["run_period"] = rng.choice(periods).value
        if rng.random() < 0.03:
            data["type"] = "parent"
        result.append((process_id, Process.model_validate(data)))
    return result


def synthetic_published(count: int, seed: int = 1, taxonomies: Taxonomies | None = None) -> Published:
    """A public :class:`Published` of ``count`` synthetic processes (confidential fields blanked)."""
    lists = taxonomies or load_taxonomies(ROOT / "taxonomies")
    audience = Audience()
    items = [
        PublishedProcess(id=pid, process=audience.shield(process),
                         path=ROOT / "processes" / f"{pid}.yaml", findings=(), own=False)
        for pid, process in synthetic_processes(count, seed, lists)
    ]
    items.sort(key=lambda p: p.id)
    return Published(audience=audience, taxonomies=lists, processes=items)
