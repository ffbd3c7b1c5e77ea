"""Judge a loaded document against the process schema and explain every error in Danish.

pydantic finds the problems; this module turns each of its errors into a finding with the
position of the offending key or value, the field's Danish label and key, and a concrete hint.
"""

from __future__ import annotations

import math
from typing import Any

from pydantic import ValidationError

from generator.checks import advice
from generator.checks.prepare import prepare
from generator.diagnostics import Finding
from generator.loading import Document
from generator.model import PROCESS_FIELDS, Process, key_path
from generator.model.fields import FieldInfo, field_at, sub_fields

# The fields of every sub-model (contact, links ...), by the key that holds it.
SUB_FIELDS: dict[str, dict[str, FieldInfo]] = sub_fields(PROCESS_FIELDS)
SLUG_FORMAT = "Brug kortnavnet fra listen: små bogstaver a-z, tal og bindestreger, fx 'kmd-nexus'."
MUNICIPALITY_FORMAT = "Brug organisationens kortnavn med små bogstaver a-z og bindestreger, fx 'aarhus' eller 'koebenhavn'."
REF_FORMAT = "Skriv processens id som <organisation>/<kortnavn>, fx 'aarhus/ansoegning-om-boligstoette'."
WHOLE_NUMBER_TYPES = ("int_type", "int_parsing", "int_from_float")
SHOWN_VALUE_LENGTH = 40  # a value quoted in a message is cut to this many characters
NUMBER_TYPES = WHOLE_NUMBER_TYPES + ("float_type", "float_parsing")


def quoted(text: str) -> str:
    """A value as quoted in a message: cut when long (a number of 5,000 digits is not repeated)."""
    return text if len(text) <= SHOWN_VALUE_LENGTH else text[: SHOWN_VALUE_LENGTH - 3] + "..."


def _type_name_da(value: Any, written: str | None = None) -> str:
    if value is None:
        return "tom"
    if isinstance(value, bool):
        return f"'{written or str(value).lower()}' (sand/falsk)"
    if isinstance(value, (int, float)):
        return f"tallet {quoted(written or str(value))}"
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
    """Label, key path and metadata of the field at a pydantic ``loc``."""

    def __init__(self, loc: tuple[Any, ...]):
        self.loc = loc
        found = field_at(PROCESS_FIELDS, loc)
        self.top = str(loc[0]) if loc else ""
        self.info = found.top
        self.sub_info = found.sub
        self.label = found.label
        self.key = found.key
        self.leaf = found.leaf

    @property
    def field(self) -> FieldInfo | None:
        """The innermost known field: the sub-model's field, else the top-level one."""
        return self.sub_info or self.info

    @property
    def help(self) -> str:
        return self.field.help if self.field else ""


def _parent_da(parent: tuple[Any, ...]) -> str:
    """'i procesbeskrivelsen' or 'under Kontaktperson (contact)' for the mapping at ``parent``."""
    if not parent:
        return "i procesbeskrivelsen"
    where = _Where(parent)
    return f"under {where.label} ({where.key})"


def _options_for(parent: tuple[Any, ...]) -> dict[str, str]:
    """Valid keys (with their labels) of the mapping at ``parent``."""
    if parent and str(parent[0]) in SUB_FIELDS:
        return {k: v.label for k, v in SUB_FIELDS[str(parent[0])].items()}
    return {k: v.label for k, v in PROCESS_FIELDS.items()}


def _unknown_key(doc: Document, loc: tuple[Any, ...]) -> Finding:
    key = str(loc[-1])
    parent = loc[:-1]
    options = _options_for(parent)
    close = advice.closest_keys(key, options)
    if close:
        suggestion = f"Mente du '{close[0]}' ({options[close[0]]})? Ret feltnavnet, eller slet linjen."
    elif parent:
        allowed = ", ".join(f"{k} ({v})" for k, v in options.items())
        suggestion = f"Slet linjen. Tilladte felter {_parent_da(parent)}: {allowed}."
    else:
        suggestion = "Slet linjen, eller find det rigtige feltnavn i skemaet (autoproces schema)."
    line, column = doc.line_column(tuple(loc), key=True)
    shown = key if key else "(tomt feltnavn)"
    return Finding.make("AP101", doc.path, line, column, field_key=key_path(loc) if key else None, key=shown, where=_parent_da(parent),
                        suggestion=suggestion)


def _enum_finding(doc: Document, where: _Where, value: Any) -> Finding:
    enum_cls = where.field.enum if where.field else None
    labels = enum_cls.labels() if enum_cls else {}
    allowed = ", ".join(f"{k} ({v})" if v else k for k, v in labels.items())
    written = doc.source_text(where.loc, value)
    close = advice.closest_keys(written, labels)
    suggestion = f"Mente du '{close[0]}' ({labels[close[0]]})? " if close else ""
    line, column = doc.line_column(where.loc)
    return Finding.make("AP104", doc.path, line, column, value=written, label=where.label,
                        key=where.key, suggestion=suggestion, allowed=allowed)


