"""The Panel's side: recording (or correcting) its response to a rapid review, and its thematic reviews.

Each function is one transaction with its audit rows; the email to the partnership goes once it commits.
"""

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from cspr.accounts.models import Role, User
from cspr.audit.log import changes_between, record, snapshot
from cspr.audit.models import AuditAction
from cspr.core.templatetags.govuk import govuk_date
from cspr.deadlines.clock import record_step_completion

from ..models import PanelResponse, RapidReviewStatus, ThematicReview

PANEL_RESPONSE_FIELDS = ["response", "reasons", "responded_on", "responded_by"]
# The Panel's reasons discuss the case: the audit log says they changed, never what they say.
PANEL_RESPONSE_REDACT = ["reasons"]
THEMATIC_REVIEW_FIELDS = ["title", "description"]
THEMATIC_REVIEW_REDACT = ["description"]


@transaction.atomic
def do_record_panel_response(
    rapid_review, *, response: str, reasons: str, responded_on: dt.date, acting_user, request=None
) -> PanelResponse:
    """Record the Panel's response, or correct the one recorded; the rapid review is then answered.

    The clock's `panel_response` step is completed on the date of the response, and the partnership's
    business managers are told by email (without the reasons or any child's name).
    """
    panel_response = PanelResponse.objects.filter(rapid_review=rapid_review).first()
    correcting = panel_response is not None
    before = snapshot(panel_response, PANEL_RESPONSE_FIELDS) if correcting else {}
    if not correcting:
        panel_response = PanelResponse(partnership_id=rapid_review.partnership_id, rapid_review=rapid_review)
    panel_response.response = response
    panel_response.reasons = reasons
    panel_response.responded_on = responded_on
    panel_response.responded_by = acting_user
    panel_response.save()
    changes = changes_between(
        before, snapshot(panel_response, PANEL_RESPONSE_FIELDS), redact=PANEL_RESPONSE_REDACT
    )
    record(
        AuditAction.CHANGE if correcting else AuditAction.CREATE,
        actor=acting_user,
        request=request,
        obj=panel_response,
        changes=changes,
    )
    if rapid_review.status != RapidReviewStatus.RESPONDED:
        old_status = rapid_review.status
        rapid_review.status = RapidReviewStatus.RESPONDED
        rapid_review.save(update_fields=["status", "updated_at"])
        record(
            AuditAction.CHANGE,
            actor=acting_user,
            request=request,
            obj=rapid_review,
            changes={"status": [old_status, RapidReviewStatus.RESPONDED.value]},
        )
    record_step_completion(
        rapid_review.incident, "panel_response", responded_on, actor=acting_user, request=request
    )
    transaction.on_commit(lambda: _tell_business_managers(rapid_review, panel_response, correcting))
    return panel_response


def _tell_business_managers(rapid_review, panel_response, corrected: bool) -> None:
    """Plain text to each of the partnership's business managers: reference, response, link."""
    reference = rapid_review.incident.reference
    recipients = list(
        User.objects.filter(
            partnership_id=rapid_review.partnership_id, role=Role.BUSINESS_MANAGER, is_active=True
        )
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if not recipients:
        return
    what = "corrected its response" if corrected else "responded"
    subject = f"The Panel has {what}: rapid review of incident {reference}"
    body = (
        f"The Child Safeguarding Practice Review Panel has {what} to the rapid review of incident "
        f"{reference}.\n\n"
        f"Response: {panel_response.get_response_display()}\n"
        f"Date of the response: {govuk_date(panel_response.responded_on)}\n\n"
        f"Read the response and its reasons in cspr:\n{settings.SITE_URL}{rapid_review.get_absolute_url()}\n"
    )
    for email in recipients:
        send_mail(subject, body, None, [email])


@transaction.atomic
def do_save_thematic_review(thematic_review: ThematicReview, *, acting_user, request=None) -> ThematicReview:
    """Create a thematic review, or save a change to its title or description."""
    creating = thematic_review.pk is None
    before = {}
    if not creating:
        before = snapshot(ThematicReview.objects.get(pk=thematic_review.pk), THEMATIC_REVIEW_FIELDS)
    else:
        thematic_review.created_by = acting_user
    thematic_review.save()
    record(
        AuditAction.CREATE if creating else AuditAction.CHANGE,
        actor=acting_user,
        request=request,
        obj=thematic_review,
        changes=changes_between(
            before, snapshot(thematic_review, THEMATIC_REVIEW_FIELDS), redact=THEMATIC_REVIEW_REDACT
        ),
    )
    return thematic_review


@transaction.atomic
def do_add_incidents_to_thematic_review(
    thematic_review: ThematicReview, incidents, *, acting_user, request=None
):
    """Group incidents (each with a rapid review sent to the Panel) under the thematic review."""
    _change_incidents(thematic_review, add=incidents, acting_user=acting_user, request=request)


@transaction.atomic
def do_remove_incident_from_thematic_review(
    thematic_review: ThematicReview, incident, *, acting_user, request=None
):
    _change_incidents(thematic_review, remove=[incident], acting_user=acting_user, request=request)


def _change_incidents(thematic_review, *, add=(), remove=(), acting_user, request) -> None:
    before = snapshot(thematic_review, ["incidents"])
    thematic_review.incidents.add(*add)
    thematic_review.incidents.remove(*remove)
    changes = changes_between(before, snapshot(thematic_review, ["incidents"]))
    if changes:
        record(AuditAction.CHANGE, actor=acting_user, request=request, obj=thematic_review, changes=changes)
