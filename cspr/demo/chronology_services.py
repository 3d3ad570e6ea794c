"""What children's social care, the police, schools, nurseries and the services for the adults of the
household write in a demo chronology (`cspr.demo.chronology_templates` explains the data)."""

from cspr.chronology.models import EventType as E

from .chronology_templates import YEAR, Profile, Template

CSC = Profile(
    roles=(
        "Social worker",
        "Senior social worker",
        "Team manager",
        "MASH social worker",
        "Family support worker",
    ),
    sources=("Case note {n7}", "Contact record C{n6}", "Assessment record A{n6}", "Case note {n7}"),
    weight=1.6,
    ages=(-420, 100 * YEAR),
    templates=(
        Template(
            E.REFERRAL,
            "Contact received in the multi-agency safeguarding hub raising concerns about {concern}.",
            "Checks completed with health, police and education; progressed to a child and family "
            "assessment.",
            "Concerns were known to several agencies before this contact.",
        ),
        Template(
            E.REFERRAL,
            "Contact from a relative worried about {concern} in the household.",
            "No further action; advice given to the caller and the family signposted to early help.",
            "Second contact about the same concern within a year.",
        ),
        Template(
            E.ASSESSMENT,
            "Child and family assessment started. {child} seen at home with {carer}; home conditions {home}.",
            "Assessment completed; outcome: support under a child in need plan.",
            "The assessment relied on what the mother said; the mother's partner was not seen.",
        ),
        Template(
            E.ASSESSMENT,
            "Pre-birth assessment started after the safeguarding midwife's referral. {Carer} seen at home.",
            "Assessment to be completed before the 28th week of pregnancy.",
            "",
            ages=(-200, -60),
        ),
        Template(
            E.HOME_VISIT,
            "Statutory home visit. {child} seen {seen}. {Carer} said {said}.",
            "Next visit booked within 10 working days.",
            "",
        ),
        Template(
            E.HOME_VISIT,
            "Unannounced home visit; no answer at the door, although a television could be heard inside.",
            "Card left; {carer} contacted by telephone later that day and a new visit arranged.",
            "Pattern of visits where the child could not be seen at home.",
        ),
        Template(
            E.HOME_VISIT,
            "Joint home visit with the health visitor. {child} seen and observed with {carer}; warm "
            "interaction.",
            "Plan reviewed with {carer}; agreed to attend the parenting group.",
            "",
        ),
        Template(
            E.STRATEGY_DISCUSSION,
            "Strategy discussion by telephone with police and health after a report of {concern}.",
            "Threshold for a section 47 enquiry not met; single-agency assessment to continue.",
            "The decision rested on the information the police held at the time.",
        ),
        Template(
            E.CONFERENCE,
            "Core group meeting. Progress on the child protection plan reviewed with {carer} and agencies.",
            "Actions updated; {carer} to attend all health appointments for {child}.",
            "Agencies reported improvement based on what the adults said rather than on observation.",
        ),
        Template(
            E.MEETING,
            "Child in need meeting at the family home with {carer}, the health visitor and the school nurse.",
            "Child in need plan reviewed; to continue for three months.",
            "",
        ),
        Template(
            E.PHONE_CALL,
            "Telephone call to {carer} to arrange a visit; {carer} said {child} was well and had no "
            "concerns.",
            "Visit arranged for the following week.",
            "",
        ),
        Template(
            E.LETTER,
            "Letter sent to {carer} confirming the outcome of the assessment and the support offered.",
            "",
            "",
        ),
        Template(
            E.INFORMATION_SHARING,
            "Request for information sent to the GP practice and the health visiting service.",
            "Responses received within three working days.",
            "",
        ),
        Template(
            E.OTHER,
            "Case allocated to a new social worker after a change of team.",
            "Transfer visit completed jointly by the outgoing and incoming social workers.",
            "Third change of social worker for the family.",
            weight=0.3,
        ),
        Template(
            E.OTHER,
            "Case closed to children's social care; stepped down to early help.",
            "Closure letter sent to {carer}; early help worker allocated.",
            "Step-down happened shortly before further concerns were raised.",
            weight=0.2,
        ),
    ),
)