def _type_finding(doc: Document, where: _Where, error_type: str, value: Any) -> Finding:
    line, column = doc.line_column(where.loc)
    written = doc.source_text(where.loc, value)
    whole = error_type in WHOLE_NUMBER_TYPES
    if value is None or (isinstance(value, str) and not value.strip() and error_type != "string_type"):
        return Finding.make("AP113", doc.path, line, column, label=where.label, key=where.key)
    expected = _EXPECTED_DA.get(error_type, "en anden type")
    if error_type in NUMBER_TYPES and isinstance(value, str):
        fixed = advice.danish_decimal(value)
        if fixed is not None:
            if whole and not float(fixed).is_integer():
                fixed = f"{round(float(fixed))}  (feltet skal være et helt tal)"
            return Finding.make("AP108", doc.path, line, column, label=where.label, key=where.key,
                                value=value, fixed=fixed)
        hint = advice.number_in_text_advice(where.key, value, whole=whole)
    elif whole and isinstance(value, float):
        hint = advice.whole_number_advice(where.key, written, value)
    elif error_type.startswith("bool"):
        hint = f"Skriv '{where.key}: true' for ja eller '{where.key}: false' for nej."
    elif error_type == "string_type":
        hint = ("Skriv en tekst; sæt anførselstegn om den, hvis den ligner et tal eller begynder med et specialtegn."
                if not isinstance(value, (list, dict)) else "Skriv en enkelt tekst på samme linje som feltnavnet.")
    elif error_type == "list_type":
        if isinstance(value, (str, int, float)):
            hint = f"Skriv værdien som en liste: {where.key}: [{written}]"
        else:
            hint = "Skriv værdierne som en liste, én pr. linje med '- ' foran."
    elif error_type in ("dict_type", "model_type", "model_attributes_type"):
        fields = ", ".join(SUB_FIELDS.get(where.top, {}))
        hint = f"Skriv felterne ({fields}) på hver sin linje, indrykket under {where.key}:."
    else:
        hint = "Ret værdien til den forventede type."
    return Finding.make("AP103", doc.path, line, column, label=where.label, key=where.key,
                        expected=expected, actual=_type_name_da(value, written), advice=hint)


def _pattern_finding(doc: Document, where: _Where, value: Any) -> Finding:
    line, column = doc.line_column(where.loc)
    leaf = where.leaf
    params = dict(value=value, label=where.label, key=where.key)
    listed = where.field.reference_list if where.field else None
    if listed is not None and listed.format_hint:
        return Finding.make("AP109", doc.path, line, column, format_hint=listed.format_hint, **params)
    if leaf in ("url", "code_repository_url"):
        return Finding.make("AP110", doc.path, line, column, **params)
    if leaf in ("email", "other_contact_email"):
        return Finding.make("AP111", doc.path, line, column, **params)
    if leaf in ("umbrellas", "derived_from"):
        return Finding.make("AP114", doc.path, line, column, what="proces-id", format_hint=REF_FORMAT,
                            **params)
    if leaf == "file":
        return Finding.make("AP114", doc.path, line, column, what="filnavn",
                            format_hint="Brug et filnavn uden mapper, fx 'procesdiagram.pdf'.", **params)
    if leaf in ("municipality", "adopted_by"):
        return Finding.make("AP114", doc.path, line, column, what="kortnavn",
                            format_hint=MUNICIPALITY_FORMAT, **params)
    return Finding.make("AP114", doc.path, line, column, what="kortnavn", format_hint=SLUG_FORMAT, **params)


def _limit_da(value: Any) -> str:
    """A limit as a Danish reader writes it: 100.000.000 (a date as ÅÅÅÅ-MM-DD)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}".replace(",", ".")
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _bounds_da(where: _Where, ctx: dict[str, Any]) -> str:
    """'mellem 0 og 100' from the field's own limits (pydantic only names the one that failed)."""
    field_info = Process.model_fields.get(where.top)
    limits: dict[str, Any] = {}
    for item in field_info.metadata if field_info else ():
        for name in ("ge", "gt", "le", "lt"):
            if getattr(item, name, None) is not None:
                limits.setdefault(name, getattr(item, name))
    for name, value in ctx.items():  # the field's own limits come first (pydantic turns 100 into 100.0)
        limits.setdefault(name, value)
    low = _limit_da(limits.get("ge", limits.get("gt")))
    high = _limit_da(limits.get("le", limits.get("lt")))
    if "ge" in limits and "le" in limits:
        return f"mellem {low} og {high}"
    parts = []
    if "ge" in limits:
        parts.append(f"mindst {low}")
    if "gt" in limits:
        parts.append(f"større end {low}")
    if "le" in limits:
        parts.append(f"højst {high}")
    if "lt" in limits:
        parts.append(f"mindre end {high}")
    return " og ".join(parts)


