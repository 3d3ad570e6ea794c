"""Which steps of the statutory clock (`cspr.clock.steps`) each kind of practice review is held to.

Plain Python, no Django: the status page, the list's "late" filter and the demo all read the same table.
A local CSPR is held to every step from the decision to publication. The local part of a national review
only agrees its terms of reference with the Panel: the Panel appoints the reviewer, runs the review and
publishes it. Other learning reviews are not statutory, so they are held to the lighter plan: no notices
to the Panel, Ofsted and DfE, no copies before publication, and "completed" instead of "published".
"""

LOCAL_CSPR_STEPS = (
    "reviewer_appointed",
    "practice_review_notices",
    "terms_of_reference_agreed",
    "family_invited",
    "practitioner_event",
    "first_draft_report",
    "final_report_signed_off",
    "family_sees_report",
    "final_report_to_panel",
    "practice_review_published",
)
NATIONAL_REVIEW_STEPS = ("terms_of_reference_agreed",)
LEARNING_REVIEW_STEPS = (
    "reviewer_appointed",
    "terms_of_reference_agreed",
    "practitioner_event",
    "first_draft_report",
    "final_report_signed_off",
    "learning_review_completed",
)

# Review kind (`ReviewKind` values) -> the step codes it tracks, in the order the work goes.
TRACKED_STEPS = {
    "local_cspr": LOCAL_CSPR_STEPS,
    "national_review": NATIONAL_REVIEW_STEPS,
    "learning_review": LEARNING_REVIEW_STEPS,
}


def tracked_steps(kind: str) -> tuple[str, ...]:
    """The clock steps a review of this kind is held to; an unknown kind raises KeyError (a bug)."""
    return TRACKED_STEPS[kind]
