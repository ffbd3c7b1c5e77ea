"""The page "Foreslå en proces" (``foreslaa/``): a form that writes a process file for a pull request.

The labels and help texts come from the model's field metadata (the source of the JSON Schema's
titles and descriptions), the choices from the published schema's lists, the phase rules from
``generator.checks.phase_rules``. The browser validates against the published JSON Schema with the
vendored Ajv, shows the YAML and opens GitHub's new-file page (or, from "Rediger", its edit page):
the contributor's own account makes the pull request; no server, no token.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import jinja2

from generator.checks.phase_rules import RUN_PERIOD_PHASES, STATUSES_NEEDING_REASON, TECHNOLOGY_PHASES
from generator.model import (PROCESS_FIELDS, SECTIONS, Domain, Level, Link, Person, Phase, RunPeriod, Status,
                             Visibility)
from generator.model.fields import describe_fields
from generator import urls
from generator.publication import Publication
from generator.site.pages_reference import INDEX as LISTS_INDEX, PAGES as LIST_PAGES
from generator.site.templates import PageLinks, Rendered, render

PROPOSE = "foreslaa/index.md"
PERSON = describe_fields(Person)
LINK = describe_fields(Link)
ASSESSMENT = [key for key, info in PROCESS_FIELDS.items() if info.section == "assessment"]

# (section, key, kind, list for choices); keys with a dot are sub-fields (contact.name).
FIELDS = [
    ("general", "title", "text", None), ("general", "short_description", "text", None),
    ("general", "municipality", "select-list", "municipalities"), ("general", "phase", "enum", Phase),
    ("general", "status", "enum", Status), ("general", "status_text", "textarea", None),
    ("general", "visibility", "enum", Visibility), ("general", "kle", "code", "kle"), ("general", "form", "code", "form"),
    ("general", "domains", "checkboxes", Domain), ("general", "umbrellas", "ids", "processes"),
    ("general", "kla", "text", None), ("general", "legal_clause", "textarea", None), ("general", "contact.name", "text", None),
    ("general", "contact.email", "email", None), ("general", "other_contact_email", "email", None),
    ("challenges", "long_description", "textarea", None), ("challenges", "it_systems", "many", "it_systems"),
    ("time", "time_spend_occurrences", "integer", None), ("time", "time_spend_per_occurrence", "decimal", None),
    ("time", "time_spend_percentage_digital", "integer", None),
    ("time", "time_spend_employees_doing_process", "integer", None),
    ("time", "expected_development_time", "decimal", None),
    ("implementation", "technologies", "many", "technologies"), ("implementation", "run_period", "enum", RunPeriod),
    ("implementation", "vendor", "text", None),
    ("operation", "put_into_operation", "date", None), ("operation", "decommissioned", "date", None),
    *[("assessment", key, "enum", Level) for key in ASSESSMENT],
    ("attachments", "links", "links", None), ("attachments", "attachments", "note", None),
    ("internal", "internal_notes", "textarea", None),
]
DEFAULTS = {"phase": "idea", "status": "inprogress", "visibility": "public"}  # as `autoproces new`
# The form's scripts in the order they load: Ajv, one part per job, the page last (site_templates/assets/form/).
FORM_SCRIPTS = ("vendor/ajv2020.min.js", "form-text.js", "form-lists.js", "form-rules.js", "form-yaml.js",
                "form-chosen.js", "form.js")
ALWAYS_REQUIRED = {"title", "short_description", "municipality", "phase", "status", "visibility", "contact.name"}


@dataclass
class FormField:
    key: str
    kind: str
    label: str
    help: str
    list_name: str | None
    options: list[tuple[str, str]]
    required: bool
    list_href: str | None
    default: str | None = None
    confidential: bool = False
    sub_labels: dict[str, tuple[str, str]] | None = None  # links: the Link model's url and title

    @property
    def id(self) -> str:
        return "f-" + self.key.replace(".", "-").replace("_", "-")


def _field(links: PageLinks, key: str, kind: str, source) -> FormField:
    info = PERSON[key.split(".")[1]] if key.startswith("contact.") else PROCESS_FIELDS[key]
    label = f"Kontaktperson: {info.label.lower()}" if key.startswith("contact.") else info.label
    options = [(value, text) for value, text in source.labels().items()] if kind in ("enum", "checkboxes") else []
    list_name = source if isinstance(source, str) and source in LIST_PAGES else None
    href = links(LIST_PAGES[list_name][0]) if list_name else None
    subs = {sub: (LINK[sub].label, LINK[sub].help) for sub in ("url", "title")} if kind == "links" else None
    return FormField(key, kind, label, info.help, list_name, options, key in ALWAYS_REQUIRED, href, DEFAULTS.get(key),
                     info.confidential, subs)


def umbrella_ids(ctx: Publication) -> list[tuple[str, str]]:
    """The published umbrella processes (id, title) offered for ``umbrellas``; empty: ids are typed freely."""
    return sorted((pp.id, pp.process.title) for pp in ctx.published.processes if pp.process.is_umbrella)


def phase_rules() -> dict[str, list[str]]:
    """Which phases (or statuses) make a field required, for the live rules in the browser."""
    return {"technologies": [p.value for p in TECHNOLOGY_PHASES], "run_period": [p.value for p in RUN_PERIOD_PHASES],
            "put_into_operation": [Phase.OPERATION.value], "decommissioned": [Phase.DECOMMISSIONED.value],
            "status_text": [s.value for s in STATUSES_NEEDING_REASON]}


def github_base(edit_url: str, action: str) -> str:
    """``https://github.com/o/r/edit/main/`` -> ``.../new/main/`` (``action`` 'new') or unchanged ('edit')."""
    if not edit_url or "/edit/" not in edit_url:
        return ""
    base = edit_url if edit_url.endswith("/") else edit_url + "/"
    base = base.replace("/edit/", f"/{action}/", 1)
    return base.rstrip("/") if action == "new" else base


def render_propose(env: jinja2.Environment, ctx: Publication) -> Rendered:
    links = PageLinks(ctx.url(PROPOSE), ctx.use_directory_urls)
    sections = []
    for section, title in SECTIONS.items():
        fields = [_field(links, key, kind, source) for s, key, kind, source in FIELDS if s == section]
        if fields:
            sections.append((section, title, fields))
    config = {"schema": links.asset(urls.SCHEMA), "api": links.asset(urls.API_PROCESS_DIR) + "/",
              "newUrl": github_base(ctx.edit_url, "new"), "editUrl": github_base(ctx.edit_url, "edit"),
              "schemaLine": ctx.published_address(urls.SCHEMA) or "",
              "hourlyRate": ctx.hourly_rate, "rules": phase_rules(), "order": list(PROCESS_FIELDS),
              "plain": [key for _, key, kind, _ in FIELDS if kind in ("enum", "select-list")]}
    html = render(env, "propose.html", ctx=ctx, sections=sections, lists=links(LISTS_INDEX), umbrellas=umbrella_ids(ctx),
                  config=json.dumps(config, ensure_ascii=False, sort_keys=True),
                  scripts=[links.asset(f"assets/form/{name}") for name in FORM_SCRIPTS])
    return Rendered(html, [(f"s-{key}", title) for key, title, _ in sections])
