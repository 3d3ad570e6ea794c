"""The analytics pages as readers see them: the national picture from public reviews for anyone, a
partnership's page with its drafts and statutory clock, each chart an SVG with a table and a CSV."""

import csv
import datetime as dt
import io

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from cspr.library.models import EntryStatus

from .records import make_entry
from .test_analytics_figures import notified_incident

NATIONAL = reverse("library:analytics")


def page(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def table_rows(soup, caption_start) -> list[list[str]]:
    table = next(t for t in soup.select("table") if t.caption.get_text(strip=True).startswith(caption_start))
    return [[cell.get_text(strip=True) for cell in row.select("th, td")] for row in table.select("tbody tr")]


def partnership_url(partnership) -> str:
    return reverse("library:partnership_analytics", args=[partnership.slug])


@pytest.mark.django_db
def test_national_page_counts_public_reviews_only_without_signing_in(client, partnership):
    make_entry(None, title="Public one", year=2024, age_band="under_1", themes=["neglect"])
    make_entry(partnership, title="Public two", year=2025, age_band="under_1")
    make_entry(partnership, title="Draft", year=2025, status=EntryStatus.DRAFT, age_band="5_10")

    soup = page(client.get(NATIONAL))

    assert "Figures from the 2 reviews in the public learning library" in soup.get_text(" ", strip=True)
    assert table_rows(soup, "Reviews by year published") == [["2024", "1"], ["2025", "1"]]
    assert ["Under 1", "2"] in table_rows(soup, "Reviews by the child's age")
    assert ["5 to 10", "0"] in table_rows(soup, "Reviews by the child's age")


@pytest.mark.django_db
def test_a_business_manager_sees_only_public_reviews_on_the_national_page(
    client, business_manager, partnership
):
    make_entry(partnership, title="Draft", year=2025, status=EntryStatus.DRAFT)
    client.force_login(business_manager)

    soup = page(client.get(NATIONAL))

    assert "Figures from the 0 reviews" in soup.get_text(" ", strip=True)


@pytest.mark.django_db
def test_each_chart_is_an_image_described_in_words_with_its_table_and_csv(client):
    make_entry(None, title="A", year=2024, harm="death")

    soup = page(client.get(NATIONAL))

    figure = soup.find("h3", string="Reviews by the harm to the child").find_parent("section")
    image = figure.select_one("figure img")
    assert image["src"] == reverse("library:chart", args=["harm"])
    assert image["alt"] == "Reviews by the harm to the child. Death: 1, Serious harm: 0."
    assert figure.select_one("figcaption").get_text(strip=True).startswith("Reviews by the harm to the child")
    assert figure.find("a", href=reverse("library:chart_csv", args=["harm"]))


@pytest.mark.django_db
def test_with_no_reviews_the_page_says_so_and_draws_no_chart(client):
    soup = page(client.get(NATIONAL))

    assert not soup.select("main img")
    assert soup.get_text(" ", strip=True).count("There are no reviews to count yet.") == 5


@pytest.mark.django_db
def test_rising_themes_are_listed_in_words(client):
    latest = timezone.localdate().year - 1
    make_entry(None, title="Old", year=latest - 2, themes=["neglect"])
    make_entry(None, title="New 1", year=latest, themes=["neglect"])
    make_entry(None, title="New 2", year=latest, themes=["neglect"])

    soup = page(client.get(NATIONAL))

    items = [li.get_text(strip=True) for li in soup.select("main ul.govuk-list--bullet li")]
    assert items == [
        f"Neglect: 2 reviews in {latest}, against an average of 0.5 a year in {latest - 2} and {latest - 1}"
    ]


@pytest.mark.django_db
def test_partnership_page_counts_its_drafts_for_its_people_and_its_statutory_clock(
    client, business_manager, partnership, other_partnership
):
    make_entry(partnership, title="Ours", year=2024)
    make_entry(partnership, title="Our draft", year=2025, status=EntryStatus.DRAFT)
    make_entry(other_partnership, title="Theirs", year=2025)
    notified_incident(partnership, "2025/001", dt.date(2025, 3, 7), rapid_review_on=dt.date(2025, 3, 20))
    notified_incident(partnership, "2025/002", dt.date(2025, 3, 14))
    client.force_login(business_manager)

    soup = page(client.get(partnership_url(partnership)))

    assert "including 1 draft not yet in the public library" in soup.get_text(" ", strip=True)
    assert table_rows(soup, "Reviews by year published") == [["2024", "1"], ["2025", "1"]]
    assert table_rows(soup, "Statutory steps done on time") == [["2025", "1 of 2 (50%)", "1 of 1 (100%)"]]
    image = soup.find(
        "img", src=reverse("library:chart", args=["on-time"]) + f"?partnership={partnership.slug}"
    )
    assert image["alt"].startswith(
        "Statutory steps done on time, by year. Notifications within 5 working days"
    )


@pytest.mark.django_db
def test_the_panel_sees_a_partnerships_public_reviews_but_not_its_drafts(client, panel_member, partnership):
    make_entry(partnership, title="Ours", year=2024)
    make_entry(partnership, title="Our draft", year=2025, status=EntryStatus.DRAFT)
    client.force_login(panel_member)

    soup = page(client.get(partnership_url(partnership)))

    assert table_rows(soup, "Reviews by year published") == [["2024", "1"]]
    assert "draft" not in soup.select_one("p.govuk-body-l").get_text()


@pytest.mark.django_db
def test_a_partnership_with_no_clock_records_says_so(client, business_manager, partnership):
    client.force_login(business_manager)

    soup = page(client.get(partnership_url(partnership)))

    assert "No notification or rapid review has been recorded as done yet." in soup.get_text(" ", strip=True)


@pytest.mark.django_db
def test_the_svg_has_no_script_a_title_and_its_own_policy_for_its_style(client):
    make_entry(None, title="A", year=2024)

    response = client.get(reverse("library:chart", args=["reviews-by-year"]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    svg = response.content.decode()
    assert "<script" not in svg
    soup = BeautifulSoup(svg, "html.parser")
    root = soup.find("svg")
    assert root["role"] == "img"
    assert root.find("title", recursive=False).get_text() == "Reviews by year published"
    assert root.find("desc", recursive=False).get_text() == "Reviews by year published. 2024: 1."
    policy = response["Content-Security-Policy"]
    assert "style-src 'unsafe-inline'" in policy
    assert "default-src 'none'" in policy
    assert "script-src" not in policy


@pytest.mark.django_db
def test_the_html_pages_keep_the_strict_policy(client):
    policy = client.get(NATIONAL)["Content-Security-Policy"]

    assert "unsafe-inline" not in policy
    assert "style-src 'self'" in policy


@pytest.mark.django_db
def test_the_csv_has_the_same_figures_as_the_table(client):
    make_entry(None, title="A", year=2022)
    make_entry(None, title="B", year=2024)

    response = client.get(reverse("library:chart_csv", args=["reviews-by-year"]))

    assert response["Content-Disposition"] == 'attachment; filename="reviews-by-year.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows == [["Year", "Reviews"], ["2022", "1"], ["2023", "0"], ["2024", "1"]]


@pytest.mark.django_db
def test_the_clock_csv_gives_counts_and_shares(client, business_manager, partnership):
    notified_incident(partnership, "2025/001", dt.date(2025, 3, 7))
    client.force_login(business_manager)

    response = client.get(reverse("library:chart_csv", args=["on-time"]) + f"?partnership={partnership.slug}")

    assert response["Content-Disposition"] == f'attachment; filename="{partnership.slug}-on-time.csv"'
    assert response["Cache-Control"] == "private, no-store"
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:4] == [
        "Year",
        "Notifications within 5 working days: on time",
        "Notifications within 5 working days: done",
        "Notifications within 5 working days: share on time (%)",
    ]
    assert rows[1] == ["2025", "1", "1", "100.0", "0", "0", ""]
