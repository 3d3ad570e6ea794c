"""The demo practice reviews as data: one review per `SLOTS` entry in every partnership, so each shows a
review at every stage (commissioning to archived), a learning review, the local part of a national review
and a thematic review of several incidents; and the words their reports and briefings use.

Titles are the anonymised names reviews are published under, new but in the seeds' voice ("Bella and Ben",
"Baby Eva", "The Unseen Men"). They never use the first names the demo gives its children
(`cspr.demo.incidents.FIRST_NAMES`), so the anonymisation check has nothing to find in them. `{title}` and
`{partnership}` in the texts are filled in for each review.
"""

from dataclasses import dataclass

from cspr.practice_reviews.models import LearningReviewMethod as M
from cspr.practice_reviews.models import Methodology
from cspr.practice_reviews.models import ReviewKind as K

# How far a demo review has gone; each includes the ones before it, except the three published ends.
COMMISSIONING = "commissioning"
RUNNING = "running"
QUALITY_ASSURANCE = "quality_assurance"
PRE_PUBLICATION = "pre_publication"
PUBLISHED = "published"
IMPROVEMENTS = "improvements"
ARCHIVED = "archived"
ORDER = (COMMISSIONING, RUNNING, QUALITY_ASSURANCE, PRE_PUBLICATION, PUBLISHED)


@dataclass(frozen=True)
class Story:
    """What one review found, in the words of its public summary and its briefings."""

    themes: tuple[str, ...]  # library Theme labels
    summary: str
    case: str
    found: tuple[str, ...]
    matters: str
    to_do: tuple[str, ...]
    questions: tuple[str, ...]
    enquiry: tuple[str, ...]


@dataclass(frozen=True)
class Slot:
    """One demo review in every partnership. `decided_ago` is in days before today, unless the review is
    linked to a demo rapid review (`links`: incident keys whose rapid review decided this kind of review),
    when the executive's decision date is used. `titles` are (title, story key), one per partnership."""

    key: str
    kind: str
    stage: str
    decided_ago: int
    titles: tuple[tuple[str, str], ...]
    methodology: str = Methodology.SCIE_LEARNING_TOGETHER
    learning_method: str = ""
    links: tuple[str, ...] = ()
    thematic_incidents: tuple[str, ...] = ()
    briefings: tuple[str, ...] = ()
    only_when_linked: bool = False


