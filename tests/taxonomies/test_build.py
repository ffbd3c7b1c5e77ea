"""The committed cache is exactly what the sources build to, and its manifests describe it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.taxonomies import LIST_NAMES, load_taxonomies
from generator.taxonomies.build import build_all
from generator.taxonomies.errors import TaxonomyError
from generator.taxonomies.files import atomic_write, dump_items, sha256
from generator.taxonomies.provenance import Sources

from .conftest import TAXONOMIES, snapshot

# The read-only reference copies lie beside the project (../shared), in CI as in development.
SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "taxonomy-sources"
CACHE_FILES = [f"{name}{suffix}" for name in (*LIST_NAMES, "kle_facets", "kle_keywords") for suffix in (".json", ".manifest.json")]


# The curated lists are read directly from their source YAML, so a pull request may add an entry there
# without rebuilding; for them the cache must agree with the sources item by item (test_curated_direct.py).
CURATED_CACHE = {f"{name}{suffix}" for name in ("it_systems", "technologies") for suffix in (".json", ".manifest.json")}


def test_committed_cache_is_byte_identical_to_a_fresh_build(built):
    for name in CACHE_FILES:
        if name not in CURATED_CACHE:
            assert (built / name).read_bytes() == (TAXONOMIES / name).read_bytes(), f"{name} is stale: run the build"


def test_rebuild_is_byte_identical_and_leaves_no_temporary_files(built, tmp_path):
    out = tmp_path / "again"
    build_all(TAXONOMIES / "sources", out)
    build_all(TAXONOMIES / "sources", out)  # second run over existing files
    assert snapshot(out) == {name: (built / name).read_bytes() for name in CACHE_FILES}


def test_list_files_have_one_item_per_line_sorted_by_code(built):
    for name in (*LIST_NAMES, "kle_facets", "kle_keywords"):
        data = (built / f"{name}.json").read_bytes()
        lines = data.decode("utf-8").split("\n")
        assert lines[0] == f'{{"list":"{name}","items":['
        assert lines[-2:] == ["]}", ""]
        items = [json.loads(line.rstrip(",")) for line in lines[1:-2]]
        assert [item["code"] for item in items] == sorted(item["code"] for item in items)
        assert json.loads(data) == {"list": name, "items": items}
        assert dump_items(name, items) == data
        for item in items:
            assert {"code", "title", "status", "replaced_by"} <= item.keys()
            assert item["status"] in ("active", "retired", "moved")


def test_manifests_carry_checksum_counts_and_provenance(built):
    for name in (*LIST_NAMES, "kle_facets", "kle_keywords"):
        manifest = json.loads((built / f"{name}.manifest.json").read_bytes())
        items = json.loads((built / f"{name}.json").read_bytes())["items"]
        assert manifest["list"] == name
        assert manifest["items_sha256"] == sha256((built / f"{name}.json").read_bytes())
        assert manifest["count"] == len(items)
        for source in manifest["sources"]:
            path = TAXONOMIES / source["file"]
            assert source["sha256"] == sha256(path.read_bytes())
            assert source["retrieved"] and source["licence"]


def test_kle_manifest_dates_come_from_the_sources(built):
    manifest = json.loads((built / "kle.manifest.json").read_bytes())
    releases = {s["file"].rsplit("/", 1)[1]: s["release"] for s in manifest["sources"]}
    assert releases["KLE-Emneplan_Version2-0_2015-08-01.xml"] == "2015-08-01"   # <UdgivelsesDato>
    assert releases["kles.json"] == "2022-05-01"                               # referenceVersion
    assert releases["OS2KLE.txt"] == "2026-02"                                 # provenance
    assert manifest["release"] == "2026-02"
    assert manifest["retrieved"] == "2026-03-10"


def test_every_source_file_has_provenance_in_both_documents():
    sources = Sources(TAXONOMIES / "sources")
    human = (TAXONOMIES / "sources" / "PROVENANCE.md").read_text(encoding="utf-8")
    files = [p.relative_to(TAXONOMIES / "sources").as_posix() for p in (TAXONOMIES / "sources").rglob("*")
             if p.is_file() and p.name not in ("provenance.yaml", "PROVENANCE.md")]
    assert len(files) >= 20
    for name in files:
        assert name in sources.entries, f"{name} is missing from provenance.yaml"
        assert f"`{name}`" in human, f"{name} is missing from PROVENANCE.md"


@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared reference copies are not mounted")
def test_copied_sources_are_byte_identical_to_the_shared_copies():
    copied = [name for name in Sources(TAXONOMIES / "sources").entries
              if not name.startswith("curated/") and (SHARED / name).is_file()]
    assert len(copied) == 16
    for name in copied:
        assert (TAXONOMIES / "sources" / name).read_bytes() == (SHARED / name).read_bytes(), name


def test_lookup_reads_every_list(built):
    taxonomies = load_taxonomies(built)
    for name in LIST_NAMES:
        assert name == "kla" or taxonomies.has(name), name
    assert taxonomies["kle"].get("27.24.00").title


def test_retrieved_dates_can_be_overridden(tmp_path):
    build_all(TAXONOMIES / "sources", tmp_path, retrieved={"kle/os2kle/OS2KLE.txt": "2026-04-01"})
    manifest = json.loads((tmp_path / "kle.manifest.json").read_bytes())
    assert manifest["retrieved"] == "2026-04-01"


def test_atomic_write_keeps_the_old_file_when_the_write_fails(tmp_path, monkeypatch):
    target = tmp_path / "kle.json"
    target.write_bytes(b"old")

    def fail(*args):
        raise OSError("disk full")

    monkeypatch.setattr("generator.files.os.replace", fail)
    with pytest.raises(OSError):
        atomic_write(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["kle.json"]


def test_a_kla_list_in_the_sources_fills_the_same_format(tmp_path):
    import shutil

    sources = tmp_path / "sources"
    shutil.copytree(TAXONOMIES / "sources", sources)
    (sources / "kla").mkdir()
    (sources / "kla" / "arbejdsgange.csv").write_text("code;title\n10.88.11;Eksempel\n01.66.09.00.08;\n",
                                                      encoding="utf-8")
    with pytest.raises(TaxonomyError, match="kla/arbejdsgange.csv: filen er ikke beskrevet i provenance.yaml"):
        build_all(sources, tmp_path)
    with (sources / "provenance.yaml").open("a", encoding="utf-8") as fh:
        fh.write('  kla/arbejdsgange.csv:\n    list: kla\n    licence: test\n    release: "2010"\n'
                 '    retrieved: "2026-11-27"\n')
    build_all(sources, tmp_path)
    kla = json.loads((tmp_path / "kla.json").read_bytes())["items"]
    assert kla == [{"code": "01.66.09.00.08", "replaced_by": [], "status": "active", "title": None},
                   {"code": "10.88.11", "replaced_by": [], "status": "active", "title": "Eksempel"}]
    manifest = json.loads((tmp_path / "kla.manifest.json").read_bytes())
    assert manifest["release"] == "2010" and manifest["code_pattern"] == r"^\d{2}\.\d{2}\.\d{2}(\.\d{2}){0,2}$"
    (sources / "kla" / "arbejdsgange.csv").write_text("code;title\n10.88;Forkert\n", encoding="utf-8")
    with pytest.raises(TaxonomyError, match="ugyldigt KLA-nummer '10.88'"):
        build_all(sources, tmp_path)
