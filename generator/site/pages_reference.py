"""Reference-list pages (``lister/``): every KLE subject, FORM code, IT-system, technology and
organisation, not only those in use, each with its number of processes and a filter in the page.

KLE is shown by main group and group, FORM by service area; retired and moved codes are marked
with their replacement. A row links to the browse page of its code when processes use it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import jinja2

from generator.authoring.lists import describe, fold
from generator import urls
from generator.publication import Publication
from generator.site.templates import PageLinks, Rendered, render
from generator.taxonomies import Term

INDEX = "lister/index.md"
# list -> (page, title, browse family, intro)
PAGES = {
    "kle": ("lister/kle/index.md", "KLE-emner", urls.KLE,
            "Alle emner i KL Emnesystematik ordnet efter hovedgruppe og gruppe. Udgåede og flyttede numre er "
            "markeret med det nummer, der afløser dem."),
    "form": ("lister/form/index.md", "FORM-koder", urls.FORM,
             "Alle koder i FORM, den fællesoffentlige opgavenøgle, ordnet efter serviceområde. Kun de titler, der "
             "findes i en offentlig kilde, vises; en kode uden kendt titel vises med sin kode."),
    "it_systems": ("lister/it-systemer/index.md", "IT-systemer", urls.IT_SYSTEMS,
                   "Alle IT-systemer i systemlisten med leverandør. Mangler et system, kan det tilføjes i "
                   "taxonomies/sources/curated/it_systems.yaml i samme pull request som processen."),
    "technologies": ("lister/teknologier/index.md", "Teknologier", urls.TECHNOLOGIES,
                     "Alle teknologier i teknologilisten. Mangler en teknologi, kan den tilføjes i "
                     "taxonomies/sources/curated/technologies.yaml."),
    "municipalities": ("lister/organisationer/index.md", "Organisationer", urls.MUNICIPALITIES,
                       "Alle kommuner og regioner med det kortnavn, der er mappenavnet under processes/."),
}


@dataclass
class Row:
    code: str
    text: str
    count: int
    href: str | None
    active: bool
    level: int = 1
    search: str = ""


@dataclass
class Section:
    heading: str
    anchor: str
    rows: list[Row] = field(default_factory=list)
    groups: list["Section"] = field(default_factory=list)


def usage(ctx: Publication, list_name: str) -> Counter[str]:
    """How many published processes use each code (KLE and FORM codes count for their parents too)."""
    return ctx.once("list usage", lambda: _usage_of_every_list(ctx))[list_name]


def _usage_of_every_list(ctx: Publication) -> dict[str, Counter[str]]:
    """:func:`usage` of every list page's list, in one pass over the processes."""
    counts: dict[str, Counter[str]] = {name: Counter() for name in PAGES}
    for pp in ctx.published:
        p = pp.process
        for list_name, counted in counts.items():
            if list_name in ("kle", "form"):
                code = p.kle if list_name == "kle" else p.form
                parts = code.split(".") if code else []
                counted.update(".".join(parts[:n]) for n in range(1, len(parts) + 1))
            elif list_name == "it_systems":
                counted.update(set(p.it_systems) | set(p.services))
            elif list_name == "technologies":
                counted.update(set(p.technologies))
            else:
                counted[p.municipality] += 1
    return counts


def _row(ctx: Publication, links: PageLinks, list_name: str, term: Term, counts: Counter[str]) -> Row:
    count = counts.get(term.code, 0)
    href = links(urls.browse_uri(PAGES[list_name][2], term.code)) if count else None
    text = describe(list_name, term, ctx.published.taxonomies)
    return Row(term.code, text, count, href, term.active, term.code.count(".") + 1, fold(f"{term.code} {text}"))


def _hierarchy(rows: list[Row], top: int) -> list[Section]:
    """Rows grouped under their level-``top`` code (and KLE groups under main groups)."""
    sections: dict[str, Section] = {}
    for row in rows:
        if row.level == 1:
            sections[row.code] = Section(f"{row.code} {row.text}", f"l-{row.code}")
    for row in rows:
        if row.level == 1:
            continue
        head = sections.setdefault(row.code[:2], Section(row.code[:2], f"l-{row.code[:2]}"))
        if top == 2 and row.level == 2:
            head.groups.append(Section(f"{row.code} {row.text}", f"l-{row.code}", rows=[]))
            head.groups[-1].rows.append(row)
        elif top == 2 and head.groups and row.code.startswith(head.groups[-1].rows[0].code + "."):
            head.groups[-1].rows.append(row)
        else:
            head.rows.append(row)
    return [sections[k] for k in sorted(sections)]


def reference_inputs(ctx: Publication, list_name: str) -> tuple:
    """What :func:`render_reference` reads beyond the lists, templates and settings (the page cache's key)."""
    return (list_name, sorted(usage(ctx, list_name).items()))


def render_reference(env: jinja2.Environment, ctx: Publication, list_name: str) -> Rendered:
    src_uri, title, _family, intro = PAGES[list_name]
    links = PageLinks(ctx.url(src_uri), ctx.use_directory_urls)
    counts = usage(ctx, list_name)
    terms = sorted(ctx.published.taxonomies[list_name], key=lambda t: t.code)
    rows = [_row(ctx, links, list_name, t, counts) for t in terms]
    sections = _hierarchy(rows, 2 if list_name == "kle" else 1) if list_name in ("kle", "form") else []
    html = render(env, "reference_list.html", ctx=ctx, title=title, intro=intro, rows=rows, sections=sections,
                  index=links(INDEX), propose=links("foreslaa/index.md"),
                  script=links.asset("assets/form/list-filter.js"), total=len(rows),
                  active=sum(1 for r in rows if r.active))
    return Rendered(html, [(s.anchor, s.heading) for s in sections])


def render_reference_index(env: jinja2.Environment, ctx: Publication) -> Rendered:
    links = PageLinks(ctx.url(INDEX), ctx.use_directory_urls)
    items = [(links(src), title, len(ctx.published.taxonomies[name])) for name, (src, title, _f, _i) in PAGES.items()]
    return Rendered(render(env, "reference_index.html", ctx=ctx, items=items, propose=links("foreslaa/index.md")))
