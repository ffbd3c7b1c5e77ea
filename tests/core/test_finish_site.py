"""``finish_site``: every real folder 0755 and every regular file 0644; a symbolic link is neither followed
nor changed (a site folder could hold one to a file outside it)."""

from __future__ import annotations

import os
import stat

from generator.output_folder import MARKER, finish_site


def mode(path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def test_every_folder_and_file_gets_its_mode_and_links_are_left_alone(tmp_path):
    site, outside = tmp_path / "site", tmp_path / "outside"
    (site / "a" / "b").mkdir(parents=True)
    outside.mkdir()
    (outside / "secret.txt").write_text("x")
    (outside / "inner").mkdir()
    for path, bits in ((site / "a", 0o700), (site / "a" / "b", 0o750), (outside / "inner", 0o700)):
        path.chmod(bits)
    for path in (site / "index.html", site / "a" / "b" / "page.html", outside / "secret.txt"):
        path.write_text("x")
        path.chmod(0o600)
    os.symlink(outside / "secret.txt", site / "a" / "link.txt")
    os.symlink(outside, site / "a" / "linked-folder")
    finish_site(site)
    assert (site / MARKER).is_file()
    assert {mode(p) for p in (site, site / "a", site / "a" / "b")} == {0o755}
    assert {mode(p) for p in (site / "index.html", site / "a" / "b" / "page.html", site / MARKER)} == {0o644}
    assert mode(outside / "secret.txt") == 0o600 and mode(outside / "inner") == 0o700
    assert os.path.islink(site / "a" / "link.txt") and os.path.islink(site / "a" / "linked-folder")
