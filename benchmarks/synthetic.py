"""The one synthetic catalogue of realistic Danish processes, in memory or as process files.

Used by every benchmark (``bench.py``, ``check_speed.py``, ``site_build.py``, ``search_scale.py``) and by
tests that need more processes than the example catalogue. Deterministic for a given seed. Codes
(municipality folders, KLE, FORM, KLA, IT-systems, technologies) come from the real lists in
``taxonomies/``. Texts are drawn from a Danish municipal vocabulary with Zipf-like word frequencies,
inflected forms and compound words, so the search index has a realistic number of distinct terms:
titles of at most 65 characters, résumés of at most 140, 80-250 words in the long description.
"""

from __future__ import annotations

import json
import random
import re
import textwrap
from pathlib import Path

from generator.audience import Audience, Published, PublishedProcess
from generator.model import PROCESS_FIELDS, Domain, Phase, Process, RunPeriod, Status
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


def _words(rng: random.Random, low: int, high: int) -> str:
    """Between ``low`` and ``high`` words of Danish, in whole sentences (the last one cut short)."""
    wanted = rng.randint(low, high)
    words: list[str] = []
    while len(words) < wanted:
        words += _sentence(rng).split()
    text = " ".join(words[:wanted])
    return text if text.endswith(".") else text.rstrip(".") + "."


def _text(rng: random.Random, chance: float, low: int, high: int) -> str | None:
    return _words(rng, low, high) if rng.random() < chance else None


def _title(rng: random.Random) -> str:
    return f"{rng.choice(VERBS).capitalize()} {_noun(rng)} og {_noun(rng)}"[:65].rstrip()


def _resume(rng: random.Random) -> str:
    text = _sentence(rng)
    if len(text) <= 140:
        return text
    return text[:139].rsplit(" ", 1)[0] + "."


def _codes(taxonomies: Taxonomies, name: str, level: int | None = None) -> list[str]:
    return [t.code for t in taxonomies[name] if t.active and (level is None or t.get("level") == level)]


class _Lists:
    """The codes a synthetic process draws from: the project's real reference lists."""

    def __init__(self, taxonomies: Taxonomies) -> None:
        self.municipalities = _codes(taxonomies, "municipalities") or ["aarhus", "koebenhavn", "odense"]
        self.kle = _codes(taxonomies, "kle", 3) or ["27.24.00"]
        self.kle_forms = {t.code: list(t.get("forms") or []) for t in taxonomies["kle"] if t.get("forms")}
        self.kla = _codes(taxonomies, "kla") or []
        self.systems = _codes(taxonomies, "it_systems") or ["kmd-nexus"]
        self.technologies = _codes(taxonomies, "technologies") or ["uipath"]


UMBRELLA_EVERY = 200  # one shared umbrella process per 200 processes; one process in ten sits under one
COPY_EVERY = 20  # one process in twenty is derived from a process of another organisation


# What a shared umbrella keeps (OS2autoproces saves only these for an umbrella, rule AP306).
UMBRELLA_KEYS = ("title", "short_description", "municipality", "phase", "status", "visibility", "type", "kle",
                 "form", "contact", "domains", "long_description", "search_words", "internal_notes")
_DATES = ("2021-03-01", "2022-09-15", "2023-01-10", "2024-06-03", "2025-02-20")


def _phase_fields(rng: random.Random, lists: _Lists, phase: Phase) -> dict:
    """What a process in ``phase`` must have, so the file is valid without warnings."""
    data: dict = {}
    if phase.at_least(Phase.DEVELOPMENT) and phase != Phase.RAPID:
        data["technologies"] = rng.sample(lists.technologies, rng.randint(1, 2))
        data["run_period"] = rng.choice([p for p in RunPeriod if p != RunPeriod.NOT_CHOSEN_YET]).value
    if phase in (Phase.OPERATION, Phase.DECOMMISSIONED):
        data["put_into_operation"] = rng.choice(_DATES[:3])
    if phase == Phase.DECOMMISSIONED:
        data["decommissioned"] = rng.choice(_DATES[3:])
    return data


