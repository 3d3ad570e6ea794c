"""The action plans of one demo partnership: one for each rapid review the executive has decided (its
immediate safety actions and immediate learning), one for each practice review near or after publication,
and one national Panel report adopted locally (`action_plan_texts`).

Each agency's action is put in the state `action_plan_specs.MIXES` gives it, with the dates that state
needs worked out from today and from the date the plan was agreed: progress notes as the agency wrote
them (the demo agency lead writes its own agency's; the business manager imports the others' from the
spreadsheet), evidence files (training figures, a procedure, an audit) and the assurance decisions,
including one sent back. So the dashboard always shows every status, overdue included, whenever the demo
is loaded.

Records are saved in bulk to keep `cspr demo` quick; the plans and the assurance decisions each get one
audit row, as the actions write them (free text never goes in the audit log).
"""

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from cspr.accounts.models import Role, User
from cspr.action_plans import rules
from cspr.action_plans.actions.starting import do_start_plan
from cspr.action_plans.models import (
    Action,
    ActionPlan,
    AssuranceDecision,
    AssuranceOutcome,
    Evidence,
    ProgressUpdate,
    Recommendation,
    RecommendationKind,
)
from cspr.audit.log import changes_between, record, snapshot
from cspr.audit.models import AuditAction
from cspr.deadlines.clock import current_calendar
from cspr.library.models import Theme
from cspr.partnerships.models import Agency
from cspr.practice_reviews.models import PracticeReview, ReviewKind, Stage
from cspr.rapid_reviews.models import RapidReview

from . import action_plan_specs as specs
from . import action_plan_texts as texts
from .action_plan_evidence import EvidenceFiles
from .practice_review_progress import morning
from .practice_review_specs import SLOTS

DECISION_AUDIT_FIELDS = ["outcome", "retest_on", "decided_on"]
# Plans agreed longer ago than this use the "old" mixes: most of their actions are done.
RAPID_OLD_AFTER_DAYS = 120
ARCHIVED_AFTER_DAYS = 300
# The national report was adopted about this many days ago (a week apart between partnerships).
NATIONAL_AGREED_AGO = 400
STORY_OF_TITLE = {title: story for slot in SLOTS for title, story in slot.titles}
STATUS_OF = {
    specs.NOT_STARTED: rules.NOT_STARTED,
    specs.ON_TRACK: rules.ON_TRACK,
    specs.AT_RISK: rules.AT_RISK,
    specs.COMPLETE: rules.COMPLETE,
    specs.ASSURED: rules.ASSURED,
    specs.SENT_BACK: rules.ON_TRACK,
}


@transaction.atomic
def load_demo_action_plans(partnership, number: int) -> int:
    """The demo action plans of one partnership (the `number`-th); nothing if it has some already.

    Returns the number of plans created."""
    if ActionPlan.objects.filter(partnership=partnership).exists():
        return 0
    return ActionPlanBuilder(partnership, number).build()


