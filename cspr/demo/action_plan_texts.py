"""The recommendations of the demo action plans, and what each agency will change.

Practice reviews' recommendations follow their stories (`practice_review_specs.STORIES`), so a plan reads
like the review it came from; rapid reviews get immediate safety actions (due within working days) and
immediate learning; each partnership also adopts one national Panel report, with local recommendations
written for the demo (not the report's own). Agencies are given by kind: the first get actions first.
"""

from dataclasses import dataclass

from cspr.partnerships.models import AgencyKind as K

from .action_plan_specs import Rec

STORY_RECOMMENDATIONS: dict[str, tuple[Rec, ...]] = {
    "unseen_men": (
        Rec(
            "Agencies should ask at every contact who lives in the home and who cares for the baby, and "
            "record the answer.",
            ("fathers and male carers", "professional curiosity"),
            "An audit of 20 records a quarter shows every adult in the household named and checked",
            (
                (
                    K.HEALTH_VISITING,
                    "Add a 'who lives here' prompt to every health visiting contact template",
                ),
                (K.MIDWIFERY, "Repeat the household question at the 28-week and discharge contacts"),
                (K.CHILDRENS_SOCIAL_CARE, "Make household composition a required field in assessments"),
            ),
        ),
        Rec(
            "The police should share with health services what they know about adults joining a "
            "household with a baby.",
            ("information sharing", "fathers and male carers"),
            "Every domestic abuse notification about a household with a baby under one reaches the "
            "health visitor within 2 working days",
            (
                (K.POLICE, "Route notifications about households with babies to the health hub the same day"),
                (K.HEALTH_VISITING, "Triage police notifications daily and record the action taken"),
            ),
        ),
        Rec(
            "Fathers and male carers should be invited to appointments and assessments, and their absence "
            "recorded and followed up.",
            ("fathers and male carers", "voice of the child"),
            "Fathers' attendance recorded in 90% of new birth visits",
            (
                (K.HEALTH_VISITING, "Send invitation letters to both parents for new birth visits"),
                (K.EARLY_YEARS, "Hold a fathers' session at each family hub every term"),
            ),
        ),
        Rec(
            "The partnership should run multi-agency training on assessing men in the household.",
            ("fathers and male carers", "non-accidental injury"),
            "80% of front-line practitioners trained within a year; evaluation shows changed practice",
            (
                (K.CHILDRENS_SOCIAL_CARE, "Commission and run the multi-agency training programme"),
                (K.GP, "Release GPs for the training and record attendance by practice"),
            ),
        ),
    ),
    "neglect": (
        Rec(
            "Agencies should use the partnership's neglect assessment tool when neglect is suspected, and "
            "share the result.",
            ("neglect", "professional curiosity"),
            "The tool used in 75% of cases where neglect is recorded as a concern",
            (
                (K.HEALTH_VISITING, "Train every health visitor in the neglect tool and audit its use"),
                (K.SCHOOL, "Brief designated safeguarding leads on the tool at the termly network"),
                (K.CHILDRENS_SOCIAL_CARE, "Include the tool's score in every strategy discussion record"),
            ),
        ),
        Rec(
            "Children who are not brought to health appointments should be followed up as a safeguarding "
            "concern.",
            ("neglect", "voice of the child"),
            "A 'was not brought' procedure in use in every health provider; audit shows follow-up in 90%",
            (
                (K.GP, "Adopt the 'was not brought' procedure in every practice"),
                (K.ACUTE_TRUST, "Report missed paediatric outpatient appointments to the named nurse"),
                (K.HEALTH_VISITING, "Follow up every missed developmental review within 5 working days"),
            ),
        ),
        Rec(
            "Before a case steps down from children's social care, agencies should test that change in "
            "the family has lasted.",
            ("neglect", "escalation and challenge"),
            "Step-down meetings include every agency involved; re-referrals within 6 months fall",
            (
                (K.CHILDRENS_SOCIAL_CARE, "Require a multi-agency step-down meeting with evidence of change"),
                (K.SCHOOL, "Attend step-down meetings and report attendance and presentation"),
            ),
        ),
        Rec(
            "The partnership should understand the effect of poverty on neglect and make sure practitioners "
            "help families get the support they are entitled to.",
            ("neglect", "poverty and deprivation"),
            "Practitioners' survey shows confidence in discussing money and benefits",
            (
                (K.EARLY_YEARS, "Offer a benefits check at every family hub contact"),
                (K.HEALTH_VISITING, "Add the cost-of-living guide to the health visiting resource pack"),
            ),
        ),
    ),
    "nai_baby": (
        Rec(
            "Any bruise or mark on a baby who is not yet mobile should be referred under the partnership's "
            "protocol, whatever the explanation.",
            ("bruising in non-mobile babies", "non-accidental injury"),
            "Audit of referrals shows the protocol followed in every case",
            (
                (K.HEALTH_VISITING, "Re-launch the bruising protocol with a briefing in every team"),
                (K.GP, "Add the protocol to the practice safeguarding policy and the clinical system"),
                (K.ACUTE_TRUST, "Make the protocol part of the emergency department's triage checklist"),
            ),
        ),
        Rec(
            "Agencies should talk to parents about coping with crying, before birth and in the first weeks.",
            ("non-accidental injury", "pre-birth assessment"),
            "The crying conversation recorded at three contacts in 90% of records",
            (
                (K.MIDWIFERY, "Give the coping-with-crying conversation before discharge"),
                (K.HEALTH_VISITING, "Repeat the conversation at the new birth visit and at 6-8 weeks"),
            ),
        ),
        Rec(
            "Pre-birth assessments should include both parents' histories and any adult joining the "
            "household.",
            ("pre-birth assessment", "fathers and male carers"),
            "Pre-birth assessments audited quarterly; both parents assessed in 90%",
            (
                (K.CHILDRENS_SOCIAL_CARE, "Revise the pre-birth assessment template and guidance"),
                (K.PROBATION, "Share risk information about expectant fathers under supervision"),
            ),
        ),
        Rec(
            "Emergency department staff should check whether a child is known to children's social care "
            "and share what they find.",
            ("information sharing", "non-accidental injury"),
            "Every under-one attendance with an injury has a recorded check",
            (
                (K.ACUTE_TRUST, "Give emergency department staff access to the child protection register"),
                (K.INTEGRATED_CARE_BOARD, "Assure the check through the quarterly safeguarding dashboard"),
            ),
        ),
    ),
    "disability": (
        Rec(
            "Practitioners should make sure disabled children's views are heard, using the communication "
            "method that works for each child.",
            ("children with disabilities", "voice of the child"),
            "Records show the child's own communication method used in 80% of assessments",
            (
                (
                    K.CHILDRENS_SOCIAL_CARE,
                    "Fund communication training for the children with disabilities team",
                ),
                (K.SCHOOL, "Share each child's communication passport with social workers"),
                (K.HEALTH_VISITING, "Record each child's communication method on the health record"),
            ),
        ),
        Rec(
            "Missed health appointments for disabled children should be treated as a possible sign of "
            "neglect.",
            ("children with disabilities", "neglect"),
            "Audit shows missed appointments followed up in 90% of cases",
            (
                (K.ACUTE_TRUST, "Flag missed appointments of children with complex needs to the named nurse"),
                (K.GP, "Review disabled children's missed appointments at the practice safeguarding meeting"),
            ),
        ),
        Rec(
            "Agencies should not let a child's disability explain away signs of abuse.",
            ("children with disabilities", "professional curiosity"),
            "Case audit finds professional curiosity evident in 85% of cases",
            (
                (K.CAMHS, "Add the 'disability is not an explanation' briefing to clinical supervision"),
                (K.SCHOOL, "Cover the briefing at special school staff training days"),
            ),
        ),
        Rec(
            "Transition planning for disabled young people should start at 14 and include safeguarding.",
            ("children with disabilities", "adolescents and extra-familial harm"),
            "Transition plans in place at 14 for every young person known to the team",
            (
                (
                    K.CHILDRENS_SOCIAL_CARE,
                    "Include safeguarding in the transition protocol with adult services",
                ),
            ),
        ),
    ),
    "domestic_abuse": (
        Rec(
            "Agencies should see the child, alone where safe, when domestic abuse is reported in the home.",
            ("domestic abuse", "voice of the child"),
            "The child seen and their views recorded in 90% of domestic abuse referrals",
            (
                (K.POLICE, "Record the child's presence and account at every domestic abuse incident"),
                (K.CHILDRENS_SOCIAL_CARE, "Make seeing the child alone a standard of the assessment"),
                (K.HEALTH_VISITING, "Ask about domestic abuse at every contact when the mother is alone"),
            ),
        ),
        Rec(
            "Schools should be told the next morning when police attend a domestic abuse incident in a "
            "pupil's home.",
            ("domestic abuse", "information sharing"),
            "Every school in the area signed up; notifications sent before 9am",
            (
                (K.POLICE, "Extend the school notification scheme to every school in the area"),
                (K.SCHOOL, "Name a trained key adult in every school to receive notifications"),
            ),
        ),
        Rec(
            "Work with perpetrators should be part of the plan for the child, not only support for the "
            "victim.",
            ("domestic abuse", "fathers and male carers"),
            "Perpetrator engagement recorded in child protection plans where domestic abuse is the concern",
            (
                (K.PROBATION, "Share perpetrator programme attendance with the child's social worker"),
                (K.CHILDRENS_SOCIAL_CARE, "Include the perpetrator's engagement in every review conference"),
            ),
        ),
        Rec(
            "Practitioners should understand how coercive control affects a parent's ability to protect.",
            ("domestic abuse", "professional curiosity"),
            "Training evaluation and audit show coercive control recognised in assessments",
            (
                (K.HEALTH_VISITING, "Run coercive control training for all health visitors"),
                (K.GP, "Include coercive control in the annual GP safeguarding update"),
            ),
        ),
    ),
    "adolescent": (
        Rec(
            "Agencies should treat a young person going missing from home or school as a sign of possible "
            "exploitation.",
            ("criminal exploitation", "adolescents and extra-familial harm"),
            "Return-home interviews completed within 72 hours in 85% of missing episodes",
            (
                (K.POLICE, "Share every missing episode with the exploitation hub the same day"),
                (K.CHILDRENS_SOCIAL_CARE, "Complete return-home interviews within 72 hours"),
                (K.SCHOOL, "Report unexplained absence of pupils known to the hub the same day"),
            ),
        ),
        Rec(
            "Exclusion from school should trigger a multi-agency review of the young person's safety.",
            ("education and school attendance", "criminal exploitation"),
            "A safety review held before every permanent exclusion of a child known to the hub",
            (
                (K.SCHOOL, "Add a safety check to the exclusion procedure"),
                (K.CHILDRENS_SOCIAL_CARE, "Attend the safety review for children with an allocated worker"),
            ),
        ),
        Rec(
            "Young people's mental health needs should be assessed when they are exploited, whatever their "
            "involvement in offending.",
            ("child mental health and suicide", "criminal exploitation"),
            "CAMHS assessment offered within 4 weeks to every young person referred by the hub",
            (
                (K.CAMHS, "Give the exploitation hub a direct referral route to CAMHS"),
                (K.HEALTH_VISITING, "Refer through school nursing to the hub's CAMHS route"),
            ),
        ),
        Rec(
            "Practitioners should see a young person as a victim of exploitation, not as making choices.",
            ("adolescents and extra-familial harm", "voice of the child"),
            "Audit of records shows language describing exploitation as a choice has gone",
            (
                (K.POLICE, "Brief officers on the language guide for exploited children"),
                (K.SCHOOL, "Share the language guide at the designated safeguarding leads' network"),
            ),
        ),
    ),
    "safe_sleep": (
        Rec(
            "Every family with a new baby should have a safe sleep conversation that considers their own "
            "circumstances, including when plans change.",
            ("safe sleep", "sudden unexpected infant death"),
            "Safe sleep assessment recorded at every new birth visit and at 6-8 weeks",
            (
                (K.HEALTH_VISITING, "Use the safe sleep assessment tool at every contact in the first year"),
                (K.MIDWIFERY, "Give the safe sleep conversation at discharge and record it"),
                (K.EARLY_YEARS, "Train family hub staff to repeat safe sleep advice"),
            ),
        ),
        Rec(
            "Practitioners should ask about alcohol and drug use when giving safe sleep advice.",
            ("safe sleep", "parental substance misuse"),
            "Substance use question recorded with safe sleep advice in 90% of records",
            (
                (K.HEALTH_VISITING, "Add the substance use question to the safe sleep tool"),
                (K.GP, "Prompt safe sleep advice when prescribing to parents of babies"),
            ),
        ),
        Rec(
            "Housing and temporary accommodation should be considered in safe sleep planning.",
            ("safe sleep", "housing and homelessness"),
            "Every family in temporary accommodation with a baby has a cot and a sleep plan",
            (
                (K.CHILDRENS_SOCIAL_CARE, "Provide cots for families in temporary accommodation"),
                (K.HEALTH_VISITING, "Visit families in temporary accommodation within 10 days of a move"),
            ),
        ),
        Rec(
            "Safe sleep messages should reach fathers and other carers, not only mothers.",
            ("safe sleep", "fathers and male carers"),
            "Campaign reach measured; fathers' feedback gathered at family hubs",
            ((K.INTEGRATED_CARE_BOARD, "Run a safe sleep campaign aimed at fathers and grandparents"),),
        ),
    ),
}