SLOTS: tuple[Slot, ...] = (
    Slot(
        "commissioning",
        K.LOCAL_CSPR,
        COMMISSIONING,
        20,
        (
            ("Child J", "adolescent"),
            ("Baby Orla", "nai_baby"),
            ("Harper and Jude", "neglect"),
            ("Child W", "domestic_abuse"),
            ("Baby Nell", "safe_sleep"),
        ),
        links=("notified late", "younger sibling"),
    ),
    Slot(
        "running",
        K.LOCAL_CSPR,
        RUNNING,
        100,
        (
            ("Family P", "domestic_abuse"),
            ("Child D", "adolescent"),
            ("Baby Wren", "nai_baby"),
            ("Rosa and Tom", "neglect"),
            ("Child V", "disability"),
        ),
    ),
    Slot(
        "quality assurance",
        K.LOCAL_CSPR,
        QUALITY_ASSURANCE,
        165,
        (
            ("Baby Ezra", "safe_sleep"),
            ("Family S", "neglect"),
            ("Child Q", "disability"),
            ("Baby Iris", "nai_baby"),
            ("Child M", "adolescent"),
        ),
    ),
    Slot(
        "pre-publication",
        K.LOCAL_CSPR,
        PRE_PUBLICATION,
        200,
        (
            ("Child N", "disability"),
            ("The Man on the Sofa", "unseen_men"),
            ("Family R", "domestic_abuse"),
            ("Callum", "adolescent"),
            ("Baby Hope", "safe_sleep"),
        ),
        briefings=("seven_minute",),
    ),
    Slot(
        "published",
        K.LOCAL_CSPR,
        PUBLISHED,
        300,
        (
            ("Nobody Asked Who Else Lived There", "unseen_men"),
            ("Holly and Max", "neglect"),
            ("Baby Ivy", "nai_baby"),
            ("Not Just a Missed Appointment", "disability"),
            ("Child T", "domestic_abuse"),
        ),
        links=("older sibling",),
        briefings=("seven_minute", "six_step"),
    ),
    Slot(
        "improvements published",
        K.LOCAL_CSPR,
        IMPROVEMENTS,
        280,
        (
            ("Child G", "adolescent"),
            ("Family B", "domestic_abuse"),
            ("Child Y", "adolescent"),
            ("Baby Alfie", "safe_sleep"),
            ("Family H", "neglect"),
        ),
    ),
    Slot(
        "archived",
        K.LOCAL_CSPR,
        ARCHIVED,
        620,
        (
            ("Baby Skye", "nai_baby"),
            ("Child F", "disability"),
            ("Baby Dora", "safe_sleep"),
            ("Family L", "unseen_men"),
            ("Child E", "neglect"),
        ),
        briefings=("seven_minute",),
    ),
    Slot(
        "learning review",
        K.LEARNING_REVIEW,
        PUBLISHED,
        250,
        (
            ("Learning from Child C", "neglect"),
            ("Beyond the School Gate", "adolescent"),
            ("Sleeping Safely: Baby Fern", "safe_sleep"),
            ("Learning from Family A", "domestic_abuse"),
            ("The Quiet Bedroom", "disability"),
        ),
        methodology=Methodology.APPRECIATIVE_INQUIRY,
        learning_method=M.MULTI_AGENCY_CASE_REVIEW,
        links=("older sibling",),
        briefings=("seven_minute",),
    ),
    Slot(
        "learning review under way",
        K.LEARNING_REVIEW,
        RUNNING,
        45,
        (
            ("Child U", "adolescent"),
            ("Baby Edie", "nai_baby"),
            ("Child X", "neglect"),
            ("Child Z", "disability"),
            ("Family O", "domestic_abuse"),
        ),
        methodology=Methodology.SILP,
        learning_method=M.PARTNERSHIP_REVIEW,
        links=("younger sibling",),
        only_when_linked=True,
    ),
    Slot(
        "national review",
        K.NATIONAL_REVIEW,
        RUNNING,
        120,
        (
            ("National review: children with disabilities in residential settings", "disability"),
            ("National review: safeguarding children at risk from criminal exploitation", "adolescent"),
            ("National review: the men in babies' lives", "unseen_men"),
            ("National review: children who die suddenly in unsafe sleep", "safe_sleep"),
            ("National review: physical abuse of babies under one", "nai_baby"),
        ),
        methodology=Methodology.HYBRID,
        links=("older sibling",),
    ),
    Slot(
        "thematic review",
        K.LOCAL_CSPR,
        RUNNING,
        40,
        (("Thematic review into significant physical abuse of children under five", "nai_baby"),) * 5,
        thematic_incidents=("older sibling", "younger sibling", "notified late"),
    ),
)