def _record(rng: random.Random, lists: _Lists, n: int, municipality: str) -> dict:
    phase = rng.choice(list(Phase))
    status = Status.INPROGRESS if rng.random() < 0.8 else rng.choice(list(Status))
    kle = rng.choice(lists.kle) if rng.random() < 0.85 else None
    data: dict = {
        "title": _title(rng),
        "short_description": _resume(rng),
        "municipality": municipality,
        "phase": phase.value,
        "status": status.value,
        "status_text": None if status in (Status.INPROGRESS, Status.NOT_RATED) else _sentence(rng),
        "visibility": "public",
        "domains": [d.value for d in rng.sample(list(Domain), rng.randint(1, 2))],
        "kle": kle,
        "form": rng.choice(lists.kle_forms[kle]) if kle in lists.kle_forms and rng.random() < 0.7 else None,
        "kla": rng.choice(lists.kla) if lists.kla and rng.random() < 0.1 else None,
        "contact": {"name": "Kontakt Person", "email": f"kontakt{n}@example.dk"},
        "search_words": list(dict.fromkeys(_noun(rng) for _ in range(rng.randint(0, 5)))),
        "long_description": _words(rng, 80, 250),
        "solution_requests": _text(rng, 0.6, 20, 120),
        "process_challenges": _text(rng, 0.6, 20, 120),
        "it_systems": sorted(set(rng.sample(lists.systems, min(len(lists.systems), rng.randint(0, 3))))),
        "time_spend_occurrences": rng.randint(10, 50_000),
        "time_spend_per_occurrence": round(rng.uniform(1, 90), 1),
        "time_spend_percentage_digital": rng.randint(5, 95),
        "technical_implementation_notes": _text(rng, 0.4, 20, 80),
        "automation_description": _text(rng, 0.4, 20, 80),
        "internal_notes": "FORTROLIG-" + _sentence(rng),
        "sep_mep": rng.random() < 0.05,
        **_phase_fields(rng, lists, phase),
    }
    return {key: value for key, value in data.items()
            if value not in (None, [], "") and _allowed_in_phase(key, phase)}


def _allowed_in_phase(key: str, phase: Phase) -> bool:
    """False for a field that belongs to a later phase (rule AP204), as the field registry says."""
    info = PROCESS_FIELDS.get(key)
    return not (info and info.from_phase) or phase.at_least(Phase(info.from_phase))


def _umbrella(data: dict) -> dict:
    return {**{key: data[key] for key in UMBRELLA_KEYS if key in data}, "type": "global_parent",
            "phase": Phase.IDEA.value, "status": Status.INPROGRESS.value}


def synthetic_records(count: int, seed: int = 1, taxonomies: Taxonomies | None = None) -> list[tuple[str, dict]]:
    """``count`` (id, fields) pairs, as a process file holds them, with valid codes from the project's lists.

    Every 200th process is a shared umbrella ("global_parent"); one process in ten sits under the
    latest umbrella and one in twenty is derived from an earlier process of another organisation.
    """
    rng = random.Random(seed)
    lists = _Lists(taxonomies or load_taxonomies(ROOT / "taxonomies"))
    result: list[tuple[str, dict]] = []
    umbrella: str | None = None
    for n in range(count):
        municipality = rng.choice(lists.municipalities)
        process_id = f"{municipality}/proces-{n:05d}"
        data = _record(rng, lists, n, municipality)
        if n % UMBRELLA_EVERY == 0:
            data = _umbrella(data)
            umbrella = process_id
        elif umbrella and n % 10 == 5:
            data["umbrellas"] = [umbrella]
        if n % COPY_EVERY == 7 and result:
            source_id, source = result[rng.randrange(len(result))]
            if source["municipality"] != municipality and source.get("type") != "global_parent":
                data["derived_from"] = source_id
        result.append((process_id, data))
    return result


def synthetic_processes(count: int, seed: int = 1, taxonomies: Taxonomies | None = None) -> list[tuple[str, Process]]:
    """``count`` (id, Process) pairs: :func:`synthetic_records` validated by the model."""
    return [(pid, Process.model_validate(data)) for pid, data in synthetic_records(count, seed, taxonomies)]


_PLAIN = re.compile(r"[A-Za-zÆØÅæøåÉé][\w .,()/-]*[\w.)]|[A-Za-zÆØÅæøå]")
_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}
LONG_TEXT = 100  # strings longer than this are written as literal blocks, wrapped as a person would


def _scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    if _PLAIN.fullmatch(text) and text.lower() not in _YAML_WORDS and ": " not in text and " #" not in text:
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid double-quoted YAML scalar


def to_yaml(data: dict) -> str:
    """The text of a process file: keys in the model's order, long texts as literal blocks."""
    lines: list[str] = []
    for key, value in data.items():
        if isinstance(value, dict):
            lines.append(f"{key}:")
            lines += [f"  {k}: {_scalar(v)}" for k, v in value.items()]
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            lines.append(f"{key}:")  # e.g. validations: a block sequence of mappings
            for item in value:
                lines += [f"  {'-' if i == 0 else ' '} {k}: {_scalar(v)}" for i, (k, v) in enumerate(item.items())]
        elif isinstance(value, list):
            lines.append(f"{key}: [{', '.join(_scalar(v) for v in value)}]")
        elif isinstance(value, str) and len(value) > LONG_TEXT:
            lines.append(f"{key}: |")
            lines += ["  " + line for line in textwrap.wrap(value, 90)]
        else:
            lines.append(f"{key}: {_scalar(value)}")
    return "\n".join(lines) + "\n"


def write_catalogue(processes: Path, count: int, seed: int = 1, taxonomies: Taxonomies | None = None) -> list[Path]:
    """Write ``count`` synthetic process files as ``processes/<municipality>/<slug>.yaml``; returns their paths."""
    paths = []
    for process_id, data in synthetic_records(count, seed, taxonomies):
        path = processes / f"{process_id}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(to_yaml(data), encoding="utf-8")
        paths.append(path)
    return paths

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
