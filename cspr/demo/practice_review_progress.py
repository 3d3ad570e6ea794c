"""The later part of a demo practice review: running it, drafts, quality assurance, getting ready to publish
and publishing (used by `practice_reviews.PracticeReviewBuilder`, which sets the dates and people).

Timestamps the models fill in themselves (a draft's upload, a document's, a briefing's last change) are put
back to the day they happened, so the anonymisation checks, dated after them, still count.
"""

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify

from cspr.audit.log import record
from cspr.audit.models import AuditAction
from cspr.briefings.models import LearningBriefing
from cspr.library.actions.from_review import add_published_review
from cspr.practice_reviews.checklists import (
    MUST_DO,
    MUST_DO_CHECKLIST,
    QUALITY_MARKERS,
    QUALITY_MARKERS_CHECKLIST,
)
from cspr.practice_reviews.models import (
    DraftComment,
    InvolvementStep,
    MonitoringEntry,
    MonitoringKind,
    PracticeReview,
    PublicationDecision,
    QualityAnswer,
    QualityAssurance,
    QualityRating,
    ReportDraft,
    ReviewKind,
)
from cspr.publication.actions.anonymising import do_decide_findings, do_run_anonymisation_check
from cspr.publication.anonymisation.findings import IdentifierType
from cspr.publication.models import (
    AnonymisationCheck,
    AnonymisationFinding,
    CopyRecipient,
    DocumentKind,
    FinalReportCopy,
    FindingDecision,
    PublicationWaiver,
    PublishedDocument,
)

from . import practice_review_specs as specs
from . import practice_review_texts as texts
from .practice_review_documents import report_docx

FAMILY_INVITED_AFTER, PRACTITIONERS_INVITED_AFTER, EVENT_AFTER, FAMILY_CONTRIBUTED_AFTER = 16, 35, 60, 70
PROGRESS_AFTER = (40, 70, 100)
DRAFT_REQUESTED_AFTER, DRAFT_DUE_AFTER, DRAFTS_AFTER = 75, 90, (92, 125, 150)
REVIEW_GROUP_AFTER, EXECUTIVE_AFTER, RESPONSE_AFTER = 158, 166, 170
DOCUMENTS_AFTER, FAMILY_SAW_AFTER, CHECKED_AFTER, PUBLISHED_AFTER = 172, 174, 176, 190
COPIES_BEFORE = 8  # working days before publication (the clock's step asks for 7)
PLANNED_IN = 12  # days from today to the planned publication of the review about to be published
# What each briefing is called after the review's title (as the seeds list them).
BRIEFING_TITLES = {
    "seven_minute": "practitioner learning briefing",
    "six_step": "learning for professionals",
}
# Why the business manager allowed what the check flagged in a demo text that was anonymised already.
NOT_IDENTIFYING = "Read in context with the reviewer: a role or a public service, not an identifying detail."
# Ratings of the ten must-do points (a few partly met, as real reports are), then of the 18 markers.
MUST_DO_RATINGS = ("met",) * 4 + ("partly_met",) + ("met",) * 4 + ("partly_met",)
MARKER_RATINGS = ("met",) * 11 + ("partly_met",) + ("met",) * 5 + ("not_met",)


