"""The Danish change report and the search for affected processes."""

from __future__ import annotations

from generator.taxonomies.report import attach_processes, diff_items, format_report, index_processes


def item(code, title, status="active", replaced_by=()):
    return {"code": code, "title": title, "status": status, "replaced_by": list(replaced_by)}


def test_diff_finds_added_renamed_retired_and_moved():
    old = [item("01", "Et"), item("02", "To"), item("03", "Tre"), item("04", "Fire"), item("05", "Fem", "retired")]
    new = [item("01", "Et, nyt navn"), item("02", "To", "retired"), item("03", "Tre", "moved", ["01"]),
           item("05", "Fem"), item("06", "Seks")]
    changes = [(c.kind, c.code) for c in diff_items(old, new)]
    assert changes == [("renamed", "01"), ("retired", "02"), ("moved", "03"), ("retired", "04"), ("added", "05"),
                       ("added", "06")]


def test_processes_are_found_through_every_field(tmp_path):
    (tmp_path / "aarhus").mkdir()
    (tmp_path / "aarhus" / "a.yaml").write_text(
        "kle: '00.01.00'\nform: '02.05'\nit_systems: [sbsys, kmd-nexus]\nservices: [sbsys]\ntechnologies: [uipath]\n",
        encoding="utf-8")
    (tmp_path / "aarhus" / "broken.yaml").write_text("kle: [unclosed\n", encoding="utf-8")
    (tmp_path / "aarhus" / "notes.txt").write_text("kle: '00.01.00'", encoding="utf-8")
    index = index_processes(tmp_path)
    assert index == {("kle", "00.01.00"): ["aarhus/a"], ("form", "02.05"): ["aarhus/a"],
                     ("it_systems", "sbsys"): ["aarhus/a"], ("it_systems", "kmd-nexus"): ["aarhus/a"],
                     ("technologies", "uipath"): ["aarhus/a"]}
    assert index_processes(tmp_path / "missing") == {}


def test_report_is_danish_and_always_shows_affected_processes():
    changes = diff_items([], [item(f"{n:02d}", f"Emne {n}") for n in range(40)])
    attach_processes("kle", changes, {("kle", "39"): ["odense/x"]})
    lines = format_report("kle", changes)
    assert lines[:4] == ["KLE: 40 ændringer", "  Tilføjet (40):", "    39 Emne 39", "      berører: odense/x"]
    assert lines[-2:] == ["    … og 15 flere", "  Berørte processer: 1"]
    assert format_report("form", []) == ["FORM: ingen ændringer."]
