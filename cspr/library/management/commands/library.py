"""`cspr library import|tag|search|synth`: the learning library from the command line. Each subcommand
lives in its own module under `cspr.library.cli`, offering `add_arguments(parser)` and `run(options, out)`."""

from importlib import import_module

from django.core.management.base import BaseCommand

SUBCOMMANDS = {
    "import": ("importing", "Add PDF, DOCX, HTML, TXT or Markdown reports (files or folders) to the library"),
    "tag": ("tagging", "Suggest themes, age band and harm for one file, with evidence; stores nothing"),
    "search": ("searching", "Search the library's public reviews"),
    "synth": ("synth", "Write clearly synthetic reports for benchmarks"),
}


class Command(BaseCommand):
    help = "The learning library: import reports, suggest themes, search, make benchmark data."

    def add_arguments(self, parser):
        subparsers = parser.add_subparsers(dest="subcommand", required=True, metavar="SUBCOMMAND")
        for name, (module, help_text) in SUBCOMMANDS.items():
            subparser = subparsers.add_parser(name, help=help_text, description=help_text)
            import_module(f"cspr.library.cli.{module}").add_arguments(subparser)

    def handle(self, *args, subcommand, **options):
        module, _ = SUBCOMMANDS[subcommand]
        import_module(f"cspr.library.cli.{module}").run(options, self.stdout)
