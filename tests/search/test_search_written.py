"""The search files written as each family is made are the files ``build_search_data`` gives, byte for byte,
and files an earlier build left in ``soeg/data/`` are removed (no temporary file stays behind)."""

from __future__ import annotations

from generator.search import index
from generator.search.output import DATA_DIR, build_search_data, write_all
from tests.search.helpers import synthetic

PROCESS_URL = "../processer/{id}/"


def test_written_files_are_the_built_files_and_stale_ones_go(tmp_path):
    catalogue = synthetic().synthetic_published(40, seed=5)
    index._last_splitter.clear()
    expected = build_search_data(catalogue, lambda item: None, PROCESS_URL)
    data = tmp_path / DATA_DIR
    data.mkdir(parents=True)
    (data / "kort-000-0123456789.json").write_bytes(b"old")
    index._last_splitter.clear()
    from generator.search.documents import as_publication
    write_all(as_publication(catalogue), tmp_path, lambda item: None, PROCESS_URL)
    found = {p.name: p.read_bytes() for p in data.iterdir()}
    assert found == expected
    assert len(expected) > 10
