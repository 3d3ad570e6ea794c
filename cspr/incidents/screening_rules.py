"""Screening a referral against the statutory tests (WT 2023 ch.5; domain.md steps 2 and 3).

Plain Python, no database: the questions, the answers each allows, which question comes next given the
answers so far, and the outcome with its reasons in plain English. Pages, tests and any later API all ask
this module, so the rules cannot drift apart.

Answers are a dict of question code -> answer code (a list of codes for a question that allows several),
the form `Screening.answers` stores. The route through the questions:

    who ─ child ─ abuse-or-neglect ─ harm ─┬ serious harm and abuse or neglect ─ impairment ─ place
        │                                  ├ died and abuse or neglect ─ place ─ looked-after
        │                                  └ died without abuse or neglect ─ looked-after
        ├ care leaver ─ care-leaver-died ─ (died) leaving-care-duties
        └ someone else (not notifiable)

Who notifies follows the statutory duty: the local authority where the incident happened notifies the
Panel (or, outside England, the authority where the child normally lives); the authority that looks after
a child (or has leaving care duties for a care leaver) notifies the Secretary of State, DfE and Ofsted.
"""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum

# Question codes: the keys of `Screening.answers` and the last part of each question page's address.
WHO = "who"
ABUSE_OR_NEGLECT = "abuse-or-neglect"
HARM = "harm"
IMPAIRMENT = "impairment"
PLACE = "place"
LOOKED_AFTER = "looked-after"
CARE_LEAVER_DIED = "care-leaver-died"
LEAVING_CARE_DUTIES = "leaving-care-duties"

# A reason to send a not-notifiable case to another learning review is kept as the last paragraph of the
# reasons, after this prefix, because `Screening` has no field of its own for it.
LEARNING_REVIEW_PREFIX = "Another learning review: "


class InvalidAnswer(ValueError):
    """An answer that no question allows: a programming or tampering error, never a user's mistake."""


class IncompleteScreening(ValueError):
    """An outcome was asked for before every question on the route had an answer."""


class Outcome(StrEnum):
    NOTIFIABLE = "notifiable"
    LOOKED_AFTER_DEATH = "looked_after_death"
    CARE_LEAVER_DEATH = "care_leaver_death"
    NOT_NOTIFIABLE = "not_notifiable"

    @property
    def label(self) -> str:
        return OUTCOME_TITLES[self]


OUTCOME_TITLES = {
    Outcome.NOTIFIABLE: "Notifiable: serious incident notification to the Panel",
    Outcome.LOOKED_AFTER_DEATH: "Death of a looked-after child: Secretary of State and Ofsted only",
    Outcome.CARE_LEAVER_DEATH: "Death of a care leaver: DfE and Ofsted only",
    Outcome.NOT_NOTIFIABLE: "Not notifiable",
}

PANEL = "Child Safeguarding Practice Review Panel"
SECRETARY_OF_STATE = "Secretary of State for Education"
DFE = "Department for Education (DfE)"
OFSTED = "Ofsted"
SAFEGUARDING_PARTNERS = "the safeguarding partners"


@dataclass(frozen=True)
class Choice:
    code: str
    label: str


@dataclass(frozen=True)
class Question:
    code: str
    text: str
    summary: str
    error: str
    choices: tuple[Choice, ...]
    hint: str = ""
    multiple: bool = False

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(choice.code for choice in self.choices)

    def describe(self, answer: str | list[str]) -> str:
        """The answer as the person chose it, for the check answers page."""
        labels = {choice.code: choice.label for choice in self.choices}
        if isinstance(answer, list):
            return "; ".join(labels[code] for code in answer)
        return labels[answer]

    def clean(self, answer) -> str | list[str]:
        """The answer if this question allows it (several codes in choice order); else InvalidAnswer."""
        if self.multiple:
            if not isinstance(answer, list | tuple) or not answer:
                raise InvalidAnswer(f"Question {self.code!r} takes a list of answers, not {answer!r}")
            unknown = [code for code in answer if code not in self.codes]
            if unknown:
                raise InvalidAnswer(f"Question {self.code!r} has no answer {unknown[0]!r}")
            if len(set(answer)) != len(answer):
                raise InvalidAnswer(f"Question {self.code!r} was given the same answer twice: {answer!r}")
            return [code for code in self.codes if code in answer]
        if not isinstance(answer, str):
            raise InvalidAnswer(f"Question {self.code!r} takes one answer, not {answer!r}")
        if answer not in self.codes:
            raise InvalidAnswer(f"Question {self.code!r} has no answer {answer!r}")
        return answer


YES_NO = (Choice("yes", "Yes"), Choice("no", "No"))

