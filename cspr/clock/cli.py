"""The clock on the command line: `cspr clock add-working-days 2023-04-28 5` prints 2023-05-09.

`run` owns its streams and exit status (0 done, 2 bad input with one line on stderr) so it can be tested
without a subprocess and wrapped unchanged by the Django management command `cspr clock`.
"""

import argparse
import datetime as dt
import json
import re
from typing import TextIO

from .deadlines import compute_deadlines
from .errors import ClockError
from .steps import STEPS, TRIGGERS, Kind
from .working_days import add_working_days, is_working_day, working_days_between

PROGRAM = "cspr clock"
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Command-line flags for the triggers; --decided is what people say for the decision to initiate a review.
TRIGGER_FLAGS = {name: "--" + name.replace("_", "-") for name in TRIGGERS} | {
    "practice_review_decided": "--decided"
}


class UsageError(ClockError):
    """argparse found the command line malformed (its message, kept to one line)."""


class _HelpShown(Exception):
    """argparse printed help and wants to stop."""


class _ArgumentParser(argparse.ArgumentParser):
    """argparse that raises instead of exiting and prints help to our stdout, so `run` owns both."""

    def __init__(self, *args, stdout: TextIO, **kwargs) -> None:
        super().__init__(*args, allow_abbrev=False, **kwargs)
        self.stdout = stdout

    def error(self, message: str):
        raise UsageError(" ".join(message.split()))

    def exit(self, status: int = 0, message: str | None = None):
        raise _HelpShown

    def _print_message(self, message: str, file: TextIO | None = None) -> None:
        if message:
            self.stdout.write(message)


def run(argv: list[str], stdin: TextIO, stdout: TextIO, stderr: TextIO) -> int:
    """Run one clock command; return the exit status (0 done, 2 bad input, reported in one line on stderr)."""
    try:
        options = _parser(stdout).parse_args(argv)
        lines = options.command(options, stdin)
    except _HelpShown:
        return 0
    except ClockError as error:
        stderr.write(f"{PROGRAM}: {error}\n")
        return 2
    stdout.writelines(line + "\n" for line in lines)
    return 0


def _parser(stdout: TextIO) -> argparse.ArgumentParser:
    def make_parser(**kwargs) -> _ArgumentParser:
        return _ArgumentParser(stdout=stdout, **kwargs)

    parser = make_parser(prog=PROGRAM, description="Working days in England and case review deadlines.")
    commands = parser.add_subparsers(
        title="commands", required=True, metavar="COMMAND", parser_class=make_parser
    )
    _add_working_days_parser(commands)
    _between_parser(commands)
    _is_working_day_parser(commands)
    _deadlines_parser(commands)
    return parser


def _add_working_days_parser(commands) -> None:
    parser = commands.add_parser(
        "add-working-days",
        help="the n-th working day after a date (day 0 is the date itself)",
        description="Print the n-th working day after START. With START '-', read 'YYYY-MM-DD N' lines "
        "from standard input and print one date per line; nothing is printed if any line is bad.",
    )
    parser.add_argument("start", metavar="START", help="YYYY-MM-DD, or - to read lines from standard input")
    parser.add_argument("n", metavar="N", nargs="?", help="number of working days (negative counts back)")
    parser.set_defaults(command=_add_working_days_command)


def _between_parser(commands) -> None:
    parser = commands.add_parser(
        "between",
        help="working days after A up to and including B",
        description="Print the number of working days d with A < d <= B (negative when B is before A).",
    )
    parser.add_argument("a", metavar="A", help="YYYY-MM-DD")
    parser.add_argument("b", metavar="B", help="YYYY-MM-DD")
    parser.set_defaults(command=_between_command)


def _is_working_day_parser(commands) -> None:
    parser = commands.add_parser("is-working-day", help="yes or no", description="Print yes or no.")
    parser.add_argument("day", metavar="DATE", help="YYYY-MM-DD")
    parser.set_defaults(command=_is_working_day_command)


