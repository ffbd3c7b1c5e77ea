"""``autoproces import os2autoproces --url``: pages fetched one by one from a real HTTP server on 127.0.0.1
that answers with the recorded pages; a failure in the middle of paging writes nothing."""

from __future__ import annotations

import shutil

from .conftest import API_PAGES, run_check, run_import, snapshot
from .test_json_import import JOURNAL, PAGES, SORTING, UMBRELLA

KEY = "a1b2c3d4-api-noegle"
PATH = "/backend/api/processes?projection=extended&page={n}&size=4"


def serve_pages(server, pages=None, **kwargs):
    for number, path in enumerate(API_PAGES):
        body = path.read_bytes().replace(b"http://127.0.0.1:PORT", server.url.encode())
        reply = (pages or {}).get(number, {})
        server.serve(PATH.format(n=number), reply.get("body", body), content_type="application/hal+json",
                     token=KEY, **{k: v for k, v in reply.items() if k != "body"}, **kwargs)


def test_pages_are_fetched_with_the_key_and_give_the_same_files_as_the_json_files(project, server, monkeypatch,
                                                                                   tmp_path):
    serve_pages(server)
    monkeypatch.setenv("OS2AUTOPROCES_API_KEY", KEY)
    code, out, err = run_import("--url", server.url + "/backend", "--page-size", "4")
    assert (code, err) == (1, "")  # record 1303 has no title
    assert [(method, path) for method, path, _ in server.requests] == [
        ("GET", PATH.format(n=0)), ("GET", PATH.format(n=1))]
    assert all(r[2]["headers"]["Authorization"] == f"Bearer {KEY}" for r in server.requests)
    assert "Skrevet (nye filer): 3\n" in out
    assert "  - id 1303 (side 2 (" + server.url + PATH.format(n=1) + "), side 2, post 3)" in out
    fetched = {p: (project / p).read_bytes() for p in (JOURNAL, UMBRELLA, SORTING)}
    assert run_check("processes")[0] == 0

    other = tmp_path / "other"
    other.mkdir()
    monkeypatch.chdir(other)
    (other / "processes").mkdir()
    shutil.copytree(project / "taxonomies", other / "taxonomies")
    run_import("--json", *PAGES)
    assert {p: (other / p).read_bytes() for p in fetched} == fetched


def test_a_failure_in_the_middle_of_paging_writes_nothing(project, server, monkeypatch):
    monkeypatch.setenv("OS2AUTOPROCES_API_KEY", KEY)
    before = snapshot(project)
    for failure, message in [
        ({"status": 500, "body": b"Internal Server Error"}, "side 2 ({url}): serveren svarede HTTP 500. Intet er skrevet."),
        ({"truncate": True}, "side 2 ({url}): forbindelsen blev afbrudt"),
        ({"body": b"<html>login</html>"}, "side 2 ({url}): ugyldig JSON i linje 1, kolonne 1"),
    ]:
        server.routes.clear()
        serve_pages(server, pages={1: failure})
        code, out, err = run_import("--url", server.url + "/backend", "--page-size", "4")
        assert (code, out) == (1, "")
        assert err.startswith("autoproces import: " + message.format(url=server.url + PATH.format(n=1))), err
        assert snapshot(project) == before


def test_a_missing_or_wrong_key_is_refused_with_a_danish_message(project, server, monkeypatch):
    serve_pages(server)
    monkeypatch.delenv("OS2AUTOPROCES_API_KEY", raising=False)
    code, out, err = run_import("--url", server.url + "/backend", "--page-size", "4")
    assert code == 1 and out == ""
    assert err == (f"autoproces import: side 1 ({server.url}{PATH.format(n=0)}): API-nøglen blev afvist (HTTP 401); "
                   "sæt en gyldig nøgle i miljøvariablen OS2AUTOPROCES_API_KEY. Intet er skrevet.\n")


def test_a_next_link_to_another_server_is_not_followed(project, server, monkeypatch):
    monkeypatch.setenv("OS2AUTOPROCES_API_KEY", KEY)
    first = API_PAGES[0].read_bytes().replace(b"http://127.0.0.1:PORT", b"https://angriber.example")
    server.serve(PATH.format(n=0), first, content_type="application/hal+json", token=KEY)
    before = snapshot(project)
    code, _, err = run_import("--url", server.url + "/backend", "--page-size", "4")
    assert code == 1 and len(server.requests) == 1
    assert "næste side ligger på en anden server (https://angriber.example/backend/api/processes?projection=" \
           "extended&page=1&size=4); API-nøglen sendes ikke dertil. Intet er skrevet." in err
    assert snapshot(project) == before
