"""Refresh against a real HTTP server on 127.0.0.1 that answers with recorded responses.

Every failure must give exit code 1, one Danish line naming the source and the problem, no traceback,
and leave the whole taxonomies directory (cache, manifests, sources, provenance) byte for byte as it was.
"""

from __future__ import annotations

import gzip
import io
import json
from datetime import datetime, timezone

import pytest

from generator.taxonomies.build import build_all
from generator.taxonomies.provenance import Sources
from generator.taxonomies.refresh import Settings, refresh

from .conftest import RECORDED, snapshot

KLE_PATH = "/resources/kle/emneplan?udgaaede=true"
FORM_PATH = "/resources/"
TOKEN_PATH = "/api/authorize/gettoken"
TOKEN = "eyJhbGciOiJIUzI1NiJ9.dGVzdA.c2lnbmF0dXJl"
KLE_V1 = RECORDED / "kle-online" / "emneplan-fuld-2025-05-01.xml"
KLE_V2 = RECORDED / "kle-online" / "emneplan-fuld-2025-11-01.xml"


def systems_path(page: int) -> str:
    return f"/api/v2/it-systems?includeDeactivated=true&page={page}&pageSize=2"


def run(taxonomies, server, tmp_path, env=None, **options):
    settings = Settings(
        taxonomies_dir=taxonomies, processes_dir=tmp_path / "processes",
        env={"AUTOPROCES_KLE_URL": server.url, "AUTOPROCES_FORM_URL": server.url,
             "AUTOPROCES_KITOS_URL": server.url, "AUTOPROCES_KITOS_PAGE_SIZE": "2", **(env or {})},
        timeout=options.pop("timeout", 5.0), now=lambda: datetime(2026, 11, 27, 12, 0, tzinfo=timezone.utc),
        **options)
    out, err = io.StringIO(), io.StringIO()
    code = refresh(settings, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def items(taxonomies, name):
    return {item["code"]: item for item in json.loads((taxonomies / f"{name}.json").read_bytes())["items"]}


def serve_kitos(server, pages=None, token=TOKEN):
    server.serve(TOKEN_PATH, (RECORDED / "kitos" / "gettoken.json"), content_type="application/json")
    pages = pages if pages is not None else [(RECORDED / "kitos" / f"it-systems-page-{n}.json").read_bytes()
                                             for n in range(3)]
    for number, body in enumerate(pages):
        server.serve(systems_path(number), body, content_type="application/json", token=token)


KITOS_LOGIN = {"KITOS_EMAIL": "api-bruger@kommune.dk", "KITOS_PASSWORD": "hemmeligt"}


@pytest.fixture
def processes(tmp_path):
    """Two small process files that use codes the recorded releases change."""
    (tmp_path / "processes" / "aarhus").mkdir(parents=True)
    (tmp_path / "processes" / "odense").mkdir(parents=True)
    (tmp_path / "processes" / "aarhus" / "legater.yaml").write_text(
        "title: Udbetaling af legater\nmunicipality: aarhus\nkle: '00.06.04'\nit_systems: [kmd-nexus]\n",
        encoding="utf-8")
    (tmp_path / "processes" / "odense" / "eu-midler.yaml").write_text(
        "title: Ansøgning om EU-midler\nmunicipality: odense\nkle: '00.03.04'\nform: '02.05.05'\n"
        "services: [sbsys]\ntechnologies: [uipath]\n", encoding="utf-8")
    return tmp_path / "processes"


# --- KLE -------------------------------------------------------------------------------------------------

def test_kle_refresh_stores_the_download_with_provenance_and_rebuilds_the_cache(small_taxonomies, server, tmp_path):
    server.serve(KLE_PATH, KLE_V1)
    code, out, err = run(small_taxonomies, server, tmp_path, only="kle")
    assert (code, err) == (0, "")
    assert "KLE: " in out and "Tilføjet (" in out

    kle = items(small_taxonomies, "kle")
    assert kle["00.01.10"]["uuid"] == "cb1f77d6-cb0b-4f39-a79e-e58f5d50b3e0"
    assert kle["00.10.00"]["status"] == "moved" and kle["00.10.00"]["replaced_by"] == ["15.40.00"]
    assert kle["15.40.15"]["status"] == "retired" and kle["15.40.15"]["title"] == "Integrationsplaner"

    stored = small_taxonomies / "sources" / "kle" / "kle-online" / "emneplan.xml.gz"
    assert gzip.decompress(stored.read_bytes()) == KLE_V1.read_bytes()
    entry = Sources(small_taxonomies / "sources").entries["kle/kle-online/emneplan.xml.gz"]
    assert entry["url"] == server.url + KLE_PATH
    assert (entry["retrieved"], entry["release"]) == ("2026-11-27T12:00:00Z", "2025-05-01")
    manifest = json.loads((small_taxonomies / "kle.manifest.json").read_bytes())
    assert manifest["release"] == "2025-05-01" and manifest["retrieved"] == "2026-11-27T12:00:00Z"

    rebuilt = tmp_path / "rebuilt"
    build_all(small_taxonomies / "sources", rebuilt)
    for name in ("kle.json", "kle.manifest.json", "form.json", "it_systems.json"):
        assert (rebuilt / name).read_bytes() == (small_taxonomies / name).read_bytes()


def test_next_release_reports_changes_and_the_processes_they_affect(small_taxonomies, server, tmp_path, processes):
    server.serve(KLE_PATH, KLE_V1)
    assert run(small_taxonomies, server, tmp_path, only="kle")[0] == 0
    server.serve(KLE_PATH, KLE_V2)
    code, out, err = run(small_taxonomies, server, tmp_path, only="kle")
    assert (code, err) == (0, "")
    assert "  Tilføjet (1):\n    00.03.12 Internationalt klimasamarbejde" in out
    assert ("  Omdøbt (1):\n    00.03.04: »Regionaludvikling EU« → »Regionaludvikling og EU-midler«\n"
            "      berører: odense/eu-midler") in out
    assert "  Udgået (1):\n    00.05.15 " in out
    assert "  Flyttet (1):\n    00.06.04 Ansøgninger og udbetalinger af legater → 00.06.02\n      berører: aarhus/legater" in out
    assert "Berørte processer: 2" in out
    kle = items(small_taxonomies, "kle")
    assert kle["00.06.04"]["status"] == "moved" and kle["00.06.04"]["replaced_by"] == ["00.06.02"]


def test_refresh_that_drops_too_many_codes_is_refused(small_taxonomies, server, tmp_path):
    server.serve(KLE_PATH, KLE_V1)
    assert run(small_taxonomies, server, tmp_path, only="kle")[0] == 0
    before = snapshot(small_taxonomies)
    server.serve(KLE_PATH, RECORDED / "kle-online" / "emneplan-fuld-partial.xml")
    code, out, err = run(small_taxonomies, server, tmp_path, only="kle")
    assert code == 1 and out == ""
    assert err.startswith("Fejl: KLE-Online: opdateringen ville fjerne eller afmelde 25 af 35 aktive koder i kle (71 %)")
    assert "grænsen er 10 %" in err and "--max-drop" in err and err.endswith("Intet er ændret.\n")
    assert snapshot(small_taxonomies) == before
    assert run(small_taxonomies, server, tmp_path, only="kle", max_drop=0.8)[0] == 0


def test_reasonable_drop_is_accepted_by_default(small_taxonomies, server, tmp_path):
    server.serve(KLE_PATH, KLE_V1)
    run(small_taxonomies, server, tmp_path, only="kle")
    server.serve(KLE_PATH, KLE_V2)              # 2 of 35 active codes retire or move: 6 %
    assert run(small_taxonomies, server, tmp_path, only="kle")[0] == 0


FAILURES = {
    "http 500": (dict(body=b"<html>Internal Server Error</html>", status=500),
                 "KLE-Online: serverfejl hos kilden (HTTP 500)"),
    "timeout": (dict(body=KLE_V1.read_bytes(), delay=1.5), "KLE-Online: intet svar inden for 0,3 sekunder"),
    "truncated": (dict(body=KLE_V1.read_bytes(), truncate=True), "KLE-Online: svaret blev afbrudt efter"),
    "malformed": (dict(body=KLE_V1.read_bytes()[:5000] + b"</KLE-Emneplan>"), "KLE-Online: svaret er ikke gyldig XML"),
    "empty body": (dict(body=b""), "KLE-Online: svaret er tomt"),
    "empty list": (dict(body=(RECORDED / "kle-online" / "emneplan-tom.xml").read_bytes()),
                   "KLE-Online: emneplanen indeholder ingen KLE-numre"),
    "wrong document": (dict(body=(RECORDED / "form-online" / "opgavenoegle.xml").read_bytes()),
                       "KLE-Online: forventede rodelementet <KLE-Emneplan>, men fik <FormHierarkiHentOutput>"),
    "not found": (dict(body=b"", status=404), "KLE-Online: adressen findes ikke (HTTP 404)"),
}


@pytest.mark.parametrize("case", FAILURES)
def test_kle_failures_leave_everything_unchanged(case, small_taxonomies, server, tmp_path):
    server.serve(KLE_PATH, KLE_V1)
    assert run(small_taxonomies, server, tmp_path, only="kle")[0] == 0
    before = snapshot(small_taxonomies)
    reply, message = FAILURES[case]
    server.serve(KLE_PATH, **reply)
    code, out, err = run(small_taxonomies, server, tmp_path, only="kle", timeout=0.3)
    assert code == 1 and out == ""
    assert err.startswith("Fejl: " + message), err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert snapshot(small_taxonomies) == before


def test_unreachable_server(small_taxonomies, server, tmp_path):
    before = snapshot(small_taxonomies)
    code, _, err = run(small_taxonomies, server, tmp_path, only="kle", env={"AUTOPROCES_KLE_URL": "http://127.0.0.1:9"})
    assert code == 1
    assert err.startswith("Fejl: KLE-Online: kunne ikke forbinde til http://127.0.0.1:9/resources/kle/emneplan")
    assert snapshot(small_taxonomies) == before


# --- FORM ------------------------------------------------------------------------------------------------

def test_form_refresh(small_taxonomies, server, tmp_path, processes):
    server.serve(FORM_PATH, RECORDED / "form-online" / "opgavenoegle.xml")
    code, out, err = run(small_taxonomies, server, tmp_path, only="form")
    assert (code, err) == (0, "")
    form = items(small_taxonomies, "form")
    assert sorted(form) == ["02", "02.05", "02.05.05", "02.05.05.05", "02.05.05.10", "65", "65.50", "65.50.05",
                            "65.50.05.05"]
    assert form["02.05.05"]["title"] == "Aftaler vedrørende De Forenede Nationer (FN)"
    assert form["02.05.05"]["kle"] == ["00.03.02"] and form["02.05.05"]["uuid"].endswith("2a03")
    assert form["02.05.05.10"]["status"] == "retired" and form["02.05.05.10"]["status_date"] == "2024-05-01"
    assert "FORM: 9 ændringer" in out and "02.05.05 Aftaler vedrørende De Forenede Nationer (FN)\n      berører: " \
        "odense/eu-midler" in out


@pytest.mark.parametrize("body, message", [
    ((RECORDED / "form-online" / "opgavenoegle-tom.xml").read_bytes(), "FORM-Online: svaret indeholder ingen FORM-koder"),
    (KLE_V1.read_bytes(), "FORM-Online: forventede rodelementet <FormHierarkiHentOutput>"),
    (b"<form:FormHierarkiHentOutput xmlns:form='urn:oio:form:1.0.0'><form:ServiceOmraade>",
     "FORM-Online: svaret er ikke gyldig XML"),
])
def test_form_failures_leave_everything_unchanged(small_taxonomies, server, tmp_path, body, message):
    before = snapshot(small_taxonomies)
    server.serve(FORM_PATH, body)
    code, _, err = run(small_taxonomies, server, tmp_path, only="form")
    assert code == 1 and err.startswith("Fejl: " + message), err
    assert snapshot(small_taxonomies) == before


# --- KITOS -----------------------------------------------------------------------------------------------

def test_kitos_refresh_keeps_curated_slugs_and_adds_new_systems(small_taxonomies, server, tmp_path, processes):
    serve_kitos(server)
    code, out, err = run(small_taxonomies, server, tmp_path, only="kitos", env=KITOS_LOGIN)
    assert (code, err) == (0, "")
    method, path, request = server.requests[0]
    assert (method, path) == ("POST", TOKEN_PATH)
    assert json.loads(request["body"]) == {"email": "api-bruger@kommune.dk", "password": "hemmeligt"}
    assert [r[1] for r in server.requests[1:]] == [systems_path(0), systems_path(1), systems_path(2)]
    assert server.requests[1][2]["headers"]["Authorization"] == f"Bearer {TOKEN}"

    systems = items(small_taxonomies, "it_systems")
    assert systems["kmd-nexus"]["kitos_uuid"] == "3f1c2b7a-6d1e-4c55-9a0b-1d2e3f4a5b01"     # matched by name
    assert systems["kmd-nexus"]["vendor"] == "KMD A/S"
    assert systems["sbsys"]["kitos_uuid"].endswith("5b02") and systems["sbsys"]["vendor"] is None
    assert systems["os2faktor"]["vendor"] == "OS2 – Offentligt digitaliseringsfællesskab"      # new slug
    assert systems["skoleintra"]["status"] == "retired"                                         # deactivated
    assert systems["aula"]["kitos_uuid"] is None                                                # curated, not in KITOS
    slugs = json.loads((small_taxonomies / "sources" / "kitos" / "kitos-api" / "slugs.json").read_bytes())
    assert slugs["3f1c2b7a-6d1e-4c55-9a0b-1d2e3f4a5b03"] == "os2faktor"
    assert "IT-systemer (KITOS): 2 ændringer\n  Tilføjet (2):\n    os2faktor OS2faktor\n    skoleintra SkoleIntra" in out
    assert "hemmeligt" not in (small_taxonomies / "sources" / "provenance.yaml").read_text(encoding="utf-8")

    # A rename in KITOS keeps the slug that processes use.
    page = json.loads((RECORDED / "kitos" / "it-systems-page-0.json").read_bytes())
    page[0]["name"] = "KMD Nexus Omsorg"
    serve_kitos(server, pages=[json.dumps(page).encode()] + [
        (RECORDED / "kitos" / f"it-systems-page-{n}.json").read_bytes() for n in (1, 2)])
    code, out, _ = run(small_taxonomies, server, tmp_path, only="kitos", env={"KITOS_TOKEN": TOKEN})
    assert code == 0
    assert items(small_taxonomies, "it_systems")["kmd-nexus"]["title"] == "KMD Nexus Omsorg"
    assert "kmd-nexus: »KMD Nexus« → »KMD Nexus Omsorg«\n      berører: aarhus/legater" in out


@pytest.mark.parametrize("setup, env, message", [
    ("expired token", {"KITOS_TOKEN": "udløbet-token"},
     "KITOS: adgang nægtet (HTTP 401): adgangsnøglen er ugyldig eller udløbet"),
    ("login refused", KITOS_LOGIN, "KITOS (login): login afvist; kontrollér KITOS_EMAIL og KITOS_PASSWORD (HTTP 401)"),
    ("malformed json", KITOS_LOGIN, "KITOS: svaret er ikke gyldig JSON (linje 1"),
    ("empty list", KITOS_LOGIN, "KITOS: kataloget er tomt"),
    ("not a list", KITOS_LOGIN, "KITOS: uventet svar på side 0"),
    ("bad system", KITOS_LOGIN, "KITOS: IT-system 3f1c2b7a-6d1e-4c55-9a0b-1d2e3f4a5b01 mangler 'deactivated'"),
    ("http 500", KITOS_LOGIN, "KITOS: serverfejl hos kilden (HTTP 500)"),
    ("no credentials", {}, "KITOS: mangler adgangsoplysninger"),
])
def test_kitos_failures_leave_everything_unchanged(small_taxonomies, server, tmp_path, setup, env, message):
    serve_kitos(server)
    if setup == "login refused":
        server.serve(TOKEN_PATH, b'{"msg":"Unauthorized"}', status=401, content_type="application/json")
    elif setup == "malformed json":
        server.serve(systems_path(1), b'[{"uuid": "3f1c2b7a', content_type="application/json", token=TOKEN)
    elif setup == "empty list":
        server.serve(systems_path(0), b"[]", content_type="application/json", token=TOKEN)
    elif setup == "not a list":
        server.serve(systems_path(0), b'{"payload": []}', content_type="application/json", token=TOKEN)
    elif setup == "bad system":
        page = json.loads((RECORDED / "kitos" / "it-systems-page-0.json").read_bytes())
        del page[0]["deactivated"]
        server.serve(systems_path(0), json.dumps(page).encode(), content_type="application/json", token=TOKEN)
    elif setup == "http 500":
        server.serve(systems_path(0), b"error", status=500, content_type="text/plain")
    before = snapshot(small_taxonomies)
    code, out, err = run(small_taxonomies, server, tmp_path, only="kitos", env=env)
    assert code == 1 and out == ""
    assert err.startswith("Fejl: " + message), err
    assert err.count("\n") == 1 and "Traceback" not in err and "hemmeligt" not in err
    assert snapshot(small_taxonomies) == before


# --- all sources --------------------------------------------------------------------------------------------

def test_refresh_all_skips_kitos_without_credentials(small_taxonomies, server, tmp_path):
    server.serve(KLE_PATH, KLE_V1)
    server.serve(FORM_PATH, RECORDED / "form-online" / "opgavenoegle.xml")
    code, out, err = run(small_taxonomies, server, tmp_path)
    assert (code, err) == (0, "")
    assert out.startswith("KITOS springes over: ingen adgangsoplysninger")
    assert "KLE: " in out and "FORM: " in out
    assert items(small_taxonomies, "form")["02.05.05"]["kle"] == ["00.03.02"]
    assert items(small_taxonomies, "kle")["00.03.02"]["forms"] == ["02.05.05"]   # both directions


def test_one_failing_source_writes_nothing_from_the_others(small_taxonomies, server, tmp_path):
    server.serve(KLE_PATH, KLE_V1)
    server.serve(FORM_PATH, b"", status=503)
    before = snapshot(small_taxonomies)
    code, _, err = run(small_taxonomies, server, tmp_path)
    assert code == 1 and err.startswith("Fejl: FORM-Online: serverfejl hos kilden (HTTP 503)")
    assert snapshot(small_taxonomies) == before


def test_invalid_max_drop(small_taxonomies, server, tmp_path):
    code, _, err = run(small_taxonomies, server, tmp_path, only="kle", max_drop=1.5)
    assert code == 1 and "--max-drop skal være en andel mellem 0 og 1" in err
