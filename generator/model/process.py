"""The process schema: one YAML file under ``processes/<municipality>/<slug>.yaml``.

It covers the whole OS2autoproces process model (as the OS2autoproces back end defines it):
general information, challenges, time and process, assessment, development and
implementation, operation, attachments and links, and internal notes. Keys are
OS2autoproces's field names in snake_case; where its name is misleading or misspelt
(``timeSpendOccurancesPerEmployee`` holds cases per year) the key says what the field holds
and the importer maps the old name.

The schema only checks shape (types, lengths, ranges, enums, code patterns). Rules that
need several fields, other files or the reference lists live in ``generator.checks``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

import unicodedata

from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Strict, StringConstraints,
                      ValidationInfo, computed_field, model_validator)
from pydantic_core import PydanticCustomError

from generator.model import derived, enums
from generator.model.fields import field

LONG_TEXT = 10_000

# Numbers: every numeric field has a finite range that a real process can have, written once in
# its field definition below (``ge``/``le``); infinity and NaN are refused for every field.
# Dates, too, lie within years a catalogue entry can mean.
FIRST_DATE = dt.date(1950, 1, 1)
LAST_DATE = dt.date(2100, 12, 31)

# Text: besides each field's own length, one process holds at most this many characters of text
# in all (1 MB of YAML would otherwise become pages, search shards and exports of that size).
MAX_TOTAL_TEXT = 60_000
# Lists have a length a real process can have; each list field names its cap (``max_length``).
MANY, FEW = 50, 20

# Characters that show nothing: format characters (zero-width space and joiners, U+FEFF, soft
# hyphen, bidi marks) and the Hangul and Braille fillers used to fake an empty-looking text.
_INVISIBLE_FILLERS = {"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800", "\u034f"}


# Context of a process rebuilt from the signed results cache (``generator.checks.results_cache``): the
# rules in Python below passed when its entry was written; types, lengths and patterns are checked again.
FROM_RESULTS_CACHE = {"from_results_cache": True}


def _has_visible_character(value: str, info: ValidationInfo) -> str:
    """A text must show something: not only zero-width, whitespace or filler characters."""
    if info.context is not FROM_RESULTS_CACHE and not any(
            unicodedata.category(c)[0] in "LNPS" and c not in _INVISIBLE_FILLERS for c in value):
        raise PydanticCustomError("text_invisible", "Text holds only invisible characters")
    return value

# Enumerations are read from their text value (the model is otherwise strict).
Phase = Annotated[enums.Phase, Strict(False)]
Status = Annotated[enums.Status, Strict(False)]
Visibility = Annotated[enums.Visibility, Strict(False)]
ProcessType = Annotated[enums.ProcessType, Strict(False)]
Domain = Annotated[enums.Domain, Strict(False)]
RunPeriod = Annotated[enums.RunPeriod, Strict(False)]
Level = Annotated[enums.Level, Strict(False)]
ItemVisibility = Annotated[enums.ItemVisibility, Strict(False)]

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_has_visible_character)]
KleCode = Annotated[str, StringConstraints(pattern=r"^\d{2}(\.\d{2}){0,2}$")]
FormCode = Annotated[str, StringConstraints(pattern=r"^\d{2}(\.\d{2}){0,3}$")]
KlaCode = Annotated[str, StringConstraints(pattern=r"^\d{2}\.\d{2}\.\d{2}(\.\d{2}){0,2}$")]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)]
ProcessRef = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*/[a-z0-9]+(-[a-z0-9]+)*$")]
Email = Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", max_length=255)]
Url = Annotated[str, StringConstraints(pattern=r"^https?://\S+$", max_length=1024)]

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso_date_only(value: Any) -> Any:
    """Only ``ÅÅÅÅ-MM-DD`` is a date: no timestamps (``0`` would be 1970-01-01), no times of day."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value.strip()):
        return value.strip()
    raise PydanticCustomError("date_parsing", "Input should be a date written as YYYY-MM-DD")


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date_only)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, use_enum_values=False, allow_inf_nan=False)


class Person(_Strict):
    name: Text = field("Navn", "Personens fulde navn.", "general", default=..., max_length=128)
    email: Email | None = field("E-mail", "Personens e-mailadresse.", "general")
    phone: Annotated[str, StringConstraints(max_length=32)] | None = field("Telefon", "Telefonnummer.", "general")
    role: Annotated[str, StringConstraints(max_length=128)] | None = field(
        "Rolle", "Personens rolle, fx 'Digitaliseringskonsulent'.", "general")