class LaterStages:
    """Methods of the builder for everything after commissioning (see the builder for the attributes)."""

    def running(self, review, slot, story) -> None:
        steps = [
            ("family", "invited", FAMILY_INVITED_AFTER),
            ("practitioners", "invited", PRACTITIONERS_INVITED_AFTER),
        ]
        steps += [("practitioners", "event_held", EVENT_AFTER)]
        family_answer = "declined" if self.number % 3 == 2 else "contributed"
        steps += [("family", family_answer, FAMILY_CONTRIBUTED_AFTER)]
        for track, step, after in steps:
            happened_on = self.on(after)
            if happened_on is None:
                continue
            involvement = InvolvementStep.objects.create(
                partnership=self.partnership,
                practice_review=review,
                track=track,
                step=step,
                happened_on=happened_on,
                notes=texts.INVOLVEMENT_NOTES[(track, step)],
                recorded_by=self.manager,
            )
            self.audit(involvement, ["track", "step", "happened_on"])
        for after, (assessment, notes) in zip(PROGRESS_AFTER, texts.PROGRESS_CHECKS, strict=True):
            entry_on = self.on(after)
            if entry_on is not None:
                self.monitoring(
                    review,
                    MonitoringKind.PROGRESS_CHECK,
                    entry_on,
                    time_assessment=assessment,
                    quality_notes=notes,
                )
        requested_on = self.on(DRAFT_REQUESTED_AFTER)
        if requested_on is not None and slot.kind != ReviewKind.NATIONAL_REVIEW:
            due_on = self.day0 + dt.timedelta(days=DRAFT_DUE_AFTER)
            lead = review.lead_reviewer()
            letter = texts.DRAFT_REQUEST.format(
                reviewer=lead.published_name if lead else "reviewer",
                title=review.title,
                due=f"{due_on:%-d %B %Y}",
                manager=self.manager.full_name,
            )
            self.monitoring(
                review,
                MonitoringKind.DRAFT_REQUESTED,
                requested_on,
                draft_due_on=due_on,
                request_letter=letter,
            )
            if slot.stage == specs.RUNNING:
                self.drafts(review, story, versions=1)

    def monitoring(self, review, kind, entry_on, **fields) -> None:
        entry = MonitoringEntry.objects.create(
            partnership=self.partnership,
            practice_review=review,
            kind=kind,
            entry_on=entry_on,
            recorded_by=self.manager,
            **fields,
        )
        self.audit(entry, ["kind", "entry_on", "time_assessment", "draft_due_on"])

    def drafts(self, review, story, versions: int = 3) -> None:
        """Word drafts uploaded by the reviewer, the last one final (when all three are in), with the review
        panel's and the business unit's comments on the first two."""
        lead = review.lead_reviewer()
        commenters = [self.manager, self.group_member]
        if review.panel_members.filter(user=self.lead).exists():
            commenters.insert(0, self.lead)
        comments = iter(texts.DRAFT_COMMENTS)
        for version, after in enumerate(DRAFTS_AFTER[:versions], 1):
            uploaded_on = self.on(after)
            if uploaded_on is None:
                return
            final = version == len(DRAFTS_AFTER)
            content = self.report(review, story)
            draft = ReportDraft(
                partnership=self.partnership,
                practice_review=review,
                version=version,
                original_name=f"{slugify(review.title)}-v{version}.docx",
                is_final=final,
                note=texts.DRAFT_NOTES[version - 1],
                uploaded_by=lead.reviewer,
            )
            draft.file.save(draft.original_name, ContentFile(content), save=False)
            draft.save()
            ReportDraft.objects.filter(pk=draft.pk).update(uploaded_at=morning(uploaded_on))
            self.audit(draft, ["version", "is_final"])
            if not final:
                for author in commenters[:2]:
                    section, text = next(comments, texts.DRAFT_COMMENTS[-1])
                    comment = DraftComment.objects.create(
                        partnership=self.partnership, draft=draft, author=author, section=section, text=text
                    )
                    self.audit(comment, ["section"])

    def report(self, review, story) -> bytes:
        """The review's report, written once and used for every draft and the published full report (each
        Word document takes tens of milliseconds to build, which the demo's many reviews would add up)."""
        if self.written_report is None or self.written_report[0] != review.pk:
            lead = review.lead_reviewer()
            content = report_docx(
                review,
                story,
                partnership=self.partnership.name,
                reviewer=lead.published_name,
                heading="Report",
            )
            self.written_report = (review.pk, content)
        return self.written_report[1]

    def quality(self, review, slot) -> None:
        """The final report's answers: all of them and both sign-offs once past quality assurance; in
        quality assurance, every must-do point and the review group's sign-off in even partnerships, only
        seven points in odd ones (so the sign-off is still refused)."""
        final = review.drafts.filter(is_final=True).first()
        in_qa = slot.stage == specs.QUALITY_ASSURANCE
        markers = not in_qa and self.number % 2 == 0
        quality = QualityAssurance.objects.create(
            partnership=self.partnership,
            practice_review=review,
            final_draft=final,
            use_quality_markers=markers,
        )
        must_do = MUST_DO[:7] if in_qa and self.number % 2 else MUST_DO
        answers = [
            self.answer(
                quality,
                MUST_DO_CHECKLIST,
                point.code,
                rating,
                texts.QA_SECTIONS[index % len(texts.QA_SECTIONS)],
            )
            for index, (point, rating) in enumerate(zip(must_do, MUST_DO_RATINGS, strict=False))
        ]
        if markers:
            answers += [
                self.answer(quality, QUALITY_MARKERS_CHECKLIST, point.code, rating, "")
                for point, rating in zip(QUALITY_MARKERS, MARKER_RATINGS, strict=True)
            ]
        QualityAnswer.objects.bulk_create(answers)
        if not in_qa or self.number % 2 == 0:
            quality.review_group_signed_off_on = self.on(REVIEW_GROUP_AFTER) or self.today
            quality.review_group_signed_off_by = self.group_member
        if not in_qa:
            quality.executive_signed_off_on = self.on(EXECUTIVE_AFTER)
            quality.executive_signed_off_by = self.executive
            quality.partners_response = texts.PARTNERS_RESPONSE
            quality.partners_response_on = self.on(RESPONSE_AFTER)
        quality.save()
        self.audit(quality, ["review_group_signed_off_on", "executive_signed_off_on", "partners_response_on"])

    def answer(self, quality, checklist, code, rating, section) -> QualityAnswer:
        comment = {QualityRating.PARTLY_MET: texts.QA_PARTLY, QualityRating.NOT_MET: texts.QA_NOT_MET}
        return QualityAnswer(
            partnership=self.partnership,
            quality_assurance=quality,
            checklist=checklist,
            point=code,
            rating=rating,
            report_section=section,
            comment=comment.get(rating, ""),
        )

    # Getting ready to publish

    def before_publication(self, review, slot, story) -> None:
        about_to_publish = slot.stage == specs.PRE_PUBLICATION
        planned = (
            self.today + dt.timedelta(days=PLANNED_IN)
            if about_to_publish
            else self.day0 + dt.timedelta(days=PUBLISHED_AFTER)
        )
        review.planned_publication_on = planned
        review.save(update_fields=["planned_publication_on", "updated_at"])
        if slot.kind == ReviewKind.LOCAL_CSPR:
            copies_on = min(
                self.calendar.add_working_days(planned, -COPIES_BEFORE), self.today - dt.timedelta(days=1)
            )
            recipients = [CopyRecipient.PANEL]
            if not about_to_publish or self.number % 2 == 0:
                recipients.append(CopyRecipient.SECRETARY_OF_STATE)
            else:
                self.waive(review, "copy_to_secretary_of_state", texts.WAIVER_REASON)
            for recipient in recipients:
                copy = FinalReportCopy.objects.create(
                    partnership=self.partnership,
                    practice_review=review,
                    recipient=recipient,
                    sent_on=copies_on,
                    sent_by=self.manager,
                )
                self.audit(copy, ["recipient", "sent_on"])
            family = InvolvementStep.objects.create(
                partnership=self.partnership,
                practice_review=review,
                track="family",
                step="report_shared",
                happened_on=self.on(FAMILY_SAW_AFTER),
                notes=texts.INVOLVEMENT_NOTES[("family", "report_shared")],
                recorded_by=self.manager,
            )
            self.audit(family, ["track", "step", "happened_on"])
        if slot.stage == specs.IMPROVEMENTS:
            return
        planted = ""
        if about_to_publish:
            planted = texts.PLANTED_DETAIL if self.number % 2 == 0 else texts.PLANTED_PHONE
        self.documents(review, story, planted)
        for code in slot.briefings:
            self.briefing(review, slot, story, code)
        self.check_anonymisation(review, decide=not about_to_publish or self.number % 2 == 1)

    def documents(self, review, story, planted: str) -> None:
        lead = review.lead_reviewer()
        uploaded_at = morning(self.on(DOCUMENTS_AFTER))
        summary = report_docx(
            review,
            story,
            partnership=self.partnership.name,
            reviewer=lead.published_name,
            heading="Executive summary",
            extra=planted,
        )
        for kind, content in (
            (DocumentKind.FULL_REPORT, self.report(review, story)),
            (DocumentKind.EXECUTIVE_SUMMARY, summary),
        ):
            document = PublishedDocument(
                partnership=self.partnership,
                practice_review=review,
                kind=kind,
                original_name=f"{slugify(review.title)}-{kind.replace('_', '-')}.docx",
                uploaded_by=self.manager,
            )
            document.file.save(document.original_name, ContentFile(content), save=False)
            document.save()
            PublishedDocument.objects.filter(pk=document.pk).update(uploaded_at=uploaded_at)
            self.audit(document, ["kind"])

    def briefing(self, review, slot, story, code: str) -> None:
        lead = review.lead_reviewer()
        briefing = LearningBriefing.objects.create(
            partnership=self.partnership,
            practice_review=review,
            format=code,
            title=f"{review.title}: {BRIEFING_TITLES[code]}",
            sections=texts.briefing_sections(
                code,
                review,
                story,
                partnership=self.partnership.name,
                reviewer=lead.published_name,
                method=slot.methodology,
            ),
            updated_by=self.manager,
        )
        LearningBriefing.objects.filter(pk=briefing.pk).update(updated_at=morning(self.on(DOCUMENTS_AFTER)))
        self.audit(briefing, ["format"])

    def check_anonymisation(self, review, *, decide: bool) -> None:
        """The publication app's check, run as the business manager would over what was uploaded, dated the
        day it happened. With `decide`, the business manager has then decided every finding: the planted
        phone number is the partnership's own line, and whatever else the check flagged in the demo's
        anonymised texts is allowed as not identifying. Without it, the findings wait for a decision."""
        run = do_run_anonymisation_check(review, acting_user=self.manager)
        checked_at = morning(self.on(CHECKED_AFTER))
        AnonymisationCheck.objects.filter(pk__in=[check.pk for check in run.checks]).update(
            checked_at=checked_at
        )
        if not decide:
            return
        for check in run.checks:
            found = check.found.filter(decision=FindingDecision.OPEN).values_list("type", "text")
            for finding_type, text in sorted(set(found)):
                phone = finding_type == IdentifierType.PHONE_NUMBER.value
                do_decide_findings(
                    check,
                    finding_type=finding_type,
                    text=text,
                    decision=FindingDecision.ALLOWED,
                    reason=texts.OVERRIDE_REASON if phone else NOT_IDENTIFYING,
                    acting_user=self.manager,
                )
        AnonymisationFinding.objects.filter(check_run__in=run.checks).exclude(
            decision=FindingDecision.OPEN
        ).update(decided_at=checked_at + dt.timedelta(hours=2))

    def waive(self, review, gate: str, reason: str) -> None:
        waiver = PublicationWaiver.objects.create(
            partnership=self.partnership,
            practice_review=review,
            gate=gate,
            reason=reason,
            waived_by=self.executive,
            waived_on=self.today - dt.timedelta(days=2),
        )
        record(AuditAction.CREATE, actor=self.executive, obj=waiver, changes={"gate": [None, gate]})

    # Publication

    def publish(self, review, slot, story) -> None:
        improvements = slot.stage == specs.IMPROVEMENTS
        review.published_on = self.day0 + dt.timedelta(days=PUBLISHED_AFTER)
        review.published_by = self.manager
        review.public_slug = _slug(review)
        if improvements:
            review.publication_decision = PublicationDecision.IMPROVEMENTS_ONLY
            review.not_publishing_reasons = texts.NOT_PUBLISHING_REASONS
            review.improvements_statement = texts.IMPROVEMENTS_STATEMENT
        else:
            review.publication_decision = PublicationDecision.PUBLISH_REPORT
        review.save()
        self.audit(review, ["published_on", "publication_decision", "public_slug"])
        if improvements:
            return
        entry = add_published_review(review, acting_user=self.manager)
        record(
            AuditAction.CREATE,
            actor=self.manager,
            obj=entry,
            partnership=self.partnership,
            changes={"year": [None, entry.year]},
        )


def _slug(review) -> str:
    base = slugify(review.title)[:70] or "review"
    taken = set(
        PracticeReview.objects.filter(partnership=review.partnership).values_list("public_slug", flat=True)
    )
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def morning(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10, 0), tzinfo=timezone.get_current_timezone())
