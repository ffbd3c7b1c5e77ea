"""The content key of a published process (``generator.content_key``): it changes whenever the process as
published changes (its file's bytes, the audience, whether the audience owns it, a relation cut because
another file is no longer published), and is the same for the same inputs, from the results cache or not."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from generator.audience import Audience, PublishedProcess, publish, remembered_texts
from generator.checks.results_cache import open_cache
from generator.checks.whole import check_catalogue
from generator.content_key import dump_key
from generator.pipeline import check_for_audience
from tests.support.catalogue import BASE, NO_LISTS, write

CHILD = "aarhus/barn"
UMBRELLA = "aarhus/paraply"


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    project = tmp_path / "project"
    write(project, "processes/aarhus/paraply.yaml", BASE.replace("title: Journalisering af lægeerklæringer",
                                                                 "title: Paraplyen") + "type: parent\n")
    write(project, "processes/aarhus/barn.yaml", BASE + "umbrellas: [aarhus/paraply]\ntime_spend_occurrences: 40\n"
                                                        "internal_notes: Kun for Aarhus.\n")
    write(project, "processes/odense/anden.yaml", BASE.replace("municipality: aarhus", "municipality: odense"))
    monkeypatch.setenv("AUTOPROCES_KEY_DIR", str(tmp_path / "key"))
    return project


def published(project: Path, audience: str = "public", *, cache: bool = False) -> dict[str, PublishedProcess]:
    """The processes a build publishes for ``audience`` (read as ``pipeline.prepare`` reads them), by id."""
    opened = open_cache(project, project / "taxonomies", remembered_texts) if cache else None
    catalogue = check_catalogue([project / "processes"], NO_LISTS, cache=opened)
    if opened is not None:
        opened.write()
    check_for_audience(catalogue, Audience(audience))
    errors = [f for f in catalogue.findings if f.is_error]
    assert not errors
    return {p.id: p for p in publish(catalogue, Audience(audience))}


def keys(project: Path, audience: str = "public", **kwargs) -> dict[str, str]:
    return {i: p.key for i, p in published(project, audience, **kwargs).items()}


def edit(project: Path, process_id: str, old: str, new: str) -> None:
    path = project / "processes" / f"{process_id}.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_key_is_made_from_the_files_hash_and_is_the_same_for_the_same_bytes(project):
    first = published(project)
    assert all(p.content_key is not None and len(p.key) == 40 for p in first.values())
    assert len({p.key for p in first.values()}) == 3
    assert first[CHILD].key != dump_key(first[CHILD].process)  # from the file's hash, not from a dump
    (project / "processes" / "aarhus" / "barn.yaml").touch()
    assert keys(project) == {i: p.key for i, p in first.items()}


def test_a_changed_field_changes_the_key_of_that_process_only(project):
    before = keys(project)
    edit(project, CHILD, "time_spend_occurrences: 40", "time_spend_occurrences: 41")
    after = keys(project)
    assert after[CHILD] != before[CHILD]
    assert {i: k for i, k in after.items() if i != CHILD} == {i: k for i, k in before.items() if i != CHILD}
    edit(project, CHILD, "time_spend_occurrences: 41", "time_spend_occurrences: 40")
    assert keys(project) == before


def test_the_key_differs_between_an_audience_that_owns_the_process_and_one_that_does_not(project):
    public, own, other = published(project), published(project, "aarhus"), published(project, "odense")
    assert own[CHILD].own and not public[CHILD].own and not other[CHILD].own
    assert own[CHILD].process.internal_notes == "Kun for Aarhus." and public[CHILD].process.internal_notes is None
    assert len({public[CHILD].key, own[CHILD].key, other[CHILD].key}) == 3


def test_a_relation_cut_because_another_file_is_no_longer_published_changes_the_key(project):
    before = published(project)
    assert before[CHILD].process.umbrellas == [UMBRELLA]
    edit(project, UMBRELLA, "visibility: public", "visibility: municipality")  # the child's file is the same
    after = published(project)
    assert UMBRELLA not in after and after[CHILD].process.umbrellas == []
    assert after[CHILD].key != before[CHILD].key
    assert published(project, "aarhus")[CHILD].process.umbrellas == [UMBRELLA]  # its own build still has it


def test_the_key_is_the_same_with_the_results_cache_as_without(project):
    clean = keys(project)
    assert keys(project, cache=True) == clean  # fills the cache
    assert (project / ".autoproces-cache" / "build-results.json").is_file()
    assert keys(project, cache=True) == clean  # every process from the cache
    edit(project, CHILD, "time_spend_occurrences: 40", "time_spend_occurrences: 41")
    changed = keys(project, cache=True)
    assert changed == keys(project) and changed[CHILD] != clean[CHILD]


def test_a_process_published_without_a_file_hash_is_keyed_by_its_dump(project):
    process = published(project)[CHILD].process
    made = PublishedProcess(id=CHILD, process=process, path=Path("barn.yaml"), findings=(), own=False)
    assert made.key == dump_key(process)
    other = process.model_copy(update={"time_spend_occurrences": 41})
    assert PublishedProcess(id=CHILD, process=other, path=Path("barn.yaml"), findings=(), own=False).key != made.key


def test_a_copy_with_another_process_is_keyed_by_that_process_not_by_the_key_of_the_original(project):
    process = published(project)[CHILD].process
    made = PublishedProcess(id=CHILD, process=process, path=Path("barn.yaml"), findings=(), own=False)
    assert made.key == dump_key(process)  # asked for first: the original remembers its key
    other = process.model_copy(update={"time_spend_occurrences": 41})
    copy = dataclasses.replace(made, process=other)
    assert copy.key == dump_key(other) != made.key