class Link(_Strict):
    url: Url = field("Adresse", "Linkets adresse, der begynder med https://.", "attachments", default=...)
    title: Annotated[str, StringConstraints(max_length=255)] | None = field(
        "Titel", "Kort tekst, der vises i stedet for adressen.", "attachments")
    visibility: ItemVisibility = field(
        "Synlighed", "Hvem må se linket: 'public' (alle) eller 'municipality' (kun egen organisation).",
        "attachments", default=enums.ItemVisibility.PUBLIC)


class Attachment(_Strict):
    file: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._ -]*$", max_length=200)] = field(
        "Fil", "Filnavnet på et bilag, der ligger i mappen 'bilag' ved siden af procesfilen.",
        "attachments", default=...)
    title: Annotated[str, StringConstraints(max_length=255)] | None = field(
        "Titel", "Bilagets titel.", "attachments")
    visibility: ItemVisibility = field(
        "Synlighed", "Hvem må se bilaget: 'public' (alle) eller 'municipality' (kun egen organisation).",
        "attachments", default=enums.ItemVisibility.MUNICIPALITY)


class Validation(_Strict):
    """Another municipality's review of a process ("validere hinandens indberettede processer")."""

    municipality: Slug = field(
        "Kommune", "Kortnavnet på den organisation, der har gennemgået processen, fx 'odense'. Det må ikke være "
        "processens egen organisation.", "general", default=...)
    date: IsoDate = field(
        "Dato", "Datoen for gennemgangen (ÅÅÅÅ-MM-DD); ikke en dato i fremtiden.", "general", default=...,
        strict=False)
    note: Annotated[str, StringConstraints(max_length=1000)] | None = field(
        "Bemærkning", "Kort om, hvad der er gennemgået, fx 'Tallene passer med vores egen løsning'.", "general")


LEVEL_HELP = ("Svar med very_high (I høj grad), high (I nogen grad), low (I mindre grad), very_low (Slet ikke), "
              "unknown (Ved ikke) eller not_set (Ikke forholdt sig).")


def _text(label: str, help: str, section: str, max_length: int = LONG_TEXT, **kw) -> object:
    return field(label, help, section, max_length=max_length, **kw)


