"""The audience filter: the only way from the Catalogue to an output.

Visibility follows OS2autoproces:

* ``public`` processes are in every build;
* ``municipality`` processes are only in their own municipality's private build
  (``autoproces build --audience <municipality> [--overlay DIR]``);
* ``personal`` processes are drafts and are never published, in any build.

Field-level confidentiality: the fields marked ``confidential`` in the model (internal notes,
ESDH reference, organisational units, named co-editors, owner, reporter) and links and
attachments marked ``municipality`` are only shown to the owning municipality. When a
process has a functional mailbox (``other_contact_email``), other audiences see that mailbox
and the contact person's name, but not the person's own e-mail and phone (as OS2autoproces
shows "Anden kontaktinformation" instead of the contact).

A process is *owned* by an audience only when both its folder and its ``municipality`` field
name that municipality. Overlay files may only hold the audience's own processes; a process
with a confidentiality error (a CPR number, an attachment outside its folder, ...) is never
published at all.

Outputs (pages, search index, exports, feed, dashboard, history) receive a :class:`Published`
and never the Catalogue itself, so no output can forget the filter. Relations to processes the
audience cannot see (umbrellas, "derived from") are cut here, once, for every output, and
:attr:`Published.withheld` recognises text (a commit message, a finding) that names anything
the audience may not see.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from generator.catalogue import Catalogue, Entry
from generator.checks.confidentiality.visibility import owned_by
from generator.content_key import dump_key, file_key
from generator.diagnostics import Finding
from generator.model import ItemVisibility, Process, Visibility
from generator.taxonomies import Taxonomies
# CONFIDENTIAL_FIELDS: blanked for everyone outside the owning municipality (field-level confidentiality).
from generator.withheld_terms import CONFIDENTIAL_FIELDS, confidential_terms, hidden_terms, titles
from generator.withheld_text import Withheld, distinctive_words, words_of

__all__ = ["Audience", "Published", "PublishedProcess", "Withheld", "audience_problem", "is_published", "publish"]

PUBLIC = "public"
AUDIENCE_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


# The fields that hold what is blanked for other audiences (read once per process, not the whole dump).
_CONFIDENTIAL_DUMP = set(CONFIDENTIAL_FIELDS) | {"links", "attachments", "other_contact_email", "contact"}


def audience_problem(name: str, taxonomies: Taxonomies | None = None) -> str | None:
    """A Danish explanation when ``name`` cannot be an audience, else None."""
    if name == PUBLIC:
        return None
    if not AUDIENCE_NAME.match(name or ""):
        return (f"'{name}' er ikke et gyldigt publikum. Brug 'public' eller en organisations kortnavn "
                "med små bogstaver, tal og bindestreger, fx 'aarhus'.")
    if taxonomies is not None and taxonomies.has("municipalities") and name not in taxonomies["municipalities"]:
        return f"Organisationen '{name}' findes ikke i listen over organisationer (taxonomies/municipalities.json)."
    return None


@dataclass(frozen=True)
class Audience:
    """Who a build is for: ``public`` or one municipality's folder slug."""

    name: str = PUBLIC

    @property
    def is_public(self) -> bool:
        return self.name == PUBLIC

    def owns(self, process: Process, folder: str | None = None) -> bool:
        """True when the process belongs to this audience's municipality (folder too, when given)."""
        if self.is_public or process.municipality != self.name:
            return False
        return folder is None or folder == self.name

    def owns_entry(self, entry: Entry) -> bool:
        return owned_by(entry, self.name)

    def shield(self, process: Process, folder: str | None = None) -> Process:
        """The process as this audience may see it: confidential fields and private items removed."""
        if self.owns(process, folder):
            return process
        update: dict[str, object] = {key: blank() for key, blank in _BLANKS.items()}
        update["links"] = [item for item in process.links if item.visibility == ItemVisibility.PUBLIC]
        update["attachments"] = [item for item in process.attachments if item.visibility == ItemVisibility.PUBLIC]
        if process.other_contact_email:
            update["contact"] = process.contact.model_copy(update={"email": None, "phone": None})
        return process.model_copy(update=update)