POLICE = Profile(
    roles=(
        "Police constable",
        "Detective constable",
        "Detective sergeant",
        "Public protection unit officer",
        "Call handler",
    ),
    sources=("CRIMES ref {n2}/{n5}/{yy}", "Command and control log {yy}-{n4}", "CRIMES ref {n2}/{n5}/{yy}"),
    weight=1.2,
    ages=(-600, 100 * YEAR),
    times_usual=True,
    templates=(
        Template(
            E.POLICE_INCIDENT,
            "Call from a neighbour reporting shouting at the family address. Officers attended; {carer} and "
            "{partner} present.",
            "Domestic abuse risk assessment completed: {risk} risk. Notification sent to the safeguarding "
            "hub.",
            "Exposure of the household to domestic abuse.",
            timed=True,
        ),
        Template(
            E.POLICE_INCIDENT,
            "Officers attended a verbal argument at the family address; {child} was {seen}.",
            "No offences disclosed; words of advice given. Child notification sent to children's social "
            "care.",
            "The child was present during an incident of domestic abuse.",
            timed=True,
        ),
        Template(
            E.POLICE_INCIDENT,
            "Report of a concern for the welfare of {carer} after a distressed call to a relative. Officers "
            "attended and found {carer} calm.",
            "No further police action.",
            "",
            timed=True,
            weight=0.5,
        ),
        Template(
            E.OTHER,
            "{Partner} arrested on suspicion of common assault on {carer}; interviewed and released under "
            "investigation.",
            "Case later closed: victim did not support a prosecution.",
            "Pattern of incidents where the victim withdrew support.",
            timed=True,
            weight=0.3,
        ),
        Template(
            E.INFORMATION_SHARING,
            "Police checks provided to the safeguarding hub: {n} previous domestic incidents at the address.",
            "",
            "",
        ),
        Template(
            E.MEETING,
            "Multi-agency risk assessment conference discussed {carer}; safety plan reviewed.",
            "Actions for police: markers on the address; welfare check to be offered.",
            "",
        ),
        Template(
            E.PHONE_CALL, "Officer telephoned {carer} to follow up an earlier incident; no answer.", "", ""
        ),
        Template(
            E.LETTER,
            "Letter sent to {carer} with details of local domestic abuse support services.",
            "",
            "",
            weight=0.4,
        ),
    ),
)

SCHOOL = Profile(
    roles=(
        "Class teacher",
        "Designated safeguarding lead",
        "Headteacher",
        "Attendance officer",
        "Pastoral lead",
    ),
    sources=("Safeguarding log entry {n3}", "Attendance register {iso}", "Safeguarding log entry {n3}"),
    weight=1.1,
    ages=(4 * YEAR, 19 * YEAR),
    templates=(
        Template(
            E.EDUCATION,
            "{child} arrived late and hungry; breakfast given and the designated safeguarding lead informed.",
            "",
            "Signs of neglect recorded without being linked together.",
        ),
        Template(
            E.EDUCATION, "{child}'s attendance this half term fell to {pct}%.", "Attendance letter sent.", ""
        ),
        Template(
            E.EDUCATION,
            "{child} had {injury}; {child} said it happened while playing.",
            "Recorded on the safeguarding log; {carer} told at collection.",
            "",
        ),
        Template(
            E.PHONE_CALL,
            "Designated safeguarding lead telephoned {carer} about {child}'s absence; {carer} said {child} "
            "was "
            "unwell.",
            "",
            "",
        ),
        Template(E.MEETING, "Team around the family meeting at school with {carer}.", "Plan reviewed.", ""),
        Template(
            E.REFERRAL,
            "School referred to the safeguarding hub after {child} spoke about shouting at home.",
            "",
            "Appropriate referral.",
        ),
        Template(E.HOME_VISIT, "Attendance officer home visit after three days' absence; no answer.", "", ""),
        Template(E.LETTER, "Letter to {carer} about {child}'s punctuality.", "", ""),
    ),
)

