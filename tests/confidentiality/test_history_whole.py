"""The redacted history of a whole repository at once: public, formerly private, renamed and private files.

One ``git log`` pass reads every file's history and each earlier revision is parsed once; these
tests hold the exact redacted history (date, message, author, whether it is shown) of every
published file, also when the catalogue folder is reached through a symbolic link.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.history import load_history
from generator.history_filter import NEUTRAL_MESSAGE, redact
from generator.loading import MAX_FILE_BYTES
from tests.confidentiality.test_history_rule import Repo, process_text
from tests.site.site_helpers import SITE_LISTS
from tests.support.catalogue import publish_folder


def _table(repo: Repo, root: Path | None = None) -> dict[str, list[tuple[str, str, str | None, bool]]]:
    root = root or repo.path / "processes"
    published = publish_folder(root, taxonomies=SITE_LISTS)
    history = redact(load_history([root], [pp.path for pp in published]), published)
    return {pp.id: [(c.date.isoformat(), c.subject, c.author, c.shown) for c in history.history_for(pp)]
            for pp in sorted(published, key=lambda p: p.id)}


@pytest.fixture
def lived(tmp_path) -> Repo:
    """Seven commits, one a day from 2025-01-01, over four process files and the project's README."""
    repo = Repo(tmp_path / "repo")
    public, draft, old, new, secret = (f"processes__aarhus__{name}.yaml"
                                       for name in ("offentlig", "kladde", "gammel-navn", "nyt-navn", "hemmelig"))
    repo.commit("Første offentlige proces", **{public: process_text("Offentlig proces"), "README.md": "# Katalog\n"})
    repo.commit("Kladde oprettet", **{draft: process_text("Kladde", visibility="municipality")})
    repo.commit("Gammel proces", **{old: process_text("Flyttet proces")})
    repo.commit("Kladden offentliggjort", **{draft: process_text("Kladde")})
    repo.git("mv", "processes/aarhus/gammel-navn.yaml", "processes/aarhus/nyt-navn.yaml")
    repo.commit("Omdøbt")
    repo.commit("Beskrivelse rettet", **{new: process_text("Flyttet proces", extra="status_text: Ny\n"),
                                         public: process_text("Offentlig proces", extra="status_text: Rettet\n")})
    repo.commit("Hemmelig tilføjet sammen med en rettelse",
                **{secret: process_text("Hemmelig", visibility="municipality"),
                   public: process_text("Offentlig proces", extra="status_text: Igen\n")})
    return repo


EXPECTED = {
    "aarhus/kladde": [
        ("2025-01-04", NEUTRAL_MESSAGE, None, False),  # its earlier revision was not public
        ("2025-01-02", NEUTRAL_MESSAGE, None, False),
    ],
    "aarhus/nyt-navn": [
        ("2025-01-06", "Beskrivelse rettet", "Test", True),
        ("2025-01-03", "Gammel proces", "Test", True),  # the rename itself changed no content
    ],
    "aarhus/offentlig": [
        ("2025-01-07", NEUTRAL_MESSAGE, None, False),  # the same commit added a private process
        ("2025-01-06", "Beskrivelse rettet", "Test", True),
        ("2025-01-01", "Første offentlige proces", "Test", True),
    ],
}


def test_every_published_file_gets_its_exact_redacted_history(lived):
    assert _table(lived) == EXPECTED


def test_a_catalogue_folder_reached_through_a_link_gets_the_same_history(lived, tmp_path):
    link = tmp_path / "link"
    link.symlink_to(lived.path / "processes", target_is_directory=True)
    assert _table(lived, link) == EXPECTED


def test_an_earlier_revision_too_large_to_read_keeps_its_file_history_neutral(tmp_path):
    repo = Repo(tmp_path / "repo")
    large, small = "processes__aarhus__stor.yaml", "processes__aarhus__lille.yaml"
    padding = "# " + "x" * MAX_FILE_BYTES + "\n"
    repo.commit("Stor fil", **{large: process_text("Stor proces") + padding, small: process_text("Lille proces")})
    repo.commit("Stor fil gjort lille", **{large: process_text("Stor proces")})
    repo.commit("Lille rettet", **{small: process_text("Lille proces", extra="status_text: Rettet\n")})
    assert _table(repo) == {
        "aarhus/lille": [("2025-01-03", "Lille rettet", "Test", True),
                         ("2025-01-01", NEUTRAL_MESSAGE, None, False)],  # the same commit added the large file
        "aarhus/stor": [("2025-01-02", NEUTRAL_MESSAGE, None, False), ("2025-01-01", NEUTRAL_MESSAGE, None, False)],
    }
