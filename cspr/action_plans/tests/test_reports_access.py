"""Who may download the progress report: it shows every agency's actions, so only the partnership's
decision makers; an agency lead (even one whose agency is in the plan) and other partnerships may not."""

import pytest
from django.urls import reverse

from cspr.audit.models import AuditAction, AuditEvent

from .records import action_plan


@pytest.fixture
def plan(partnership, agency, incident):
    return action_plan({"partnership": partnership, "agency": agency, "incident": incident})


@pytest.mark.parametrize("extension", ["docx", "pdf"])
def test_agency_lead_whose_agency_is_in_the_plan_cannot_download(client, agency_lead, plan, extension):
    client.force_login(agency_lead)
    response = client.get(reverse(f"action_plans:report_{extension}", args=[plan.pk]))
    assert response.status_code == 403
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


@pytest.mark.parametrize("extension", ["docx", "pdf"])
def test_other_partnership_does_not_see_the_plan(client, other_business_manager, plan, extension):
    client.force_login(other_business_manager)
    response = client.get(reverse(f"action_plans:report_{extension}", args=[plan.pk]))
    assert response.status_code == 404


def test_agency_lead_of_an_agency_outside_the_plan_does_not_see_it(client, other_agency_lead, plan):
    client.force_login(other_agency_lead)
    assert client.get(reverse("action_plans:report_pdf", args=[plan.pk])).status_code == 404


def test_report_cannot_be_posted_to(client, business_manager, plan):
    client.force_login(business_manager)
    assert client.post(reverse("action_plans:report_docx", args=[plan.pk])).status_code == 405
