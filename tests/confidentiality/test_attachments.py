"""Hostile attachments and links: nothing is read or published through a symbolic link, and only
documents and images of an allowed type, whose content matches the name, reach the site."""

from __future__ import annotations

import re
import os
import subprocess
from pathlib import Path

import pytest

from generator.checks.confidentiality.attachment_types import ALLOWED, MAX_ATTACHMENT_BYTES
from tests.conftest import ROOT, copy_project, run_cli
from tests.confidentiality.builders import attachment_samples, odf_bytes, ooxml_bytes, zip_bytes
from tests.support.catalogue import load, publish_folder, write_process

TAXONOMIES = str(ROOT / "taxonomies")


def check(project: Path, *paths: str) -> subprocess.CompletedProcess[str]:
    return run_cli("--taxonomies", TAXONOMIES, "check", *paths, cwd=project)


def finding_lines(result: subprocess.CompletedProcess[str], rule: str) -> list[str]:
    return [line for line in result.stdout.splitlines() if re.search(rf" {rule}( felt \S+)?: ", line)]


# --- symbolic links: the municipality folder, the attachment folder, attachment files ----------------

@pytest.fixture
def project(tmp_path) -> Path:
    """A project folder that is a real git repository with one ordinary process."""
    project = tmp_path / "projekt"
    write_process(project / "processes", "almindelig")
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    (project / ".git" / "config").write_text("[credential]\n\thelper = store\n", encoding="utf-8")
    return project


@pytest.mark.parametrize("target", ["/etc", "/proc/self", "../.git", "../andet", "findes-ikke"])
def test_a_linked_municipality_folder_is_refused_by_both_forms_of_check(project, target):
    (project / "andet").mkdir()
    write_process(project / "andet", "proces", folder="odense")
    os.symlink(target, project / "processes" / "odense")

    whole = check(project, "processes/")
    folder = check(project, "processes/odense/")

    kind = "Linket" if target == "findes-ikke" else "Mappen"
    expected = (f"processes/odense: error AP511: {kind} 'processes/odense' er et symbolsk link (til '{target}'). "
                "Kataloget læser og udgiver intet gennem symbolske links.")
    for result in (whole, folder):
        assert result.returncode == 1, result.stdout + result.stderr
        assert "Traceback" not in result.stdout + result.stderr
        assert finding_lines(result, "AP511") == [expected], result.stdout
    assert "git rm processes/odense" in whole.stdout
    assert "1 filer kontrolleret" not in whole.stdout and "2 filer kontrolleret: 1 fejl" in whole.stdout


@pytest.mark.parametrize("target", ["/proc/self", "/etc", "../../.git"])
def test_a_linked_attachment_folder_is_refused_on_the_attachment_line_and_as_a_folder(project, target):
    aarhus = project / "processes" / "aarhus"
    write_process(project / "processes", "med-bilag",
                  attachments=[{"file": "environ.txt", "visibility": "public"}])
    os.symlink(target, aarhus / "bilag")

    whole = check(project, "processes/")
    folder = check(project, "processes/aarhus/")
    single = check(project, "processes/aarhus/med-bilag.yaml")

    on_the_line = (f"processes/aarhus/med-bilag.yaml:12:11: error AP511 felt attachments[1].file: Bilagsmappen 'aarhus/bilag/' (med bilaget "
                   f"'environ.txt') er et symbolsk link (til '{target}').")
    on_the_folder = f"processes/aarhus/bilag: error AP511: Mappen 'processes/aarhus/bilag' er et symbolsk link"
    assert whole.stdout == folder.stdout
    for result in (whole, folder):
        assert result.returncode == 1
        lines = finding_lines(result, "AP511")
        assert len(lines) == 2 and lines[0].startswith(on_the_folder) and lines[1].startswith(on_the_line), lines
    assert single.returncode == 1 and [line[:len(on_the_line)] for line in finding_lines(single, "AP511")] == [on_the_line]


def test_a_linked_folder_has_no_line_in_the_github_annotation_and_names_only_the_file(project):
    write_process(project / "processes", "med-bilag", attachments=[{"file": "environ.txt", "visibility": "public"}])
    os.symlink("/etc", project / "processes" / "aarhus" / "bilag")
    result = run_cli("--taxonomies", TAXONOMIES, "check", "--format", "github", "processes/", cwd=project)
    annotations = [line for line in result.stdout.splitlines() if "AP511" in line]
    assert result.returncode == 1
    assert annotations[0] == (
        "::error file=processes/aarhus/bilag,title=AP511 Symbolsk link i kataloget::Mappen 'processes/aarhus/bilag' "
        "er et symbolsk link (til '/etc'). Kataloget læser og udgiver intet gennem symbolske links.%0ASådan retter du "
        "det: Erstat linket med en almindelig mappe eller fil med det indhold, der skal udgives, og fjern linket med "
        "'git rm processes/aarhus/bilag'. Et link kan ellers udgive filer fra den maskine, der bygger websitet "
        "(fx /etc eller .git).")
    assert annotations[1].startswith("::error file=processes/aarhus/med-bilag.yaml,line=12,col=11,title=AP511 ")


