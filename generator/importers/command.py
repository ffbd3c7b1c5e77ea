"""``autoproces import os2autoproces``: read, map, place, check, write, report.

Everything is read and mapped before anything is written; ``--dry-run`` stops before writing.
Exit codes: 0 = imported (skipped non-public processes are not errors), 1 = a source or a record
could not be read or mapped (the rest is imported), 2 = usage.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TextIO

from generator.schema_address import schema_url
from generator.importers.mapping import MappedProcess, MappingContext, map_record
from generator.importers.plan import place
from generator.importers.proposals import add_to_curated_list, curated_file
from generator.importers.records import ReadError, SourceRecord
from generator.importers.report import Report, render_report
from generator.importers.aftercheck import errors_in
from generator.importers.writer import UNCHANGED, prepare, write

TOKEN_ENV = "OS2AUTOPROCES_API_KEY"


def add_commands(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("import", help="importér processer fra et andet system")
    systems = parser.add_subparsers(dest="system", required=True, parser_class=type(parser))
    cmd = systems.add_parser("os2autoproces", help="importér fra OS2autoproces (API-sider eller Excel-eksport)")
    source = cmd.add_mutually_exclusive_group(required=True)
    source.add_argument("--json", nargs="+", metavar="FIL", help="sider fra /api/processes?projection=extended")
    source.add_argument("--url", metavar="ADRESSE", help="OS2autoproces' adresse, fx https://www.os2autoproces.eu/backend")
    source.add_argument("--xlsx", metavar="FIL", help="Excel-eksporten processes.xlsx (arket 'Processer')")
    cmd.add_argument("--municipality", metavar="KORTNAVN", help="importér kun denne organisations processer")
    cmd.add_argument("--out", metavar="MAPPE", help="den fælles mappe (standard: processes)")
    cmd.add_argument("--overlay", metavar="MAPPE", help="privat mappe til ikke-offentlige processer")
    cmd.add_argument("--keep-people", action="store_true", help="behold indberetter, faglig kontakt og tilknyttede")
    cmd.add_argument("--dry-run", action="store_true", help="vis rapporten uden at skrive noget")
    cmd.add_argument("--token-env", default=TOKEN_ENV, metavar="NAVN",
                     help=f"miljøvariablen med API-nøglen (standard: {TOKEN_ENV})")
    cmd.add_argument("--page-size", type=int, default=100, metavar="N", help="poster pr. side (standard: 100)")
    cmd.add_argument("--timeout", type=float, default=30.0, metavar="SEK", help="ventetid pr. side (standard: 30)")
    cmd.set_defaults(func=cmd_import_os2autoproces)


def cmd_import_os2autoproces(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    from generator.taxonomies import load_taxonomies

    taxonomies_dir = Path(args.taxonomies)
    taxonomies = load_taxonomies(taxonomies_dir)
    if args.municipality and args.municipality not in taxonomies["municipalities"]:
        print(f"autoproces import: organisationen '{args.municipality}' findes ikke i listen over "
              "organisationer (brug mappenavnet, fx 'aarhus').", file=err)
        return 2
    if args.overlay and not args.municipality:
        print("autoproces import: --overlay kræver --municipality: den private mappe må kun rumme jeres egne "
              "processer.", file=err)
        return 2
    out_dir = Path(args.out or args.processes)
    overlay = Path(args.overlay) if args.overlay else None
    if overlay is not None and overlay.resolve() == out_dir.resolve():
        print("autoproces import: --overlay må ikke være den fælles mappe; ikke-offentlige processer skal "
              "ligge i en privat mappe.", file=err)
        return 2
    report = Report(dry_run=args.dry_run)
    context = MappingContext(taxonomies=taxonomies, keep_people=args.keep_people)
    try:
        records = _read(args, report, context)
    except ReadError as exc:  # the whole source failed (a page in the middle of paging): write nothing
        print(f"autoproces import: {exc}. Intet er skrevet.", file=err)
        return 1
    report.records = len(records)
    mapped = _map_all(records, context, args.municipality, report)
    plan = place(mapped, out_dir, overlay)
    report.skipped += plan.skipped
    outputs, refused = prepare(plan, schema_url())
    report.skipped += refused
    report.outputs = outputs
    written_ids = {o.placed.mapped.source_id for o in outputs}
    report.unmapped = [p for o in outputs for p in o.placed.mapped.problems if not p.fatal]
    report.proposals = [p for p in context.systems.proposals.values()
                        if any(i in written_ids for i, _ in p.used_by)]
    for proposal in report.proposals:
        proposal.used_by = [(i, t) for i, t in proposal.used_by if i in written_ids]
    report.proposals_file = curated_file(taxonomies_dir)
    if not args.dry_run:
        try:
            if report.proposals:
                add_to_curated_list(taxonomies_dir, report.proposals)
            write(outputs)
        except (ReadError, OSError) as exc:
            print(f"autoproces import: {exc}", file=err)
            return 1
        report.check_errors = errors_in([o.placed.path for o in outputs if o.state != UNCHANGED], out_dir,
                                        overlay, taxonomies_dir)
    out.write(render_report(report))
    return 1 if report.has_errors else 0


def _map_all(records: list[SourceRecord], context: MappingContext, municipality: str | None,
             report: Report) -> list[MappedProcess]:
    mapped: list[MappedProcess] = []
    for record in records:
        owner = context.organisations.slug_for(record.get("cvr"), record.get("municipalityName"))
        if municipality and owner is not None and owner != municipality:
            continue  # another organisation's process: not this import's business
        result = map_record(record, context)
        fatal = [p for p in result.problems if p.fatal]
        if fatal:
            report.skipped += fatal
            continue
        mapped.append(result)
    return mapped


def _read(args: argparse.Namespace, report: Report, context: MappingContext) -> list[SourceRecord]:
    if args.json:
        from generator.importers.hal_json import parse_page

        records: list[SourceRecord] = []
        for name in args.json:
            try:
                page_records, _ = parse_page(Path(name).read_bytes(), name)
            except OSError as exc:
                report.source_errors.append(f"{name}: filen kan ikke læses ({exc.strerror or exc})")
                continue
            except ReadError as exc:
                report.source_errors.append(str(exc))
                continue
            records += page_records
        return records
    if args.url:
        from generator.importers.api_client import fetch_all

        return fetch_all(args.url, token=os.environ.get(args.token_env) or None, page_size=args.page_size,
                         timeout=args.timeout)
    from generator.importers.xlsx import read_workbook

    try:
        return read_workbook(Path(args.xlsx), context.systems.index,
                             context.technologies.index)
    except ReadError as exc:
        report.source_errors.append(str(exc))
        return []