class Process(_Strict):
    """One work process with automation potential."""

    # --- A. Grundlæggende oplysninger ------------------------------------------------------
    title: Text = field("Titel", "Processens navn, højst 65 tegn.", "general", default=..., max_length=65,
        umbrella=True)
    short_description: Text = field(
        "Resumé", "Kort beskrivelse på højst 140 tegn, som vises i søgeresultaterne.", "general",
        default=..., max_length=140, umbrella=True)
    municipality: Slug = field(
        "Organisation", "Organisationens mappenavn, fx 'aarhus'. Skal svare til mappen, filen ligger i.",
        "general", default=..., umbrella=True, references="municipalities", search="code")
    phase: Phase = field("Fase", "Hvor langt processen er nået.", "general", default=..., umbrella=True)
    status: Status = field("Status", "Processens status i den aktuelle fase.", "general", default=..., umbrella=True)
    status_text: Text | None = _text(
        "Begrundelse for status",
        "Hvorfor er processen mislykket, afventer, afvist eller ikke relevant mere?", "general", markdown=True,
        search="long")
    visibility: Visibility = field(
        "Synlighed", "Hvem må se processen: 'public' (alle), 'municipality' (egen organisation) "
        "eller 'personal' (kun de tilknyttede personer).", "general", default=..., umbrella=True)
    type: ProcessType = field(
        "Procestype", "'child' for en almindelig proces, 'parent' for en egen paraplyproces og "
        "'global_parent' for en fælles paraplyproces.", "general", default=enums.ProcessType.CHILD, umbrella=True)
    umbrellas: list[ProcessRef] = field(
        "Paraplyprocesser", "Id'er på de paraplyprocesser, processen hører under, fx 'aarhus/sagsbehandling'.",
        "general", default_factory=list, max_length=FEW, references="processes")
    derived_from: ProcessRef | None = field(
        "Kopieret fra", "Id på den proces fra en anden organisation, som denne proces bygger på.", "general",
        references="processes")
    validations: list[Validation] = field(
        "Valideringer", "Gennemgange fra andre organisationer: en liste med kommune, dato og bemærkning. "
        "Tilføjes af den, der har gennemgået processen, i en pull request.", "general", default_factory=list,
        max_length=MANY)
    adopted_by: list[Slug] = field(
        "Bruges også af", "Kortnavne på andre organisationer, der bruger processen uændret, fx ['odense'].",
        "general", default_factory=list, max_length=MANY)
    domains: list[Domain] = field("Fagområder", "Et eller flere fagområder.", "general", default_factory=list,
                                  max_length=FEW, umbrella=True, search="label")
    kle: KleCode | None = field(
        "KLE", "KLE-emnenummer fra KL Emnesystematik, fx '32.18.00'.", "general",
        umbrella=True, references="kle", search="code")
    form: FormCode | None = field(
        "FORM", "FORM-kode fra Forretningsreferencemodellen, fx '26.15.10'. Kræver et KLE-nummer.", "general",
        umbrella=True, references="form", search="code")
    kla: KlaCode | None = field(
        "KL's Arbejdsgangsbank", "Nummer på en proces i KL's Arbejdsgangsbank, fx '10.88.11'.", "general",
        umbrella=True, references="kla", search="code")
    kl_id: Annotated[str, StringConstraints(max_length=64)] | None = field(
        "KL ID", "Et id, som KL bruger.", "general", umbrella=True, search="code")
    legal_clause: Text | None = _text(
        "Lovparagraf", "Den lovparagraf, processen bygger på.", "general", max_length=3000,
        from_phase="preanalysis", search="long", free_text=True)
    sep_mep: bool = field(
        "SEP/MEP", "Sæt til true, hvis processen er en del af KL's fælles automatiseringsprojekter.",
        "general", default=False)
    vendor: Annotated[str, StringConstraints(max_length=255)] | None = field(
        "Leverandør", "Leverandøren af løsningen.", "general", from_phase="development", search="long")
    contact: Person = field(
        "Kontaktperson", "Den person, andre kan kontakte om løsningen (navn og e-mail).", "general",
        default=..., umbrella=True)
    other_contact_email: Email | None = field(
        "Anden kontaktinformation", "En funktionspostkasse, der vises i stedet for kontaktpersonen, "
        "fx 'digitalisering@kommune.dk'.", "general", umbrella=True)
    owner: Person | None = field(
        "Faglig kontaktperson", "Den person, der driver processen i hverdagen. Vises kun i egen organisation.",
        "general", confidential=True, umbrella=True)
    reporter: Person | None = field(
        "Indberetter", "Den person, der har indberettet processen. Vises kun i egen organisation.",
        "general", confidential=True, umbrella=True)
    users: list[Person] = field(
        "Tilknyttede personer", "Medredaktører i egen organisation. Vises kun i egen organisation.",
        "general", confidential=True, from_phase="preanalysis", default_factory=list, max_length=MANY)
    org_units: list[Annotated[str, StringConstraints(min_length=1, max_length=255)]] = field(
        "Afdelinger", "Afdelinger i egen organisation. Vises kun i egen organisation.", "general",
        confidential=True, default_factory=list, max_length=MANY)
    search_words: list[Annotated[str, StringConstraints(min_length=1, max_length=128)]] = field(
        "Søgeord", "Ekstra ord, processen skal kunne findes på.", "general", default_factory=list,
        max_length=MANY, umbrella=True)
    os2autoproces_id: int | None = field(
        "OS2autoproces-id", "Processens id i OS2autoproces, hvis den er importeret derfra.", "general",
        ge=1, le=2_147_483_647, umbrella=True, search="code")
    created: IsoDate | None = field(
        "Oprettet", "Dato for oprettelse (ÅÅÅÅ-MM-DD). Udelades normalt: Git kender datoen.", "general",
        strict=False, ge=FIRST_DATE, le=LAST_DATE, umbrella=True)

    # --- B. Problemstillinger --------------------------------------------------------------
    long_description: Text | None = _text(
        "Beskrivelse", "Beskrivelse af den nuværende proces.", "challenges", markdown=True,
        umbrella=True, search="long")
    solution_requests: Text | None = _text(
        "Idéer til løsning", "Idéer til, hvordan processen kan automatiseres.", "challenges",
        markdown=True, from_phase="preanalysis", search="long")
    process_challenges: Text | None = _text(
        "Udfordringer i den nuværende proces", "Hvad er svært eller tidskrævende i dag?", "challenges",
        markdown=True, from_phase="preanalysis", search="long")
    it_systems: list[Slug] = field(
        "Nuværende systemer", "IT-systemer, processen bruger i dag, angivet med kortnavn fra "
        "systemlisten, fx 'kmd-nexus'.", "challenges", default_factory=list, max_length=MANY,
        references="it_systems", search="code")
    it_systems_description: Text | None = _text(
        "Andre nuværende systemer", "Systemer, der ikke findes i systemlisten.", "challenges",
        search="long", free_text=True)

    # --- C. Tid og proces -----------------------------------------------------------------
    time_spend_occurrences: int | None = field(
        "Antal gange processen foretages årligt", "Antal sager eller gennemløb om året.", "time",
        ge=0, le=100_000_000)
    time_spend_per_occurrence: float | None = field(
        "Tidsforbrug pr. proces i minutter", "Minutter pr. gennemløb; brug punktum som decimaltegn, fx 7.5.",
        "time", ge=0, le=100_000)
    time_spend_percentage_digital: int | None = field(
        "Forventet automatiseringsgrad (%)", "Hvor stor en del af tiden løsningen forventes at spare, 0-100.",
        "time", ge=0, le=100)
    time_spend_employees_doing_process: int | None = field(
        "Antal medarbejdere der foretager processen", "Antal medarbejdere, der udfører processen i dag.",
        "time", ge=0, le=100_000)
    time_spend_comment: Text | None = _text(
        "Kommentar vedr. tidsforbrug", "Forudsætninger bag tallene.", "time", markdown=True, search="long")
    expected_development_time: float | None = field(
        "Forventet timeforbrug på udvikling", "Forventede timer til udvikling af løsningen.", "time",
        ge=0, le=1_000_000)
    targets_citizens: bool | None = field("Er borgere påvirket?", "true eller false.", "time")
    targets_companies: bool | None = field("Er virksomheder påvirket?", "true eller false.", "time")

    # --- D. Faglig vurdering ---------------------------------------------------------------
    level_of_professional_assessment: Level | None = field(
        "I hvor høj grad indgår der faglig vurdering i processen?", LEVEL_HELP, "assessment", from_phase="preanalysis")
    level_of_change: Level | None = field(
        "I hvor høj grad er processen præget af hyppige ændringer?", LEVEL_HELP, "assessment", from_phase="preanalysis")
    level_of_structured_information: Level | None = field(
        "I hvor høj grad er processen baseret på struktureret information?", LEVEL_HELP, "assessment",
        from_phase="preanalysis")
    level_of_uniformity: Level | None = field(
        "Er der variation i den måde processen løses?", LEVEL_HELP, "assessment", from_phase="preanalysis")
    level_of_digital_information: Level | None = field(
        "Er de data og informationer, der indgår, tilgængelige digitalt i IT-systemer?", LEVEL_HELP, "assessment",
        from_phase="preanalysis")
    level_of_quality: Level | None = field(
        "Vil en automatiseret løsning bidrage til en højere kvalitet?", LEVEL_HELP, "assessment",
        from_phase="preanalysis")
    level_of_speed: Level | None = field(
        "Vil en automatiseret løsning bidrage til en hurtigere og mere fyldestgørende service?", LEVEL_HELP,
        "assessment", from_phase="preanalysis")
    level_of_routine_work_reduction: Level | None = field(
        "Vil automatisering frigive tid og nedbringe rutineopgaver?", LEVEL_HELP, "assessment",
        from_phase="preanalysis")
    evaluated_level_of_roi: Level | None = field(
        "I hvor høj grad vurderes det at processen kan automatiseres?", LEVEL_HELP, "assessment",
        from_phase="preanalysis")

    # --- E. Udvikling og implementering -----------------------------------------------------
    technical_implementation_notes: Text | None = _text(
        "Teknisk implementering", "Hvordan løsningen er bygget teknisk.", "implementation",
        markdown=True, from_phase="implementation", search="long")
    organizational_implementation_notes: Text | None = _text(
        "Organisatorisk implementering", "Hvordan løsningen er indført i organisationen.", "implementation",
        markdown=True, from_phase="implementation", search="long")
    technologies: list[Slug] = field(
        "Anvendt teknologi", "Teknologier fra teknologilisten, fx 'uipath'. Påkrævet fra fasen Udvikling.",
        "implementation", from_phase="development", default_factory=list, max_length=MANY,
        references="technologies", search="code")
    run_period: RunPeriod | None = field(
        "Skedulering", "Hvor ofte løsningen kører. Påkrævet fra fasen Udvikling.", "implementation",
        from_phase="development", umbrella=True)
    services: list[Slug] = field(
        "Automatiseringen anvender følgende systemer/snitflader",
        "IT-systemer og snitflader, løsningen bruger, angivet med kortnavn fra systemlisten.",
        "implementation", from_phase="development", default_factory=list, max_length=MANY,
        references="it_systems", search="code")

    # --- F. Drift ---------------------------------------------------------------------------
    automation_description: Text | None = _text(
        "Beskrivelse af automatisering", "Hvad løsningen gør i drift.", "operation", markdown=True,
        from_phase="operation", search="long")
    rating: int | None = field(
        "I hvor høj grad indfriede løsningen de forventede gevinster?", "0 (ikke vurderet) til 3 (høj).",
        "operation", ge=0, le=3, from_phase="operation")
    rating_comment: Text | None = _text(
        "Kommentar til realiserede gevinster", "Hvilke gevinster er realiseret, og hvad har I lært undervejs?",
        "operation", markdown=True, from_phase="operation", search="long")
    put_into_operation: IsoDate | None = field(
        "Løsning sat i drift", "Dato (ÅÅÅÅ-MM-DD).", "operation", strict=False, from_phase="operation",
        ge=FIRST_DATE, le=LAST_DATE)
    decommissioned: IsoDate | None = field(
        "Løsning taget ud af drift", "Dato (ÅÅÅÅ-MM-DD).", "operation", strict=False,
        from_phase="decommissioned", ge=FIRST_DATE, le=LAST_DATE)
    legal_clause_last_verified: IsoDate | None = field(
        "Sidst kontrolleret i forhold til §", "Dato (ÅÅÅÅ-MM-DD) for seneste kontrol af lovgrundlaget.",
        "operation", strict=False, from_phase="operation", ge=FIRST_DATE, le=LAST_DATE)

    # --- G. Bilag og links -------------------------------------------------------------------
    esdh_reference: Annotated[str, StringConstraints(max_length=300)] | None = field(
        "Sagsreference i ESDH", "Sagsnummer i eget ESDH-system. Vises kun i egen organisation.", "attachments",
        confidential=True)
    code_repository_url: Url | None = field(
        "Link til kildekode", "Adressen på løsningens kildekode, fx på GitHub.", "attachments")
    links: list[Link] = field("Links", "Links med titel og synlighed.", "attachments", default_factory=list,
                              max_length=MANY, umbrella=True)
    attachments: list[Attachment] = field(
        "Bilag", "Bilag med filnavn, titel og synlighed. Må ikke indeholde personoplysninger.", "attachments",
        default_factory=list, max_length=MANY)

    # --- H. Interne noter --------------------------------------------------------------------
    internal_notes: Text | None = _text(
        "Interne noter", "Noter, der kun vises i egen organisation.", "internal", confidential=True,
        markdown=True, umbrella=True)

    @model_validator(mode="after")
    def _total_text_fits(self, info: ValidationInfo) -> "Process":
        if info.context is FROM_RESULTS_CACHE:
            return self
        length = _text_length(self)
        if length > MAX_TOTAL_TEXT:
            raise PydanticCustomError("text_total_too_long", "The process holds {length} characters of text",
                                      {"length": length, "limit": MAX_TOTAL_TEXT})
        return self

    # --- Derived figures (computed, never typed) ----------------------------------------------
    @computed_field(title="Manuelt tidsforbrug i timer pr. år")  # type: ignore[prop-decorator]
    @property
    def manual_hours_per_year(self) -> float | None:
        return derived.manual_hours_per_year(self)

    @computed_field(title="Forventet årligt effektiviseringspotentiale (timer)")  # type: ignore[prop-decorator]
    @property
    def expected_hours_freed_per_year(self) -> float | None:
        return derived.expected_hours_freed_per_year(self)

    @property
    def is_umbrella(self) -> bool:
        return self.type in (enums.ProcessType.PARENT, enums.ProcessType.GLOBAL_PARENT)


def _text_length(value: Any) -> int:
    """How many characters of text a model, a list or a text holds (the fields, not the derived figures).

    A model's fields are its ``__dict__`` (pydantic keeps nothing else there); an enumeration value is text.
    """
    if isinstance(value, str):
        return len(value)
    if isinstance(value, BaseModel):
        values: Any = value.__dict__.values()
    elif isinstance(value, list):
        values = value
    else:
        return 0
    total = 0
    for item in values:
        if isinstance(item, str):
            total += len(item)
        elif item is not None and isinstance(item, (BaseModel, list)):
            total += _text_length(item)
    return total