def _blank_of(key: str) -> Callable[[], object]:
    """What makes the empty value of a field (``FieldInfo.get_default``, which inspects its factory each time)."""
    info = Process.model_fields[key]
    if info.default_factory is not None and not info.default_factory_takes_validated_data:
        return info.default_factory  # type: ignore[return-value]
    if info.default_factory is None and isinstance(info.default, (type(None), str, int, float)):
        return lambda: info.default  # what get_default returns for a value that cannot change
    return lambda: info.get_default(call_default_factory=True)


# The empty value of every field blanked for other audiences.
_BLANKS = {key: _blank_of(key) for key in CONFIDENTIAL_FIELDS}


@dataclass(frozen=True)
class PublishedProcess:
    """One process as an output may show it."""

    id: str
    process: Process
    path: Path  # the source file, for "Rediger på GitHub" and the history
    findings: tuple[Finding, ...]  # warnings for editors, already filtered for the audience
    own: bool  # True when the audience's municipality owns it (private build)
    # ``generator.content_key`` of the process as published, worked out by ``publish``; read it as ``key``.
    content_key: str | None = field(default=None, repr=False, compare=False)
    # The id git gives the bytes the check read (``Entry.blob``), when the build kept it.
    blob: str | None = field(default=None, repr=False, compare=False)
    # Without a content key: the key of ``process``'s dump, made when first asked for (not init, so a
    # copy made by ``dataclasses.replace`` with another process never inherits it).
    _dump_key: str | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def municipality(self) -> str:
        return self.process.municipality

    @property
    def key(self) -> str:
        """A hash that changes whenever ``process`` does (the outputs' caches key each process by it)."""
        if self.content_key is not None:
            return self.content_key
        if self._dump_key is None:  # made elsewhere than ``publish``: keyed by the model's dump
            object.__setattr__(self, "_dump_key", dump_key(self.process))
        return self._dump_key  # type: ignore[return-value]


@dataclass
class Published:
    """The filtered catalogue: what one audience may see, and nothing else."""

    audience: Audience
    taxonomies: Taxonomies
    processes: list[PublishedProcess] = field(default_factory=list)
    # ids of every process left out of this build. Only for dropping dangling references:
    # never show them (their ids name private processes).
    hidden_ids: frozenset[str] = field(default=frozenset(), repr=False)
    # recognises text naming anything withheld from this audience (see redact_history)
    withheld: Withheld = field(default_factory=Withheld, repr=False)
    # what the audience sees anyway (normalised texts); never shown
    shown_values: frozenset[str] = field(default=frozenset(), repr=False)
    # every word the audience can read (see ``vocabulary``); None until it is first needed
    known_vocabulary: frozenset[str] | None = field(default=None, repr=False)

    @property
    def vocabulary(self) -> frozenset[str]:
        """Every word of every published text; found when first asked (only withheld titles need it)."""
        if self.known_vocabulary is None:
            self.known_vocabulary = vocabulary_of(p.process for p in self.processes)
        return self.known_vocabulary

    def withheld_also(self, terms: Iterable[str], withheld_titles: Iterable[str] = ()) -> Withheld:
        """A recogniser of more withheld ``terms`` (from git history, say), without what the audience sees."""
        titles_ = list(withheld_titles)
        distinctive = distinctive_words(titles_, self.vocabulary) if titles_ else set()
        return Withheld(_without_shown(set(terms) | distinctive, self.shown_values))

    def __iter__(self) -> Iterator[PublishedProcess]:
        return iter(self.processes)

    def __len__(self) -> int:
        return len(self.processes)

    @property
    def by_id(self) -> dict[str, PublishedProcess]:
        return {p.id: p for p in self.processes}


def withholds_entry(entry: Entry) -> bool:
    """True when a confidentiality error (AP5xx) keeps the entry out of every build."""
    return any(f.is_error and f.rule.startswith("AP5") for f in entry.findings)


def is_published(entry: Entry, audience: Audience) -> bool:
    """May this file appear in a build for ``audience``?"""
    process = entry.process
    if process is None or withholds_entry(entry):
        return False
    if entry.overlay and not audience.owns_entry(entry):
        return False
    if process.visibility == Visibility.PUBLIC:
        return True
    return process.visibility == Visibility.MUNICIPALITY and audience.owns_entry(entry)


