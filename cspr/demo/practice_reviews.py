"""The practice reviews of one demo partnership, one per `practice_review_specs.SLOTS` entry, built through
the models as far as each slot's stage: the decision and terms of reference, the independent reviewer and
their declaration (one earlier reviewer declared a conflict), notices, the review panel (the demo agency
lead sits on the open reviews' panels), parallel processes, family and practitioner involvement,
monitoring, Word drafts with comments, quality assurance answers and sign-offs, copies, documents,
anonymisation checks, waivers, briefings in both formats, publication and the library entry.

Dates count from the decision (in days; copies in working days before the planned publication), so the
demo shows the same stages whenever it is loaded. Reviews come from the demo rapid reviews whose decision
fits (`Slot.links`); the rest were commissioned before the partnership used cspr. Each record gets one
audit row, as the actions write them; free text is never in the audit log.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from cspr.accounts.models import Role, User
from cspr.audit.log import changes_between, record, snapshot
from cspr.audit.models import AuditAction
from cspr.deadlines.clock import current_calendar
from cspr.demo.incident_specs import DEMO_INCIDENTS
from cspr.incidents.models import Incident
from cspr.library.models import Theme
from cspr.partnerships.models import Agency
from cspr.practice_reviews.actions.stage import refresh_stage
from cspr.practice_reviews.models import (
    CommissioningNotice,
    Declaration,
    ParallelProcess,
    ParallelProcessStatus,
    PracticeReview,
    ReviewerAssignment,
    ReviewKind,
    ReviewPanelMember,
)
from cspr.rapid_reviews.models import PanelResponseKind, RapidReview, RapidReviewStatus, Recommendation

from . import practice_review_specs as specs
from . import practice_review_texts as texts
from .practice_review_progress import LaterStages, morning

# Days after the decision: reviewer appointed, declaration, notices sent, review panel, terms agreed.
REVIEWER_AFTER, DECLARED_AFTER, NOTICES_AFTER, PANEL_AFTER, TERMS_AFTER = 8, 11, 15, 18, 25
STAGES_FROM = {stage: index for index, stage in enumerate(specs.ORDER)}
REVIEW_AUDIT_FIELDS = ["reference", "kind", "title", "decided_on", "stage"]
SENT_STATUSES = (RapidReviewStatus.SENT, RapidReviewStatus.RESPONDED)


@transaction.atomic
def load_demo_practice_reviews(partnership, number: int) -> int:
    """The demo practice reviews of one partnership (the `number`-th); nothing if it has some already.

    Returns the number of records created (reviews and the extra reviewer accounts)."""
    if PracticeReview.objects.filter(partnership=partnership).exists():
        return 0
    builder = PracticeReviewBuilder(partnership, number)
    made = [builder.build(slot) for slot in specs.SLOTS]
    return builder.accounts_created + sum(review is not None for review in made)


class PracticeReviewBuilder(LaterStages):
    def __init__(self, partnership, number: int):
        self.partnership = partnership
        self.number = number
        self.today = timezone.localdate()
        self.calendar = current_calendar()
        people = User.objects.filter(partnership=partnership).order_by("pk")
        self.manager = people.filter(role=Role.BUSINESS_MANAGER).first()
        self.group_member = people.filter(role=Role.REVIEW_GROUP_MEMBER).first()
        self.executive = people.filter(role=Role.EXECUTIVE_MEMBER).first()
        self.lead = people.filter(role=Role.AGENCY_LEAD).first()
        self.reviewer = people.filter(role=Role.INDEPENDENT_REVIEWER).first()
        self.accounts_created = 0
        (author, author_org), (conflicted, conflicted_org) = specs.REVIEWERS[number % len(specs.REVIEWERS)]
        self.author = (self.account("author", author), author, author_org)
        self.conflicted = (self.account("conflicted", conflicted), conflicted, conflicted_org)
        self.agencies = {agency.kind: agency for agency in Agency.objects.filter(partnership=partnership)}
        self.themes = {theme.label: theme for theme in Theme.objects.all()}
        self.rapid_reviews = self.decided_rapid_reviews()
        self.linked: set[int] = set()
        self.written_report: tuple[int, bytes] | None = None

    def account(self, local: str, full_name: str) -> User:
        """A further independent reviewer, with the demo password (the listed reviewer's hash, so no
        second slow hashing)."""
        email = f"reviewer.{local}@{self.partnership.slug}.example"
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email,
                None,
                full_name=full_name,
                job_title="Independent reviewer",
                role=Role.INDEPENDENT_REVIEWER,
                partnership=self.partnership,
            )
            user.password = self.reviewer.password
            user.save(update_fields=["password"])
            self.accounts_created += 1
        return user

    def decided_rapid_reviews(self) -> dict[str, RapidReview]:
        """The partnership's demo rapid reviews by incident key."""
        keys = {spec.summary: spec.key for spec in DEMO_INCIDENTS}
        found = RapidReview.objects.filter(partnership=self.partnership).select_related(
            "incident", "executive_decision", "panel_response"
        )
        return {keys[rr.incident.summary]: rr for rr in found if rr.incident.summary in keys}

    # Which rapid review a slot comes from, and when it was decided

    def source(self, slot: specs.Slot) -> RapidReview | None:
        for key in slot.links:
            rapid_review = self.rapid_reviews.get(key)
            if (
                rapid_review is None
                or rapid_review.pk in self.linked
                or rapid_review.status not in SENT_STATUSES
            ):
                continue
            decision = getattr(rapid_review, "executive_decision", None)
            response = getattr(rapid_review, "panel_response", None)
            fits = {
                ReviewKind.LOCAL_CSPR: decision is not None
                and decision.decision == Recommendation.LOCAL_CSPR,
                ReviewKind.LEARNING_REVIEW: decision is not None
                and decision.decision == Recommendation.OTHER_LEARNING_REVIEW,
                ReviewKind.NATIONAL_REVIEW: response is not None
                and response.response == PanelResponseKind.NATIONAL_REVIEW,
            }[slot.kind]
            # A published review needs a decision old enough for six months' work.
            old_enough = (
                decision is not None and (self.today - decision.decided_on).days >= slot.decided_ago * 0.6
            )
            if fits and old_enough:
                self.linked.add(rapid_review.pk)
                return rapid_review
        return None

    def build(self, slot: specs.Slot) -> PracticeReview | None:
        source = self.source(slot)
        if slot.only_when_linked and source is None:
            return None
        title, story_key = slot.titles[self.number % len(slot.titles)]
        story = specs.STORIES[story_key]
        review = self.review(slot, title, story, source)
        self.day0 = review.decided_on
        after = STAGES_FROM.get(slot.stage, len(specs.ORDER))
        national = slot.kind == ReviewKind.NATIONAL_REVIEW
        if not national:
            self.reviewers(review, slot)
        if slot.kind == ReviewKind.LOCAL_CSPR:
            self.notices(review, slot)
        if after >= STAGES_FROM[specs.RUNNING]:
            self.terms(review, slot, story)
            self.panel(review, slot)
            self.running(review, slot, story)
        if after >= STAGES_FROM[specs.QUALITY_ASSURANCE]:
            self.drafts(review, story)
            self.quality(review, slot)
        if after >= STAGES_FROM[specs.PRE_PUBLICATION]:
            self.before_publication(review, slot, story)
        if slot.stage in (specs.PUBLISHED, specs.ARCHIVED, specs.IMPROVEMENTS):
            self.publish(review, slot, story)
        refresh_stage(review, actor=self.manager)
        return review

    def on(self, after: int) -> dt.date | None:
        """The day `after` days from the decision, or None when that is not in the past yet."""
        day = self.day0 + dt.timedelta(days=after)
        return day if day < self.today else None

    # Commissioning

    def review(self, slot, title, story, source) -> PracticeReview:
        decision = getattr(source, "executive_decision", None) if source else None
        decided_on = decision.decided_on if decision else self.today - dt.timedelta(days=slot.decided_ago)
        if slot.kind == ReviewKind.NATIONAL_REVIEW:
            notes = texts.DECISION_NOTES["national"]
        elif decision:
            notes = texts.DECISION_NOTES["linked"].format(reasons=decision.rationale)
        else:
            notes = texts.DECISION_NOTES["unlinked"]
        review = PracticeReview.objects.create(
            partnership=self.partnership,
            reference=PracticeReview.next_reference(self.partnership, decided_on.year),
            kind=slot.kind,
            learning_method=slot.learning_method,
            title=title,
            is_thematic=bool(slot.thematic_incidents),
            decided_on=decided_on,
            decided_by=f"{decision.decided_by_name}, {decision.decided_by_role}"
            if decision
            else "The safeguarding partners' executive",
            decision_notes=notes,
            public_summary=story.summary,
            created_by=self.manager,
        )
        review.themes.set([self.themes[label] for label in story.themes if label in self.themes])
        if source is not None:
            review.rapid_reviews.add(source)
            review.incidents.add(source.incident)
        if slot.thematic_incidents:
            summaries = [spec.summary for spec in DEMO_INCIDENTS if spec.key in slot.thematic_incidents]
            review.incidents.add(
                *Incident.objects.filter(partnership=self.partnership, summary__in=summaries)
            )
        self.audit(review, REVIEW_AUDIT_FIELDS)
        return review

    def reviewers(self, review, slot) -> None:
        """The lead reviewer: the listed demo reviewer for the open reviews (their declaration still awaited
        on the newest, after another reviewer declared a conflict), a named author for the finished ones."""
        open_review = slot.stage in (specs.COMMISSIONING, specs.RUNNING, specs.QUALITY_ASSURANCE)
        if slot.stage == specs.COMMISSIONING:
            user, name, organisation = self.conflicted
            conflicted = self.assignment(review, user, name, organisation, Declaration.CONFLICT)
            conflicted.interests = texts.CONFLICT_INTERESTS
            conflicted.ended_on = self.on(DECLARED_AFTER + 1) or self.today
            conflicted.save(update_fields=["interests", "ended_on"])
            self.assignment(review, self.reviewer, self.reviewer.full_name, "", Declaration.AWAITED, later=6)
        elif open_review:
            self.assignment(review, self.reviewer, self.reviewer.full_name, "", Declaration.NO_CONFLICT)
        else:
            user, name, organisation = self.author
            self.assignment(review, user, name, organisation, Declaration.NO_CONFLICT)

    def assignment(self, review, user, name, organisation, declaration, later: int = 0) -> ReviewerAssignment:
        appointed_on = self.on(REVIEWER_AFTER + later) or self.today
        declared = declaration != Declaration.AWAITED
        declared_on = self.on(DECLARED_AFTER + later) or self.today
        assignment = ReviewerAssignment.objects.create(
            partnership=self.partnership,
            practice_review=review,
            reviewer=user,
            published_name=name,
            organisation=organisation,
            appointed_on=appointed_on,
            declaration=declaration,
            no_involvement_with_case=declared,
            no_involvement_with_agencies=declaration == Declaration.NO_CONFLICT,
            interests=texts.DECLARED_INTERESTS if declaration == Declaration.NO_CONFLICT else "",
            declared_at=morning(declared_on) if declared else None,
            assigned_by=self.manager,
        )
        self.audit(assignment, ["appointed_on", "declaration", "is_lead"])
        return assignment

    def notices(self, review, slot) -> None:
        """The letters to the Panel, Ofsted and DfE naming the reviewer; only the Panel's while the
        declaration is awaited."""
        lead = review.lead_reviewer()
        recipients = ["panel"] if slot.stage == specs.COMMISSIONING else ["panel", "ofsted", "dfe"]
        sent_on = self.on(NOTICES_AFTER)
        if sent_on is None or lead is None:
            return
        for recipient in recipients:
            notice = CommissioningNotice.objects.create(
                partnership=self.partnership,
                practice_review=review,
                recipient=recipient,
                letter=texts.NOTICE_LETTER.format(
                    partnership=self.partnership.name,
                    decided=f"{review.decided_on:%-d %B %Y}",
                    title=review.title,
                    reference=review.reference,
                    reviewer=lead.published_name,
                    manager=self.manager.full_name,
                ),
                reviewer_named=lead.published_name,
                sent_on=sent_on,
                sent_by=self.manager,
            )
            self.audit(notice, ["recipient", "sent_on"])
        process = ParallelProcess.objects.create(
            partnership=self.partnership,
            practice_review=review,
            kind="criminal_proceedings",
            description=texts.PARALLEL_PROCESSES["criminal_proceedings"],
            status=ParallelProcessStatus.CONCLUDED
            if slot.stage == specs.IMPROVEMENTS
            else ParallelProcessStatus.ONGOING,
            expected_conclusion_on=self.day0 + dt.timedelta(days=240),
            affects_publication=True,
            recorded_by=self.manager,
        )
        self.audit(process, ["kind", "status", "affects_publication"])

    def terms(self, review, slot, story) -> None:
        review.scope_start_on = self.day0 - dt.timedelta(days=730)
        review.scope_end_on = self.day0 - dt.timedelta(days=20)
        review.key_lines_of_enquiry = "\n".join(story.enquiry)
        review.methodology = slot.methodology
        review.terms_agreed_on = self.on(TERMS_AFTER) or self.today - dt.timedelta(days=1)
        review.save()
        self.audit(review, ["scope_start_on", "scope_end_on", "methodology", "terms_agreed_on"])

    def panel(self, review, slot) -> None:
        """Agency representatives; the demo agency lead sits on the panels of reviews still open."""
        added_on = self.on(PANEL_AFTER) or self.today
        members = [
            ReviewPanelMember(agency=self.agencies.get(kind), name=name, role=role)
            for name, role, kind in specs.PANEL_PEOPLE
        ]
        if slot.stage in (specs.RUNNING, specs.QUALITY_ASSURANCE, specs.PRE_PUBLICATION):
            members.append(
                ReviewPanelMember(
                    agency=self.lead.agency,
                    name=self.lead.full_name,
                    role=self.lead.job_title,
                    user=self.lead,
                )
            )
        for member in members:
            member.partnership, member.practice_review, member.added_on = self.partnership, review, added_on
        for member in ReviewPanelMember.objects.bulk_create(members):
            self.audit(member, ["agency", "added_on"])

    def audit(self, obj, fields: list[str]) -> None:
        record(
            AuditAction.CREATE,
            actor=self.manager,
            obj=obj,
            changes=changes_between({}, snapshot(obj, fields)),
        )
