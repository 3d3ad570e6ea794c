"""Deadlines as data: the steps table and compute_deadlines, including chained triggers and overrides."""

import datetime as dt

import pytest

from cspr.clock import (
    STEPS,
    TRIGGERS,
    BankHolidayOverride,
    ClockError,
    DateOutOfRange,
    Kind,
    Step,
    StepNotChangeable,
    Unit,
    UnknownStep,
    UnknownTrigger,
    add_calendar_months,
    add_working_days,
    compute_deadlines,
    default_calendar,
    england_calendar,
    get_step,
)

D = dt.date
AWARE = D(2023, 4, 28)  # a Friday, before the early May and coronation bank holiday Mondays


def test_notification_due_5_working_days_after_becoming_aware():
    assert compute_deadlines({"aware": AWARE})["notification"] == D(2023, 5, 9)


def test_rapid_review_due_15_working_days_after_the_notification_due_date_when_not_yet_notified():
    due = compute_deadlines({"aware": AWARE})
    assert due["rapid_review"] == add_working_days(D(2023, 5, 9), 15) == D(2023, 5, 31)  # over 29 May


def test_rapid_review_due_15_working_days_after_the_notification_was_sent():
    due = compute_deadlines({"aware": AWARE, "notified": D(2023, 5, 2)})
    assert due["rapid_review"] == D(2023, 5, 24)
    assert due["notification"] == D(2023, 5, 9)


def test_rapid_review_counted_from_becoming_aware_is_kept_as_in_working_together_2018():
    assert compute_deadlines({"aware": AWARE})["rapid_review_from_aware"] == add_working_days(AWARE, 15)


def test_a_trigger_given_as_none_is_not_known():
    assert compute_deadlines({"aware": AWARE, "notified": None}) == compute_deadlines({"aware": AWARE})


def test_notified_alone_starts_the_rapid_review_clocks_without_a_notification_deadline():
    due = compute_deadlines({"notified": D(2023, 5, 2)})
    assert "notification" not in due
    assert due["rapid_review"] == D(2023, 5, 24)
    assert due["agency_return"] == add_working_days(D(2023, 5, 2), 10)


def test_the_local_rapid_review_plan_counts_from_the_notification():
    due = compute_deadlines({"notified": D(2023, 5, 9)})
    assert due["agency_leads_contacted"] == D(2023, 5, 10)
    assert due["agency_return"] == D(2023, 5, 23)
    assert due["review_group_meeting"] == D(2023, 5, 25)
    assert due["partners_sign_off"] == due["rapid_review"] == D(2023, 5, 31)


def test_panel_response_expected_10_working_days_after_the_rapid_review_is_sent():
    assert compute_deadlines({"rapid_review_sent": D(2023, 5, 31)})["panel_response"] == D(2023, 6, 14)
    assert compute_deadlines({"aware": AWARE})["panel_response"] == D(2023, 6, 14)  # assumed sent when due


def test_practice_review_published_within_6_months_clamped_to_the_end_of_february():
    due = compute_deadlines({"practice_review_decided": D(2023, 8, 31)})
    assert due["practice_review_published"] == D(2024, 2, 29)
    assert due["final_report_to_panel"] == add_working_days(D(2024, 2, 29), -7) == D(2024, 2, 20)
    assert due["publication_kept_until"] == D(2025, 2, 28)


def test_a_recorded_publication_date_replaces_the_assumed_one():
    due = compute_deadlines({"practice_review_decided": D(2023, 8, 31), "publication": D(2024, 4, 15)})
    assert due["practice_review_published"] == D(2024, 2, 29)
    assert due["final_report_to_panel"] == D(2024, 4, 4)  # 7 working days back, over Easter 2024
    assert due["publication_kept_until"] == D(2025, 4, 15)


def test_care_leaver_notification_only_follows_its_own_trigger():
    assert "care_leaver_notification" not in compute_deadlines({"aware": AWARE})
    due = compute_deadlines({"care_leaver_death_aware": AWARE})
    assert due == {"care_leaver_notification": D(2023, 5, 9)}


def test_nothing_known_gives_no_deadlines():
    assert compute_deadlines({}) == {}


def test_a_partnership_may_change_a_local_step():
    due = compute_deadlines({"notified": D(2023, 5, 9)}, overrides={"agency_return": 8})
    assert due["agency_return"] == D(2023, 5, 19)


def test_a_longer_final_report_lead_time_counts_further_back_before_publication():
    due = compute_deadlines({"publication": D(2024, 4, 15)}, overrides={"final_report_to_panel": 10})
    assert due["final_report_to_panel"] == D(2024, 3, 28)


def test_a_partnership_may_not_change_a_statutory_length():
    with pytest.raises(StepNotChangeable, match="'notification' is set by statutory guidance"):
        compute_deadlines({"aware": AWARE}, overrides={"notification": 10})


@pytest.mark.parametrize("length", [-1, "5", 2.5, True])
def test_an_override_must_be_a_whole_number_of_days(length):
    with pytest.raises(ClockError, match="must be a whole number"):
        compute_deadlines({"aware": AWARE}, overrides={"agency_return": length})


