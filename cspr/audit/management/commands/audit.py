"""`cspr audit verify`: check the audit chain; exits 1 and names the first broken entry if it is broken.

`cspr audit head` prints the last entry's number and hash, to be kept somewhere outside the database
(a ticket, a signed email): a chain rewritten from start to end by someone with database access still
verifies, but no longer ends in the hash that was written down.
"""

import sys

from django.core.management.base import BaseCommand

from cspr.audit.models import ChainHead
from cspr.audit.verify import verify_chain


class Command(BaseCommand):
    help = "Check the audit trail's hash chain (verify) or print its head (head)."

    def add_arguments(self, parser):
        subcommands = parser.add_subparsers(dest="subcommand", required=True, title="subcommands")
        verify = subcommands.add_parser("verify", help="Check every entry; exit 1 at the first break.")
        verify.add_argument(
            "--progress", action="store_true", help="Report progress even when not on a terminal."
        )
        subcommands.add_parser("head", help="Print the last entry's number and hash.")

    def handle(self, *args, subcommand, progress=False, **options):
        if subcommand == "head":
            head = ChainHead.objects.filter(pk=1).first()
            if head is None:
                self.stdout.write("The audit trail is empty.")
            else:
                self.stdout.write(f"Entry {head.last_sequence}: {head.last_hash}")
            return

        show_progress = progress or self.stderr.isatty()
        report = verify_chain(progress=self.write_progress if show_progress else None)
        if not report.ok:
            self.stderr.write(str(report))
            sys.exit(1)
        self.stdout.write(str(report))

    def write_progress(self, done: int, total: int) -> None:
        self.stderr.write(f"Checked {done} of {total} entries")
