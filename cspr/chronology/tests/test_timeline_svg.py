"""The timeline picture: an accessible SVG with presentation attributes only, and its table."""

import datetime as dt
import re
import xml.etree.ElementTree as ET

from cspr.chronology.timeline_svg import build_timeline

SVG = "{http://www.w3.org/2000/svg}"


def test_nothing_to_draw_without_entries():
    assert build_timeline([]) is None


def test_one_row_per_agency_marks_per_month_and_key_episodes():
    timeline = build_timeline(
        [
            ("Police", dt.date(2016, 5, 22), False),
            ("Police", dt.date(2016, 5, 23), True),
            ("Health visiting <HV>", dt.date(2016, 7, 1), False),
            ("Health visiting <HV>", dt.date(2017, 1, 3), False),
        ]
    )
    svg = timeline.svg(title="Timeline of Child K")
    root = ET.fromstring(svg)  # noqa: S314 - our own output: well-formed, names escaped
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "timeline-title timeline-desc"
    assert root.find(f"{SVG}title").text == "Timeline of Child K"
    description = root.find(f"{SVG}desc").text
    assert description == (
        "Entries per month for 2 agencies from May 2016 to January 2017: 4 entries, of which 1 key practice "
        "episodes. Most entries: Health visiting <HV> (2). The table that follows gives the entries of each "
        "agency per year."
    )
    labels = [text.text for text in root.iter(f"{SVG}text")]
    assert "Police" in labels and "Health visiting <HV>" in labels and "2017" in labels
    bars = [rect for rect in root.iter(f"{SVG}rect") if rect.find(f"{SVG}title") is not None]
    assert [bar.find(f"{SVG}title").text for bar in bars] == [
        "Health visiting <HV>, July 2016: 1 entry",
        "Health visiting <HV>, January 2017: 1 entry",
        "Police, May 2016: 2 entries, 1 key practice episode",
    ]
    assert len(list(root.iter(f"{SVG}polygon"))) == 2  # the key episode and the legend
    assert "style" not in svg


def test_table_alternative_counts_per_agency_per_year():
    timeline = build_timeline(
        [
            ("Police", dt.date(2016, 5, 22), True),
            ("Police", dt.date(2018, 1, 1), False),
            ("GP", dt.date(2018, 2, 1), False),
        ]
    )
    years, rows = timeline.table()
    assert years == ["2016", "2017", "2018"]
    assert rows == [
        ("GP", [0, 0, 1], 1, 0),
        ("Police", [1, 0, 1], 2, 1),
        ("All agencies", [1, 0, 2], 3, 1),
    ]


def test_long_chronologies_are_drawn_per_quarter_or_year():
    quarters = build_timeline(
        [("Police", dt.date(2000, 2, 1), False), ("Police", dt.date(2025, 12, 1), False)]
    )
    assert quarters.months_per_bin == 3
    assert quarters.bin_label(0) == "Jan to Mar 2000"
    assert "Entries per quarter" in quarters.description()
    years = build_timeline([("Police", dt.date(1960, 2, 1), False), ("Police", dt.date(2025, 12, 1), False)])
    assert years.months_per_bin == 12
    assert years.bins == 66
    assert years.bin_label(65) == "2025"


def test_only_presentation_attributes():
    svg = build_timeline([("Police", dt.date(2016, 5, 22), True)]).svg()
    assert not re.search(r"<style|style=", svg)
    assert 'fill="#1d70b8"' in svg