def test_an_unknown_step_is_a_clear_error():
    with pytest.raises(UnknownStep, match="'rapid_reveiw' is not a known step"):
        compute_deadlines({"aware": AWARE}, overrides={"rapid_reveiw": 15})
    with pytest.raises(UnknownStep):
        get_step("rapid_reveiw")


def test_an_unknown_trigger_is_a_clear_error():
    with pytest.raises(UnknownTrigger, match="'awair' is not a known trigger"):
        compute_deadlines({"awair": AWARE})


def test_an_added_one_off_bank_holiday_moves_the_deadlines():
    one_off = BankHolidayOverride(D(2023, 5, 5), "add", "Imagined one-off bank holiday", "test")
    due = compute_deadlines({"aware": AWARE}, calendar=england_calendar([one_off]))
    assert due["notification"] == D(2023, 5, 10)
    assert due["rapid_review"] == D(2023, 6, 1)


def test_a_removed_bank_holiday_moves_the_deadlines_earlier():
    no_coronation = BankHolidayOverride(D(2023, 5, 8), "remove", "Coronation cancelled", "test")
    due = compute_deadlines({"aware": AWARE}, calendar=england_calendar([no_coronation]))
    assert due["notification"] == D(2023, 5, 8)


def test_deadlines_beyond_the_known_years_are_refused():
    with pytest.raises(DateOutOfRange, match="2036-01-07"):
        compute_deadlines({"aware": D(2036, 1, 7)})


def test_calendar_month_steps_need_no_bank_holidays():
    due = compute_deadlines({"publication": D(2035, 12, 31)}, overrides={"final_report_to_panel": 0})
    assert due["publication_kept_until"] == D(2036, 12, 31)


@pytest.mark.parametrize(
    "start, months, expected",
    [
        (D(2023, 1, 31), 1, D(2023, 2, 28)),
        (D(2024, 1, 31), 1, D(2024, 2, 29)),
        (D(2023, 8, 31), 6, D(2024, 2, 29)),
        (D(2024, 2, 29), 12, D(2025, 2, 28)),
        (D(2023, 11, 15), 2, D(2024, 1, 15)),
        (D(2024, 3, 31), -1, D(2024, 2, 29)),
        (D(2024, 1, 15), -13, D(2022, 12, 15)),
        (D(2023, 5, 9), 0, D(2023, 5, 9)),
    ],
)
def test_add_calendar_months_clamps_to_the_last_day_of_the_month(start, months, expected):
    assert add_calendar_months(start, months) == expected


def test_calendar_day_steps_count_every_day():
    step = Step("example", "Example", "aware", 10, Unit.CALENDAR_DAYS, "anyone", "test", Kind.LOCAL, True)
    assert step.due_date(D(2023, 4, 28), default_calendar()) == D(2023, 5, 8)
    assert step.due_date(D(2023, 4, 28), default_calendar(), length=3) == D(2023, 5, 1)


def test_step_due_date_agrees_with_compute_deadlines():
    due = compute_deadlines({"aware": AWARE})
    assert get_step("notification").due_date(AWARE, default_calendar()) == due["notification"]
    assert get_step("final_report_to_panel").due_date(D(2024, 4, 15), default_calendar()) == D(2024, 4, 4)


def test_steps_table_codes_are_unique_and_triggers_known():
    assert len({step.code for step in STEPS}) == len(STEPS)
    assert {step.trigger for step in STEPS} <= TRIGGERS.keys()


def test_every_assumed_trigger_follows_a_step_started_by_an_earlier_trigger():
    order = list(TRIGGERS)
    for trigger in TRIGGERS.values():
        if trigger.assumed_from:
            assert order.index(get_step(trigger.assumed_from).trigger) < order.index(trigger.name)


def test_local_steps_may_be_changed_and_say_so_in_their_source():
    for step in STEPS:
        if step.kind is Kind.LOCAL:
            assert step.partnership_may_change, step.code
            assert step.source.startswith("local practice"), step.code
        else:
            assert step.source.startswith("Working Together to Safeguard Children"), step.code


def test_the_issue_examples_are_in_the_table():
    for code in ("notification", "rapid_review", "agency_return", "review_group_meeting", "panel_response"):
        get_step(code)
    for code in ("practice_review_published", "final_report_to_panel", "publication_kept_until"):
        get_step(code)
    assert get_step("final_report_to_panel").before
    assert get_step("care_leaver_notification").trigger == "care_leaver_death_aware"


def test_one_partnerships_lengths_do_not_leak_into_anothers():
    notified = {"notified": D(2023, 5, 9)}
    assert compute_deadlines(notified, overrides={"agency_return": 8})["agency_return"] == D(2023, 5, 19)
    assert compute_deadlines(notified)["agency_return"] == D(2023, 5, 23)
    assert compute_deadlines(notified, overrides={"agency_return": 9})["agency_return"] == D(2023, 5, 22)


def test_each_calendar_keeps_its_own_plan():
    one_off = BankHolidayOverride(D(2023, 5, 5), "add", "Imagined one-off bank holiday", "test")
    assert compute_deadlines({"aware": AWARE})["notification"] == D(2023, 5, 9)
    assert compute_deadlines({"aware": AWARE}, calendar=england_calendar([one_off]))["notification"] == D(
        2023, 5, 10
    )
    assert compute_deadlines({"aware": AWARE})["notification"] == D(2023, 5, 9)