def test_nothing_behind_a_linked_attachment_folder_reaches_the_site(tmp_path):
    project = copy_project(tmp_path, processes=False)
    write_process(project / "processes", "med-bilag", attachments=[{"file": "environ.txt", "visibility": "public"}])
    os.symlink("/proc/self", project / "processes" / "aarhus" / "bilag")
    canary = "KANARI-miljoevariabel-7f3a"

    result = run_cli("build", "--site-dir", "site", cwd=project, env={"AUTOPROCES_KANARI": canary})

    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "AP511" in result.stdout + result.stderr
    assert not (project / "site").exists()


def test_a_file_in_a_linked_folder_named_directly_is_refused_without_reading_it(project, tmp_path):
    secret = write_process(tmp_path / "uden-for", "hemmelig", folder="odense", title="Hemmelig 010190-1234")
    os.symlink(secret.parent, project / "processes" / "odense")
    result = check(project, "processes/odense/hemmelig.yaml")
    assert result.returncode == 1
    assert finding_lines(result, "AP511") == [
        "processes/odense/hemmelig.yaml: error AP511: Mappen 'processes/odense', som filen ligger i, er et "
        f"symbolsk link (til '{secret.parent}'). Kataloget læser og udgiver intet gennem symbolske links."]
    assert "010190" not in result.stdout and "AP501" not in result.stdout


def test_a_link_named_like_an_attachment_anywhere_in_the_catalogue_is_refused(tmp_path):
    root = tmp_path / "processes"
    write_process(root, "almindelig")
    os.symlink("/etc/passwd", root / "aarhus" / "passwd.txt")
    catalogue = load(root)
    linked = [e for e in catalogue.entries if e.path.name == "passwd.txt"]
    assert [(f.rule, f.line, f.column, f.key) for f in linked[0].findings] == [("AP511", None, None, None)]
    assert not catalogue.by_id["aarhus/almindelig"].findings  # the ordinary file is fine
    assert {p.id for p in publish_folder(root)} == {"aarhus/almindelig"}


# --- the allow-list: extension and content -----------------------------------------------------------

def write_attachment(tmp_path: Path, name: str, data: bytes) -> Path:
    root = tmp_path / "processes"
    bilag = root / "aarhus" / "bilag"
    bilag.mkdir(parents=True, exist_ok=True)
    (bilag / name).write_bytes(data)
    write_process(root, "bilag", attachments=[{"file": name, "visibility": "public"}])
    return root


def attachment_findings(root: Path) -> list[tuple[str, int, str]]:
    return [(f.rule, f.line, f.message) for f in load(root).by_id["aarhus/bilag"].findings]


@pytest.mark.parametrize("extension", sorted(ALLOWED))
def test_every_allowed_type_with_matching_content_is_published(tmp_path, extension):
    root = write_attachment(tmp_path, f"bilag.{extension}", attachment_samples()[extension])
    assert attachment_findings(root) == []
    assert [p.id for p in publish_folder(root)] == ["aarhus/bilag"]


@pytest.mark.parametrize("name", ["side.html", "side.htm", "logo.svg", "data.xml", "side.xhtml", "script.js",
                                  "noter.md", "program.exe", "arkiv.zip", "makro.docm", "README"])
def test_other_types_are_refused_by_extension(tmp_path, name):
    root = write_attachment(tmp_path, name, b"%PDF-1.4 det ligner en pdf, men filtypen afgoer")
    extension = "." + name.rsplit(".", 1)[1] if "." in name else "(ingen)"
    findings = attachment_findings(root)
    assert findings == [("AP512", 12, f"Bilaget '{name}' har filtypen '{extension}', som ikke kan udgives som bilag.")]
    finding = load(root).by_id["aarhus/bilag"].findings[0]
    assert ".pdf, .docx, .xlsx, .pptx, .odt, .ods, .csv, .txt, .png, .jpg, .jpeg, .gif, .webp" in finding.hint
    assert not publish_folder(root).processes


HTML = b"<!DOCTYPE html><script>alert(document.domain)</script>"
SAMPLES = attachment_samples()


