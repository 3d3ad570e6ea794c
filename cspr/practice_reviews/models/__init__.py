"""Practice reviews: commissioning, running and quality assurance of local, national and learning reviews."""

from .choices import (
    Checklist,
    Declaration,
    InvolvementKind,
    InvolvementTrack,
    LearningReviewMethod,
    Methodology,
    MonitoringKind,
    NoticeRecipient,
    ParallelProcessKind,
    ParallelProcessStatus,
    PublicationDecision,
    QualityRating,
    ReviewKind,
    Stage,
    TimeAssessment,
)
from .commissioning import CommissioningNotice, ParallelProcess, ReviewerAssignment, ReviewPanelMember
from .quality import QualityAnswer, QualityAssurance
from .review import PracticeReview
from .running import DraftComment, InvolvementStep, MonitoringEntry, ReportDraft

__all__ = [
    "Checklist",
    "CommissioningNotice",
    "Declaration",
    "DraftComment",
    "InvolvementKind",
    "InvolvementStep",
    "InvolvementTrack",
    "LearningReviewMethod",
    "Methodology",
    "MonitoringEntry",
    "MonitoringKind",
    "NoticeRecipient",
    "ParallelProcess",
    "ParallelProcessKind",
    "ParallelProcessStatus",
    "PracticeReview",
    "PublicationDecision",
    "QualityAnswer",
    "QualityAssurance",
    "QualityRating",
    "ReportDraft",
    "ReviewKind",
    "ReviewPanelMember",
    "ReviewerAssignment",
    "Stage",
    "TimeAssessment",
]
