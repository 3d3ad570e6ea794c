"""`cspr publication check FILE [--allow NAME ...] [--pseudonym "Child K=Real Name" ...] [--json]`: the
anonymisation check from the command line, for a reviewer or business manager checking a draft before it
is uploaded, and for scripts (the exit status says whether anything was found).

Exit status: 0 nothing found, 1 findings to look at, 2 the file could not be read. Findings are printed to
standard output only: they are the document's own text, so nothing is logged.
"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cspr.library.extract import ExtractionError

EXIT_FOUND = 1
EXIT_UNREADABLE = 2


class Command(BaseCommand):
    help = (
        "Publication safety: check a document for details that could identify a child before it goes public."
    )

    def add_arguments(self, parser):
        subparsers = parser.add_subparsers(dest="subcommand", required=True, metavar="SUBCOMMAND")
        check = subparsers.add_parser(
            "check",
            help="Check a PDF, Word (.docx), HTML or text file for identifying details",
            description="Check a PDF, Word (.docx), HTML or text file for identifying details. Exit status: "
            "0 nothing found, 1 findings, 2 the file could not be read.",
        )
        check.add_argument("file", help="The document to check")
        check.add_argument(
            "--allow",
            action="append",
            default=[],
            metavar="NAME",
            help='A name the document may publish, e.g. "Child K" or the reviewer\'s name (repeatable)',
        )
        check.add_argument(
            "--pseudonym",
            action="append",
            default=[],
            metavar="PSEUDONYM=REAL NAME",
            help='A pseudonym and the real name it stands for, e.g. "Child K=Kayden Smith": the real name is '
            "always reported, the pseudonym never",
        )
        check.add_argument("--json", action="store_true", help="Print the findings as JSON")

    def handle(self, *args, subcommand, **options):
        from cspr.publication.anonymisation.checker import check_document
        from cspr.publication.anonymisation.declared import Declared, Pseudonym

        path = Path(options["file"])
        try:
            pseudonyms = tuple(_pseudonym(value, Pseudonym) for value in options["pseudonym"])
            data = path.read_bytes()
        except (OSError, ValueError) as error:
            raise CommandError(_unreadable(path, error), returncode=EXIT_UNREADABLE) from error
        declared = Declared(
            pseudonyms=pseudonyms,
            allowed=tuple(options["allow"]),
            known_names=tuple(p.real_name for p in pseudonyms if p.real_name),
        )
        try:
            result = check_document(data, path.name, declared)
        except ExtractionError as error:
            raise CommandError(f"{path}: {error}", returncode=EXIT_UNREADABLE) from error
        for warning in result.warnings:
            self.stderr.write(f"Warning: {warning}")
        if options["json"]:
            self.stdout.write(json.dumps(_as_json(result), indent=2, ensure_ascii=False))
        else:
            self._print(path, result)
        if result.findings:
            sys.exit(EXIT_FOUND)

    def _print(self, path, result) -> None:
        count = len(result.findings)
        pages = f"{result.page_count} page{'s' if result.page_count != 1 else ''}"
        if not count:
            self.stdout.write(f"{path}: {pages}, nothing identifying found")
            return
        self.stdout.write(f"{path}: {pages}, {count} possible identifying detail{'s' if count != 1 else ''}")
        for finding in result.findings:
            place = f"page {finding.page}, paragraph {finding.paragraph}"
            self.stdout.write(
                f'  {place}: {finding.type.label} "{finding.text}" (confidence {finding.confidence:.2f})'
                f"\n    {finding.why}"
            )


def _pseudonym(value: str, pseudonym_class):
    pseudonym, separator, real_name = value.partition("=")
    if not pseudonym.strip() or (separator and not real_name.strip()):
        raise ValueError(f'--pseudonym must look like "Child K=Real Name", not "{value}"')
    return pseudonym_class(pseudonym.strip(), real_name.strip())


def _unreadable(path: Path, error: Exception) -> str:
    if isinstance(error, ValueError):
        return str(error)
    if isinstance(error, FileNotFoundError):
        return f"{path}: there is no such file"
    if isinstance(error, IsADirectoryError):
        return f"{path}: this is a folder; give one file"
    return f"{path}: the file could not be opened"


def _as_json(result) -> dict:
    return {
        "findings": [
            {
                "type": finding.type.value,
                "text": finding.text,
                "start": finding.start,
                "end": finding.end,
                "confidence": round(finding.confidence, 2),
                "page": finding.page,
                "paragraph": finding.paragraph,
                "why": finding.why,
            }
            for finding in result.findings
        ],
        "pages": result.page_count,
        "warnings": result.warnings,
    }