def publish(catalogue: Catalogue, audience: Audience) -> Published:
    """Filter the catalogue for one audience. Entries with schema errors are never published.

    Pure: the catalogue is not changed. The findings that depend on the audience (AP509) are
    recorded before, by ``generator.pipeline.check_for_audience``.
    """
    ids = {id(e): e.id for e in catalogue.entries}  # an id is worked out from the path and the process
    chosen = [e for e in catalogue.entries if is_published(e, audience)]
    visible_ids = {ids[id(e)] for e in chosen}
    hidden = frozenset(i for i in ids.values() if i not in visible_ids)
    owned = {ids[id(e)]: audience.owns_entry(e) for e in chosen}
    shown = {ids[id(e)]: _cut_relations(e.process if owned[ids[id(e)]] else audience.shield(e.process),  # type: ignore[arg-type]
                                        visible_ids)
             for e in chosen}
    shielded = {id(e) for e in chosen if not owned[ids[id(e)]] and not audience.owns(e.process)}  # type: ignore[arg-type]
    shown_values = _shown_values(chosen, shown, ids, shielded)
    terms, withheld_titles = _withheld_terms(catalogue, chosen, owned, ids)
    vocabulary = vocabulary_of(shown.values()) if withheld_titles else None
    if vocabulary is not None:
        terms |= distinctive_words(withheld_titles, vocabulary)
    withheld = Withheld(_without_shown(terms, shown_values))
    visible = [
        PublishedProcess(
            id=ids[id(e)],
            process=shown[ids[id(e)]],
            path=e.path,
            findings=tuple(f for f in e.findings if not f.is_error
                           and (owned[ids[id(e)]] or _finding_may_be_shown(f, withheld))),
            own=owned[ids[id(e)]],
            content_key=_content_key(e, shown[ids[id(e)]], audience, owned[ids[id(e)]]),
            blob=e.blob,
        )
        for e in chosen
    ]
    visible.sort(key=lambda p: p.id)
    return Published(audience=audience, taxonomies=catalogue.taxonomies, processes=visible,
                     hidden_ids=hidden, withheld=withheld, shown_values=shown_values,
                     known_vocabulary=vocabulary)


def _content_key(entry: Entry, shown: Process, audience: Audience, owned: bool) -> str:
    """The published process's key: from its file's hash when the check kept it, else from its dump."""
    if entry.digest is None:
        return dump_key(shown)
    return file_key(entry.path, entry.digest, audience.name, owned, shown)


def _cut_relations(process: Process, visible_ids: set[str]) -> Process:
    """Drop umbrella and copy-source references to processes this build does not contain."""
    umbrellas = [ref for ref in process.umbrellas if ref in visible_ids]
    derived = process.derived_from if process.derived_from in visible_ids else None
    if umbrellas == process.umbrellas and derived == process.derived_from:
        return process
    return process.model_copy(update={"umbrellas": umbrellas, "derived_from": derived})


_CONFIDENTIAL_KEY = re.compile(r"\b(?:" + "|".join(CONFIDENTIAL_FIELDS) + r")\b") if CONFIDENTIAL_FIELDS else None


def _finding_may_be_shown(finding: Finding, withheld: Withheld) -> bool:
    """A warning about someone else's process, shown only when it names nothing withheld."""
    text = f"{finding.message}\n{finding.hint}"
    if _CONFIDENTIAL_KEY is not None and _CONFIDENTIAL_KEY.search(text):
        return False
    return not withheld.mentions(text)


def _strings(value: Any) -> list[str]:
    """Every text inside a value (process, person, link, list, dict), in order."""
    found: list[str] = []
    _collect_strings(value.model_dump(mode="json") if hasattr(value, "model_dump") else value, found)
    return found


def _collect_strings(value: Any, found: list[str]) -> None:
    if isinstance(value, str):
        found.append(value)
        return
    if isinstance(value, dict):
        items: Any = value.values()
    elif isinstance(value, (list, tuple, set, frozenset)):
        items = value
    elif hasattr(value, "model_dump"):
        items = (value.model_dump(mode="json"),)
    else:
        return
    for item in items:
        if isinstance(item, str):
            found.append(item)
        elif item is not None and not isinstance(item, (bool, int, float)):
            _collect_strings(item, found)