def _deadlines_parser(commands) -> None:
    parser = commands.add_parser(
        "deadlines",
        help="statutory due dates as JSON",
        description="Print the due date of every statutory step that follows from the dates given, as JSON "
        "(keys <step>_due). Dates not given are assumed where the table allows: the notification is "
        "assumed to be sent on the day it is due unless --notified is given.",
    )
    for name, flag in TRIGGER_FLAGS.items():
        parser.add_argument(flag, dest=name, metavar="DATE", help=f"when {TRIGGERS[name].description}")
    parser.add_argument(
        "--override", action="append", default=[], metavar="STEP=N", help="a partnership's length for a step"
    )
    parser.add_argument("--local", action="store_true", help="also print local practice steps")
    parser.set_defaults(command=_deadlines_command)


def _between_command(options: argparse.Namespace, stdin: TextIO) -> list[str]:
    return [str(working_days_between(parse_date(options.a), parse_date(options.b)))]


def _is_working_day_command(options: argparse.Namespace, stdin: TextIO) -> list[str]:
    return ["yes" if is_working_day(parse_date(options.day)) else "no"]


def _add_working_days_command(options: argparse.Namespace, stdin: TextIO) -> list[str]:
    if options.start == "-":
        if options.n is not None:
            raise UsageError("give either START N, or - alone to read lines from standard input")
        return _add_working_days_lines(stdin)
    if options.n is None:
        raise UsageError("add-working-days needs START and N (or - to read lines from standard input)")
    return [add_working_days(parse_date(options.start), parse_whole_number(options.n)).isoformat()]


def _add_working_days_lines(stdin: TextIO) -> list[str]:
    """Every line answered before anything is printed, so a bad line never leaves half an answer."""
    answers = []
    for number, line in enumerate(stdin, start=1):
        if line.strip():
            answers.append(_add_working_days_line(number, line.strip()))
    return answers


def _add_working_days_line(number: int, text: str) -> str:
    try:
        start, n = _split_line(text)
        return add_working_days(parse_date(start), parse_whole_number(n)).isoformat()
    except ClockError as error:
        raise ClockError(f"line {number}: {text!r}: {error}") from None


def _split_line(text: str) -> list[str]:
    fields = text.split()
    if len(fields) != 2:
        raise ClockError("expected a date and a number of working days, e.g. '2023-04-28 5'")
    return fields


def _deadlines_command(options: argparse.Namespace, stdin: TextIO) -> list[str]:
    triggers = {name: parse_date(getattr(options, name)) for name in TRIGGERS if getattr(options, name)}
    if not triggers:
        raise UsageError("give at least one date, e.g. --aware 2023-04-28")
    due = compute_deadlines(triggers, overrides=_parse_overrides(options.override))
    shown = {step.code for step in STEPS if options.local or step.kind is Kind.STATUTORY}
    report = {f"{code}_due": day.isoformat() for code, day in due.items() if code in shown}
    return [json.dumps(report, sort_keys=True, indent=2)]


def _parse_overrides(texts: list[str]) -> dict[str, int]:
    overrides = {}
    for text in texts:
        code, equals, length = text.partition("=")
        if not equals:
            raise ClockError(f"{text!r} is not a step length: use STEP=N, e.g. final_report_to_panel=10")
        overrides[code.strip()] = parse_whole_number(length.strip())
    return overrides


def parse_date(text: str) -> dt.date:
    """A date typed as YYYY-MM-DD, or a ClockError quoting the text (fromisoformat alone accepts 20230428)."""
    try:
        if ISO_DATE.fullmatch(text):
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    raise ClockError(f"{text!r} is not a real date (YYYY-MM-DD)")


def parse_whole_number(text: str) -> int:
    """A count of days such as 5 or -7, or a ClockError quoting the text."""
    try:
        return int(text)
    except ValueError:
        raise ClockError(f"{text!r} is not a whole number of days") from None