STORIES: dict[str, Story] = {
    "unseen_men": Story(
        themes=("fathers and male carers", "professional curiosity", "non-accidental injury"),
        summary="Men in the household who were not known to agencies; professional "
        "curiosity; injuries to a baby.",
        case="{title} is about a baby who suffered serious injuries at home. The mother's new partner had "
        "moved in a few weeks before; no agency had asked who he was or what part he played in the baby's "
        "care.",
        found=(
            "Practitioners focused on the mother; the men around the baby were invisible in records and "
            "assessments.",
            "Information the police held about the partner's past violence was not shared with health "
            "services.",
            "Questions about who lives in the home were asked once, at booking, and never again.",
        ),
        matters="Men who care for babies, whether fathers or partners, shape the risk and the protection "
        "around a child. If we do not see them, we cannot assess them.",
        to_do=(
            "Ask at every contact who lives in the home and who looks after the baby.",
            "Record the names and dates of birth of adults in the household and check them with partners.",
            "Invite fathers and male carers to appointments and assessments, and record when they do not "
            "come.",
        ),
        questions=(
            "Who are the men in the lives of the children you work with?",
            "What gets in the way of you speaking to fathers and partners?",
            "How do you record someone you have heard about but never met?",
        ),
        enquiry=(
            "How did agencies identify and assess the adults caring for the baby?",
            "What was known about the partner, and by whom?",
            "How were fathers and male carers included in assessments and plans?",
        ),
    ),
    "neglect": Story(
        themes=("neglect", "voice of the child", "escalation and challenge"),
        summary="Long-term neglect of young children; the child's lived experience; "
        "escalating concerns when things do not change.",
        case="{title} is about young children who lived with neglect for several years. Many agencies knew "
        "the family; each saw part of the picture, and plans were closed when things briefly improved.",
        found=(
            "Neglect was seen as a series of episodes rather than as the children's daily experience.",
            "Improvements were accepted at face value and plans were stepped down before change had lasted.",
            "Practitioners who were worried did not use the escalation procedure when their concerns were "
            "not acted on.",
        ),
        matters="Neglect harms children slowly and lastingly. Its signs are easy to get used to, and "
        "children rarely say what is happening to them.",
        to_do=(
            "Use the neglect assessment tool to look at the whole history, not only the latest event.",
            "Describe what a day is like for the child, in the child's words where you can.",
            "Escalate, in writing, when you remain worried and nothing changes.",
        ),
        questions=(
            "How do you know change in a family has lasted?",
            "When did you last escalate a concern, and what happened?",
            "What would the children say about their day if you asked them?",
        ),
        enquiry=(
            "How well did agencies understand the children's daily lives?",
            "How were decisions to close or step down plans made and tested?",
            "How were professional disagreements raised and resolved?",
        ),
    ),
    "nai_baby": Story(
        themes=("non-accidental injury", "bruising in non-mobile babies", "information sharing"),
        summary="Non-accidental injuries to a baby; bruising in babies who are not yet "
        "mobile; sharing information between health services.",
        case="{title} is about a baby of a few months old who was found to have several fractures and "
        "bruising. A small bruise had been seen weeks earlier and was explained by the parents.",
        found=(
            "A bruise on a non-mobile baby was accepted as accidental without following the partnership's "
            "protocol.",
            "Health professionals each knew something about the parents' stress; nobody put it together.",
            "The parents' own histories of care were known to children's social care but not to "
            "midwifery or health visiting.",
        ),
        matters="Bruising in a baby who cannot move independently is rare and can be the first sign of "
        "abuse. Acting on it early can prevent far more serious harm.",
        to_do=(
            "Follow the bruising in non-mobile babies protocol every time, whatever the explanation.",
            "Share concerns about parents' stress and mental health with the health visitor and GP.",
            "Ask parents about their own childhood and support networks at the pre-birth assessment.",
        ),
        questions=(
            "Would you know where to find the bruising protocol today?",
            "How do you check an explanation you are given for an injury?",
            "What stops information about parents reaching the practitioners who see the baby?",
        ),
        enquiry=(
            "How were early signs of injury responded to?",
            "How did health agencies share what they knew about the parents?",
            "How was the pre-birth assessment used after the baby was born?",
        ),
    ),
    "adolescent": Story(
        themes=(
            "adolescents and extra-familial harm",
            "criminal exploitation",
            "education and school attendance",
        ),
        summary="Exploitation of a teenager outside the home; missing from school and home; "
        "transitions between services.",
        case="{title} is about a teenager who was seriously hurt after being exploited by adults selling "
        "drugs. In the year before, they had been excluded from school, gone missing several times and been "
        "arrested far from home.",
        found=(
            "Each missing episode was handled on its own; the pattern of exploitation was recognised late.",
            "The young person was treated as an offender rather than as a child at risk.",
            "The move out of mainstream school left nobody who knew the young person well.",
        ),
        matters="Teenagers harmed outside their family need a response that sees the risk where it is: in "
        "their peer groups, places and online, not only at home.",
        to_do=(
            "Use return home interviews to build a picture across episodes, and share it.",
            "Refer to the exploitation panel when a young person goes missing and is found far from home.",
            "Plan school moves with the young person and make sure one adult stays in touch.",
        ),
        questions=(
            "When do you see a young person as a victim rather than an offender?",
            "Who knows the places and people where the young people you work with spend time?",
            "What happens to a young person's support when they leave school?",
        ),
        enquiry=(
            "How did agencies recognise and respond to exploitation?",
            "How were missing episodes and arrests shared and acted on?",
            "What was the impact of the young person's exclusion from school?",
        ),
    ),
    "safe_sleep": Story(
        themes=("sudden unexpected infant death", "safe sleep", "parental substance misuse"),
        summary="The sudden unexpected death of a baby; co-sleeping after alcohol use; safer "
        "sleep advice to families under stress.",
        case="{title} is about a baby who died suddenly while sharing a sofa with a parent who had been "
        "drinking. The family had been given safer sleep advice, but not since moving to a new home.",
        found=(
            "Safer sleep advice was given once, as a leaflet, and not revisited when circumstances changed.",
            "Agencies did not link the parents' alcohol use with the risk of sleeping with the baby.",
            "The family's move to temporary accommodation without a cot was not shared with health visiting.",
        ),
        matters="Most sudden infant deaths in unsafe sleep happen when the family's routine is disrupted. "
        "Advice works best when it is repeated, practical and talked through.",
        to_do=(
            "Talk about safer sleep at every contact, and especially when something changes for the family.",
            "Ask where the baby sleeps, and look, when you visit the home.",
            "Tell health visiting when a family with a baby moves or has no cot.",
        ),
        questions=(
            "When did you last talk to a family about where their baby sleeps?",
            "How do you talk about alcohol and drugs with parents of babies?",
            "Which changes in a family's life would make you repeat safer sleep advice?",
        ),
        enquiry=(
            "How was safer sleep advice given and followed up?",
            "How did agencies understand the parents' alcohol use?",
            "How was the family's move shared between agencies?",
        ),
    ),
    "disability": Story(
        themes=("children with disabilities", "voice of the child", "professional curiosity"),
        summary="A disabled child who communicated without speech; missed health "
        "appointments; seeing the child and not only the condition.",
        case="{title} is about a disabled child with complex health needs who was seriously harmed by "
        "neglect of their care. Appointments were missed for months and were recorded as the family's "
        "choice.",
        found=(
            "The child's disability was used to explain signs that, in another child, would have raised "
            "concern.",
            "Missed appointments were recorded as 'did not attend' rather than as the child not being "
            "brought.",
            "Nobody had learned how the child communicated, so the child's views were never recorded.",
        ),
        matters="Disabled children are more likely to be abused and less likely to be protected. Their "
        "voice matters as much as any child's, and it takes effort to hear it.",
        to_do=(
            "Record missed appointments as 'was not brought' and follow them up.",
            "Find out how the child communicates, and use it to ask for their views.",
            "Ask whether you would accept this explanation for a child who is not disabled.",
        ),
        questions=(
            "How do you find out the views of a child who does not use speech?",
            "What do you do when a child is not brought to an appointment?",
            "Where could a child's disability be hiding their experience from you?",
        ),
        enquiry=(
            "How were the child's views sought and recorded?",
            "How were missed appointments understood and followed up?",
            "How did the child's disability affect professionals' judgements?",
        ),
    ),
    "domestic_abuse": Story(
        themes=("domestic abuse", "parental mental health", "housing and homelessness"),
        summary="Domestic abuse and coercive control; a parent's mental health; families "
        "moving between temporary homes.",
        case="{title} is about children who lived with domestic abuse for several years while the family "
        "moved between temporary homes. Their mother's mental health declined, and the children were "
        "seriously harmed during an incident at home.",
        found=(
            "Police call-outs were shared, but risk was assessed incident by incident rather than as a "
            "pattern of coercive control.",
            "Each move of home restarted services, and records did not follow the family.",
            "The mother's own needs were seen separately from the children's safety.",
        ),
        matters="Children who live with domestic abuse are victims in their own right. Moving home and a "
        "parent's poor mental health can hide what is happening and increase the danger.",
        to_do=(
            "Ask about coercive control, not only physical violence, and record what children see and hear.",
            "When a family moves, make sure the next service has the history, not only the last referral.",
            "Think family: when you support a parent's mental health, ask about the children.",
        ),
        questions=(
            "How do you find out what a child living with domestic abuse experiences?",
            "What happens to your concerns when a family moves out of your area?",
            "How do adult and children's services talk to each other in your team?",
        ),
        enquiry=(
            "How did agencies understand the pattern of domestic abuse?",
            "How did frequent moves affect the support the family received?",
            "How were the mother's mental health and the children's safety considered together?",
        ),
    ),
}

# The published names of the demo's independent reviewers (fictional), one set per partnership: the
# first writes the published reviews; the second declared a conflict of interest on the newest review.
REVIEWERS = (
    (("Dr Morgan Notreal", "Notreal Learning Associates"), ("Pat Imaginary", "Imaginary Consulting")),
    (("Jo Fictional", "Independent safeguarding consultant"), ("Chris Madeupson", "Madeupson Reviews")),
    (("Sam Storyteller", "Storyteller and Partners"), ("Alex Nonesuch", "Independent social worker")),
    (("Dr Robin Figment", "Figment Safeguarding"), ("Kit Invented", "Invented Practice Ltd")),
    (("Lee Hypothetical", "Independent reviewer"), ("Dana Pretend", "Pretend Associates")),
)
# Review panel members without a cspr account: (fictional name, role, agency kind).
PANEL_PEOPLE = (
    ("T. Notional", "Head of service, safeguarding", "childrens_social_care"),
    ("H. Unreal", "Detective inspector, public protection", "police"),
    ("B. Pretend", "Designated nurse for safeguarding children", "integrated_care_board"),
)
