"""``autoproces copy|pr-report|codeowners|audit``: argument parsing and output only; the work is in the modules."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from generator.model import Phase, Visibility

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def _load(args: argparse.Namespace, extra_files=()):
    from generator.pipeline import load_catalogue
    from generator.taxonomies import load_taxonomies

    processes = Path(args.processes)
    roots = [processes] if processes.is_dir() else []
    overlays = [Path(o) for o in getattr(args, "overlay", None) or []]
    return load_catalogue(roots, load_taxonomies(Path(args.taxonomies)), extra_files=extra_files,
                          overlay_roots=overlays)


def add_commands(sub) -> None:
    copy = sub.add_parser(
        "copy", help="kopiér en proces til en anden organisation (som 'Kopier proces' i OS2autoproces)",
        description="Opretter en ny procesfil i målorganisationens mappe ud fra en eksisterende proces: ny "
                    "kontaktperson, synlighed for målorganisationen, derived_from sat, og uden felter, der ikke er "
                    "offentlige.")
    copy.add_argument("source", metavar="ID", help="processen, der kopieres, fx odense/ansoegning-om-boligstoette")
    copy.add_argument("--to", required=True, metavar="ORGANISATION", help="målorganisationens kortnavn, fx aarhus")
    copy.add_argument("--contact-name", required=True, metavar="NAVN", help="den nye kontaktperson")
    copy.add_argument("--contact-email", metavar="E-MAIL", help="den nye kontaktpersons e-mail (gerne en funktionspostkasse)")
    copy.add_argument("--phase", default=Phase.IDEA.value, choices=[p.value for p in Phase],
                      help="kopiens fase (standard: idea); felter fra senere faser kopieres ikke")
    copy.add_argument("--visibility", default=Visibility.MUNICIPALITY.value, choices=[v.value for v in Visibility],
                      help="kopiens synlighed (standard: municipality, kun målorganisationen)")
    copy.add_argument("--slug", help="filnavnet uden .yaml (standard: kildens)")
    copy.add_argument("--overlay", action="append", metavar="DIR",
                      help="privat mappe; kopien skrives i den første i stedet for i processes/")
    copy.set_defaults(func=cmd_copy)

    report = sub.add_parser(
        "pr-report", help="rapport over en pull request: kort, ændringer pr. felt, alle fund og betydning for kataloget",
        description="Sammenligner to git-revisioner og skriver en rapport i Markdown (eller JSON) til anmelderen.")
    report.add_argument("--base", required=True, metavar="REF", help="revisionen, der sammenlignes med, fx origin/main")
    report.add_argument("--head", default="HEAD", metavar="REF", help="revisionen med ændringerne (standard: HEAD)")
    report.add_argument("--format", choices=("markdown", "json"), default="markdown")
    report.add_argument("--repo-url", metavar="URL",
                        help="repositoriets adresse til linjelinks (standard: GITHUB_SERVER_URL/GITHUB_REPOSITORY)")
    report.add_argument("-o", "--output", metavar="FIL", help="skriv rapporten til en fil i stedet for standard-output")
    report.set_defaults(func=cmd_pr_report)

    audit = sub.add_parser(
        "audit", help="processer, der bør gennemgås: lovgrundlag ikke kontrolleret i 6 måneder, ingen ændring i 12 måneder",
        description="Skriver én Markdown-tekst pr. organisation med de offentlige processer, der bør gennemgås "
                    "(ændringsdatoerne kommer fra git; kræver hele historikken).")
    audit.add_argument("--format", choices=("markdown", "json"), default="markdown")
    audit.add_argument("--today", type=_date, metavar="ÅÅÅÅ-MM-DD", help="dagens dato (standard: i dag)")
    audit.add_argument("--repo-url", metavar="URL", help="repositoriets adresse til links (standard: fra GitHub Actions)")
    audit.add_argument("--branch", default="main", help="grenen, der linkes til (standard: main)")
    audit.add_argument("-o", "--output", metavar="FIL", help="skriv til en fil i stedet for standard-output")
    audit.set_defaults(func=cmd_audit)

    owners = sub.add_parser(
        "codeowners", help="skriv .github/CODEOWNERS ud fra listen over organisationer",
        description="Hver mappe under processes/ ejes af organisationens team (@<organisation>/<kortnavn>); "
                    "GitHub-organisationen sættes i pyproject.toml under [tool.autoproces] github_org.")
    owners.add_argument("-o", "--output", default=".github/CODEOWNERS", help="filen (standard: .github/CODEOWNERS)")
    owners.add_argument("--pyproject", default="pyproject.toml", help="indstillingerne (standard: pyproject.toml)")
    owners.add_argument("--check", action="store_true", help="skriv intet; afslut med 1, hvis filen er forældet")
    owners.set_defaults(func=cmd_codeowners)


def cmd_copy(args: argparse.Namespace) -> int:
    from generator.checks.location import SLUG
    from generator.checks.schema import validate_document
    from generator.diagnostics import format_text, summary_da
    from generator.files import write_text_atomic
    from generator.loading import load_bytes
    from generator.schema_address import schema_url
    from generator.sharing.copy import CopyError, CopyRequest, copied_data, find_source, target_path, to_yaml

    if not SLUG.match(args.to) or (args.slug is not None and not SLUG.match(args.slug)):
        print("autoproces copy: --to og --slug skal være kortnavne med små bogstaver a-z, tal og bindestreger.",
              file=sys.stderr)
        return EXIT_USAGE
    catalogue = _load(args)
    municipalities = catalogue.taxonomies["municipalities"]
    if catalogue.taxonomies.has("municipalities") and args.to not in municipalities:
        print(f"autoproces copy: organisationen '{args.to}' findes ikke i taxonomies/municipalities.json.", file=sys.stderr)
        return EXIT_USAGE
    request = CopyRequest(args.source, args.to, args.contact_name, args.contact_email, args.phase, args.visibility,
                          args.slug)
    try:
        entry = find_source(catalogue, args.source, args.to)
    except CopyError as exc:
        print(f"autoproces copy: {exc}", file=sys.stderr)
        return EXIT_FINDINGS
    root = Path(args.overlay[0]) if args.overlay else Path(args.processes)
    path = target_path(root, entry, request)
    if path.exists() or path.is_symlink():
        print(f"autoproces copy: {path.as_posix()} findes allerede; vælg et andet navn med --slug.", file=sys.stderr)
        return EXIT_FINDINGS
    text = to_yaml(copied_data(entry, request), args.source, schema_url())
    process, findings = validate_document(load_bytes(text.encode("utf-8"), path))
    if process is None:
        print("autoproces copy: kopien ville ikke være gyldig; intet er skrevet.\n" + format_text(findings),
              file=sys.stderr)
        return EXIT_FINDINGS
    write_text_atomic(path, text)
    print(f"Oprettet {path.as_posix()} (kopi af {args.source}).")
    checked = [e for e in _load(args, [path]).entries if os.path.abspath(e.path) == os.path.abspath(path)]
    found = [f for e in checked for f in e.findings]
    if found:
        print(format_text(found))
    print(summary_da(found, 1))
    return EXIT_FINDINGS if any(f.is_error for f in found) else EXIT_OK


def cmd_codeowners(args: argparse.Namespace) -> int:
    from generator.files import write_text_atomic
    from generator.sharing.codeowners import codeowners_text
    from generator.sharing.settings import SettingsError, load_settings
    from generator.taxonomies import load_taxonomies

    try:
        settings = load_settings(Path(args.pyproject))
    except SettingsError as exc:
        print(f"autoproces codeowners: {exc}", file=sys.stderr)
        return EXIT_USAGE
    taxonomies = load_taxonomies(Path(args.taxonomies))
    if not taxonomies.has("municipalities"):
        print("autoproces codeowners: listen over organisationer mangler (taxonomies/municipalities.json).",
              file=sys.stderr)
        return EXIT_FINDINGS
    text = codeowners_text(taxonomies, settings, Path(args.processes).as_posix().strip("/") or "processes")
    output = Path(args.output)
    current = output.read_text(encoding="utf-8") if output.is_file() else None
    if args.check:
        if current == text:
            print(f"{output.as_posix()} er opdateret.")
            return EXIT_OK
        print(f"{output.as_posix()} er forældet. Kør 'autoproces codeowners', og commit filen.", file=sys.stderr)
        return EXIT_FINDINGS
    if current != text:
        write_text_atomic(output, text)
    print(f"Skrev {output.as_posix()} ({len(list(taxonomies['municipalities']))} organisationer).")
    return EXIT_OK


REPO_URL = __import__("re").compile(r"^https://[A-Za-z0-9.-]+(:[0-9]+)?/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")


def _repo_url(args: argparse.Namespace) -> str | None:
    url = args.repo_url
    if url is None and os.environ.get("GITHUB_REPOSITORY"):
        url = os.environ.get("GITHUB_SERVER_URL", "https://github.com").rstrip("/") + "/" + os.environ["GITHUB_REPOSITORY"]
    if url is not None and not REPO_URL.match(url):
        raise ValueError(f"'{url}' er ikke en repositorieadresse som https://github.com/<ejer>/<navn>.")
    return url


def cmd_pr_report(args: argparse.Namespace) -> int:
    import json

    from generator.files import write_text_atomic
    from generator.model.derived import configured_hourly_rate
    from generator.sharing import git
    from generator.sharing.report import build_report
    from generator.sharing.report_markdown import render_markdown

    try:
        repo_url = _repo_url(args)
    except ValueError as exc:
        print(f"autoproces pr-report: {exc}", file=sys.stderr)
        return EXIT_USAGE
    top = git.toplevel(Path.cwd())
    if top is None:
        print("autoproces pr-report: mappen er ikke et git-repositorium.", file=sys.stderr)
        return EXIT_USAGE
    try:
        report = build_report(top, args.base, args.head, configured_hourly_rate(top / "pyproject.toml"), repo_url)
    except git.GitError as exc:
        print(f"autoproces pr-report: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.format == "json":
        text = json.dumps(report.to_json(), ensure_ascii=False, indent=2, default=str) + "\n"
    else:
        text = render_markdown(report)
    if args.output:
        write_text_atomic(Path(args.output), text)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _date(text: str):
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' er ikke en dato som ÅÅÅÅ-MM-DD") from None


def cmd_audit(args: argparse.Namespace) -> int:
    import datetime as dt
    import json
    import re

    from generator.files import write_text_atomic
    from generator.sharing import audit as audit_module
    from generator.sharing import git
    from generator.history import load_history

    try:
        repo_url = _repo_url(args)
    except ValueError as exc:
        print(f"autoproces audit: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if not re.fullmatch(r"[A-Za-z0-9._/-]+", args.branch) or ".." in args.branch:
        print(f"autoproces audit: '{args.branch}' er ikke et gyldigt grennavn.", file=sys.stderr)
        return EXIT_USAGE
    processes = Path(args.processes)
    top = git.toplevel(processes) if processes.is_dir() else None
    if top is None or git.is_shallow(top):
        print("autoproces audit: kræver et git-repositorium med hele historikken (i GitHub Actions: fetch-depth: 0).",
              file=sys.stderr)
        return EXIT_USAGE
    catalogue = _load(args)
    history = load_history([processes], [e.path for e in catalogue.entries])
    today = args.today or dt.date.today()
    groups = audit_module.audit(catalogue, history, today, audit_module.relative_to(top))
    bodies = [audit_module.render_markdown(g, today, repo_url, args.branch) for g in groups]
    if args.format == "json":
        text = json.dumps({"date": today.isoformat(), "municipalities": [g.to_json(b) for g, b in zip(groups, bodies)]},
                          ensure_ascii=False, indent=2) + "\n"
    else:
        text = "".join(f"## {g.title}\n\n{b}\n" for g, b in zip(groups, bodies)) or "Ingen processer skal gennemgås.\n"
    if args.output:
        write_text_atomic(Path(args.output), text)
    else:
        sys.stdout.write(text)
    return EXIT_OK
