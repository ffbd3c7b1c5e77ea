"""Browse pages: the processes grouped by KLE, FORM, organisation, IT-system, technology and phase.

Only groups that hold at least one published process get a page; every family has an index page
(also when it is empty). KLE and FORM are prefix hierarchies: a process with KLE ``32.18.00`` is
listed on ``kle/32/``, ``kle/32.18/`` and ``kle/32.18.00/``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Iterable

import jinja2
from markupsafe import Markup

from generator.audience import PublishedProcess
from generator.model import Phase
from generator import labels, urls
from generator.publication import Publication
from generator.formatting import danish_sort_key
from generator.resolve import code_ancestors
from generator.site.templates import PageLinks, Rendered, render
from generator.site.fragments import process_row
from generator.site.views import LinkView, process_row_view, title_order

HIERARCHICAL = (urls.KLE, urls.FORM)


@dataclass
class Group:
    """One browse page: a code or slug and the processes under it."""

    family: str
    key: str
    name: str  # e.g. "32.18.00 Sygedagpenge", "Aarhus Kommune", "KMD Nexus"
    note: str | None = None  # e.g. the vendor of an IT-system
    processes: list[PublishedProcess] = field(default_factory=list)
    children: list["Group"] = field(default_factory=list)  # sub-codes (KLE and FORM), sorted by code

    @property
    def src_uri(self) -> str:
        return urls.browse_uri(self.family, self.key)

    @property
    def title(self) -> str:
        prefix = {urls.KLE: "KLE ", urls.FORM: "FORM "}.get(self.family, "")
        return f"{prefix}{self.name}"


def _keys(family: str, pp: PublishedProcess) -> list[str]:
    process = pp.process
    if family == urls.KLE:
        return code_ancestors(process.kle) if process.kle else []
    if family == urls.FORM:
        return code_ancestors(process.form) if process.form else []
    if family == urls.MUNICIPALITIES:
        return [process.municipality]
    if family == urls.IT_SYSTEMS:
        return list(dict.fromkeys([*process.it_systems, *process.services]))
    if family == urls.TECHNOLOGIES:
        return list(dict.fromkeys(process.technologies))
    return [process.phase.value]


def _name(ctx: Publication, family: str, key: str) -> tuple[str, str | None]:
    resolver = ctx.resolver
    if family == urls.KLE:
        return resolver.kle(key).label, None
    if family == urls.FORM:
        return resolver.form(key).label, None
    if family == urls.MUNICIPALITIES:
        return resolver.municipality(key).name, None
    if family == urls.IT_SYSTEMS:
        named = resolver.it_system(key)
        return named.name, named.vendor
    if family == urls.TECHNOLOGIES:
        return resolver.technology(key).name, None
    return Phase(key).label, None


def group_processes(ctx: Publication) -> dict[str, dict[str, Group]]:
    """Every non-empty group of every family: family -> key -> Group."""
    families: dict[str, dict[str, Group]] = {family: {} for family in urls.BROWSE_FAMILIES}
    for pp in ctx.published:
        for family, groups in families.items():
            for key in _keys(family, pp):
                group = groups.get(key)
                if group is None:
                    name, note = _name(ctx, family, key)
                    group = groups[key] = Group(family, key, name, note)
                group.processes.append(pp)
    for family in HIERARCHICAL:
        groups = families[family]
        for key in sorted(groups):
            parent = key.rpartition(".")[0]
            if parent in groups:
                groups[parent].children.append(groups[key])
    return families


def ordered(family: str, groups: dict[str, Group]) -> list[Group]:
    if family in HIERARCHICAL:
        return [groups[k] for k in sorted(groups)]
    if family == urls.PHASES:
        return [groups[p.value] for p in Phase if p.value in groups]
    return sorted(groups.values(), key=lambda g: (danish_sort_key(g.name), g.key))


def _children(family: str, group: Group, groups: dict[str, Group]) -> list[Group]:
    return group.children if family in HIERARCHICAL else []


def _parents(family: str, group: Group, groups: dict[str, Group]) -> list[Group]:
    if family not in HIERARCHICAL:
        return []
    return [groups[k] for k in code_ancestors(group.key)[:-1] if k in groups]


def render_group(env: jinja2.Environment, ctx: Publication, group: Group, groups: dict[str, Group],
                 tables: ProcessTableLines) -> Rendered:
    links = PageLinks(ctx.url(group.src_uri), ctx.use_directory_urls)
    children = [(LinkView(c.name, links(c.src_uri)), len(c.processes)) for c in _children(group.family, group, groups)]
    parents = [LinkView(p.name, links(p.src_uri)) for p in _parents(group.family, group, groups)]
    html = render(
        env, "browse.html", group=group, family_title=labels.BROWSE_TITLES[group.family],
        family_index=links(urls.browse_uri(group.family)), parents=parents, children=children,
        lines=tables.lines(links, group.processes), ctx=ctx,
    )
    return Rendered(html)


class ProcessTableLines:
    """The lines (``fragments.process_row``) of the process tables on one build's browse pages.

    A process is listed on about ten browse pages, and its line differs between them only by its two
    links: each distinct line is made once and reused (the publication does not change during a build).
    """

    def __init__(self, ctx: Publication):
        self.ctx = ctx
        self._order: dict[str, tuple[str, str]] = {}
        self._lines: dict[tuple[str, str, str], Markup] = {}
        self._inputs: dict[str, str] = {}

    def row_inputs(self, p: PublishedProcess) -> str:
        """What a process's line shows besides its links (a hash, worked out once per process: a process is
        on about ten browse pages); part of the page cache's key of each browse page that lists it."""
        found = self._inputs.get(p.id)
        if found is None:
            process = p.process
            shown = (p.id, process.title, process.municipality, process.phase.value, process.status.value,
                     self.ctx.updated(p), process.expected_hours_freed_per_year)
            found = self._inputs[p.id] = hashlib.blake2b(repr(shown).encode(), digest_size=16).hexdigest()
        return found

    def lines(self, links: PageLinks, processes: Iterable[PublishedProcess]) -> list[Markup]:
        """The lines of ``processes`` in the order of :func:`process_rows`, linked from ``links``' page."""
        order = self._order
        for p in processes:
            if p.id not in order:
                order[p.id] = title_order(p)
        shown = []
        for p in sorted(processes, key=lambda p: order[p.id]):
            title_href = links(urls.process_uri(p.id))
            municipality_href = links(urls.browse_uri(urls.MUNICIPALITIES, p.process.municipality))
            key = (p.id, title_href, municipality_href)
            line = self._lines.get(key)
            if line is None:
                title = LinkView(p.process.title, title_href)
                municipality = LinkView(self.ctx.resolver.municipality(p.process.municipality).name, municipality_href)
                line = self._lines[key] = process_row(process_row_view(self.ctx, p, title, municipality))
            shown.append(line)
        return shown


