"""The search files written as each family is made are the files ``build_search_data`` gives, byte for byte,
and files an earlier build left in ``soeg/data/`` are removed (no temporary file stays behind), whether a
family is kept in memory until its hash is known or goes on under temporary names (a large family)."""

from __future__ import annotations

import pytest

from generator.search import index, output
from generator.search.documents import as_publication
from generator.search.output import DATA_DIR, build_search_data, write_all
from tests.search.helpers import synthetic

PROCESS_URL = "../processer/{id}/"


@pytest.mark.parametrize("kept_bytes", [output.FAMILY_BYTES_KEPT, 5_000])
def test_written_files_are_the_built_files_and_stale_ones_go(tmp_path, monkeypatch, kept_bytes):
    catalogue = synthetic().synthetic_published(40, seed=5)
    index._last_splitter.clear()
    expected = build_search_data(catalogue, lambda item: None, PROCESS_URL)
    data = tmp_path / DATA_DIR
    data.mkdir(parents=True)
    (data / "kort-000-0123456789.json").write_bytes(b"old")
    index._last_splitter.clear()
    monkeypatch.setattr(output, "FAMILY_BYTES_KEPT", kept_bytes)
    spilled = []
    spill = output._Written._spill
    monkeypatch.setattr(output._Written, "_spill", lambda self, data, digest: (spilled.append(len(data)), spill(self, data, digest)))
    write_all(as_publication(catalogue), tmp_path, lambda item: None, PROCESS_URL)
    found = {p.name: p.read_bytes() for p in data.iterdir()}
    assert found == expected
    assert len(expected) > 10
    # The small limit sends the larger families through temporary names; the default keeps all of them.
    assert (len(spilled) > 10) == (kept_bytes == 5_000)