def _data_of(entry: Entry) -> dict[str, Any]:
    if entry.process is not None:
        return entry.process.model_dump(mode="json")
    return entry.document.data if isinstance(entry.document.data, dict) else {}


def _withheld_terms(catalogue: Catalogue, chosen: list[Entry], owned: dict[str, bool],
                    ids: dict[int, str]) -> tuple[set[str], list[str]]:
    """Every text that names a process left out for privacy, or a value blanked for the audience; and the
    titles of the processes left out (for their distinctive words). ``ids``: each entry's id by ``id(entry)``."""
    chosen_ids = {ids[id(e)] for e in chosen}
    terms: set[str] = set()
    withheld_titles: list[str] = []
    for entry in catalogue.entries:
        if ids[id(entry)] in chosen_ids or not _hidden_because_private(entry):
            continue
        data = _data_of(entry)
        terms.update(hidden_terms(data, ids[id(entry)], entry.slug))
        withheld_titles.extend(titles(data))
    for entry in chosen:
        if not owned[ids[id(entry)]]:
            assert entry.process is not None
            terms.update(entry.confidential if entry.confidential is not None else _confidential_of(entry.process))
    return terms, withheld_titles


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


def _shown_values(chosen: list[Entry], shown: dict[str, Process], ids: dict[int, str],
                  shielded: set[int]) -> frozenset[str]:
    """What the audience sees anyway is no secret (the owner who is also a public contact): every shown
    text, id and slug, and each part of a shown person's name. ``shielded``: the entries (by ``id()``) whose
    shown process is the one every other audience sees, so their remembered ``shown_texts`` hold."""
    values: set[str] = set()
    worked_out: list[Process] = []
    for entry in chosen:
        process = shown[ids[id(entry)]]
        if entry.shown_texts is None or id(entry) not in shielded:
            worked_out.append(process)
            continue
        values.update(entry.shown_texts)  # all but the relations, which this build cuts
        values.update(_normal(ref) for ref in (*process.umbrellas, process.derived_from) if ref is not None)
    values.update(_texts_of(worked_out))
    values.update(shown)  # the ids
    values.update(e.slug for e in chosen)  # another municipality's public process of the same name
    return frozenset(values)


def _texts_of(processes: list[Process]) -> set[str]:
    """Every text of the processes (normalised) and each part of a person's name in them."""
    values = {_normal(s) for s in {s for p in processes for s in _strings(p)}}
    for process in processes:
        for person in (process.contact, process.owner, process.reporter, *process.users):
            if person is not None:
                values.update(part.casefold() for part in person.name.split())
    return values


def shielded_texts(process: Process) -> tuple[str, ...]:
    """What ``_shown_values`` counts of a process that the audience does not own, without its relations
    (each build cuts those to the processes it holds): kept by an incremental build's results cache."""
    shown = Audience().shield(process)
    if shown.umbrellas or shown.derived_from is not None:
        shown = shown.model_copy(update={"umbrellas": [], "derived_from": None})
    return tuple(sorted(_texts_of([shown])))


def remembered_texts(process: Process) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What an incremental build's results cache keeps of a process for publishing it: its
    :func:`shielded_texts` and the values blanked for an audience that does not own it."""
    return shielded_texts(process), tuple(dict.fromkeys(_confidential_of(process)))


def _confidential_of(process: Process) -> Iterator[str]:
    return confidential_terms(process.model_dump(mode="json", include=_CONFIDENTIAL_DUMP))


def vocabulary_of(processes: Iterable[Process]) -> frozenset[str]:
    """Every word the audience can read in these processes."""
    words: set[str] = set()
    for process in processes:  # one pass over all its text (splitting each short text alone costs ten times more)
        words.update(words_of(" ".join(_strings(process))))
    return frozenset(words)


def _without_shown(terms: set[str], shown_values: frozenset[str]) -> set[str]:
    return {t for t in terms if t and _normal(t) not in shown_values}


def _hidden_because_private(entry: Entry) -> bool:
    """True when the entry is left out because of who may see it (not only because it is broken)."""
    process = entry.process
    if process is not None:
        return process.visibility != Visibility.PUBLIC or entry.overlay or withholds_entry(entry)
    visibility = (entry.document.data or {}).get("visibility")
    return visibility != Visibility.PUBLIC.value or entry.overlay