QUESTIONS: dict[str, Question] = {
    question.code: question
    for question in (
        Question(
            WHO,
            "Who is the referral about?",
            "Who it is about",
            "Select who the referral is about",
            (
                Choice("child", "A child (under 18, including an unborn child)"),
                Choice("care_leaver", "A care leaver aged 18 up to and including 24"),
                Choice("neither", "Someone else"),
            ),
            hint="A child who harmed another child can also be the subject of a notification.",
        ),
        Question(
            ABUSE_OR_NEGLECT,
            "Is abuse or neglect of the child known or suspected?",
            "Abuse or neglect known or suspected",
            "Select whether abuse or neglect of the child is known or suspected",
            (Choice("yes", "Yes, known or suspected"), Choice("no", "No")),
        ),
        Question(
            HARM,
            "Has the child died or been seriously harmed?",
            "Died or seriously harmed",
            "Select whether the child has died or been seriously harmed",
            (
                Choice("died", "The child has died"),
                Choice("serious_harm", "The child has been seriously harmed"),
                Choice("neither", "Neither"),
            ),
            hint=(
                "Serious harm includes serious or long-term impairment of mental health; intellectual, "
                "emotional, social or behavioural development; or physical health. Use your judgement: "
                "impairment may be likely to be long-term even if that is not yet certain, and a child "
                "who recovers may still have been seriously harmed."
            ),
        ),
        Question(
            IMPAIRMENT,
            "What impairment has the harm caused, or is it likely to cause?",
            "Impairment",
            "Select what impairment the harm has caused or is likely to cause",
            (
                Choice("mental_health", "Mental health"),
                Choice("development", "Intellectual, emotional, social or behavioural development"),
                Choice("physical_health", "Physical health"),
                Choice("other", "Other serious harm"),
            ),
            hint="Select all that apply, including impairment likely to be long-term though not yet certain.",
            multiple=True,
        ),
        Question(
            PLACE,
            "Where did the incident happen?",
            "Where it happened",
            "Select where the incident happened",
            (
                Choice("in_area", "In the local authority's area"),
                Choice("outside_england", "Outside England, and the child normally lives in the area"),
                Choice("elsewhere_england", "Elsewhere in England"),
            ),
            hint="The local authority where the incident happened notifies the Panel.",
        ),
        Question(
            LOOKED_AFTER,
            "Was the child looked after by a local authority?",
            "Looked after",
            "Select whether the child was looked after by a local authority",
            (
                Choice("this_authority", "Yes, by a local authority in this partnership"),
                Choice("other_authority", "Yes, by another local authority"),
                Choice("no", "No"),
            ),
            hint="The death of a looked-after child is notified to the Secretary of State and Ofsted.",
        ),
        Question(
            CARE_LEAVER_DIED,
            "Has the care leaver died?",
            "Care leaver died",
            "Select whether the care leaver has died",
            YES_NO,
            hint="The death of a care leaver is notified; serious harm to a care leaver is not.",
        ),
        Question(
            LEAVING_CARE_DUTIES,
            "Does a local authority in this partnership have leaving care duties for the care leaver?",
            "Leaving care duties",
            "Select whether a local authority in this partnership has leaving care duties for them",
            (Choice("yes", "Yes"), Choice("no", "No, another local authority does")),
        ),
    )
}

FIRST_QUESTION = WHO


@dataclass(frozen=True)
class Decision:
    """The outcome the answers lead to, why, who must be told, and what it says about the incident.

    `findings` restate each answer; `conclusions` say what follows from them in law.
    """

    outcome: Outcome
    findings: tuple[str, ...]
    conclusions: tuple[str, ...]
    notify: tuple[str, ...]
    nature: str | None  # an IncidentNature value, or None when the answers do not say
    place: str | None  # an IncidentPlace value, or None when the incident is not ours to notify

    @property
    def reasons(self) -> tuple[str, ...]:
        return self.findings + self.conclusions

    @property
    def reasons_text(self) -> str:
        """The reasons as the business manager starts editing them: the findings, then each conclusion."""
        return "\n\n".join((" ".join(self.findings), *self.conclusions))


def get_question(code: str) -> Question:
    try:
        return QUESTIONS[code]
    except KeyError:
        raise InvalidAnswer(f"There is no screening question {code!r}") from None


def clean_answers(answers: Mapping) -> dict:
    """Every answer checked against its question; raises InvalidAnswer for anything no question allows."""
    if not isinstance(answers, Mapping):
        raise InvalidAnswer(f"Screening answers must map question codes to answers, not {answers!r}")
    return {code: get_question(code).clean(answer) for code, answer in answers.items()}