# A rapid review's immediate safety actions (one agency each, due within working days of the decision).
SAFETY_ACTIONS = (
    Rec(
        "Check the safety of the siblings and agree a safety plan with the family.",
        ("voice of the child",),
        "Siblings seen and a written safety plan agreed",
        ((K.CHILDRENS_SOCIAL_CARE, "Visit the siblings and agree a written safety plan"),),
        working_days=5,
    ),
    Rec(
        "Remind health visitors of the protocol for injuries to non-mobile babies.",
        ("bruising in non-mobile babies",),
        "Briefing sent to every health visitor and discussed at team meetings",
        ((K.HEALTH_VISITING, "Send the protocol briefing and discuss it at every team meeting"),),
        working_days=10,
    ),
    Rec(
        "Add alerts to the health records of the other children in the family.",
        ("information sharing",),
        "Alerts in place on every sibling's GP and health visiting record",
        ((K.GP, "Add safeguarding alerts to the siblings' GP records"),),
        working_days=5,
    ),
    Rec(
        "Review the emergency department's process for telling health visitors about attendances.",
        ("information sharing", "non-accidental injury"),
        "Every under-one attendance reaches the health visitor within 1 working day",
        ((K.ACUTE_TRUST, "Review the liaison form process with the paediatric liaison nurse"),),
        working_days=15,
    ),
    Rec(
        "Share the police investigation timetable with the review group so that the review does not "
        "prejudice it.",
        ("information sharing",),
        "Timetable shared and reviewed at the next review group",
        ((K.POLICE, "Agree with the senior investigating officer what can be shared, and when"),),
        working_days=10,
    ),
)
# A rapid review's immediate learning, for agencies to act on before any further review.
RAPID_LEARNING = (
    Rec(
        "Practitioners should be curious about adults joining the household, and check what is known "
        "about them.",
        ("professional curiosity", "fathers and male carers"),
        "Learning briefing read by every front-line team; audit of 10 records",
        (
            (K.HEALTH_VISITING, "Share the rapid review's learning briefing at team meetings"),
            (K.POLICE, "Brief neighbourhood officers on checking adults in the household"),
        ),
        working_days=40,
    ),
    Rec(
        "Agencies should escalate when they disagree with a decision about a child, using the partnership's "
        "escalation procedure.",
        ("escalation and challenge",),
        "Escalations logged and reported to the review group each quarter",
        (
            (K.HEALTH_VISITING, "Remind staff of the escalation procedure in supervision"),
            (K.SCHOOL, "Cover escalation at the designated safeguarding leads' network"),
        ),
        working_days=60,
    ),
    Rec(
        "Information about the family should be shared at the first strategy discussion, by every agency "
        "that knows them.",
        ("information sharing",),
        "Strategy discussion records show every involved agency invited",
        ((K.CHILDRENS_SOCIAL_CARE, "Invite health and education to every strategy discussion"),),
        working_days=30,
    ),
)


