"""Fictional incidents for every demo partnership, one in each state the front door of cspr knows.

Dates count back from today in working days, so the register always shows one notification due soon, one
overdue, and so on, whenever the demo is loaded. Children's names are obviously made up ("Eva Example");
pages show them only to those allowed, and everywhere else the pseudonym ("Baby Eva", "Child K").

A partnership that already has incidents is left alone, so loading the demo twice adds nothing.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from cspr.accounts.models import Role, User
from cspr.audit.log import changes_between, record, snapshot
from cspr.audit.models import AuditAction
from cspr.deadlines.clock import current_calendar, record_step_completion
from cspr.demo.incident_specs import DEMO_INCIDENTS, DemoChild, DemoIncident
from cspr.demo.rapid_review_specs import RAPID_REVIEW_INCIDENTS
from cspr.demo.rapid_reviews import RapidReviewBuilder
from cspr.incidents import screening_rules as rules
from cspr.incidents.models import (
    Child,
    Incident,
    IncidentLink,
    LinkKind,
    Notification,
    PartnerDecision,
    Referral,
    ReferralChannel,
    Screening,
    StatutoryPartner,
)
from cspr.incidents.notification_content import build_content
from cspr.partnerships.models import Agency, Partnership

# One fictional family name per demo partnership, and first names the children are given in turn.
SURNAMES = ["Example", "Sample", "Specimen", "Madeup", "Placeholder"]
FIRST_NAMES = ["Eva", "Kai", "Noah", "Mia", "Leo", "Ava", "Zara", "Finn", "Isla", "Omar", "Ruby", "Theo"]
FIRST_NAMES += ["Amir", "Lily"]  # the children of the incidents `rapid_review_specs` adds

# Fictional (Ofcom drama) telephone number for the demo notifier.
DEMO_PHONE = "01632 960000"

INCIDENT_AUDIT_FIELDS = ["reference", "status", "aware_on", "incident_on", "nature", "place"]


@transaction.atomic
def load_demo_incidents(partnership: Partnership, number: int) -> int:
    """The demo incidents of one partnership (the `number`-th); nothing if it has incidents already.

    Returns the number of incidents created."""
    if Incident.objects.filter(partnership=partnership).exists():
        return 0
    builder = _Builder(partnership, number)
    made: dict[str, Incident] = {}
    for spec in (*DEMO_INCIDENTS, *RAPID_REVIEW_INCIDENTS):
        made[spec.key] = builder.incident(spec)
        if spec.siblings_of:
            builder.link(made[spec.siblings_of], made[spec.key])
    return len(made)


class _Builder:
    def __init__(self, partnership: Partnership, number: int):
        self.partnership = partnership
        self.number = number
        self.surname = SURNAMES[number % len(SURNAMES)]
        self.names = iter(FIRST_NAMES[number % len(FIRST_NAMES) :] + FIRST_NAMES[: number % len(FIRST_NAMES)])
        # The demo's business manager records everything, as the business unit does.
        self.manager = (
            User.objects.filter(partnership=partnership, role=Role.BUSINESS_MANAGER).order_by("pk").first()
        )
        agencies = Agency.objects.filter(partnership=partnership).order_by("-pk")
        self.agencies = {agency.kind: agency for agency in agencies}
        self.calendar = current_calendar()
        self.today = timezone.localdate()
        self.local_authority = partnership.council_names()
        self.rapid_reviews = RapidReviewBuilder(partnership, number, self.manager, self.calendar)

    def aware_ago(self, spec: DemoIncident) -> int:
        """Older incidents move back a few working days per partnership, so registers do not look cloned;
        recent ones keep their offsets, which put their deadlines in the states the demo shows."""
        return spec.aware_ago + (4 * self.number if spec.aware_ago >= 20 else 0)

    def days(self, start: dt.date, working_days: int) -> dt.date:
        return self.calendar.add_working_days(start, working_days)

    def at(self, day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(10, 0), tzinfo=timezone.get_current_timezone())

    def incident(self, spec: DemoIncident) -> Incident:
        aware_on = self.days(self.today, -self.aware_ago(spec))
        incident = Incident.objects.create(
            partnership=self.partnership,
            reference=Incident.next_reference(self.partnership, aware_on.year),
            status=spec.status,
            aware_on=aware_on,
            incident_on=aware_on - dt.timedelta(days=1),
            nature=spec.nature,
            location=spec.location,
            summary=spec.summary,
            notifier=self.manager,
            created_by=self.manager,
        )
        incident.agencies_involved.set(
            [self.agencies[kind] for kind in {*spec.involved, *spec.referrers} if kind in self.agencies]
        )
        self._audit(
            AuditAction.CREATE, incident, changes_between({}, snapshot(incident, INCIDENT_AUDIT_FIELDS))
        )
        for position, child in enumerate(spec.children, 1):
            self.child(incident, child, position)
        for kind in spec.referrers:
            self.referral(incident, spec, kind)
        if spec.answers is not None:
            self.screening(incident, spec)
        if spec.notified_after is not None:
            self.notify(incident, spec)
        elif spec.draft_notification:
            self.notification(incident, version=1)
        if spec.copies_after is not None:
            self.copies(incident, spec)
        return incident

    def child(self, incident: Incident, spec: DemoChild, position: int) -> Child:
        first_name = next(self.names)
        pseudonym = f"Baby {first_name}" if spec.baby else f"Child {first_name[0]}"
        child = Child.objects.create(
            partnership=self.partnership,
            incident=incident,
            position=position,
            name=f"{first_name} {self.surname}",
            pseudonym=pseudonym,
            unborn=spec.unborn,
            date_of_birth=incident.incident_on - dt.timedelta(days=spec.age_days) if spec.age_days else None,
            sex=spec.sex,
            ethnicity=spec.ethnicity,
            disability=spec.disability,
            looked_after=spec.looked_after,
            placement_type=spec.placement_type,
            child_in_need_plan=spec.child_in_need_plan,
            child_protection_plan=spec.child_protection_plan,
            known_to_agencies=spec.known_to_agencies,
        )
        self._audit(AuditAction.CREATE, child, {})
        return child

    def referral(self, incident: Incident, spec: DemoIncident, kind: str) -> None:
        agency = self.agencies.get(kind)
        first = kind == spec.referrers[0]
        referral = Referral.objects.create(
            partnership=self.partnership,
            incident=incident,
            channel=spec.channel if first else ReferralChannel.EMAIL,
            received_on=incident.aware_on if first else self.days(incident.aware_on, 1),
            referrer_name=f"Alex {self.surname}-Referrer",
            referrer_role="Named safeguarding professional",
            referrer_agency=agency,
            referrer_email=f"referrer@{self.partnership.slug}.example",
            what_happened=spec.summary,
            agency_concerns="Agencies did not share what each of them knew about the family.",
            submitted_by=self.manager,
        )
        self._audit(AuditAction.CREATE, referral, {})

    def screening(self, incident: Incident, spec: DemoIncident) -> None:
        decision = rules.decide(spec.answers)
        reasons = decision.reasons_text
        if spec.learning_review:
            reasons = rules.join_learning_review_reason(reasons, spec.learning_review)
        screening = Screening.objects.create(
            partnership=self.partnership,
            incident=incident,
            answers=spec.answers,
            outcome=decision.outcome.value,
            reasons=reasons,
            other_learning_review=bool(spec.learning_review),
            decided_by=self.manager,
            decided_at=self.at(self.days(incident.aware_on, 1)),
        )
        self._audit(AuditAction.CREATE, screening, {"outcome": [None, screening.outcome]})
        for partner in spec.partners_agree:
            decision_row = PartnerDecision.objects.create(
                partnership=self.partnership,
                screening=screening,
                partner=partner,
                agrees=True,
                person_name=f"Sam {self.surname}-{StatutoryPartner(partner).label.split()[0]}",
                person_role="Safeguarding partner lead",
                decided_on=self.days(incident.aware_on, 1),
                recorded_by=self.manager,
            )
            self._audit(AuditAction.CREATE, decision_row, {"agrees": [None, True]})

    def notification(self, incident: Incident, *, version: int, **fields) -> Notification:
        notification = Notification.objects.create(
            partnership=self.partnership,
            incident=incident,
            version=version,
            content=build_content(incident, notifier=self._notifier(), local_authority=self.local_authority),
            notifier_name=self.manager.full_name,
            notifier_role=self.manager.job_title,
            notifier_email=self.manager.email,
            notifier_phone=DEMO_PHONE,
            saved_by=self.manager,
            **fields,
        )
        self._audit(AuditAction.CREATE, notification, {"version": [None, version]})
        return notification

    def notify(self, incident: Incident, spec: DemoIncident) -> None:
        """The notification sent to the Panel (and a corrected second version), with its timeliness, and
        the rapid review it opened, as far as `rapid_review_specs.PLANS` takes it."""
        notified_on = self.days(incident.aware_on, spec.notified_after)
        panel_reference = f"SIN-{notified_on.year}-{self.partnership.pk:02d}{incident.pk:04d}"
        incident.notified_on = notified_on
        incident.panel_reference = panel_reference
        incident.save(update_fields=["notified_on", "panel_reference", "updated_at"])
        sent = {
            "submitted_on": notified_on,
            "panel_reference": panel_reference,
            "late_reason": spec.late_reason,
            "partners_informed_on": notified_on,
            "ofsted_informed_on": notified_on,
            "dfe_informed_on": notified_on,
        }
        self.notification(incident, version=1, **sent)
        if spec.correction:
            self.notification(incident, version=2, change_reason=spec.correction, **sent)
        record_step_completion(incident, "notification", notified_on, actor=self.manager)
        record_step_completion(incident, "safeguarding_partners_informed", notified_on, actor=self.manager)
        self.rapid_reviews.build(incident, spec)

    def copies(self, incident: Incident, spec: DemoIncident) -> None:
        """A looked-after child's or care leaver's death: DfE and Ofsted told, no Panel notification."""
        told_on = self.days(incident.aware_on, spec.copies_after)
        self.notification(incident, version=1, ofsted_informed_on=told_on, dfe_informed_on=told_on)
        if "care_leaver_notification" in incident.tracked_step_codes():
            record_step_completion(incident, "care_leaver_notification", told_on, actor=self.manager)

    def link(self, first: Incident, second: Incident) -> None:
        link = IncidentLink.objects.create(
            partnership=self.partnership, from_incident=second, to_incident=first, kind=LinkKind.SIBLINGS
        )
        self._audit(AuditAction.CREATE, link, {"kind": [None, LinkKind.SIBLINGS.value]})

    def _notifier(self) -> dict:
        return {
            "name": self.manager.full_name,
            "role": self.manager.job_title,
            "email": self.manager.email,
            "phone": DEMO_PHONE,
        }

    def _audit(self, action, obj, changes: dict) -> None:
        record(action, actor=self.manager, obj=obj, changes=changes)
