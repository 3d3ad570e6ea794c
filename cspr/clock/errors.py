"""The clock's errors, each with a message written for the person who gave the bad input.

They subclass ValueError so a Django form or admin can show them as validation messages, and share
`ClockError` so the command line can turn any of them into one line on stderr and exit status 2.
"""

import datetime as dt


class ClockError(ValueError):
    """Base class: the input (a date, a step, an override) cannot be used by the statutory clock."""


class DateOutOfRange(ClockError):
    """A date, or a count of working days, falls outside the years whose bank holidays are known.

    Outside those years we would have to guess (one-off bank holidays are announced only months ahead), and a
    guessed statutory deadline is worse than a clear refusal.
    """

    def __init__(self, date: dt.date, first: dt.date, last: dt.date, counting: int | None = None) -> None:
        self.date, self.first, self.last, self.counting = date, first, last, counting
        covered = f"the bank holiday calendar covers {first.isoformat()} to {last.isoformat()}"
        if counting is None:
            message = f"{date.isoformat()} is outside the known range: {covered}"
        else:
            message = f"{counting} working days from {date.isoformat()} is outside the known range: {covered}"
        super().__init__(message)


class UnknownStep(ClockError):
    """A step code that is not in the table of statutory and local steps (`cspr.clock.steps.STEPS`)."""

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(f"{code!r} is not a known step")


class UnknownTrigger(ClockError):
    """A trigger name (the event that starts a clock) that no step uses."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(f"{name!r} is not a known trigger")


class StepNotChangeable(ClockError):
    """A partnership tried to change a length fixed by statutory guidance (e.g. 5 working days to notify)."""

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(f"the length of step {code!r} is set by statutory guidance and cannot be changed")


class InvalidOverride(ClockError):
    """A bank holiday override (from the shipped file or an administrator's row) that cannot be applied."""
