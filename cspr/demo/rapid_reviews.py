"""The rapid review of a notified demo incident, built as far as its plan says (`rapid_review_specs.PLANS`).

The records are what the rapid review actions would have left, with dates in the past: requests to the
agencies (each due when the partnership's step length says), returns and their chronology entries, the
review group's meeting with attendees, the executive's decision, the report as sent
(`report_content.report_sections`, as `do_send_rapid_review` freezes it) and the Panel's response; each
finished step of the clock has its timeliness record (`record_step_completion`). Dates count in working
days from the notification with the clock's calendar, so the demo stays current whenever it is loaded.

Audit rows are written as the rest of the demo writes them (one per record created), never one per
chronology entry: those are saved in bulk, as an upload saves them.
"""

import datetime as dt
import random

from django.utils import timezone

from cspr.accounts.models import Role, User
from cspr.audit.log import changes_between, record, snapshot
from cspr.audit.models import AuditAction
from cspr.chronology.dates import display_date
from cspr.chronology.duplicates import Entry, find_duplicates
from cspr.chronology.models import ChronologyEntry, DuplicateDecision
from cspr.clock import get_step
from cspr.deadlines.clock import local_lengths, record_step_completion
from cspr.partnerships.models import Agency
from cspr.rapid_reviews.actions.opening import open_rapid_review
from cspr.rapid_reviews.models import (
    AgencyReturn,
    ExecutiveDecision,
    MeetingAttendee,
    PanelResponse,
    RapidReview,
    RapidReviewStatus,
    ReturnStatus,
    ReviewGroupMeeting,
)
from cspr.rapid_reviews.report_content import report_sections

from . import rapid_review_specs as specs
from .chronology import Case, Contributor, generate_chronology
from .rapid_review_specs import Plan, Stage

PANEL_MEMBER_EMAIL = "panel.member1@panel.example"
# Fields the audit rows list, as the actions list them; free text about the case is redacted.
RETURN_AUDIT_FIELDS = ["agency", "status", "requested_on", "due_on", "submitted_on"]
MEETING_AUDIT_FIELDS = ["met_on", "recommendation", "criteria"]
DECISION_AUDIT_FIELDS = ["decided_on", "agrees", "decision"]
SENT_AUDIT_FIELDS = ["status", "sent_on", "sent_by"]
PANEL_AUDIT_FIELDS = ["response", "responded_on", "responded_by"]
DRAFT_SECTIONS = ("summary_of_involvement", "key_practice_episodes", "analysis")