@dataclass
class TreeNode:
    link: LinkView
    count: int
    children: list["TreeNode"]


def _tree(family: str, groups: dict[str, Group], links: PageLinks) -> list[TreeNode]:
    def node(group: Group) -> TreeNode:
        return TreeNode(LinkView(group.name, links(group.src_uri)), len(group.processes),
                        [node(c) for c in _children(family, group, groups)])

    roots = [g for k, g in sorted(groups.items()) if "." not in k or not any(a in groups for a in code_ancestors(k)[:-1])]
    return [node(g) for g in roots]


def render_index(env: jinja2.Environment, ctx: Publication, family: str, groups: dict[str, Group]) -> Rendered:
    links = PageLinks(ctx.url(urls.browse_uri(family)), ctx.use_directory_urls)
    tree = _tree(family, groups, links) if family in HIERARCHICAL else []
    flat = [] if family in HIERARCHICAL else [
        (LinkView(g.name, links(g.src_uri), g.note), len(g.processes)) for g in ordered(family, groups)]
    html = render(env, "browse_index.html", family=family, title=labels.BROWSE_TITLES[family],
                  intro=labels.BROWSE_INTRO[family], tree=tree, flat=flat, browse=links(urls.BROWSE), ctx=ctx)
    return Rendered(html)


def index_inputs(family: str, groups: dict[str, Group]) -> tuple:
    """What :func:`render_index` reads beyond the templates and settings (the page cache's key)."""
    return (family, [(k, g.name, g.note, len(g.processes), [c.key for c in _children(family, g, groups)])
                     for k, g in sorted(groups.items())])


def render_browse_home(env: jinja2.Environment, ctx: Publication, families: dict[str, dict[str, Group]]) -> Rendered:
    links = PageLinks(ctx.url(urls.BROWSE), ctx.use_directory_urls)
    entries = [(LinkView(labels.BROWSE_TITLES[f], links(urls.browse_uri(f))), labels.BROWSE_INTRO[f], len(families[f]))
               for f in urls.BROWSE_FAMILIES]
    html = render(env, "browse_home.html", entries=entries, total=len(ctx.published), ctx=ctx,
                  search=links("soeg/index.md"))
    return Rendered(html)


def group_page_inputs(ctx: Publication, group: Group, groups: dict[str, Group], tables: ProcessTableLines) -> tuple:
    """Everything :func:`render_group` reads (the page cache reuses a page whose inputs are unchanged)."""
    rows = [tables.row_inputs(p) for p in group.processes]
    children = [(c.key, c.name, len(c.processes)) for c in _children(group.family, group, groups)]
    parents = [(p.key, p.name) for p in _parents(group.family, group, groups)]
    return (group.family, group.key, group.name, group.note, ctx.is_public, rows, children, parents)