@pytest.mark.parametrize("name, data, problem", [
    ("notat.pdf", HTML, "en HTML-, SVG- eller XML-fil"),
    ("notat.pdf", b"\n<svg onload=alert(1)>", "en HTML-, SVG- eller XML-fil"),
    ("billede.png", SAMPLES["gif"], "et GIF-billede"),
    ("billede.jpg", b"just text", "ikke et JPEG-billede"),
    ("billede.webp", b"RIFF\x00\x00\x00\x00WAVEfmt ", "ikke et WebP-billede"),
    ("skema.csv", HTML, "en HTML- eller XML-side, som en browser kan vise som en side"),
    ("notat.txt", b"\xef\xbb\xbf  <html><body onload=alert(1)>", "en HTML- eller XML-side, som en browser kan vise som en side"),
    ("notat.txt", b"MZ\x90\x00\x03\x00\x00\x00", "binære data (NUL-bytes) og ikke tekst"),
    ("notat.docx", SAMPLES["xlsx"], "et ZIP-arkiv, der ikke er et dokument af den type, filnavnet siger"),
    ("notat.docx", zip_bytes({"index.html": HTML}), "et ZIP-arkiv, der ikke er et dokument af den type, filnavnet siger"),
    ("notat.docx", HTML + SAMPLES["docx"], "en HTML-, SVG- eller XML-fil"),  # an HTML/zip polyglot
    ("notat.docx", ooxml_bytes("docx", "wordprocessingml.template.main+xml"),
     "et ZIP-arkiv, der ikke er et dokument af den type, filnavnet siger"),
    ("ark.xlsx", b"PK\x03\x04 not really a zip", "et ødelagt ZIP-arkiv"),
    ("ark.xlsx", zip_bytes({"[Content_Types].xml": b"x", "xl/vbaProject.bin": b"\x00"}), "et Office-dokument med makroer"),
    ("notat.odt", odf_bytes("spreadsheet"), "et ZIP-arkiv, der ikke er et OpenDocument af den type, filnavnet siger"),
    ("notat.odt", zip_bytes({"content.xml": b"<x/>", "mimetype": b"application/vnd.oasis.opendocument.text"}),
     "et ZIP-arkiv, der ikke er et OpenDocument af den type, filnavnet siger"),
])
def test_content_must_match_the_extension(tmp_path, name, data, problem):
    root = write_attachment(tmp_path, name, data)
    extension = name.rsplit(".", 1)[1]
    assert attachment_findings(root) == [("AP513", 12, f"Bilaget '{name}' hedder .{extension}, men indholdet er {problem}.")]
    assert not publish_folder(root).processes


def test_an_attachment_over_10_mb_is_refused_with_its_size(tmp_path):
    root = write_attachment(tmp_path, "stor.pdf", b"%PDF-1.7\n" + b"0" * (MAX_ATTACHMENT_BYTES + 100_000))
    assert attachment_findings(root) == [("AP514", 12, "Bilaget 'stor.pdf' fylder 10,1 MB, men et bilag må højst fylde 10 MB.")]
    assert MAX_ATTACHMENT_BYTES == 10 * 1024 * 1024


# --- the real mkdocs build: an attachment is copied byte for byte and never becomes a page -------------

def test_the_build_copies_every_allowed_attachment_unchanged_and_never_as_a_page(tmp_path):
    project = copy_project(tmp_path, processes=False)
    bilag = project / "processes" / "aarhus" / "bilag"
    bilag.mkdir(parents=True)
    names = {f"bilag-{extension}.{extension}": data for extension, data in attachment_samples().items()}
    for name, data in names.items():
        (bilag / name).write_bytes(data)
    write_process(project / "processes", "med-bilag",
                  attachments=[{"file": name, "title": name, "visibility": "public"} for name in names])

    result = run_cli("build", "--site-dir", "site", cwd=project)

    assert result.returncode == 0, result.stdout + result.stderr
    folder = project / "site" / "processer" / "aarhus" / "med-bilag" / "bilag"
    assert sorted(p.name for p in folder.iterdir()) == sorted(names)
    for name, data in names.items():
        assert (folder / name).read_bytes() == data
    sitemap = (project / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert "bilag/" not in sitemap


@pytest.mark.parametrize("name, content", [
    ("noter.md", "# Noter\n\n<script>alert(document.domain)</script>\n"),
    ("side.html", "<script>alert(document.domain)</script>"),
    ("logo.svg", '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
])
def test_a_build_with_a_page_like_attachment_is_refused_and_writes_no_page(tmp_path, name, content):
    project = copy_project(tmp_path, processes=False)
    bilag = project / "processes" / "aarhus" / "bilag"
    bilag.mkdir(parents=True)
    (bilag / name).write_text(content, encoding="utf-8")
    write_process(project / "processes", "med-bilag", attachments=[{"file": name, "visibility": "public"}])

    result = run_cli("build", "--site-dir", "site", cwd=project)

    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output
    assert f"error AP512 felt attachments[1].file: Bilaget '{name}' har filtypen" in output
    assert not (project / "site").exists()