def _missing(doc: Document, loc: tuple[Any, ...], where: _Where) -> Finding:
    parent_data: Any = doc.data
    for part in loc[:-1]:
        try:
            parent_data = parent_data[part]
        except (KeyError, IndexError, TypeError):
            parent_data = None
            break
    if isinstance(parent_data, dict) and loc[-1] in parent_data:  # written, but left empty
        line, column = doc.line_column(loc, key=True)
        return Finding.make("AP113", doc.path, line, column, label=where.label, key=where.key)
    line, column = doc.line_column(loc[:-1], key=True) if len(loc) > 1 else (None, None)  # a missing top-level field has no line
    parent = loc[:-1]
    if parent and isinstance(parent[-1], int):
        placement = f" i punkt nr. {parent[-1] + 1} under '{parent[0]}:'"
    elif parent:
        placement = f" indrykket under '{_Where(parent).key}:'"
    else:
        placement = ""
    return Finding.make("AP102", doc.path, line, column, label=where.label, key=where.key,
                        leaf=str(loc[-1]), placement=placement, help=where.help)


def _finding_for(doc: Document, error: dict[str, Any]) -> Finding | None:
    loc = tuple(error["loc"])
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "extra_forbidden":
        return _unknown_key(doc, loc)
    where = _Where(loc)
    line, column = doc.line_column(loc)
    if kind == "missing":
        return _missing(doc, loc, where)
    if isinstance(value, float) and not math.isfinite(value) and (bounds := _bounds_da(where, {})):
        return Finding.make("AP115", doc.path, line, column, label=where.label, key=where.key,
                            value=quoted(doc.source_text(loc, value)), bounds=bounds)
    if kind == "string_too_long":
        length = len(value) if isinstance(value, str) else 0
        limit = ctx.get("max_length", 0)
        return Finding.make("AP105", doc.path, line, column, label=where.label, key=where.key,
                            length=length, limit=limit, excess=length - limit)
    if kind == "text_invisible":
        return Finding.make("AP117", doc.path, line, column, label=where.label, key=where.key)
    if kind == "too_long":
        count = len(value) if isinstance(value, list) else ctx.get("actual_length", 0)
        return Finding.make("AP118", doc.path, line, column, label=where.label, key=where.key,
                            count=count, limit=ctx.get("max_length", 0))
    if kind == "text_total_too_long":
        return Finding.make("AP119", doc.path, None, None, length=_limit_da(ctx.get("length", 0)),
                            limit=_limit_da(ctx.get("limit", 0)))
    if kind == "string_too_short":
        return Finding.make("AP113", doc.path, line, column, label=where.label, key=where.key)
    if kind == "string_pattern_mismatch":
        return _pattern_finding(doc, where, value)
    if kind in ("enum", "literal_error"):
        return _enum_finding(doc, where, value)
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return Finding.make("AP106", doc.path, line, column, label=where.label, key=where.key,
                            value=quoted(doc.source_text(loc, value)), bounds=_bounds_da(where, ctx))
    if kind.startswith("date") or kind.startswith("datetime"):
        written = doc.source_text(loc, value)
        reason, hint = advice.date_advice(where.key, written)
        return Finding.make("AP107", doc.path, line, column, value=written, label=where.label,
                            key=where.key, reason=reason, advice=hint)
    if kind in _EXPECTED_DA:
        return _type_finding(doc, where, kind, value)
    if kind in ("none_required", "is_instance_of"):
        return _type_finding(doc, where, "string_type", value)
    return Finding.make("AP103", doc.path, line, column, label=where.label, key=where.key,
                        expected="en gyldig værdi", actual=_type_name_da(value), advice=str(error.get("msg", "")))


# --- preparing the data -------------------------------------------------------------------


def validate_document(doc: Document) -> tuple[Process | None, list[Finding]]:
    """Validate a loaded document; returns the model (when valid) and the findings."""
    if doc.data is None:
        return None, []
    try:
        return Process.model_validate(prepare(doc)), []
    except ValidationError as exc:
        findings = []
        seen: set[tuple[Any, ...]] = set()
        errors = exc.errors(include_url=False)
        # A misspelt key ("titel") is reported once, as unknown with a suggestion, not also as missing.
        misspelt = {
            (tuple(e["loc"][:-1]), key)
            for e in errors if e["type"] == "extra_forbidden"
            for key in advice.closest_keys(str(e["loc"][-1]), _options_for(tuple(e["loc"][:-1])))
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


def partial_of(doc: Document) -> tuple[Process | None, frozenset[str]]:
    """The fields of a schema-invalid document that did parse, as a process (see ``checks.partial``)."""
    from generator.checks.partial import partial_process

    prepared = prepare(doc)
    try:
        Process.model_validate(prepared)
    except ValidationError as exc:
        return partial_process(prepared, exc.errors(include_url=False))
    return None, frozenset()
