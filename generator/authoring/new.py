"""``autoproces new``: ask for the fields that matter (or take them from flags) and write the file.

Each question is also a flag (``--title``, ``--kle`` ...). A flag's value is checked like an
answer; a wrong flag is a usage error (exit 2). Questions depend on the answers, as the phase
rules do: from the development phase on, technologies and a run period are required; in
operation the date it went into operation; after it, the date it was taken out; a status such as
``rejected`` needs a reason.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from typing import Any

from generator.authoring import prompts
from generator.authoring.lists import rows
from generator.checks.phase_rules import RUN_PERIOD_PHASES, STATUSES_NEEDING_REASON, TECHNOLOGY_PHASES
from generator.model import PROCESS_FIELDS, Phase, RunPeriod, Status, Visibility
from generator.taxonomies import Taxonomies

# (flag dest, model key, question kind); the order is the order of the questions.
QUESTIONS = ["title", "short_description", "municipality", "phase", "status", "visibility", "kle", "form",
             "contact_name", "contact_email", "status_text", "technologies", "it_systems", "run_period",
             "put_into_operation", "decommissioned", "long_description"]
HELP_DA = {"contact_name": "Kontaktpersonens navn", "contact_email": "Kontaktpersonens e-mail"}


class UsageError(Exception):
    """A flag with a value the check would refuse; the message is Danish."""


@dataclass
class Context:
    args: argparse.Namespace
    asker: prompts.Asker
    taxonomies: Taxonomies
    no_input: bool


def label(key: str) -> str:
    if key in HELP_DA:
        return HELP_DA[key]
    return f"{PROCESS_FIELDS[key].label} ({key})"


def _flag(ctx: Context, key: str) -> Any:
    return getattr(ctx.args, key, None)


def _missing(ctx: Context, key: str) -> None:
    if ctx.no_input:
        raise UsageError(f"{label(key)} mangler: giv den med --{key.replace('_', '-')}.")


def _text(ctx: Context, key: str, *, required: bool = True, max_length: int | None = None, check=None) -> Any:
    given = _flag(ctx, key)
    if given is not None:
        problem = check(given) if check else None
        if max_length and len(given) > max_length:
            problem = f"teksten er {len(given)} tegn; højst {max_length} tegn"
        if problem or (required and not given.strip()):
            raise UsageError(f"--{key.replace('_', '-')}: {problem or 'må ikke være tom'}")
        return given.strip() or None
    if not required and ctx.no_input:
        return None
    _missing(ctx, key)
    return prompts.ask_text(ctx.asker, f"{label(key)}: ", max_length=max_length, required=required, check=check)


def _enum(ctx: Context, key: str, labels: dict[str, str], default: str | None) -> str:
    given = _flag(ctx, key)
    if given is not None:
        if given not in labels:
            raise UsageError(f"--{key.replace('_', '-')}: '{given}' er ikke en af {', '.join(labels)}")
        return given
    if ctx.no_input and default:
        return default
    _missing(ctx, key)
    return prompts.ask_enum(ctx.asker, label(key), labels, default)


def _choice(ctx: Context, key: str, list_name: str, *, required: bool, level: int | None = None) -> str | None:
    listed = ctx.taxonomies[list_name]
    given = _flag(ctx, key)
    if given is not None:
        term = listed.get(given)
        if term is None or not term.active:
            found = rows(ctx.taxonomies, list_name, given, kle_level=level)[:3]
            hint = "; fx " + ", ".join(f"{r.code} ({r.text})" for r in found) if found else ""
            raise UsageError(f"--{key.replace('_', '-')}: '{given}' findes ikke i listen{hint} "
                             f"(se autoproces lists {list_name.replace('_', '-')} SØGEORD)")
        return given
    if not required and ctx.no_input:
        return None
    _missing(ctx, key)
    optional = "" if required else ", tom linje springer over"
    return prompts.ask_choice(
        ctx.asker, f"{label(key)} – søg i titlerne eller skriv koden{optional}: ",
        lambda text: rows(ctx.taxonomies, list_name, text, kle_level=level),
        lambda code: code in listed and listed.get(code).active, required=required,  # type: ignore[union-attr]
        completions=[t.code for t in listed if t.active] + [t.title for t in listed if t.active and t.title])


def _many(ctx: Context, key: str, list_name: str, *, required: bool) -> list[str]:
    given = _flag(ctx, key)
    if given is not None:
        codes = [c.strip() for c in given.split(",") if c.strip()]
        for code in codes:
            if code not in ctx.taxonomies[list_name]:
                raise UsageError(f"--{key.replace('_', '-')}: '{code}' findes ikke i listen (se autoproces lists "
                                 f"{list_name.replace('_', '-')}); mangler den, så tilføj den i "
                                 f"taxonomies/sources/curated/")
        if required and not codes:
            raise UsageError(f"--{key.replace('_', '-')}: mindst én er påkrævet i denne fase")
        return codes
    if ctx.no_input:
        if required:
            _missing(ctx, key)
        return []
    chosen: list[str] = []
    while True:
        code = _ask_one_more(ctx, key, list_name, chosen, required and not chosen)
        if code is None:
            return chosen
        if code not in chosen:
            chosen.append(code)


def _ask_one_more(ctx: Context, key: str, list_name: str, chosen: list[str], required: bool) -> str | None:
    listed = ctx.taxonomies[list_name]
    end = " (mindst én i denne fase)" if required else ", tom linje når du er færdig"
    return prompts.ask_choice(
        ctx.asker, f"{label(key)} nr. {len(chosen) + 1} – søg eller skriv kortnavnet{end}: ",
        lambda text: rows(ctx.taxonomies, list_name, text), lambda code: code in listed, required=required,
        completions=[t.code for t in listed] + [t.title for t in listed if t.title])


def collect(ctx: Context) -> dict[str, Any]:
    """The values of the new process (model keys), asked in order."""
    v: dict[str, Any] = {}
    v["title"] = _text(ctx, "title", max_length=65)
    v["short_description"] = _text(ctx, "short_description", max_length=140)
    v["municipality"] = _choice(ctx, "municipality", "municipalities", required=True)
    phase = v["phase"] = _enum(ctx, "phase", Phase.labels(), "idea")
    status = v["status"] = _enum(ctx, "status", Status.labels(), "inprogress")
    v["visibility"] = _enum(ctx, "visibility", Visibility.labels(), "public")
    v["kle"] = _choice(ctx, "kle", "kle", required=False, level=3)
    forms = sorted(ctx.taxonomies.forms_for_kle(v["kle"])) if v["kle"] else []
    if forms and _flag(ctx, "form") is None and not ctx.no_input:
        ctx.asker.say("  FORM-koder til KLE-emnet: " + ", ".join(forms[:8]))
    v["form"] = _choice(ctx, "form", "form", required=False)
    v["contact"] = {"name": _text(ctx, "contact_name", max_length=128),
                    "email": _text(ctx, "contact_email", check=prompts.email_problem)}
    if Status(status) in STATUSES_NEEDING_REASON:
        v["status_text"] = _text(ctx, "status_text")
    v["technologies"] = _many(ctx, "technologies", "technologies", required=Phase(phase) in TECHNOLOGY_PHASES)
    v["it_systems"] = _many(ctx, "it_systems", "it_systems", required=False)
    if Phase(phase) in RUN_PERIOD_PHASES:
        periods = {k: lbl for k, lbl in RunPeriod.labels().items() if k != "not_chosen_yet"}
        v["run_period"] = _enum(ctx, "run_period", periods, None)
    if phase in ("operation", "decommissioned"):
        v["put_into_operation"] = _text(ctx, "put_into_operation", check=prompts.date_problem,
                                        required=phase == "operation")
    if phase == "decommissioned":
        v["decommissioned"] = _text(ctx, "decommissioned", check=prompts.date_problem)
    v["long_description"] = _text(ctx, "long_description", required=False, max_length=10_000)
    return v
