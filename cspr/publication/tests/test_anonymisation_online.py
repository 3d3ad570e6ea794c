"""Phone numbers, email addresses and social media handles: every UK way of writing a number (including
the Ofcom drama ranges `phonenumbers` rejects), handles in the forms reports quote them, and none of the
times, dates, helplines and platform names around them."""

import pytest

from cspr.publication.anonymisation.engine import engine
from cspr.publication.anonymisation.recognisers import online

from .structured_helpers import found_by, found_by_check

OURS = online.recognisers()


@pytest.fixture(scope="module")
def analyser():
    return engine()


@pytest.mark.parametrize(
    "text, number",
    [
        ("Mother's mobile was 07700 900123.", "07700 900123"),
        ("Mobile 07700900123", "07700900123"),
        ("She texted from 07700 900 123 twice.", "07700 900 123"),
        ("Tel: 0113 496 0000", "0113 496 0000"),
        ("Office +44 (0)113 496 0000 or", "+44 (0)113 496 0000"),
        ("Ring 0113-496-0000.", "0113-496-0000"),
        ("The landline (0113) 496 0000 was cut off.", "(0113) 496 0000"),
        ("Father gave +44 7700 900123 as his number.", "+44 7700 900123"),
        ("WhatsApp +447700900123", "+447700900123"),
        ("Grandmother: 020 7946 0000.", "020 7946 0000"),
        ("A small exchange: 016977 3456.", "016977 3456"),
        ("The council's 0300 123 4567 line", "0300 123 4567"),
    ],
)
def test_uk_phone_numbers_are_found(analyser, text, number):
    assert found_by(OURS, text, "phone_number") == [number]
    assert found_by_check(analyser, text, "phone_number") == [number]


def test_two_numbers_in_a_row_are_two_findings():
    text = "Numbers: 07700 900123 07700 900456, and 0113 496 0000 2 times."
    assert found_by(OURS, text, "phone_number") == ["07700 900123", "07700 900456", "0113 496 0000"]


@pytest.mark.parametrize(
    "text",
    [
        "The meeting on 01/02/2021 at 10:30.",
        "Columns 01 02 03 04 05 06 in the table.",
        "Visits at 0930 1030 1130 each day.",
        "Childline 0800 1111 and the NSPCC on 0808 800 5000.",  # helplines, not a family's number
        "Costs of £1,200 and 0.5 of a post.",
        "NHS number 943 476 5919.",
        "In 2019 2020 and 2021.",
        "A 12-digit 011349600001 string.",
    ],
)
def test_dates_times_helplines_and_other_numbers_are_not_phone_numbers(text):
    assert found_by(OURS, text, "phone_number") == []


@pytest.mark.parametrize(
    "text, address",
    [
        ("She emailed from kay.d@example.com.", "kay.d@example.com"),
        ("Contact: m.jones@leeds.gov.uk", "m.jones@leeds.gov.uk"),
        ("Written as kay.d [at] example.com in the notes", "kay.d [at] example.com"),
        ("k.o'neill@example.org replied", "k.o'neill@example.org"),
    ],
)
def test_email_addresses_are_found(analyser, text, address):
    assert found_by(OURS, text, "email_address") == [address]
    assert found_by_check(analyser, text, "email_address") == [address]


def test_at_signs_that_are_not_email_addresses():
    assert found_by(OURS, "Meet @ the hub, or at @kayden_x.", "email_address") == []


@pytest.mark.parametrize(
    "text, handle",
    [
        ("She was contacted by @kayden_x.", "@kayden_x"),
        ("Snapchat: kay.d", "kay.d"),
        ("Instagram user kaydz123 sent messages.", "kaydz123"),
        ("His Instagram account called Kaydz was closed.", "Kaydz"),
        ("On Snapchat as jj_2009 she posted.", "jj_2009"),
        ("TikTok: @lil.may posted it.", "@lil.may"),
        ("See facebook.com/kay.d.123 for the posts.", "facebook.com/kay.d.123"),
        ("https://www.tiktok.com/@kaydz.", "https://www.tiktok.com/@kaydz"),
        ("instagram.com/kaydz_", "instagram.com/kaydz_"),
    ],
)
def test_social_media_handles_are_found(analyser, text, handle):
    assert found_by(OURS, text, "social_media_handle") == [handle]
    assert found_by_check(analyser, text, "social_media_handle") == [handle]


@pytest.mark.parametrize(
    "text",
    [
        "Her email kay.d@example.com was known.",  # the @ of an email address is not a handle
        "Meetings @ the hub at @3pm and @10:30.",
        "Child K used Snapchat and Instagram; messages were sent on WhatsApp.",
        "Snapchat messages were sent. On Instagram she posted.",
        "Her Instagram account was closed.",
        "Snapchat: Mother said the messages stopped.",
        "Threads of the conversation and steam from the kettle.",
        "The @example.com domain.",
    ],
)
def test_platform_names_times_and_emails_are_not_handles(text):
    assert found_by(OURS, text, "social_media_handle") == []
