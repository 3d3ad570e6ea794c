"""The command line: output, exit status 2 with one line on stderr, standard input, the Django wrapper."""

import io
import json
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cspr.clock.cli import run
from cspr.clock.management.commands.clock import Command


def clock(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    status = run(list(argv), io.StringIO(stdin), stdout, stderr)
    return status, stdout.getvalue(), stderr.getvalue()


def test_add_working_days():
    assert clock("add-working-days", "2023-04-28", "5") == (0, "2023-05-09\n", "")


def test_add_working_days_backwards():
    assert clock("add-working-days", "2023-05-09", "-5") == (0, "2023-04-28\n", "")


def test_between():
    assert clock("between", "2023-04-28", "2023-05-09") == (0, "5\n", "")
    assert clock("between", "2023-05-09", "2023-04-28") == (0, "-5\n", "")


def test_is_working_day():
    assert clock("is-working-day", "2023-05-08") == (0, "no\n", "")
    assert clock("is-working-day", "2023-05-09") == (0, "yes\n", "")


def test_deadlines_prints_statutory_dates_as_json_with_sorted_keys():
    status, out, err = clock("deadlines", "--aware", "2023-04-28")
    assert (status, err) == (0, "")
    report = json.loads(out)
    assert list(report) == sorted(report)
    assert report["notification_due"] == "2023-05-09"
    assert report["rapid_review_due"] == "2023-05-31"
    assert "agency_return_due" not in report  # a local step


def test_deadlines_with_notified_and_decided():
    status, out, _ = clock(
        "deadlines", "--aware", "2023-04-28", "--notified", "2023-05-02", "--decided", "2023-08-31"
    )
    report = json.loads(out)
    assert report["rapid_review_due"] == "2023-05-24"
    assert report["practice_review_published_due"] == "2024-02-29"
    assert report["final_report_to_panel_due"] == "2024-02-20"


def test_deadlines_local_steps_and_a_partnership_override():
    status, out, _ = clock(
        "deadlines", "--notified", "2023-05-09", "--local", "--override", "agency_return=8"
    )
    assert status == 0
    assert json.loads(out)["agency_return_due"] == "2023-05-19"


def test_add_working_days_reads_lines_from_standard_input_skipping_blank_lines():
    lines = "2023-04-28 5\n\n  \n2023-05-06 1\n2023-05-09 -5\n"
    assert clock("add-working-days", "-", stdin=lines) == (0, "2023-05-09\n2023-05-09\n2023-04-28\n", "")


def test_a_bad_line_on_standard_input_prints_nothing_and_names_the_line():
    status, out, err = clock("add-working-days", "-", stdin="2023-04-28 5\n\n2023-02-30 5\n2023-05-06 1\n")
    assert (status, out) == (2, "")
    assert err == "cspr clock: line 3: '2023-02-30 5': '2023-02-30' is not a real date (YYYY-MM-DD)\n"


@pytest.mark.parametrize(
    "line, complaint",
    [
        ("2023-04-28", "expected a date and a number of working days"),
        ("2023-04-28 5 6", "expected a date and a number of working days"),
        ("2023-04-28 five", "'five' is not a whole number of days"),
        ("2040-01-02 5", "2040-01-02 is outside the known range"),
    ],
)
def test_standard_input_errors_name_the_line_number_and_text(line, complaint):
    status, out, err = clock("add-working-days", "-", stdin=f"2023-04-28 5\n{line}\n")
    assert (status, out) == (2, "")
    assert err.startswith(f"cspr clock: line 2: {line!r}: ")
    assert complaint in err


@pytest.mark.parametrize(
    "argv, message",
    [
        (["add-working-days", "2023-02-30", "5"], "'2023-02-30' is not a real date (YYYY-MM-DD)"),
        (["add-working-days", "28/04/2023", "5"], "'28/04/2023' is not a real date (YYYY-MM-DD)"),
        (["add-working-days", "20230428", "5"], "'20230428' is not a real date (YYYY-MM-DD)"),
        (["add-working-days", "2023-04-28", "x"], "'x' is not a whole number of days"),
        (["add-working-days", "2023-04-28"], "add-working-days needs START and N"),
        (["add-working-days", "-", "5"], "give either START N, or - alone"),
        (["add-working-days", "2040-01-02", "5"], "2040-01-02 is outside the known range"),
        (
            ["add-working-days", "2035-12-20", "20"],
            "20 working days from 2035-12-20 is outside the known range",
        ),
        (["is-working-day", "2011-06-01"], "2011-06-01 is outside the known range"),
        (["between", "2023-04-28"], "the following arguments are required: B"),
        (["deadlines"], "give at least one date, e.g. --aware 2023-04-28"),
        (["deadlines", "--aware", "2023-04-28", "--override", "nope=3"], "'nope' is not a known step"),
        (["deadlines", "--aware", "2023-04-28", "--override", "notification=3"], "cannot be changed"),
        (["deadlines", "--aware", "2023-04-28", "--override", "agency_return"], "use STEP=N"),
        (["deadlines", "--awar", "2023-04-28"], "unrecognized arguments: --awar"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
        ([], "the following arguments are required: COMMAND"),
    ],
)
def test_errors_exit_2_with_one_line_on_stderr_naming_the_bad_input(argv, message):
    status, out, err = clock(*argv)
    assert (status, out) == (2, "")
    assert err.startswith("cspr clock: ")
    assert message in err
    assert err.count("\n") == 1 and err.endswith("\n")


def test_help_prints_usage_and_exits_0():
    status, out, err = clock("--help")
    assert (status, err) == (0, "")
    assert out.startswith("usage: cspr clock")
    assert clock("deadlines", "--help")[1].startswith("usage: cspr clock deadlines")


def test_python_dash_m_runs_the_same_command_line():
    # A bad date is refused before any calendar is built, which keeps this subprocess quick.
    result = subprocess.run(
        [sys.executable, "-m", "cspr.clock", "is-working-day", "2023-02-30"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "cspr clock: '2023-02-30' is not a real date (YYYY-MM-DD)\n"


def test_management_command_passes_arguments_through_untouched():
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(SystemExit) as exit_:
        Command(stdout=out, stderr=err).run_from_argv(
            ["cspr", "clock", "add-working-days", "2023-05-09", "-5"]
        )
    assert (exit_.value.code, out.getvalue(), err.getvalue()) == (0, "2023-04-28\n", "")


def test_management_command_exits_2_on_bad_input():
    err = io.StringIO()
    with pytest.raises(SystemExit) as exit_:
        Command(stdout=io.StringIO(), stderr=err).run_from_argv(
            ["cspr", "clock", "between", "2023-02-30", "x"]
        )
    assert exit_.value.code == 2
    assert err.getvalue() == "cspr clock: '2023-02-30' is not a real date (YYYY-MM-DD)\n"


def test_call_command_runs_the_clock():
    out = io.StringIO()
    call_command(Command(), "between", "2023-04-28", "2023-05-09", stdout=out)
    assert out.getvalue() == "5\n"
    with pytest.raises(CommandError, match="status 2"):
        call_command(
            Command(), "between", "2023-02-30", "2023-05-09", stdout=io.StringIO(), stderr=io.StringIO()
        )