def _route(answers: Mapping) -> Iterator[str]:
    """The questions the answers lead through, in order; the caller stops at the first unanswered one."""
    yield WHO
    who = answers.get(WHO)
    if who == "care_leaver":
        yield CARE_LEAVER_DIED
        if answers.get(CARE_LEAVER_DIED) == "yes":
            yield LEAVING_CARE_DUTIES
    elif who == "child":
        yield ABUSE_OR_NEGLECT
        yield HARM
        abuse = answers.get(ABUSE_OR_NEGLECT) == "yes"
        harm = answers.get(HARM)
        if harm == "serious_harm" and abuse:
            yield IMPAIRMENT
            yield PLACE
        elif harm == "died":
            if abuse:
                yield PLACE
            yield LOOKED_AFTER


def route(answers: Mapping) -> list[str]:
    """The questions asked so far and the next one to ask (if any), in the order they are asked."""
    asked = []
    for code in _route(answers):
        asked.append(code)
        if code not in answers:
            break
    return asked


def answered_route(answers: Mapping) -> list[str]:
    """The questions on the route that have an answer: what the check answers page lists."""
    return [code for code in route(answers) if code in answers]


def next_question(answers: Mapping) -> str | None:
    """The first question on the route still to answer, or None when the screening is complete."""
    clean_answers(answers)
    return next((code for code in route(answers) if code not in answers), None)


def is_complete(answers: Mapping) -> bool:
    return next_question(answers) is None


def previous_question(answers: Mapping, code: str) -> str | None:
    """The question asked before `code` on the route (for the back link), None for the first."""
    get_question(code)
    asked = route(answers)
    if code not in asked:
        raise InvalidAnswer(f"Question {code!r} is not asked after these answers")
    position = asked.index(code)
    return asked[position - 1] if position else None


def is_reachable(answers: Mapping, code: str) -> bool:
    """Whether `code` is on the route these answers lead through (answered or the next to answer)."""
    return code in route(answers)


def record_answer(answers: Mapping, code: str, answer) -> dict:
    """The answers with `code` answered, keeping only those still on the route (a changed answer may make
    later questions irrelevant: they are dropped so that a stale answer never decides an outcome)."""
    question = get_question(code)
    answers = clean_answers(answers)
    if not is_reachable(answers, code):
        next_code = route(answers)[-1]
        raise InvalidAnswer(f"Question {code!r} is not asked after these answers: next is {next_code!r}")
    updated = {**answers, code: question.clean(answer)}
    return {key: updated[key] for key in answered_route(updated)}


def decide(answers: Mapping) -> Decision:
    """The outcome of a complete screening, with its reasons in plain English."""
    answers = clean_answers(answers)
    missing = next_question(answers)
    if missing is not None:
        raise IncompleteScreening(f"Answer question {missing!r} before deciding the outcome")
    answers = {code: answers[code] for code in answered_route(answers)}
    findings = tuple(_reason(code, answer) for code, answer in answers.items())
    who = answers[WHO]
    if who == "neither":
        return _not_notifiable(findings, nature=None)
    if who == "care_leaver":
        return _care_leaver(answers, findings)
    return _child(answers, findings)


def _child(answers: dict, findings: tuple[str, ...]) -> Decision:
    abuse = answers[ABUSE_OR_NEGLECT] == "yes"
    harm = answers[HARM]
    nature = {"died": "death", "serious_harm": "serious_harm", "neither": "other"}[harm]
    looked_after = answers.get(LOOKED_AFTER)
    place = answers.get(PLACE)
    ours_to_notify = place in ("in_area", "outside_england")
    if abuse and harm in ("died", "serious_harm") and ours_to_notify:
        conclusions = [
            "This is a serious child safeguarding case: the local authority must notify the Child "
            "Safeguarding Practice Review Panel within 5 working days of becoming aware, and inform the "
            "safeguarding partners. A rapid review follows."
        ]
        notify = [PANEL, SAFEGUARDING_PARTNERS]
        if looked_after == "this_authority":
            conclusions.append(
                "Because a looked-after child has died, the local authority must also notify the "
                "Secretary of State and Ofsted."
            )
            notify += [SECRETARY_OF_STATE, OFSTED]
        elif looked_after == "other_authority":
            conclusions.append(
                "The local authority that looked after the child notifies the Secretary of State and Ofsted "
                "of the death."
            )
        return Decision(Outcome.NOTIFIABLE, findings, tuple(conclusions), tuple(notify), nature, place)
    if harm == "died" and looked_after == "this_authority":
        if abuse:
            conclusion = (
                "A looked-after child has died: the local authority must notify the Secretary of State and "
                "Ofsted. The serious incident notification to the Panel is for the local authority where "
                "the child died."
            )
        else:
            conclusion = (
                "A looked-after child has died without abuse or neglect known or suspected: the local "
                "authority must notify the Secretary of State and Ofsted. The Panel does not consider it, "
                "so there is no serious incident notification."
            )
        return Decision(
            Outcome.LOOKED_AFTER_DEATH, findings, (conclusion,), (SECRETARY_OF_STATE, OFSTED), nature, None
        )
    return _not_notifiable(findings, nature=nature)


