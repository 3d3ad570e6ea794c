"""The fixed answers of a practice review: its kind and method, where it stands, and the answers of each
part of the work (notices, declarations, parallel processes, involvement, monitoring, quality assurance)."""

from django.db import models


class ReviewKind(models.TextChoices):
    LOCAL_CSPR = "local_cspr", "Local child safeguarding practice review"
    NATIONAL_REVIEW = "national_review", "National review (led by the Panel)"
    LEARNING_REVIEW = "learning_review", "Other learning review"


class LearningReviewMethod(models.TextChoices):
    """Reviews below the statutory threshold (Gateshead seed: its learning reviews methodology framework)."""

    MULTI_AGENCY_CASE_REVIEW = "multi_agency_case_review", "Multi-agency case review"
    PARTNERSHIP_REVIEW = "partnership_review", "Partnership review"
    THEMATIC_LOCAL_REVIEW = "thematic_local_review", "Thematic local review"
    RAPID_REVIEW_LEARNING = "rapid_review_learning", "Learning from the rapid review only"


class Methodology(models.TextChoices):
    SCIE_LEARNING_TOGETHER = "scie_learning_together", "SCIE Learning Together (systems approach)"
    SILP = "silp", "Significant Incident Learning Process (SILP)"
    APPRECIATIVE_INQUIRY = "appreciative_inquiry", "Appreciative inquiry"
    HYBRID = "hybrid", "Hybrid"
    OTHER = "other", "Other"


class Stage(models.TextChoices):
    """Where a practice review stands, in the order it goes; derived from its records by
    `PracticeReview.derive_stage`, never set by hand."""

    COMMISSIONING = "commissioning", "Commissioning"
    RUNNING = "running", "Review under way"
    QUALITY_ASSURANCE = "quality_assurance", "Quality assurance"
    PRE_PUBLICATION = "pre_publication", "Preparing to publish"
    PUBLISHED = "published", "Published"
    IMPROVEMENTS_PUBLISHED = "improvements_published", "Not published: improvements published"
    WITHDRAWN = "withdrawn", "Withdrawn"


class PublicationDecision(models.TextChoices):
    PUBLISH_REPORT = "publish_report", "Publish the report in full"
    IMPROVEMENTS_ONLY = "improvements_only", "Do not publish the report: publish the improvements only"


class NoticeRecipient(models.TextChoices):
    """Told that a local review is being done, and who the reviewer is (WT 2023)."""

    PANEL = "panel", "Child Safeguarding Practice Review Panel"
    OFSTED = "ofsted", "Ofsted"
    DFE = "dfe", "Department for Education"


class Declaration(models.TextChoices):
    AWAITED = "awaited", "Declaration awaited"
    NO_CONFLICT = "no_conflict", "No conflict of interest"
    CONFLICT = "conflict", "Conflict of interest declared"


class ParallelProcessKind(models.TextChoices):
    CRIMINAL_PROCEEDINGS = "criminal_proceedings", "Criminal investigation or proceedings"
    CORONER = "coroner", "Coroner's inquest"
    DISCIPLINARY = "disciplinary", "Disciplinary process"
    PROFESSIONAL_REGULATION = "professional_regulation", "Professional regulation"
    FAMILY_COURT = "family_court", "Family court proceedings"
    OTHER = "other", "Other"


class ParallelProcessStatus(models.TextChoices):
    ONGOING = "ongoing", "Ongoing"
    CONCLUDED = "concluded", "Concluded"


class InvolvementTrack(models.TextChoices):
    FAMILY = "family", "Family"
    PRACTITIONERS = "practitioners", "Practitioners"


class InvolvementKind(models.TextChoices):
    INVITED = "invited", "Invited to take part"
    DECLINED = "declined", "Declined to take part"
    CONTRIBUTED = "contributed", "Contributed"
    EVENT_HELD = "event_held", "Practitioner event held"
    REPORT_SHARED = "report_shared", "Report shared before publication"


class MonitoringKind(models.TextChoices):
    PROGRESS_CHECK = "progress_check", "Progress check on time and quality"
    DRAFT_REQUESTED = "draft_requested", "Written request for a draft"


class TimeAssessment(models.TextChoices):
    ON_TRACK = "on_track", "On track"
    AT_RISK = "at_risk", "At risk"
    BEHIND = "behind", "Behind"


class Checklist(models.TextChoices):
    MUST_DO = "must_do", "What every review must do"
    QUALITY_MARKERS = "quality_markers", "Quality markers"


class QualityRating(models.TextChoices):
    MET = "met", "Met"
    PARTLY_MET = "partly_met", "Partly met"
    NOT_MET = "not_met", "Not met"
