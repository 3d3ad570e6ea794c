"""Rapid reviews: agency requests and returns, the review group, the executive decision and the Panel."""

from .choices import PanelResponseKind, RapidReviewStatus, Recommendation, Regulation11Criterion, ReturnStatus
from .panel import PanelResponse, ThematicReview
from .rapid_review import AgencyReturn, RapidReview
from .review_group import ExecutiveDecision, MeetingAttendee, ReviewGroupMeeting

__all__ = [
    "AgencyReturn",
    "ExecutiveDecision",
    "MeetingAttendee",
    "PanelResponse",
    "PanelResponseKind",
    "RapidReview",
    "RapidReviewStatus",
    "Recommendation",
    "Regulation11Criterion",
    "ReturnStatus",
    "ReviewGroupMeeting",
    "ThematicReview",
]
