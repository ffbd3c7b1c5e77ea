"""Every enumeration of the process model with its Danish label, in one place.

Keys are OS2autoproces's enum keys in lower snake_case, so import and export with the real
system stay simple. Labels follow the OS2autoproces front end (what users see), except where
the front end and back end disagree and the front-end label is the clearer one.
"""

from __future__ import annotations

from enum import StrEnum


class LabelledEnum(StrEnum):
    """A string enum whose members carry a Danish label (``member.label``)."""

    label: str

    def __new__(cls, value: str, label: str):
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {m.value: m.label for m in cls}


class Phase(LabelledEnum):
    RAPID = "rapid", "Deling (ingen fase)"
    IDEA = "idea", "Idé"
    PREANALYSIS = "preanalysis", "Foranalyse"
    SPECIFICATION = "specification", "Specifikation"
    DEVELOPMENT = "development", "Udvikling"
    IMPLEMENTATION = "implementation", "Implementering"
    OPERATION = "operation", "I drift"
    DECOMMISSIONED = "decommissioned", "Taget ud af drift"

    @property
    def order(self) -> int:
        return _PHASE_ORDER[self]

    def at_least(self, other: "Phase") -> bool:
        """True when this phase is ``other`` or later. Sharing (rapid) is before every phase."""
        return self.order >= other.order


_PHASE_ORDER = {phase: number for number, phase in enumerate(Phase)}


class Status(LabelledEnum):
    INPROGRESS = "inprogress", "I gang"
    NOT_RATED = "not_rated", "Ikke vurderet"
    PENDING = "pending", "Afventer"
    REJECTED = "rejected", "Afvist"
    FAILED = "failed", "Mislykket"
    NOT_RELEVANT = "not_relevant", "Ikke relevant mere"


class Visibility(LabelledEnum):
    PERSONAL = "personal", "Privat"
    MUNICIPALITY = "municipality", "Synlig i egen organisation"
    PUBLIC = "public", "Synlig for alle"


class ProcessType(LabelledEnum):
    CHILD = "child", "Proces"
    PARENT = "parent", "Egen paraply"
    GLOBAL_PARENT = "global_parent", "Fælles paraply"


class Domain(LabelledEnum):
    ADMINISTRATION = "administration", "Administration"
    EMPLOYMENT = "employment", "Beskæftigelse"
    PROFESSION = "profession", "Erhverv"
    FAMILY = "family", "Familie"
    EDUCATION = "education", "Uddannelse"
    DEMOCRACY = "democracy", "Demokrati"
    ENVIRONMENT = "environment", "Miljø"
    TECHNIQUE = "technique", "Teknik"
    SOCIAL = "social", "Social"
    HEALTH = "health", "Sundhed"
    SUSTAINABILITY = "sustainability", "Bæredygtighed"
    HR = "hr", "HR"
    IT = "it", "IT"
    CULTURE = "culture", "Kultur"
    ECONOMY = "economy", "Økonomi"


class RunPeriod(LabelledEnum):
    NOT_CHOSEN_YET = "not_chosen_yet", "Ikke valgt endnu"
    ONDEMAND = "ondemand", "Løbende kørsel"
    ONCE = "once", "Engangskørsel"
    DAILY = "daily", "Dagligt"
    WEEKLY = "weekly", "Ugentligt"
    MONTHLY = "monthly", "Månedligt"
    QUARTERLY = "quarterly", "Hvert kvartal"
    YEARLY = "yearly", "Årligt"


class Level(LabelledEnum):
    """The Likert answers of the assessment section ("Faglig vurdering")."""

    VERY_HIGH = "very_high", "I høj grad"
    HIGH = "high", "I nogen grad"
    LOW = "low", "I mindre grad"
    VERY_LOW = "very_low", "Slet ikke"
    UNKNOWN = "unknown", "Ved ikke"
    NOT_SET = "not_set", "Ikke forholdt sig"


class ItemVisibility(LabelledEnum):
    """Visibility of one link or attachment (OS2autoproces: ``visibleToOtherMunicipalities``)."""

    PUBLIC = "public", "Synlig for alle"
    MUNICIPALITY = "municipality", "Kun egen organisation"


ALL_ENUMS: tuple[type[LabelledEnum], ...] = (
    Phase, Status, Visibility, ProcessType, Domain, RunPeriod, Level, ItemVisibility,
)
