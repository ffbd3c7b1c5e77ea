"""Peer validation (validations:) and reuse (adopted_by:): AP309-AP316 with exact wording and lines."""

from __future__ import annotations

from tests.support.catalogue import BASE, BASE_LINES, catalogue_of, check_text, entry_for, only, real_lists
from tests.support.git_repo import commit, git, init_repo


def validations(*items: str) -> str:
    return "validations:\n" + "".join(f"  - {item}\n" for item in items)


def test_own_municipality_duplicate_and_unknown_are_refused_at_their_line(tmp_path):
    text = BASE + "created: 2024-01-15\n" + validations(
        "{municipality: aarhus, date: 2025-03-01}",
        "{municipality: odense, date: 2025-03-01}",
        "{municipality: odense, date: 2025-04-01}",
        "{municipality: odence, date: 2025-05-01}")
    findings = check_text(tmp_path, text, lists=real_lists())
    first = BASE_LINES + 3
    own = only(findings, "AP309")
    assert (own.line, own.message) == (first, "Aarhus Kommune (aarhus) kan ikke validere sin egen proces.")
    twice = only(findings, "AP310")
    assert (twice.line, twice.message) == (
        first + 2, f"Odense Kommune (odense) står flere gange i Valideringer (validations); første gang i linje {first + 1}.")
    unknown = only(findings, "AP313")
    assert unknown.line == first + 3 and unknown.hint.startswith("Mente du 'odense'")


def test_a_date_in_the_future_or_before_the_process_was_created(tmp_path):
    text = BASE + "created: 2024-01-15\n" + validations(
        "{municipality: odense, date: 2999-01-01}", "{municipality: koebenhavn, date: 2023-12-31}")
    findings = check_text(tmp_path, text, lists=real_lists())
    assert only(findings, "AP311").message == "Valideringen fra Odense Kommune er dateret 2999-01-01, som ligger i fremtiden."
    assert only(findings, "AP312").message == (
        "Valideringen fra Københavns Kommune er dateret 2023-12-31, før processen kom ind i kataloget (2024-01-15).")


def test_adopted_by_names_other_known_municipalities(tmp_path):
    findings = check_text(tmp_path, BASE + "adopted_by: [odense, aarhus, odence, odense]\n", lists=real_lists())
    assert only(findings, "AP316").message == (
        "Aarhus Kommune er processens egen organisation og skal ikke stå i Bruges også af (adopted_by).")
    assert only(findings, "AP315").hint.startswith("Mente du 'odense'")
    assert only(findings, "AP112").message == "'odense' står flere gange i listen Bruges også af (adopted_by)."


def test_a_validation_without_a_date_names_the_field_in_danish(tmp_path):
    finding = only(check_text(tmp_path, BASE + validations("municipality: odense"), lists=real_lists()), "AP102")
    assert finding.message == "Feltet Valideringer (nr. 1) › Dato (validations[1].date) mangler og skal udfyldes."


def _repo_with_validated_process(tmp_path, later: str) -> tuple:
    repo = init_repo(tmp_path / "repo")
    validated = BASE + "time_spend_occurrences: 1200\n" + validations("{municipality: odense, date: 2024-03-01}")
    commit(repo, "Ny proces", "2024-02-01T10:00:00+01:00", {"processes/aarhus/proces.yaml": validated})
    commit(repo, "Validering", "2024-03-01T15:00:00+01:00", {"processes/aarhus/proces.yaml": validated})
    git(repo, "mv", "processes/aarhus/proces.yaml", "processes/aarhus/nyt-navn.yaml")
    commit(repo, "Omdøb", "2024-04-01T10:00:00+02:00")
    path = repo / "processes/aarhus/nyt-navn.yaml"
    path.write_text(later(validated), encoding="utf-8")
    return repo, path


def test_a_validation_goes_stale_when_fields_that_matter_changed_after_its_date(tmp_path):
    repo, path = _repo_with_validated_process(
        tmp_path, lambda t: t.replace("phase: idea", "phase: preanalysis").replace("1200", "1500"))
    finding = only(entry_for(catalogue_of(repo, real_lists()), path).findings, "AP314")
    assert finding.severity == "warning"
    assert finding.message == ("Valideringen fra Odense Kommune (2024-03-01) er forældet: Fase (phase) og Antal gange "
                               "processen foretages årligt (time_spend_occurrences) er ændret siden.")


def test_a_rename_and_a_new_contact_do_not_make_a_validation_stale(tmp_path):
    repo, path = _repo_with_validated_process(tmp_path, lambda t: t.replace("Digitaliseringsenheden", "IT"))
    assert "AP314" not in [f.rule for f in entry_for(catalogue_of(repo, real_lists()), path).findings]


def test_a_shallow_clone_has_no_history_to_judge_by(tmp_path):
    repo = init_repo(tmp_path / "origin")
    commit(repo, "Gammel", "2023-01-01T10:00:00+01:00", {"processes/odense/anden.yaml": BASE})
    text = BASE + validations("{municipality: odense, date: 2024-03-01}")
    commit(repo, "Ny proces", "2024-06-01T10:00:00+02:00", {"processes/aarhus/proces.yaml": text})
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    path = clone / "processes/aarhus/proces.yaml"
    assert "AP312" in [f.rule for f in entry_for(catalogue_of(repo, real_lists()), repo / "processes/aarhus/proces.yaml").findings]
    assert "AP312" not in [f.rule for f in entry_for(catalogue_of(clone, real_lists()), path).findings]
