"""Judge a loaded document against the process schema and explain every error in Danish.

pydantic finds the problems; this module turns each of its errors into a finding with the
position of the offending key or value, the field's Danish label and a concrete hint.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.diagnostics import Finding
from generator.loading import Document
from generator.model import PROCESS_FIELDS, LabelledEnum, Process, describe_fields
from generator.model import enums as enum_module
from generator.model.process import Attachment, Link, Person

SUBMODELS: dict[str, type[BaseModel]] = {
    "contact": Person, "owner": Person, "reporter": Person, "users": Person,
    "links": Link, "attachments": Attachment,
}
_SUB_FIELDS = {model: describe_fields(model) for model in {Person, Link, Attachment}}

ENUM_BY_FIELD: dict[str, type[LabelledEnum]] = {
    "phase": enum_module.Phase, "status": enum_module.Status, "visibility": enum_module.Visibility,
    "type": enum_module.ProcessType, "domains": enum_module.Domain, "run_period": enum_module.RunPeriod,
    "visibility@links": enum_module.ItemVisibility, "visibility@attachments": enum_module.ItemVisibility,
    **{key: enum_module.Level for key in PROCESS_FIELDS if key.startswith("level_of_") or key == "evaluated_level_of_roi"},
}

CODE_FORMATS = {
    "kle": "Et KLE-nummer består af to, fire eller seks cifre i par adskilt af punktum, fx 27.24.00.",
    "form": "En FORM-kode består af to til otte cifre i par adskilt af punktum, fx 26.15.10.",
    "kla": "Et KLA-nummer består af tre, fire eller fem talpar adskilt af punktum, fx 10.88.11.",
}
SLUG_FORMAT = "Brug kortnavnet fra listen: små bogstaver a-z, tal og bindestreger, fx 'kmd-nexus'."
REF_FORMAT = "Skriv procesens id som <organisation>/<kortnavn>, fx 'aarhus/ansoegning-om-boligstoette'."

_DANISH_DECIMAL = re.compile(r"^\s*[-+]?\d{1,3}(\.\d{3})*,\d+\s*$|^\s*[-+]?\d+,\d+\s*$")
_NUMERIC_TEXT = re.compile(r"^\s*[-+]?\d+(\.\d+)?\s*$")


def _type_name_da(value: Any) -> str:
    if value is None:
        return "tom"
    if isinstance(value, bool):
        return f"{'true' if value else 'false'} (ja/nej)"
    if isinstance(value, int):
        return f"tallet {value}"
    if isinstance(value, float):
        return f"tallet {value:g}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"teksten '{shown}'"
    if isinstance(value, list):
        return "en liste"
    if isinstance(value, dict):
        return "en samling felter"
    return type(value).__name__


_EXPECTED_DA = {
    "int_type": "et helt tal", "int_parsing": "et helt tal", "int_from_float": "et helt tal",
    "float_type": "et tal", "float_parsing": "et tal",
    "bool_type": "true eller false", "bool_parsing": "true eller false",
    "string_type": "tekst",
    "list_type": "en liste", "dict_type": "en samling felter", "model_type": "en samling felter",
    "model_attributes_type": "en samling felter",
}


class _Where:
    """Label, key and metadata of the field at a pydantic ``loc``."""

    def __init__(self, loc: tuple[Any, ...]):
        self.loc = loc
        top = str(loc[0]) if loc else ""
        info = PROCESS_FIELDS.get(top)
        self.top = top
        self.info = info
        label = info.label if info else top
        key = top
        rest = list(loc[1:])
        self.leaf = top
        self.enum_key = top
        model = SUBMODELS.get(top)
        if rest and isinstance(rest[0], int):
            index = rest.pop(0)
            label += f" (nr. {index + 1})"
            key += f"[{index + 1}]"
        if rest and model is not None:
            sub = str(rest[0])
            sub_info = _SUB_FIELDS[model].get(sub)
            label += f" › {sub_info.label if sub_info else sub}"
            key += f".{sub}"
            self.leaf = sub
            self.enum_key = f"{sub}@{top}"
        self.label = label
        self.key = key

    @property
    def help(self) -> str:
        return self.info.help if self.info else ""


def _closest(word: str, options: dict[str, str], n: int = 1) -> list[str]:
    """Match against option keys and their Danish labels; return keys."""
    lowered = word.lower().strip()
    by_text: dict[str, str] = {}
    for key, label in options.items():
        by_text.setdefault(key.lower(), key)
        by_text.setdefault(label.lower(), key)
    matches = difflib.get_close_matches(lowered, list(by_text), n=n * 3, cutoff=0.6)
    result: list[str] = []
    for m in matches:
        if by_text[m] not in result:
            result.append(by_text[m])
    return result[:n]


def _options_for(parent: tuple[Any, ...]) -> dict[str, str]:
    """Valid keys (with their labels) of the mapping at ``parent``."""
    if parent and str(parent[0]) in SUBMODELS:
        return {k: v.label for k, v in _SUB_FIELDS[SUBMODELS[str(parent[0])]].items()}
    return {k: v.label for k, v in PROCESS_FIELDS.items()}


def _unknown_key(doc: Document, loc: tuple[Any, ...]) -> Finding:
    key = str(loc[-1])
    options = _options_for(loc[:-1])
    close = _closest(key, options)
    if close:
        suggestion = f"Mente du '{close[0]}' ({options[close[0]]})? Ret feltnavnet, eller slet linjen."
    else:
        suggestion = "Slet linjen, eller se listen over felter i skemaet (autoproces schema)."
    pos = doc.position(tuple(loc), key=True)
    shown = ".".join(str(p) for p in loc)
    return Finding.make("AP101", doc.path, pos.line, pos.column, key=shown, suggestion=suggestion)


def _enum_finding(doc: Document, where: _Where, value: Any) -> Finding:
    enum_cls = ENUM_BY_FIELD.get(where.enum_key) or ENUM_BY_FIELD.get(where.top)
    labels = enum_cls.labels() if enum_cls else {}
    allowed = ", ".join(f"{k} ({v})" for k, v in labels.items())
    close = _closest(str(value), labels) if isinstance(value, str) else []
    suggestion = f"Mente du '{close[0]}' ({labels[close[0]]})? " if close else ""
    pos = doc.position(where.loc)
    return Finding.make("AP104", doc.path, pos.line, pos.column, value=value, label=where.label,
                        key=where.key, suggestion=suggestion, allowed=allowed)


def _type_finding(doc: Document, where: _Where, error_type: str, value: Any) -> Finding:
    pos = doc.position(where.loc)
    expected = _EXPECTED_DA.get(error_type, "en anden type")
    if error_type in ("int_type", "float_type", "int_parsing", "float_parsing") and isinstance(value, str):
        if _DANISH_DECIMAL.match(value):
            fixed = value.strip().replace(".", "").replace(",", ".")
            return Finding.make("AP108", doc.path, pos.line, pos.column, label=where.label, key=where.key,
                                value=value, fixed=fixed)
        if _NUMERIC_TEXT.match(value):
            advice = f"Fjern anførselstegnene, så værdien er et tal: {where.key}: {value.strip()}"
        else:
            advice = f"Skriv kun tallet, fx {where.key}: 1200 (uden enheder eller tekst)."
    elif error_type == "int_from_float":
        advice = "Skriv et helt tal uden decimaler."
    elif error_type.startswith("bool"):
        advice = f"Skriv '{where.key}: true' for ja eller '{where.key}: false' for nej."
    elif error_type == "string_type":
        advice = "Sæt anførselstegn om værdien, så den læses som tekst."
    elif error_type == "list_type":
        if isinstance(value, str):
            advice = f"Skriv værdien som en liste: {where.key}: [{value}]"
        else:
            advice = "Skriv værdierne som en liste, én pr. linje med '- ' foran."
    elif error_type in ("dict_type", "model_type", "model_attributes_type"):
        fields = ", ".join(_SUB_FIELDS[SUBMODELS[where.top]]) if where.top in SUBMODELS else ""
        advice = f"Skriv felterne på hver sin linje med indrykning under {where.key}: ({fields})."
    else:
        advice = "Ret værdien til den forventede type."
    return Finding.make("AP103", doc.path, pos.line, pos.column, label=where.label, key=where.key,
                        expected=expected, actual=_type_name_da(value), advice=advice)


def _pattern_finding(doc: Document, where: _Where, value: Any) -> Finding:
    pos = doc.position(where.loc)
    leaf = where.leaf
    if leaf in CODE_FORMATS:
        return Finding.make("AP109", doc.path, pos.line, pos.column, value=value, label=where.label,
                            key=where.key, format_hint=CODE_FORMATS[leaf])
    if leaf in ("url", "code_repository_url"):
        return Finding.make("AP110", doc.path, pos.line, pos.column, value=value, label=where.label, key=where.key)
    if leaf in ("email", "other_contact_email"):
        return Finding.make("AP111", doc.path, pos.line, pos.column, value=value, label=where.label, key=where.key)
    if leaf in ("umbrellas", "derived_from"):
        return Finding.make("AP114", doc.path, pos.line, pos.column, value=value, what="proces-id",
                            label=where.label, key=where.key, format_hint=REF_FORMAT)
    if leaf == "file":
        return Finding.make("AP114", doc.path, pos.line, pos.column, value=value, what="filnavn",
                            label=where.label, key=where.key,
                            format_hint="Brug et filnavn uden mapper, fx 'procesdiagram.pdf'.")
    return Finding.make("AP114", doc.path, pos.line, pos.column, value=value, what="kortnavn",
                        label=where.label, key=where.key, format_hint=SLUG_FORMAT)


def _bounds_da(ctx: dict[str, Any]) -> str:
    parts = []
    if "ge" in ctx:
        parts.append(f"mindst {ctx['ge']}")
    if "gt" in ctx:
        parts.append(f"større end {ctx['gt']}")
    if "le" in ctx:
        parts.append(f"højst {ctx['le']}")
    if "lt" in ctx:
        parts.append(f"mindre end {ctx['lt']}")
    return " og ".join(parts)


def _finding_for(doc: Document, error: dict[str, Any]) -> Finding | None:
    loc = tuple(error["loc"])
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "extra_forbidden":
        return _unknown_key(doc, loc)
    where = _Where(loc)
    pos = doc.position(loc)
    if kind == "missing":
        parent = doc.position(loc[:-1]) if len(loc) > 1 else None
        line, column = (parent.line, parent.column) if parent else (1, 1)
        return Finding.make("AP102", doc.path, line, column, label=where.label, key=where.key, help=where.help)
    if kind == "string_too_long":
        length = len(value) if isinstance(value, str) else 0
        limit = ctx.get("max_length", 0)
        return Finding.make("AP105", doc.path, pos.line, pos.column, label=where.label, key=where.key,
                            length=length, limit=limit, excess=length - limit)
    if kind == "string_too_short":
        return Finding.make("AP113", doc.path, pos.line, pos.column, label=where.label, key=where.key)
    if kind == "string_pattern_mismatch":
        return _pattern_finding(doc, where, value)
    if kind in ("enum", "literal_error"):
        return _enum_finding(doc, where, value)
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return Finding.make("AP106", doc.path, pos.line, pos.column, label=where.label, key=where.key,
                            value=value, bounds=_bounds_da(ctx))
    if kind.startswith("date") or kind.startswith("datetime"):
        return Finding.make("AP107", doc.path, pos.line, pos.column, value=value, label=where.label,
                            key=where.key, example=dt.date.today().replace(day=1).isoformat())
    if kind in _EXPECTED_DA:
        return _type_finding(doc, where, kind, value)
    if kind == "none_required" or kind == "is_instance_of":
        return _type_finding(doc, where, "string_type", value)
    return Finding.make("AP103", doc.path, pos.line, pos.column, label=where.label, key=where.key,
                        expected="en gyldig værdi", actual=_type_name_da(value), advice=str(error.get("msg", "")))


def _prepare(data: dict[str, Any]) -> dict[str, Any]:
    """Normalise what YAML users write naturally before validation.

    A key with an empty value (``vendor:``) means "not filled in" for a municipal user, so it is
    treated as absent for optional fields; lists given as empty stay lists.
    """
    return {k: v for k, v in data.items() if v is not None}


def validate_document(doc: Document) -> tuple[Process | None, list[Finding]]:
    """Validate a loaded document; returns the model (when valid) and the findings."""
    if doc.data is None:
        return None, []
    try:
        return Process.model_validate(_prepare(doc.data)), []
    except ValidationError as exc:
        findings = []
        seen: set[tuple[Any, ...]] = set()
        errors = exc.errors(include_url=False)
        # A misspelt key ("titel") is reported once, as unknown with a suggestion, not also as missing.
        misspelt = {
            (tuple(e["loc"][:-1]), key)
            for e in errors if e["type"] == "extra_forbidden"
            for key in _closest(str(e["loc"][-1]), _options_for(tuple(e["loc"][:-1])))
        }
        for error in errors:
            loc = tuple(error["loc"])
            if error["type"] == "missing" and (loc[:-1], str(loc[-1])) in misspelt:
                continue
            # pydantic reports each failed branch of `X | None`; keep one finding per location.
            if loc in seen:
                continue
            seen.add(loc)
            finding = _finding_for(doc, error)
            if finding:
                findings.append(finding)
        return None, findings