class RapidReviewBuilder:
    """Builds the rapid reviews of one demo partnership (the `number`-th)."""

    def __init__(self, partnership, number: int, manager, calendar):
        self.partnership = partnership
        self.number = number
        self.manager = manager
        self.calendar = calendar
        self.today = timezone.localdate()
        self.lead = User.objects.filter(partnership=partnership, role=Role.AGENCY_LEAD).order_by("pk").first()
        self.panel_member = User.objects.filter(email=PANEL_MEMBER_EMAIL).first()
        self.return_length = local_lengths(partnership.pk).get("agency_return_request")
        self.agencies: dict[str, Agency] = {}
        for agency in Agency.objects.filter(partnership=partnership).order_by("-pk"):
            self.agencies[agency.kind] = agency

    def day(self, start: dt.date, working_days: int) -> dt.date:
        return self.calendar.add_working_days(start, working_days)

    def build(self, incident, spec) -> RapidReview:
        plan = specs.PLANS[spec.key][self.number % len(specs.PLANS[spec.key])]
        unsent = spec.rapid_review_after is None or (
            spec.rapid_review_overdue_in_odd_partnerships and self.number % 2
        )
        if plan.stage >= Stage.SENT and unsent:
            raise ValueError(
                f"The plan sends the rapid review of {spec.key!r}, which its incident leaves unsent"
            )
        rng = random.Random(f"{self.partnership.slug}/{spec.key}")  # noqa: S311 - made-up data, not secrets
        rapid_review = open_rapid_review(incident, acting_user=self.manager, request=None)
        child = incident.children.order_by("position").first()
        returns = self.returns(rapid_review, plan, child, rng, spec)
        entries = self.chronology(rapid_review, plan, child, incident, returns, rng)
        saved = self.write_returns(rapid_review, returns, entries, child, rng)
        if plan.stage >= Stage.REVIEW_GROUP:
            self.decide_duplicates(rapid_review, saved, all_of_them=plan.stage >= Stage.DECIDED)
            self.meeting(rapid_review, plan, spec, child, returns, entries, rng)
        if plan.stage >= Stage.DECIDED:
            self.decision(rapid_review, plan, spec)
        if plan.edited_section:
            rapid_review.report = {plan.edited_section: specs.EDITED_SECTIONS[plan.edited_section]}
            rapid_review.save(update_fields=["report", "updated_at"])
        if plan.stage >= Stage.SENT:
            self.send(rapid_review, spec)
        if plan.stage >= Stage.RESPONDED:
            self.panel_response(rapid_review, plan)
        return rapid_review

    # Dates of the plan

    def met_on(self, rapid_review, plan: Plan, spec) -> dt.date:
        after = spec.rapid_review_after - 4 if plan.stage >= Stage.SENT else plan.met_after
        return self.day(rapid_review.notified_on, after)

    def decided_on(self, rapid_review, plan: Plan, spec) -> dt.date:
        after = spec.rapid_review_after - 1 if plan.stage >= Stage.SENT else plan.decided_after
        return self.day(rapid_review.notified_on, after)

    # Requests and returns

    def returns(self, rapid_review, plan: Plan, child, rng, spec) -> list[AgencyReturn]:
        """The requests (unsaved) with their states and dates, most involved agencies first."""
        kinds = [kind for kind in _pool(child) if kind in self.agencies][: specs.MAX_RETURNS]
        # Leave out one or two of the less involved (never the demo lead's), so the lists differ.
        optional = [kind for kind in kinds[specs.MIN_RETURNS :] if kind != self.lead.agency.kind]
        dropped = set(rng.sample(optional, min(len(optional), rng.randint(0, 2))))
        kinds = [kind for kind in kinds if kind not in dropped]
        states = dict(plan.returns)
        last_day = (
            self.day(self.met_on(rapid_review, plan, spec), -1) if plan.stage >= Stage.REVIEW_GROUP else None
        )
        found = []
        for kind in kinds:
            after = plan.second_requests_after if kind in plan.second_requests else plan.requests_after
            requested_on = self.day(rapid_review.notified_on, after)
            due_on = get_step("agency_return_request").due_date(
                requested_on, self.calendar, self.return_length
            )
            status = states.get(kind, ReturnStatus.SUBMITTED)
            agency_return = AgencyReturn(
                partnership=self.partnership,
                rapid_review=rapid_review,
                agency=self.agencies[kind],
                status=status,
                requested_on=requested_on,
                due_on=due_on,
                request_message=specs.REQUEST_MESSAGE.format(
                    reference=rapid_review.incident.reference, child=child.pseudonym
                ),
                requested_by=self.manager,
            )
            if status == ReturnStatus.SUBMITTED:
                submitted_on = self.day(requested_on, rng.randint(2, 6))
                agency_return.submitted_on = min(submitted_on, last_day or self.today, self.today)
                agency_return.submitted_by = self.lead if kind == self.lead.agency.kind else None
            found.append(agency_return)
        return found

    def write_returns(self, rapid_review, returns, entries, child, rng) -> list[ChronologyEntry]:
        """Save the returns with what each agency wrote, then their entries, and record the requests."""
        by_agency: dict[int, list[dict]] = {}
        for entry in entries:
            by_agency.setdefault(entry["agency_id"], []).append(entry)
        for agency_return in returns:
            if agency_return.status != ReturnStatus.REQUESTED:
                texts = _return_texts(
                    agency_return.agency, by_agency.get(agency_return.agency_id, []), child, rng
                )
                if agency_return.status == ReturnStatus.DRAFT:
                    texts = {name: text for name, text in texts.items() if name in DRAFT_SECTIONS}
                for name, text in texts.items():
                    setattr(agency_return, name, text)
            agency_return.save()
            self.audit(AuditAction.CREATE, agency_return, RETURN_AUDIT_FIELDS)
        incident = rapid_review.incident
        incident.agencies_involved.add(*[agency_return.agency for agency_return in returns])
        first_request = min(agency_return.requested_on for agency_return in returns)
        record_step_completion(incident, "agency_leads_contacted", first_request, actor=self.manager)
        returns_by_agency = {agency_return.agency_id: agency_return for agency_return in returns}
        saved = ChronologyEntry.objects.bulk_create(
            ChronologyEntry(
                partnership_id=self.partnership.pk,
                rapid_review_id=rapid_review.pk,
                agency_return_id=returns_by_agency[entry["agency_id"]].pk,
                created_by_id=self.lead.pk if entry["agency_id"] == self.lead.agency_id else None,
                **entry,
            )
            for entry in entries
        )
        return saved

    # The chronology

    def chronology(self, rapid_review, plan: Plan, child, incident, returns, rng) -> list[dict]:
        contributors = [
            Contributor(r.agency_id, r.agency.kind, 0.5 if r.status == ReturnStatus.DRAFT else 1.0)
            for r in returns
            if r.status != ReturnStatus.REQUESTED
        ]
        case = Case(
            pseudonym=child.pseudonym,
            date_of_birth=child.date_of_birth or incident.incident_on - dt.timedelta(days=365),
            incident_on=incident.incident_on,
            aware_on=incident.aware_on,
            summary=incident.summary,
            partner=rng.choice(("the mother's partner", "the father")),
        )
        size = rng.randint(*plan.entries)
        return generate_chronology(rng, case, contributors, size, reviewed=plan.stage >= Stage.REVIEW_GROUP)

    def decide_duplicates(self, rapid_review, saved: list[ChronologyEntry], *, all_of_them: bool) -> None:
        """The business manager's answers to the flagged pairs: the same event is merged into the first
        entry, other look-alikes kept. By the review group they are half done; once decided, all done."""
        pairs = find_duplicates(
            Entry(e.pk, e.agency_id, e.start_on, e.start_precision, e.event_type, e.facts) for e in saved
        )
        if not all_of_them:
            pairs = pairs[: (len(pairs) + 1) // 2]
        by_id = {entry.pk: entry for entry in saved}
        merged, decisions = [], []
        for pair in pairs:
            first, second = by_id[pair.first_id], by_id[pair.second_id]
            if first.merged_into_id or second.merged_into_id:
                continue
            same = first.event_type == second.event_type and first.start_on == second.start_on
            if same:
                second.merged_into = first
                merged.append(second)
            decisions.append(
                DuplicateDecision(
                    partnership=self.partnership,
                    rapid_review=rapid_review,
                    first=first,
                    second=second,
                    decision=DuplicateDecision.Decision.MERGED if same else DuplicateDecision.Decision.KEPT,
                    decided_by=self.manager,
                )
            )
        ChronologyEntry.objects.bulk_update(merged, ["merged_into"])
        DuplicateDecision.objects.bulk_create(decisions)

    # The review group, the executive, the Panel

    def meeting(self, rapid_review, plan: Plan, spec, child, returns, entries, rng) -> None:
        met_on = self.met_on(rapid_review, plan, spec)
        episodes = [entry for entry in entries if entry["key_practice_episode"]][:4]
        facts = "\n\n".join(
            [
                rapid_review.incident.summary,
                f"The review group considered returns from {len(returns)} agencies and an integrated "
                f"chronology of {len(entries)} entries about {child.pseudonym}.",
                "Key practice episodes discussed:\n"
                + "\n".join(f"- {_when(entry)}: {entry['facts']}" for entry in episodes),
            ]
        )
        meeting = ReviewGroupMeeting.objects.create(
            partnership=self.partnership,
            rapid_review=rapid_review,
            met_on=met_on,
            facts=facts,
            learning=specs.GROUP_LEARNING,
            inequalities=specs.INEQUALITIES,
            good_practice=specs.GOOD_PRACTICE,
            recommendation=plan.recommendation,
            criteria=[str(code) for code in specs.CRITERIA[plan.recommendation]],
            reasons=specs.REASONS[plan.recommendation],
            recorded_by=self.manager,
        )
        self.audit(AuditAction.CREATE, meeting, MEETING_AUDIT_FIELDS)
        MeetingAttendee.objects.bulk_create(self.attendees(meeting, returns, rng))
        record_step_completion(rapid_review.incident, "review_group_meeting", met_on, actor=self.manager)
        self.move(rapid_review, RapidReviewStatus.REVIEW_GROUP_MET)

    def attendees(self, meeting, returns, rng) -> list[MeetingAttendee]:
        names = iter(rng.sample(specs.ATTENDEE_NAMES, len(specs.ATTENDEE_NAMES)))
        initials = iter(rng.sample("ABCDEFGHJKLMNPRSTW", 18))
        people = [
            MeetingAttendee(organisation=organisation, role=role, agency=None)
            for role, organisation in (specs.CHAIR, specs.DESIGNATED_NURSE)
        ]
        for agency_return in returns[:10]:
            role = specs.ROLES_AT_MEETING.get(agency_return.agency.kind, "Safeguarding lead")
            people.append(MeetingAttendee(agency=agency_return.agency, role=role))
        for person in people:
            person.partnership = self.partnership
            person.meeting = meeting
            person.name = f"{next(initials)}. {next(names)}"
        return people

    def decision(self, rapid_review, plan: Plan, spec) -> None:
        decided_on = self.decided_on(rapid_review, plan, spec)
        agrees = not plan.decision or plan.decision == plan.recommendation
        decision = ExecutiveDecision.objects.create(
            partnership=self.partnership,
            rapid_review=rapid_review,
            decided_by_name=specs.DECIDED_BY[0],
            decided_by_role=specs.DECIDED_BY[1],
            decided_on=decided_on,
            agrees=agrees,
            decision=plan.decision or plan.recommendation,
            rationale=specs.RATIONALE[agrees],
            recorded_by=self.manager,
        )
        self.audit(AuditAction.CREATE, decision, DECISION_AUDIT_FIELDS)
        record_step_completion(rapid_review.incident, "partners_sign_off", decided_on, actor=self.manager)
        self.move(rapid_review, RapidReviewStatus.DECIDED)

    def send(self, rapid_review, spec) -> None:
        """As `do_send_rapid_review` records it: the report frozen, the incident's date, the timeliness."""
        sent_on = self.day(rapid_review.notified_on, spec.rapid_review_after)
        rapid_review.sent_report = report_sections(rapid_review)
        rapid_review.sent_on = sent_on
        rapid_review.sent_by = self.manager
        rapid_review.status = RapidReviewStatus.SENT
        rapid_review.save(update_fields=["sent_report", "sent_on", "sent_by", "status", "updated_at"])
        self.audit(AuditAction.SEND, rapid_review, SENT_AUDIT_FIELDS)
        incident = rapid_review.incident
        incident.rapid_review_sent_on = sent_on
        incident.save(update_fields=["rapid_review_sent_on", "updated_at"])
        record_step_completion(incident, "rapid_review", sent_on, actor=self.manager)

    def panel_response(self, rapid_review, plan: Plan) -> None:
        responded_on = min(self.day(rapid_review.sent_on, plan.panel_after), self.day(self.today, -1))
        response = PanelResponse.objects.create(
            partnership=self.partnership,
            rapid_review=rapid_review,
            response=plan.panel,
            reasons=specs.PANEL_REASONS[plan.panel],
            responded_on=responded_on,
            responded_by=self.panel_member,
        )
        record(
            AuditAction.CREATE,
            actor=self.panel_member,
            obj=response,
            changes=changes_between({}, snapshot(response, PANEL_AUDIT_FIELDS)),
        )
        record_step_completion(rapid_review.incident, "panel_response", responded_on, actor=self.panel_member)
        self.move(rapid_review, RapidReviewStatus.RESPONDED)

    def move(self, rapid_review, status: RapidReviewStatus) -> None:
        rapid_review.status = status
        rapid_review.save(update_fields=["status", "updated_at"])

    def audit(self, action, obj, fields: list[str]) -> None:
        record(action, actor=self.manager, obj=obj, changes=changes_between({}, snapshot(obj, fields)))


def _pool(child) -> tuple[str, ...]:
    """The agencies likely to know a child of this age, most involved first."""
    age_days = (child.incident.incident_on - child.date_of_birth).days if child.date_of_birth else 0
    if age_days < 365:
        return specs.BABY_AGENCIES
    if age_days < 5 * 365:
        return specs.TODDLER_AGENCIES
    return specs.SCHOOL_AGE_AGENCIES


def _when(entry: dict) -> str:
    return display_date(entry["start_on"], entry["start_precision"])


def _return_texts(agency, entries: list[dict], child, rng) -> dict[str, str]:
    """The six sections of an agency's return, drawn from its own chronology entries where it can."""
    episodes = [entry for entry in entries if entry["key_practice_episode"]]
    if entries:
        first, last = entries[0]["start_on"], entries[-1]["start_on"]
        known = (
            f"{agency.name} knew {child.pseudonym} and the family from {display_date(first, 'day')} to "
            f"{display_date(last, 'day')}, with {len(entries)} entries in its chronology. "
            + specs.INVOLVEMENT.get(agency.kind, specs.GENERIC_INVOLVEMENT)
        )
    else:
        known = f"{agency.name} checked its records and found no involvement with {child.pseudonym}'s family."
    return {
        "summary_of_involvement": known,
        "key_practice_episodes": "\n".join(f"- {_when(e)}: {e['facts']}" for e in episodes)
        or specs.NO_EPISODES,
        "analysis": "\n\n".join(rng.sample(specs.ANALYSIS, 2)),
        "what_went_well": "\n\n".join(rng.sample(specs.WENT_WELL, 2)),
        "learning": " ".join(rng.sample(specs.LEARNING, 2)),
        "actions_taken": " ".join(rng.sample(specs.ACTIONS_TAKEN, 2)),
    }
