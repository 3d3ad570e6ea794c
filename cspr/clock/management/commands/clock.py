"""`cspr clock ...`: the statutory clock's command line (`cspr.clock.cli.run`) as a management command.

Thin on purpose: the arguments go to `run` untouched, because Django's own option parsing would reject
`add-working-days -` and the negative counts that `run` accepts. Django finds it once "cspr.clock" is in
INSTALLED_APPS; without that, `python -m cspr.clock ...` runs the same command line.
"""

import sys

from django.core.management.base import BaseCommand, CommandError

from cspr.clock.cli import run


class Command(BaseCommand):
    help = "Working days in England and case review deadlines (cspr clock --help for the subcommands)."

    def run_from_argv(self, argv: list[str]) -> None:
        """Called by `cspr clock ...`: argv is ['cspr', 'clock', *arguments]."""
        sys.exit(run(argv[2:], sys.stdin, self.stdout, self.stderr))

    def add_arguments(self, parser) -> None:
        parser.add_argument("arguments", nargs="*", help="as for cspr clock --help")

    def handle(self, *args, **options) -> None:
        """Called by `call_command("clock", "between", "2023-04-28", "2023-05-09")`."""
        status = run(list(options["arguments"]), sys.stdin, self.stdout, self.stderr)
        if status:
            raise CommandError(f"cspr clock exited with status {status}", returncode=status)
