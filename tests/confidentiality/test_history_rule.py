"""The change history on public pages: the structural rule, with real git repositories and commits.

A public build shows a commit's message only when every file the commit touched is, and has been
at every revision, a public file; otherwise the date and a neutral Danish text. The name match
over every title and name in history stays as a second line of defence.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.history import load_history
from generator.history_filter import NEUTRAL_MESSAGE, redact
from tests.site.site_helpers import SITE_LISTS, process_yaml
from tests.support.catalogue import publish_folder
from tests.support.git_repo import commit, git, init_repo


def process_text(title: str, visibility: str = "public", municipality: str = "aarhus", extra: str = "") -> str:
    return process_yaml(title, municipality, visibility, extra)


class Repo:
    """A real git repository with a processes/ folder; every commit one day after the last."""

    def __init__(self, path: Path):
        self.path = init_repo(path)
        self.day = 0

    def git(self, *args: str) -> str:
        return git(self.path, *args)

    def write(self, relative: str, text: str) -> Path:
        path = self.path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def commit(self, message: str, **files: str) -> str:
        self.day += 1
        return commit(self.path, message, f"2025-01-{self.day:02d}T10:00:00+01:00",
                      {relative.replace("__", "/"): text for relative, text in files.items()})

    def history(self, audience: str = "public"):
        root = self.path / "processes"
        published = publish_folder(root, audience, taxonomies=SITE_LISTS)
        return published, redact(load_history([root], [pp.path for pp in published]), published)

    def subjects(self, process_id: str, audience: str = "public") -> list[str]:
        published, history = self.history(audience)
        return [c.subject for c in history.history_for(published.by_id[process_id])]


@pytest.fixture
def repo(tmp_path) -> Repo:
    return Repo(tmp_path)


PUBLIC = "processes__aarhus__offentlig.yaml"
PRIVATE = "processes__aarhus__hemmelig.yaml"


def test_a_commit_that_touched_a_private_file_shows_only_its_date(repo):
    repo.commit("Tilføj offentlig proces", **{PUBLIC: process_text("Offentlig proces")})
    repo.commit("Flyt afsnit fra den anden proces", **{PUBLIC: process_text("Offentlig proces", extra="kle: 32.18\n"),
                                                       PRIVATE: process_text("Noget helt andet", "municipality")})
    published, history = repo.history()
    changes = history.history_for(published.by_id["aarhus/offentlig"])
    assert [c.subject for c in changes] == [NEUTRAL_MESSAGE, "Tilføj offentlig proces"]
    assert [str(c.date) for c in changes] == ["2025-01-02", "2025-01-01"]
    assert changes[0].author is None and changes[1].author == "Test"


def test_a_private_process_s_former_title_never_reaches_a_public_page(repo):
    repo.commit("Tilføj processer", **{PUBLIC: process_text("Offentlig proces")})
    repo.commit("Ny intern proces", **{PRIVATE: process_text("Lønrobot til feriepenge", "municipality")})
    repo.commit("Omdøb den interne", **{PRIVATE: process_text("Intern automatisering", "municipality")})
    repo.commit("Samme trin som Lønrobot til feriepenge",
                **{PUBLIC: process_text("Offentlig proces", extra="kle: 32.18\n")})
    assert repo.subjects("aarhus/offentlig") == [NEUTRAL_MESSAGE, "Tilføj processer"]


def test_a_single_distinctive_word_of_a_private_title_is_recognised(repo):
    repo.commit("Tilføj processer", **{PUBLIC: process_text("Offentlig proces"),
                                       PRIVATE: process_text("Hemmelig feriepengerobot", "municipality")})
    repo.commit("Samme skabelon som feriepengerobotten", **{PUBLIC: process_text("Offentlig proces", extra="kle: 32\n")})
    repo.commit("Genbrug fra feriepengerobot", **{PUBLIC: process_text("Offentlig proces", extra="kle: 32.18\n")})
    repo.commit("Ret stavefejl i beskrivelsen", **{PUBLIC: process_text("Offentlig proces", extra="kle: 32.18.00\n")})
    assert repo.subjects("aarhus/offentlig") == ["Ret stavefejl i beskrivelsen", NEUTRAL_MESSAGE,
                                                 "Samme skabelon som feriepengerobotten", NEUTRAL_MESSAGE]


def test_a_private_owner_s_first_name_in_any_revision_is_recognised(repo):
    owner = "owner:\n  name: {name}\n  email: ejer@aarhus.dk\n"
    repo.commit("Tilføj proces", **{PUBLIC: process_text("Offentlig proces", extra=owner.format(name="Birgitte Vang"))})
    repo.commit("Ny ejer", **{PUBLIC: process_text("Offentlig proces", extra=owner.format(name="Lars Holm"))})
    repo.commit("Lars har rettet tallene", **{PUBLIC: process_text("Offentlig proces", extra=owner.format(
        name="Lars Holm") + "kle: 32\n")})
    repo.commit("Tak til Birgitte for hjælpen", **{PUBLIC: process_text("Offentlig proces", extra=owner.format(
        name="Lars Holm") + "kle: 32.18\n")})
    assert repo.subjects("aarhus/offentlig") == [NEUTRAL_MESSAGE, NEUTRAL_MESSAGE, "Ny ejer", "Tilføj proces"]
    assert repo.subjects("aarhus/offentlig", audience="aarhus")[:2] == ["Tak til Birgitte for hjælpen",
                                                                        "Lars har rettet tallene"]


def test_messages_from_the_private_period_before_a_git_mv_are_never_shown(repo):
    repo.commit("Første udkast til lønrobotten", **{PRIVATE: process_text("Intern lønrobot", "municipality")})
    repo.commit("Tilføj tal fra lønkontoret", **{PRIVATE: process_text("Intern lønrobot", "municipality",
                                                                       extra="kle: 32\n")})
    repo.git("mv", "processes/aarhus/hemmelig.yaml", "processes/aarhus/offentlig.yaml")
    repo.commit("Flyt", **{PUBLIC: process_text("Intern lønrobot", "public", extra="kle: 32\n")})
    repo.commit("Ret stavefejl", **{PUBLIC: process_text("Intern lønrobot", "public", extra="kle: 32.18\n")})
    published, history = repo.history()
    changes = history.history_for(published.by_id["aarhus/offentlig"])
    assert [c.subject for c in changes] == [NEUTRAL_MESSAGE] * 4
    assert [str(c.date) for c in changes] == ["2025-01-04", "2025-01-03", "2025-01-02", "2025-01-01"]


def test_messages_from_before_a_visibility_change_are_never_shown(repo):
    repo.commit("Intern proces om lønrobot", **{PUBLIC: process_text("Offentlig proces", "municipality")})
    repo.commit("Nu må alle se den", **{PUBLIC: process_text("Offentlig proces", "public")})
    repo.commit("Ret stavefejl", **{PUBLIC: process_text("Offentlig proces", "public", extra="kle: 32\n")})
    assert repo.subjects("aarhus/offentlig") == [NEUTRAL_MESSAGE] * 3
    assert repo.subjects("aarhus/offentlig", audience="aarhus") == [
        "Ret stavefejl", "Nu må alle se den", "Intern proces om lønrobot"]


def test_the_history_lists_only_commits_that_changed_the_file_s_content(repo):
    repo.commit("Tilføj proces", **{PUBLIC: process_text("Offentlig proces"),
                                    "processes__odense__anden.yaml": process_text("Anden proces", municipality="odense")})
    repo.commit("Refactor the generator", **{"generator__x.py": "print(1)\n", "docs__x.md": "# x\n"})
    repo.git("mv", "processes/odense/anden.yaml", "processes/odense/andet-navn.yaml")
    repo.commit("Rename another process")
    repo.git("mv", "processes/aarhus/offentlig.yaml", "processes/aarhus/nyt-navn.yaml")
    repo.commit("Rename this process without changing it")
    repo.commit("Ret KLE og koden", **{"processes__aarhus__nyt-navn.yaml": process_text("Offentlig proces",
                                                                                       extra="kle: 32\n"),
                                      "generator__x.py": "print(2)\n"})
    published, history = repo.history()
    changes = history.history_for(published.by_id["aarhus/nyt-navn"])
    assert [c.subject for c in changes] == ["Ret KLE og koden", "Tilføj proces"]
    assert str(history.first_date(published.by_id["aarhus/nyt-navn"])) == "2025-01-01"


def test_a_deleted_private_process_in_the_same_commit_hides_the_message(repo):
    repo.commit("Tilføj", **{PUBLIC: process_text("Offentlig proces"),
                             PRIVATE: process_text("Hemmelig sag", "municipality")})
    repo.write(PUBLIC.replace("__", "/"), process_text("Offentlig proces", extra="kle: 32\n"))
    (repo.path / "processes/aarhus/hemmelig.yaml").unlink()
    repo.commit("Saml de to processer")
    assert repo.subjects("aarhus/offentlig") == [NEUTRAL_MESSAGE, NEUTRAL_MESSAGE]


def _page(repo: Repo, process_id: str, **settings: str) -> str:
    from tests.support.catalogue import publication
    from tests.site.test_site_process_page import ENV
    from generator.site.pages_process import render_process

    published, history = repo.history()
    ctx = publication(published, history=history, project_dir=repo.path, **settings)
    return render_process(ENV, ctx, published.by_id[process_id]).html


def test_the_page_shows_date_author_and_a_link_to_the_commit_on_github(repo):
    first = repo.commit("Tilføj offentlig proces", **{PUBLIC: process_text("Offentlig proces")})
    repo.commit("Flyt afsnit", **{PUBLIC: process_text("Offentlig proces", extra="kle: 32\n"),
                                  PRIVATE: process_text("Noget andet", "municipality")})
    html = _page(repo, "aarhus/offentlig", edit_url="https://github.com/os2/autoproces/edit/main/")
    items = re.findall(r"<li><time[^>]*>[^<]+</time>.*?</li>", html)
    assert items[1] == (f'<li><time datetime="2025-01-01">1. januar 2025</time> · Test: Tilføj offentlig proces '
                        f'<a class="ap-note" href="https://github.com/os2/autoproces/commit/{first}" rel="noopener">'
                        f'Se ændringen på GitHub ({first[:7]})</a></li>')
    # the withheld commit: date, the organisation and the neutral text, no author and no link
    assert items[0].startswith(f'<li><time datetime="2025-01-02">2. januar 2025</time> · Aarhus Kommune: '
                               f'{NEUTRAL_MESSAGE} <span class="ap-note">(')
    assert "Flyt afsnit" not in html


def test_the_commit_link_comes_from_repo_url_and_is_absent_without_configuration(repo):
    first = repo.commit("Tilføj offentlig proces", **{PUBLIC: process_text("Offentlig proces")})
    assert f'href="https://github.com/os2/autoproces/commit/{first}"' in _page(
        repo, "aarhus/offentlig", repo_url="https://github.com/os2/autoproces.git")
    assert "github.com" not in _page(repo, "aarhus/offentlig")
    assert "/commit/" not in _page(repo, "aarhus/offentlig", repo_url="https://gitlab.com/os2/autoproces")


@pytest.mark.parametrize("url, base", [
    ("https://github.com/os2/autoproces/edit/main/", "https://github.com/os2/autoproces"),
    ("https://github.com/os2/autoproces", "https://github.com/os2/autoproces"),
    ("https://github.com/os2/autoproces.git", "https://github.com/os2/autoproces"),
    ("https://gitlab.com/os2/autoproces", None), ("", None), ("javascript:alert(1)//github.com/a/b", None),
])
def test_the_github_repository_of_an_address(url, base):
    from generator.publication import github_repository

    assert github_repository(url) == base


def test_a_real_public_build_shows_no_withheld_word_from_history(tmp_path):
    """The real ``autoproces build`` of a git repository whose messages name withheld things."""
    from tests.conftest import copy_project, run_cli

    project = copy_project(tmp_path, processes=False)
    repo = Repo(project)
    owner = "owner:\n  name: {name}\n  email: ejer@aarhus.dk\n"
    odense = "processes__odense__flyttet.yaml"
    repo.commit("Første version", **{PRIVATE: process_text("Gammel zorbatitel", "municipality"),
                                     PUBLIC: process_text("Offentlig proces", extra=owner.format(name="Quirina Vang"))})
    repo.commit("Omdøb", **{PRIVATE: process_text("Intern zylofonrobot", "municipality")})
    repo.commit("Ny ejer", **{PUBLIC: process_text("Offentlig proces", extra=owner.format(name="Larsimus Holm"))})
    for message, kle in (("Som i Gammel zorbatitel", "32"), ("Genbrug fra zylofonrobot", "32.18"),
                         ("Tak til Quirina", "32.18.00"), ("Larsimus har rettet", "32"),
                         ("Ret stavefejl", "32.18")):
        repo.commit(message, **{PUBLIC: process_text("Offentlig proces", extra=owner.format(name="Larsimus Holm")
                                                     + f"kle: '{kle}'\n")})
    repo.commit("Udkast om xantippe", **{"processes__odense__udkast.yaml": process_text(
        "Udkast", "municipality", municipality="odense")})
    repo.git("mv", "processes/odense/udkast.yaml", "processes/odense/flyttet.yaml")
    repo.commit("Offentliggør", **{odense: process_text("Udkast", municipality="odense")})
    result = run_cli("build", "--site-dir", str(tmp_path / "site"), cwd=project)
    assert result.returncode == 0, result.stderr
    texts = {p.relative_to(tmp_path).as_posix(): p.read_bytes().decode("utf-8", errors="replace").casefold()
             for p in (tmp_path / "site").rglob("*") if p.is_file() and p.suffix in (".html", ".xml", ".json", ".js")}
    leaked = {word: [name for name, text in texts.items() if word in text]
              for word in ("zorbatitel", "zylofon", "quirina", "larsimus", "xantippe")}
    assert leaked == {word: [] for word in leaked}
    page = texts["site/processer/aarhus/offentlig/index.html"]
    assert "ret stavefejl" in page and NEUTRAL_MESSAGE.casefold() in page


def test_today_s_revision_of_a_published_file_is_known_by_the_bytes_the_check_read(repo, monkeypatch):
    """The history reads no published file again: its git id comes from the check, so it judges the very
    file the catalogue judged. A file edited after the check (and not committed) changes nothing."""
    import generator.history_filter as history_filter
    from generator.checks.whole import check_catalogue
    from tests.support.catalogue import publish_catalogue

    repo.commit("Tilføj processer", **{PUBLIC: process_text("Offentlig proces")})
    repo.commit("Intern proces", **{PRIVATE: process_text("Lønrobot til feriepenge", "municipality")})
    root = repo.path / "processes"
    published = publish_catalogue(check_catalogue([root], SITE_LISTS), "public")  # as a build checks
    pp = published.by_id["aarhus/offentlig"]
    assert pp.blob == repo.git("rev-parse", "HEAD:processes/aarhus/offentlig.yaml").strip()
    (root / "aarhus" / "offentlig.yaml").write_text(process_text("Redigeret bagefter"), encoding="utf-8")
    read_again: list[str] = []
    real_blob_id = history_filter._blob_id
    monkeypatch.setattr(history_filter, "_blob_id", lambda path: read_again.append(path.name) or real_blob_id(path))
    history = redact(load_history([root], [p.path for p in published]), published)
    assert read_again == ["hemmelig.yaml"]  # only the file that is not published is read
    assert [c.subject for c in history.history_for(pp)] == ["Tilføj processer"]