def _care_leaver(answers: dict, findings: tuple[str, ...]) -> Decision:
    died = answers[CARE_LEAVER_DIED] == "yes"
    if died and answers[LEAVING_CARE_DUTIES] == "yes":
        conclusion = (
            "A care leaver aged 18 to 24 has died: the local authority must notify DfE and Ofsted. No rapid "
            "review or practice review is required."
        )
        return Decision(Outcome.CARE_LEAVER_DEATH, findings, (conclusion,), (DFE, OFSTED), "death", None)
    return _not_notifiable(findings, nature="death" if died else None)


def _not_notifiable(findings: tuple[str, ...], *, nature: str | None) -> Decision:
    conclusion = (
        "The local authority does not need to make a notification. The case may still go to another "
        "learning review."
    )
    return Decision(Outcome.NOT_NOTIFIABLE, findings, (conclusion,), (), nature, None)


def _impairment_reason(answer: list[str]) -> str:
    kinds = [QUESTIONS[IMPAIRMENT].describe([code]).lower() for code in answer if code != "other"]
    harm = ""
    if kinds:
        # Semicolons, because the development kind has commas of its own.
        listed = " and ".join(kinds) if len(kinds) <= 2 else "; ".join(kinds[:-1]) + "; and " + kinds[-1]
        harm = f"serious or likely long-term impairment of {listed}"
    if "other" in answer:
        harm = f"{harm}, and other serious harm" if harm else "other serious harm"
    return f"The harm is {harm}."


# The reason each answer gives, by question and answer (the impairment reason is built from its list).
_REASON_TEXT = {
    WHO: {
        "child": "The referral is about a child (under 18, including an unborn child).",
        "care_leaver": "The referral is about a care leaver aged 18 up to and including 24.",
        "neither": (
            "The referral is not about a child under 18 or a care leaver aged 18 to 24, so the statutory "
            "tests for a serious child safeguarding case do not apply."
        ),
    },
    ABUSE_OR_NEGLECT: {
        "yes": "Abuse or neglect of the child is known or suspected.",
        "no": "Abuse or neglect of the child is not known or suspected.",
    },
    HARM: {
        "died": "The child has died.",
        "serious_harm": "The child has been seriously harmed.",
        "neither": "The child has not died or been seriously harmed.",
    },
    PLACE: {
        "in_area": "The incident happened in the local authority's area.",
        "outside_england": (
            "The incident happened outside England and the child normally lives in the local "
            "authority's area."
        ),
        "elsewhere_england": (
            "The incident happened elsewhere in England: the local authority for that area notifies the "
            "Panel, not this one."
        ),
    },
    LOOKED_AFTER: {
        "this_authority": "The child was looked after by a local authority in this partnership.",
        "other_authority": "The child was looked after by another local authority.",
        "no": "The child was not looked after.",
    },
    CARE_LEAVER_DIED: {
        "yes": "The care leaver has died.",
        "no": "The care leaver has not died: only the death of a care leaver is notified.",
    },
    LEAVING_CARE_DUTIES: {
        "yes": "A local authority in this partnership has leaving care duties for the care leaver.",
        "no": (
            "Another local authority has leaving care duties for the care leaver: that authority notifies "
            "DfE and Ofsted."
        ),
    },
}


def _reason(code: str, answer: str | list[str]) -> str:
    if code == IMPAIRMENT:
        return _impairment_reason(answer)
    return _REASON_TEXT[code][answer]


def join_learning_review_reason(reasons: str, learning_review_reason: str) -> str:
    """The reasons as stored, with the reason for another learning review as their last paragraph."""
    reasons = reasons.strip()
    if not learning_review_reason.strip():
        return reasons
    paragraph = f"{LEARNING_REVIEW_PREFIX}{learning_review_reason.strip()}"
    return f"{reasons}\n\n{paragraph}" if reasons else paragraph


def split_learning_review_reason(stored: str) -> tuple[str, str]:
    """The inverse of `join_learning_review_reason`: (reasons, reason for another learning review)."""
    head, separator, tail = stored.rpartition(f"\n\n{LEARNING_REVIEW_PREFIX}")
    if not separator:
        if stored.startswith(LEARNING_REVIEW_PREFIX):
            return "", stored[len(LEARNING_REVIEW_PREFIX) :]
        return stored, ""
    return head, tail
