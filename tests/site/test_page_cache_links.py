"""The page cache is never used through a symbolic link: a link could point a build's writes anywhere."""

from __future__ import annotations

from generator.site.page_cache import CACHE_FOLDER, cache_folder


def test_the_page_cache_folder_is_refused_when_any_part_of_it_is_a_link(tmp_path):
    project, elsewhere = tmp_path / "project", tmp_path / "elsewhere"
    project.mkdir()
    elsewhere.mkdir()
    plain = cache_folder(project, "public")
    assert plain is not None and plain.is_relative_to(project / CACHE_FOLDER / "pages")

    (project / CACHE_FOLDER).symlink_to(elsewhere, target_is_directory=True)
    assert cache_folder(project, "public") is None

    (project / CACHE_FOLDER).unlink()
    (project / CACHE_FOLDER).mkdir()
    (project / CACHE_FOLDER / "pages").symlink_to(elsewhere, target_is_directory=True)
    assert cache_folder(project, "public") is None