EARLY_YEARS = Profile(
    roles=("Nursery key person", "Nursery manager", "Early years practitioner"),
    sources=("Nursery record {iso}",),
    weight=0.8,
    ages=(YEAR, 5 * YEAR),
    templates=(
        Template(E.EDUCATION, "{child} started at nursery for funded hours.", "", "", once=True),
        Template(
            E.EDUCATION,
            "Nursery key person noted {child} was quiet and withdrawn at drop-off.",
            "Recorded; {carer} spoken to at collection.",
            "",
        ),
        Template(
            E.EDUCATION,
            "{child} was not collected until an hour after the nursery closed.",
            "Manager telephoned {carer}; recorded as a safeguarding concern.",
            "",
        ),
        Template(E.NOT_BROUGHT, "{child} did not attend nursery for a week; no reason given.", "", ""),
        Template(
            E.EDUCATION,
            "The older sibling's key person noted {carer} seemed exhausted at collection and said {said}.",
            "Nursery manager offered a referral to the family hub.",
            "Nursery knew of the pressures on the household.",
            ages=(-300, 5 * YEAR),
        ),
        Template(
            E.EDUCATION,
            "The older sibling was collected from nursery by {partner}, who smelled of alcohol.",
            "Manager spoke to {carer} by telephone; recorded on the safeguarding log.",
            "",
            ages=(-300, 5 * YEAR),
        ),
        Template(E.PHONE_CALL, "Nursery manager telephoned {carer} about {child}'s absence.", "", ""),
    ),
)

# Services for the adults of the household: what they record is about the mother or her partner.
PROBATION = Profile(
    roles=("Probation officer", "Probation services officer"),
    sources=("Case management record {iso}",),
    weight=0.5,
    ages=(-600, 100 * YEAR),
    templates=(
        Template(
            E.APPOINTMENT,
            "{Partner} attended a supervision appointment and said he was living at a different address.",
            "Address not verified.",
            "The adult's account of where he lived was not checked with other agencies.",
        ),
        Template(
            E.NOT_BROUGHT, "{Partner} did not attend a supervision appointment.", "Warning letter sent.", ""
        ),
        Template(
            E.INFORMATION_SHARING,
            "Risk assessment about {partner} shared with children's social care on request.",
            "",
            "",
        ),
        Template(
            E.HOME_VISIT, "Home visit to {partner}'s recorded address; {carer} answered the door.", "", ""
        ),
        Template(
            E.MEETING, "Multi-agency public protection meeting discussed {partner}.", "Plan reviewed.", ""
        ),
    ),
)

HOUSING = Profile(
    roles=("Housing officer", "Tenancy support officer"),
    sources=("Housing file HF{n5}",),
    weight=0.4,
    ages=(-600, 100 * YEAR),
    templates=(
        Template(E.HOME_VISIT, "Tenancy visit; {carer} seen; home conditions {home}.", "", ""),
        Template(E.LETTER, "Letter to {carer} about rent arrears.", "Repayment plan offered.", ""),
        Template(
            E.OTHER,
            "The family moved to temporary accommodation after a notice to quit.",
            "Address change shared with the GP practice only.",
            "Other agencies did not know the family had moved.",
            weight=0.4,
        ),
        Template(E.PHONE_CALL, "Neighbour reported noise from the flat late at night.", "Recorded.", ""),
    ),
)

EARLY_HELP = Profile(
    roles=("Family support worker", "Early help coordinator"),
    sources=("Early help record {iso}",),
    weight=0.7,
    ages=(-200, 18 * YEAR),
    templates=(
        Template(E.ASSESSMENT, "Early help assessment completed with {carer}.", "Family plan agreed.", ""),
        Template(E.HOME_VISIT, "Family support visit; worked with {carer} on routines.", "", ""),
        Template(E.MEETING, "Team around the family review meeting.", "Plan continued for three months.", ""),
    ),
)

# Youth justice works with children from 10: a younger child's return finds no involvement.
YOUTH_JUSTICE = Profile(
    roles=("Youth justice officer", "Case manager"),
    sources=("Youth justice record {iso}",),
    weight=0.5,
    ages=(10 * YEAR, 18 * YEAR),
    templates=(
        Template(E.ASSESSMENT, "Assessment of {child} after an out-of-court disposal.", "Plan agreed.", ""),
        Template(E.APPOINTMENT, "{child} attended a planned session with the case manager.", "", ""),
        Template(E.NOT_BROUGHT, "{child} did not attend the planned session.", "Home visit arranged.", ""),
    ),
)