class ActionPlanBuilder:
    def __init__(self, partnership, number: int):
        self.partnership = partnership
        self.number = number
        self.today = timezone.localdate()
        self.calendar = current_calendar()
        self.rng = random.Random(f"{partnership.slug}/action-plans")  # noqa: S311 - made-up data
        people = User.objects.filter(partnership=partnership).order_by("pk")
        self.manager = people.filter(role=Role.BUSINESS_MANAGER).first()
        self.deciders = [self.manager, people.filter(role=Role.REVIEW_GROUP_MEMBER).first()]
        self.lead = people.filter(role=Role.AGENCY_LEAD).first()
        self.agencies: dict[str, Agency] = {}
        for agency in Agency.objects.filter(partnership=partnership).order_by("-pk"):
            self.agencies[agency.kind] = agency
        self.themes = {theme.label: theme for theme in Theme.objects.filter(is_active=True)}
        self.files = EvidenceFiles(partnership, self.rng)
        self.recommendations: list[Recommendation] = []
        self.actions: list[Action] = []
        self.updates: list[ProgressUpdate] = []
        self.evidence: list[Evidence] = []
        self.decisions: list[AssuranceDecision] = []
        self.agencies_of: list[tuple[Recommendation, list[Agency]]] = []
        self.themes_of: list[tuple[Recommendation, list[Theme]]] = []

    def build(self) -> int:
        sources = [*self.rapid_review_sources(), *self.practice_review_sources(), self.national_source()]
        for fields, mix, recs, kinds in sources:
            plan = do_start_plan(self.partnership, acting_user=self.manager, request=None, **fields)
            for number, (rec, scenarios, kind) in enumerate(
                zip(recs, specs.MIXES[mix], kinds, strict=False), 1
            ):
                self.recommendation(plan, number, rec, scenarios, kind)
        self.save()
        return len(sources)

    # Where the plans come from

    def rapid_review_sources(self) -> list[tuple]:
        """Every rapid review the executive has decided, its plan agreed the day of the decision."""
        found = []
        decided = RapidReview.objects.filter(
            partnership=self.partnership, executive_decision__isnull=False
        ).select_related("incident", "executive_decision")
        for rapid_review in decided.order_by("executive_decision__decided_on", "pk"):
            agreed_on = rapid_review.executive_decision.decided_on
            old = (self.today - agreed_on).days > RAPID_OLD_AFTER_DAYS
            mix = "rapid_old" if old else "rapid_recent"
            learning = len(specs.MIXES[mix]) - specs.RAPID_SAFETY_COUNT
            recs = [
                *self.rng.sample(texts.SAFETY_ACTIONS, specs.RAPID_SAFETY_COUNT),
                *self.rng.sample(texts.RAPID_LEARNING, learning),
            ]
            kinds = [RecommendationKind.SAFETY_ACTION] * specs.RAPID_SAFETY_COUNT
            kinds += [RecommendationKind.IMMEDIATE_LEARNING] * learning
            found.append(({"rapid_review": rapid_review, "agreed_on": agreed_on}, mix, recs, kinds))
        return found

    def practice_review_sources(self) -> list[tuple]:
        """The reviews preparing to publish or published: their plans agreed with the final report."""
        found = []
        reviews = PracticeReview.objects.filter(
            partnership=self.partnership,
            stage__in=[Stage.PRE_PUBLICATION, Stage.PUBLISHED, Stage.IMPROVEMENTS_PUBLISHED],
        ).exclude(kind=ReviewKind.NATIONAL_REVIEW)
        for review in reviews.order_by("decided_on", "pk"):
            story = STORY_OF_TITLE.get(review.title)
            if story is None:
                continue
            if review.published_on is None:
                mix, agreed_on = "pre_publication", self.today - dt.timedelta(days=20)
            else:
                agreed_on = review.published_on - dt.timedelta(days=14)
                if review.stage == Stage.IMPROVEMENTS_PUBLISHED:
                    mix = "improvements"
                elif review.kind == ReviewKind.LEARNING_REVIEW:
                    mix = "learning"
                elif (self.today - agreed_on).days > ARCHIVED_AFTER_DAYS:
                    mix = "archived"
                else:
                    mix = "published"
            recs = texts.STORY_RECOMMENDATIONS[story]
            kinds = [RecommendationKind.RECOMMENDATION] * len(recs)
            found.append(({"practice_review": review, "agreed_on": agreed_on}, mix, recs, kinds))
        return found

    def national_source(self) -> tuple:
        report = texts.NATIONAL_REPORTS[self.number % len(texts.NATIONAL_REPORTS)]
        fields = {
            "national_report": report.title,
            "national_report_url": report.url,
            "agreed_on": self.today - dt.timedelta(days=NATIONAL_AGREED_AGO + 7 * self.number),
        }
        kinds = [RecommendationKind.RECOMMENDATION] * len(report.recommendations)
        return fields, "national", report.recommendations, kinds

    # Recommendations and actions, in memory until `save`

    def recommendation(self, plan, number: int, rec: specs.Rec, scenarios, kind: str) -> None:
        wanted = [(agency_kind, what) for agency_kind, what in rec.actions if agency_kind in self.agencies]
        recommendation = Recommendation(
            partnership=self.partnership,
            plan=plan,
            number=number,
            kind=kind,
            text=rec.text,
            created_by=self.manager,
        )
        actions = [
            self.action(recommendation, self.agencies[agency_kind], what, rec, scenario)
            for (agency_kind, what), scenario in zip(wanted, scenarios, strict=False)
        ]
        recommendation.due_on = max(action.due_on for action in actions)
        if rules.is_closed([action.status for action in actions]):
            recommendation.closed_on = max(action.assured_on for action in actions)
        self.recommendations.append(recommendation)
        self.agencies_of.append((recommendation, [action.agency for action in actions]))
        self.themes_of.append((recommendation, [self.themes[t] for t in rec.themes if t in self.themes]))

    def action(self, recommendation, agency, what: str, rec: specs.Rec, scenario: str) -> Action:
        agreed_on = recommendation.plan.agreed_on
        due_on, working_days = self.due(scenario, agreed_on, rec.working_days)
        action = Action(
            partnership=self.partnership,
            recommendation=recommendation,
            agency=agency,
            what_will_change=what,
            owner=specs.OWNERS[agency.kind],
            due_on=due_on,
            due_working_days=working_days,
            success_measure=rec.measure,
            status=STATUS_OF[scenario] if scenario in STATUS_OF else self.rng.choice(rules.OPEN_STATUSES),
            created_by=self.manager,
        )
        self.actions.append(action)
        self.history(action, scenario, agreed_on)
        return action

    def due(self, scenario: str, agreed_on: dt.date, working_days: int | None) -> tuple[dt.date, int | None]:
        """The due date the state needs: in working days after the plan was agreed when the recommendation
        sets them (and they fit the state) or, for a third of the others, as the person typing it chose."""
        if working_days is not None:
            due_on = self.calendar.add_working_days(agreed_on, working_days)
            fits = (scenario not in specs.PAST_DUE or due_on < self.today) and (
                scenario not in specs.FUTURE_DUE or due_on >= self.today
            )
            if fits:
                return due_on, working_days
        days = {
            specs.NOT_STARTED: (20, 120),
            specs.ON_TRACK: (10, 120),
            specs.AT_RISK: (3, 20),
            specs.SENT_BACK: (15, 45),
            specs.OVERDUE: (-30, -3),
            specs.LONG_OVERDUE: (-200, -80),
            specs.COMPLETE: (-15, 40),
            specs.ASSURED: (-200, -20),
        }[scenario]
        due_on = self.today + dt.timedelta(days=self.rng.randint(*days))
        due_on = min(max(due_on, agreed_on + dt.timedelta(days=10)), self.today + dt.timedelta(days=150))
        if scenario in specs.PAST_DUE and due_on >= self.today:
            raise ValueError(f"A plan agreed on {agreed_on} is too recent for an overdue action")
        if self.rng.random() < 1 / 3:
            working_days = max(self.calendar.working_days_between(agreed_on, due_on), 1)
            return self.calendar.add_working_days(agreed_on, working_days), working_days
        return due_on, None

    def history(self, action, scenario: str, agreed_on: dt.date) -> None:
        """What the agency and the assurers recorded, oldest first, ending in the action's state."""
        span = max((self.today - agreed_on).days, 4)

        def on(fraction: float) -> dt.date:
            return agreed_on + dt.timedelta(days=min(max(int(span * fraction), 1), span - 1))

        notes = specs.NOTES
        if action.status != rules.NOT_STARTED and scenario != specs.SENT_BACK:
            started = 0.15 if scenario == specs.LONG_OVERDUE else 0.25
            self.update(action, on(started), rules.ON_TRACK, notes[specs.ON_TRACK][0])
        if scenario == specs.ON_TRACK and self.rng.random() < 0.5:
            self.update(action, on(0.7), rules.ON_TRACK, self.rng.choice(notes[specs.ON_TRACK][1:]))
        if action.status == rules.AT_RISK:
            self.update(action, on(0.8), rules.AT_RISK, self.rng.choice(notes[specs.AT_RISK]))
        if scenario not in (specs.COMPLETE, specs.ASSURED, specs.SENT_BACK):
            return
        fraction = self.rng.uniform(0.6, 0.9) if scenario == specs.COMPLETE else 0.45
        completed_on = on(fraction)
        self.update(action, completed_on, rules.COMPLETE, self.rng.choice(notes[specs.COMPLETE]))
        self.add_evidence(action, completed_on)
        if scenario == specs.SENT_BACK:
            self.decide(action, on(0.6), AssuranceOutcome.SENT_BACK)
            self.update(action, on(0.75), rules.ON_TRACK, self.rng.choice(notes["after_send_back"]))
            return
        action.completed_on = completed_on
        if scenario == specs.ASSURED:
            action.assured_on = completed_on + dt.timedelta(
                days=max(min(14, (self.today - completed_on).days // 2), 1)
            )
            action.retest_on = action.assured_on + dt.timedelta(days=180)
            if action.retest_on <= self.today:
                action.retest_on = self.today + dt.timedelta(days=self.rng.randint(7, 120))
            self.decide(action, action.assured_on, AssuranceOutcome.ASSURED, retest_on=action.retest_on)

    def written_by(self, action) -> tuple[User, bool]:
        """The demo agency lead writes their own agency's updates; the business manager imports the
        other agencies' from the spreadsheets they send back."""
        if self.lead is not None and action.agency == self.lead.agency:
            return self.lead, False
        return self.manager, True

    def update(self, action, day: dt.date, status: str, note: str) -> None:
        writer, from_spreadsheet = self.written_by(action)
        update = ProgressUpdate(
            partnership=self.partnership,
            action=action,
            status=status,
            note=note,
            from_spreadsheet=from_spreadsheet,
            written_by=writer,
        )
        update.written_at = morning(day)
        self.updates.append(update)

    def add_evidence(self, action, day: dt.date) -> None:
        kinds = list(specs.EVIDENCE)
        kind = kinds[len(self.evidence) % len(kinds)]
        description, original_name = specs.EVIDENCE[kind]
        evidence = Evidence(
            partnership=self.partnership,
            action=action,
            kind=kind,
            description=description,
            original_name=original_name,
            uploaded_by=self.written_by(action)[0],
        )
        evidence.uploaded_at = morning(day)
        self.evidence.append(evidence)

    def decide(self, action, day: dt.date, outcome: str, retest_on: dt.date | None = None) -> None:
        assured = outcome == AssuranceOutcome.ASSURED
        decision = AssuranceDecision(
            partnership=self.partnership,
            action=action,
            outcome=outcome,
            evidence_reviewed=self.rng.choice(specs.EVIDENCE_REVIEWED) if assured else "",
            retest_on=retest_on,
            reasons="" if assured else self.rng.choice(specs.SENT_BACK_REASONS),
            decided_by=self.deciders[len(self.decisions) % len(self.deciders)],
            decided_on=day,
        )
        self.decisions.append(decision)

    # Saving, in bulk

    def save(self) -> None:
        Recommendation.objects.bulk_create(self.recommendations)
        Recommendation.agencies.through.objects.bulk_create(
            Recommendation.agencies.through(recommendation=recommendation, agency=agency)
            for recommendation, agencies in self.agencies_of
            for agency in dict.fromkeys(agencies)
        )
        Recommendation.themes.through.objects.bulk_create(
            Recommendation.themes.through(recommendation=recommendation, theme=theme)
            for recommendation, themes in self.themes_of
            for theme in themes
        )
        Action.objects.bulk_create(self.actions)
        self.files.write(self.evidence)
        # Bulk creation stamps "now" on the times; the history needs the days it happened.
        written = [update.written_at for update in self.updates]
        uploaded = [evidence.uploaded_at for evidence in self.evidence]
        ProgressUpdate.objects.bulk_create(self.updates)
        Evidence.objects.bulk_create(self.evidence)
        AssuranceDecision.objects.bulk_create(self.decisions)
        for update, at in zip(self.updates, written, strict=True):
            update.written_at = at
        for evidence, at in zip(self.evidence, uploaded, strict=True):
            evidence.uploaded_at = at
        ProgressUpdate.objects.bulk_update(self.updates, ["written_at"])
        Evidence.objects.bulk_update(self.evidence, ["uploaded_at"])
        self.audit()

    def audit(self) -> None:
        """One row per assurance decision, the partnership's accountable step (each plan has its own from
        `do_start_plan`); the rest is saved in bulk, as a spreadsheet import saves it."""
        for decision in self.decisions:
            record(
                AuditAction.CREATE,
                actor=decision.decided_by,
                obj=decision,
                changes=changes_between({}, snapshot(decision, DECISION_AUDIT_FIELDS)),
            )
