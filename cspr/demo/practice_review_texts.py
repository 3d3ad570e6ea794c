"""What the people of a demo practice review write as it goes: letters, monitoring notes, comments on
drafts, quality assurance remarks, the partners' response and publication decisions.

Fictional and generic; the review appears only by its anonymised title (`{title}`), the partnership by
name (`{partnership}`) and the reviewer by the name published with the report (`{reviewer}`).
"""

NOTICE_LETTER = (
    "Dear colleagues,\n\n"
    "{partnership} is writing to tell you that the safeguarding partners decided on {decided} to carry out "
    "a local child safeguarding practice review, known as {title} (our reference {reference}).\n\n"
    "The review will be led by {reviewer}, independent reviewer. We expect to publish the report within six "
    "months of the decision and will send you a copy before publication.\n\n"
    "Yours faithfully,\n{manager}\nBusiness manager, for the safeguarding partners"
)
DECISION_NOTES = {
    "linked": "Decided by the safeguarding partners after the rapid review: {reasons}",
    "unlinked": "Commissioned by the safeguarding partners after a rapid review completed before the "
    "partnership used this service; the rapid review found learning about how agencies worked together.",
    "national": "The Panel decided to carry out a national review and asked the partnership to take part "
    "in its local part: a review panel, practitioner events and the family's involvement.",
}
DECLARED_INTERESTS = (
    "None. I have not worked for any of the agencies in this partnership in the last five years."
)
CONFLICT_INTERESTS = (
    "I was the independent chair of a panel that reviewed one of the agencies concerned last year, and "
    "know several of the practitioners involved."
)

PARALLEL_PROCESSES = {
    "criminal_proceedings": "A police investigation is continuing; the Crown Prosecution Service will decide "
    "on charges. The reviewer has agreed with the senior investigating officer what practitioners may be "
    "asked.",
    "coroner": "The inquest has been opened and adjourned; the coroner has asked to see the report before "
    "it is published.",
    "disciplinary": "One agency is holding a disciplinary process about a practitioner's record keeping; it "
    "does not affect the review's timetable.",
}

INVOLVEMENT_NOTES = {
    ("family", "invited"): "Letter sent to both parents explaining the review and inviting them to meet the "
    "reviewer; an advocate offered.",
    ("family", "contributed"): "The mother met the reviewer with her advocate; her account of what helped "
    "and what did not is reflected in the report.",
    ("family", "declined"): "The father replied that he did not wish to take part at this time; he will be "
    "offered the report before publication.",
    ("family", "report_shared"): "The reviewer and the business manager went through the report with the "
    "mother; she asked for one detail to be removed, which was agreed.",
    ("practitioners", "invited"): "Practitioners and their managers from each agency invited to the "
    "learning event; agency leads asked to release them.",
    ("practitioners", "event_held"): "Learning event with practitioners from the agencies involved, led by "
    "the reviewer; a second session for managers.",
    ("practitioners", "contributed"): "Practitioners commented on the emerging findings at a feedback "
    "session.",
}

PROGRESS_CHECKS = (
    (
        "on_track",
        "The reviewer reported on progress to the review group: agency information received, "
        "learning event booked. Timetable on track.",
    ),
    (
        "at_risk",
        "Two agencies were late providing records; the reviewer expects the first draft two weeks "
        "later than planned. The review group will keep it under review.",
    ),
    (
        "on_track",
        "First draft received; review panel comments due within ten working days. Quality of "
        "analysis good; the child's perspective needs more weight.",
    ),
)
DRAFT_REQUEST = (
    "Dear {reviewer},\n\nAs agreed in the terms of reference, the safeguarding partners ask for the first "
    "draft of the report for {title} by {due}, so that the review panel can comment before the next review "
    "group meeting.\n\nWith thanks,\n{manager}"
)
DRAFT_NOTES = (
    "First draft for the review panel's comments.",
    "Second draft, revised after the review panel's comments and the family's contribution.",
    "Final report for quality assurance.",
)
DRAFT_COMMENTS = (
    (
        "Section 3",
        "Our agency's records show a further home visit in the spring that is not mentioned; it "
        "changes the picture of what was known.",
    ),
    (
        "Key practice episode 2",
        "Could the analysis say more about why the referral was not progressed? "
        "Caseloads at the time were unusually high.",
    ),
    ("Recommendations", "Recommendation 4 is for health agencies jointly; please name the lead agency."),
    ("Executive summary", "The summary reads well. Suggest a sentence on what the family told the review."),
)

