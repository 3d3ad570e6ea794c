"""The fixed answers of a rapid review: its stages, the agency return's states, the review group's
recommendation with the regulation 11 criteria it refers to, and the Panel's response."""

from django.db import models


class RapidReviewStatus(models.TextChoices):
    """Where a rapid review stands, in the order it goes (moved on by the actions, never by hand)."""

    OPEN = "open", "Gathering agency returns"
    REVIEW_GROUP_MET = "review_group_met", "Review group met"
    DECIDED = "decided", "Executive decision made"
    SENT = "sent", "Sent to the Panel"
    RESPONDED = "responded", "Panel responded"


class ReturnStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    DRAFT = "draft", "Draft saved"
    SUBMITTED = "submitted", "Submitted"
    REOPENED = "reopened", "Reopened"


class Recommendation(models.TextChoices):
    """The next step the review group recommends and the executive decides (WT 2023, chapter 5)."""

    LOCAL_CSPR = "local_cspr", "Local child safeguarding practice review"
    OTHER_LEARNING_REVIEW = "other_learning_review", "Other learning review"
    NO_FURTHER_REVIEW = "no_further_review", "No further review"
    SUGGEST_NATIONAL_REVIEW = "suggest_national_review", "Suggest a national review"


class Regulation11Criterion(models.TextChoices):
    """The Child Safeguarding Practice Review and Relevant Agency (England) Regulations 2018, regulation 11:
    when the partners must consider a local child safeguarding practice review."""

    IMPROVEMENTS_NEEDED = (
        "improvements_needed",
        "The case highlights improvements needed to safeguard and promote the welfare of children",
    )
    RECURRENT_THEMES = (
        "recurrent_themes",
        "The case highlights recurrent themes in the safeguarding and promotion of the welfare of children",
    )
    AGENCIES_WORKING_TOGETHER = (
        "agencies_working_together",
        "The case highlights concerns about two or more organisations or agencies working together "
        "effectively",
    )
    PANEL_CONCLUDED_LOCAL = (
        "panel_concluded_local",
        "The Panel has considered the case and concluded a local review may be more appropriate",
    )


class PanelResponseKind(models.TextChoices):
    AGREE_LOCAL_REVIEW = "agree_local_review", "Agrees with a local review"
    AGREE_NO_REVIEW = "agree_no_review", "Agrees no further review is needed"
    DISAGREE = "disagree", "Disagrees with the decision"
    NATIONAL_REVIEW = "national_review", "Will carry out a national review"