@dataclass(frozen=True)
class NationalReport:
    title: str
    url: str
    recommendations: tuple[Rec, ...]


NATIONAL_REPORTS = (
    NationalReport(
        "Child Protection in England: national review (Child Safeguarding Practice Review Panel, 2022)",
        "https://www.gov.uk/government/publications/national-review-into-the-murders-of-arthur-labinjo-"
        "hughes-and-star-hobson",
        (
            Rec(
                "Make sure multi-agency child protection enquiries are carried out jointly by social care, "
                "police and health, with everyone's information in one place.",
                ("information sharing",),
                "Joint enquiries in 95% of section 47 cases, audited every quarter",
                (
                    (K.CHILDRENS_SOCIAL_CARE, "Set up joint child protection teams with police and health"),
                    (K.POLICE, "Second officers to the joint child protection teams"),
                    (K.INTEGRATED_CARE_BOARD, "Fund health practitioners in the joint teams"),
                ),
            ),
            Rec(
                "Take seriously and follow up concerns raised by wider family members.",
                ("escalation and challenge", "voice of the child"),
                "Audit shows family members' referrals followed up with feedback in 90% of cases",
                (
                    (K.CHILDRENS_SOCIAL_CARE, "Call back every family member who raises a concern"),
                    (K.POLICE, "Pass family members' concerns to the front door the same day"),
                ),
            ),
            Rec(
                "Practitioners should understand and check what a parent tells them, especially about new "
                "partners.",
                ("professional curiosity", "fathers and male carers"),
                "Case audit finds parents' accounts checked with other agencies",
                (
                    (K.HEALTH_VISITING, "Add 'check what you are told' to health visiting supervision"),
                    (K.EARLY_YEARS, "Train nursery managers to share concerns about changes at home"),
                ),
            ),
            Rec(
                "Children's own experience should be at the centre of every assessment.",
                ("voice of the child",),
                "Children's words recorded in 90% of assessments",
                (
                    (K.CHILDRENS_SOCIAL_CARE, "Revise the assessment template around the child's day"),
                    (K.SCHOOL, "Share what children say in school with social workers"),
                ),
            ),
            Rec(
                "The partnership should test how well agencies work together through a yearly multi-agency "
                "audit.",
                ("escalation and challenge",),
                "Annual audit report to the executive",
                ((K.INTEGRATED_CARE_BOARD, "Lead the first yearly multi-agency audit"),),
            ),
        ),
    ),
    NationalReport(
        "The myth of invisible men: safeguarding children under 1 from non-accidental injury caused by male "
        "carers (Child Safeguarding Practice Review Panel, 2021)",
        "https://www.gov.uk/government/publications/safeguarding-children-under-1-from-non-accidental-injury"
        "-caused-by-male-carers",
        (
            Rec(
                "Services for babies and parents should engage men as carers, not only as risks.",
                ("fathers and male carers",),
                "Fathers' engagement measured at family hubs and health visiting contacts",
                (
                    (K.HEALTH_VISITING, "Record fathers' details and engagement at every contact"),
                    (K.EARLY_YEARS, "Run fathers' groups at every family hub"),
                    (K.MIDWIFERY, "Invite fathers to antenatal appointments by name"),
                ),
            ),
            Rec(
                "Practitioners should assess the risks men pose and the support they need, using what "
                "every agency knows.",
                ("fathers and male carers", "information sharing"),
                "Audit shows police and probation information in assessments of men in the household",
                (
                    (K.PROBATION, "Tell children's social care when a supervised man lives with a baby"),
                    (K.POLICE, "Check and share domestic abuse history of new partners on request"),
                ),
            ),
            Rec(
                "Give parents practical help with the stress of a crying baby.",
                ("non-accidental injury",),
                "Coping-with-crying programme offered to every new family",
                (
                    (K.HEALTH_VISITING, "Deliver the coping-with-crying programme at the new birth visit"),
                    (K.MIDWIFERY, "Start the programme before discharge"),
                ),
            ),
            Rec(
                "Make sure pre-birth work considers men's histories of violence, substance use and mental "
                "health.",
                ("pre-birth assessment", "fathers and male carers"),
                "Pre-birth assessments include the father's history in 90% of cases",
                (
                    (K.CHILDRENS_SOCIAL_CARE, "Revise pre-birth guidance to assess both parents"),
                    (K.GP, "Share fathers' relevant history when asked for a pre-birth assessment"),
                ),
            ),
        ),
    ),
)

# Per kind of plan: one tuple of action states per recommendation (so 3-6 recommendations, 1-3 agencies).
# Rapid review plans: the first tuples are safety actions, the rest immediate learning.