QA_SECTIONS = (
    "Section 2: The child and family",
    "Section 1: Scope and methodology",
    "Section 5: Analysis",
    "Section 5: Analysis",
    "Section 3: Background",
    "Section 4: Key practice episodes",
    "Section 5: Analysis",
    "Section 6: Wider practice",
    "Section 7: Findings",
    "Section 8: Recommendations",
)
QA_PARTLY = (
    "The report does this for health agencies but says little about education; the review group asked "
    "the reviewer to add a paragraph."
)
QA_NOT_MET = "Not covered in this draft; the reviewer has agreed to add it to the final version."

PARTNERS_RESPONSE = (
    "The safeguarding partners accept the review's findings and all of its recommendations. An action "
    "plan has been agreed with the agencies; the review group will monitor it and report to the executive "
    "every quarter, and the learning will be tested through a multi-agency audit in six months."
)
NOT_PUBLISHING_REASONS = (
    "The criminal trial has concluded but the surviving sibling could be identified from the report, "
    "given the local press coverage. The partners consulted the Panel, which agreed that publishing the "
    "improvements only is the right course."
)
IMPROVEMENTS_STATEMENT = (
    "The review identified improvements in how agencies share information about risk outside the home "
    "and how they respond when a young person goes missing. The partners have: introduced a single "
    "exploitation screening tool used by every agency; set up a weekly multi-agency meeting on missing "
    "children; and commissioned training on contextual safeguarding for all front-line staff. Progress "
    "will be reported in the partnership's annual report."
)
WAIVER_REASON = (
    "The Department for Education confirmed by email that the Secretary of State's copy can be sent with "
    "the Panel's; the family asked for publication on the planned date, before the anniversary."
)
OVERRIDE_REASON = (
    "The number found is the partnership business unit's public telephone line, not the family's; "
    "checked with the reviewer."
)
# A detail planted in one pre-publication executive summary, so the anonymisation check finds something.
PLANTED_DETAIL = (
    "The family lived in a flat near the town centre (LS99 9ZZ) and later moved to temporary accommodation."
)
PLANTED_PHONE = "For more information contact the partnership business unit on 01632 960111."

BACKGROUND = {
    "local_cspr": "{partnership} commissioned this local child safeguarding practice review after a rapid "
    "review found learning about how agencies worked together. It was led by {reviewer}, an independent "
    "reviewer, using {method}; practitioners and the family took part.",
    "learning_review": "{partnership} carried out this multi-agency learning review because the case did "
    "not meet the criteria for a statutory review but had important learning. It was led by {reviewer} "
    "using {method}.",
}
FURTHER_INFORMATION = (
    "The full report and executive summary are on {partnership}'s website. See the partnership's "
    "procedures and training programme, or contact the business unit for a facilitated session for your team."
)


def briefing_sections(
    code: str, review, story, *, partnership: str, reviewer: str, method: str
) -> dict[str, str]:
    """The text of each section of a briefing in format `code` (section codes of `cspr.briefings.formats`)."""
    from cspr.practice_reviews.models import Methodology

    kind = "learning_review" if review.kind == "learning_review" else "local_cspr"
    background = BACKGROUND[kind].format(
        partnership=partnership,
        reviewer=reviewer,
        method=Methodology(method).label if method else "its methodology",
    )
    case = story.case.format(title=review.title)
    found = "\n\n".join(story.found)
    further = FURTHER_INFORMATION.format(partnership=partnership)
    if code == "seven_minute":
        return {
            "background": background,
            "the_case": case,
            "what_we_found": found,
            "why_it_matters": story.matters,
            "what_to_do": "\n\n".join(story.to_do),
            "questions_for_reflection": "\n".join(story.questions),
            "further_information": further,
        }
    return {
        "why_the_review": background,
        "what_happened": case,
        "what_we_learned": found,
        "what_it_means": story.matters,
        "what_you_should_do": "\n".join(story.to_do),
        "find_out_more": further,
    }
