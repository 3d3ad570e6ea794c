"""Who may read a partnership's charts (`?partnership=slug`): the matrix cannot send query strings, so
the refusals are here. The national charts are public; unknown charts and partnerships do not exist."""

import datetime as dt

import pytest
from django.urls import reverse

from cspr.audit.models import AuditEvent
from cspr.library.models import EntryStatus

from .records import make_entry
from .test_analytics_figures import notified_incident


def chart(name, partnership=None, extension="svg") -> str:
    url = reverse("library:chart" if extension == "svg" else "library:chart_csv", args=[name])
    return url + (f"?partnership={partnership.slug}" if partnership else "")


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_sign_in_for_a_partnerships_chart(client, partnership):
    response = client.get(chart("on-time", partnership))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "persona", ["other_business_manager", "agency_lead", "independent_reviewer", "system_admin"]
)
@pytest.mark.parametrize("extension", ["svg", "csv"])
def test_people_outside_the_partnership_cannot_read_its_charts(
    client, request, partnership, persona, extension
):
    client.force_login(request.getfixturevalue(persona))

    assert client.get(chart("on-time", partnership, extension)).status_code == 403
    assert client.get(chart("reviews-by-year", partnership, extension)).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize(
    "persona", ["business_manager", "review_group_member", "executive_member", "panel_member"]
)
def test_the_partnerships_people_and_the_panel_read_its_clock_chart(client, request, partnership, persona):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(chart("on-time", partnership))

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.django_db
def test_the_panel_chart_of_a_partnership_counts_no_drafts(client, panel_member, partnership):
    make_entry(partnership, title="Draft", year=2025, status=EntryStatus.DRAFT)
    client.force_login(panel_member)

    response = client.get(chart("reviews-by-year", partnership, "csv"))

    assert response.content.decode().splitlines() == ["Year,Reviews"]


@pytest.mark.django_db
def test_the_clock_chart_has_no_national_version_and_unknown_charts_do_not_exist(client, partnership):
    assert client.get(chart("on-time")).status_code == 404
    assert client.get(chart("children-by-name")).status_code == 404
    assert client.get(chart("on-time", extension="csv")).status_code == 404


@pytest.mark.django_db
def test_an_unknown_partnership_does_not_exist(client, business_manager):
    client.force_login(business_manager)

    assert client.get(reverse("library:chart", args=["harm"]) + "?partnership=nowhere").status_code == 404
    assert client.get(reverse("library:partnership_analytics", args=["nowhere"])).status_code == 404


@pytest.mark.django_db
def test_reading_a_partnerships_figures_is_in_the_audit_log(client, business_manager, partnership):
    notified_incident(partnership, "2025/001", dt.date(2025, 3, 7))
    client.force_login(business_manager)

    client.get(reverse("library:partnership_analytics", args=[partnership.slug]))
    client.get(chart("on-time", partnership, "csv"))

    views = AuditEvent.objects.filter(action="view", object_type="partnerships.partnership")
    assert views.count() == 2
    assert {event.path for event in views} == {
        reverse("library:partnership_analytics", args=[partnership.slug]),
        reverse("library:chart_csv", args=["on-time"]),
    }
