"""What synthetic reports are made of: weighted distributions for their metadata and the sentences, in
practitioners' words, that their sections are built from. Placeholders ({child}, {carer}, {agency},
{other_agency}, {when}, {detail}, {detail2}, {area}, {theme}) are filled per sentence by the writer."""

import calendar

from cspr.library import vocabulary

MONTHS = [calendar.month_name[number] for number in range(1, 13)]
LETTERS = "ABCDEFGHJKLMNPQRSTVWXYZ"

# English partnership areas; earlier ones are drawn more often (larger places hold more reviews).
AREAS = """Birmingham;Kent;Lancashire;Essex;Leeds;Manchester;Hampshire;Liverpool;Bradford;Surrey;Norfolk;
Devon;Nottinghamshire;Sheffield;Derbyshire;Staffordshire;Hertfordshire;Bristol;Lincolnshire;Cornwall;
Suffolk;Wiltshire;Shropshire;Gateshead;Southampton;Cumbria;Leicestershire;North Yorkshire;Coventry;
Newcastle upon Tyne;Sunderland;Middlesbrough;Kingston upon Hull;Wolverhampton;Sandwell;Stoke-on-Trent;
Plymouth;Portsmouth;Brighton and Hove;Croydon;Lambeth;Southwark;Hackney;Tower Hamlets;Newham;Haringey;
Barnet;Ealing;Camden;Islington;Luton;Peterborough;Milton Keynes;Reading;Swindon;Herefordshire;
Worcestershire;Warwickshire;Northumberland;Durham;Wirral;Sefton;Wigan;Bolton;Oldham;Rochdale;Salford;
Stockport;Calderdale;Kirklees;Wakefield;Doncaster;Rotherham;Barnsley;Dorset;Somerset;Oxfordshire""".replace(
    "\n", ""
).split(";")
AREA_WEIGHTS = [1 / (1 + rank * 0.08) for rank in range(len(AREAS))]
NATIONAL_AREA = "National"

YEARS = list(range(2012, 2026))
YEAR_WEIGHTS = [3, 4, 4, 5, 5, 6, 6, 7, 8, 9, 10, 11, 11, 9]
AGE_WEIGHTS = {"under_1": 35, "1_4": 18, "5_10": 12, "11_15": 21, "16_17": 14}
DEATH_SHARE = {"under_1": 0.55, "1_4": 0.45, "5_10": 0.35, "11_15": 0.45, "16_17": 0.5}
THEME_COUNTS, THEME_COUNT_WEIGHTS = [2, 3, 4, 5], [30, 40, 20, 10]

BASE_THEME_WEIGHTS = {
    "neglect": 10,
    "domestic abuse": 12,
    "parental mental health": 9,
    "parental substance misuse": 8,
    "professional curiosity": 10,
    "information sharing": 10,
    "escalation and challenge": 5,
    "voice of the child": 7,
    "fathers and male carers": 5,
    "housing and homelessness": 4,
    "poverty and deprivation": 3,
    "children with disabilities": 3,
    "children in care": 2,
    "covid-19": 6,
    "child sexual abuse": 2,
    "non-accidental injury": 2,
    "female genital mutilation": 0.3,
    "radicalisation": 0.4,
    "fabricated or induced illness": 0.5,
}
AGE_THEME_WEIGHTS = {
    "under_1": {
        "non-accidental injury": 10,
        "bruising in non-mobile babies": 5,
        "safe sleep": 8,
        "sudden unexpected infant death": 7,
        "pre-birth assessment": 5,
        "fathers and male carers": 8,
    },
    "1_4": {"non-accidental injury": 6, "neglect": 14, "fathers and male carers": 6},
    "5_10": {"child sexual abuse": 5, "children with disabilities": 5, "education and school attendance": 4},
    "11_15": {
        "criminal exploitation": 8,
        "child sexual exploitation": 6,
        "child mental health and suicide": 9,
        "online harm": 5,
        "adolescents and extra-familial harm": 8,
        "education and school attendance": 6,
        "children in care": 5,
    },
    "16_17": {
        "criminal exploitation": 9,
        "child sexual exploitation": 5,
        "child mental health and suicide": 10,
        "online harm": 3,
        "adolescents and extra-familial harm": 8,
        "children in care": 6,
    },
}

# Things a record mentions: the long tail of words that makes one report's passages unlike another's.
DETAILS = """kitchen bedroom garden stairs car bus nursery clinic pharmacy ward corridor playground park shop
bottle formula nappy cot pram blanket heater window door lock phone laptop letter leaflet meeting rota
burn scratch rash fever cough vomiting weight growth feeding crying speech hearing eyesight teeth eczema
asthma medication prescription inhaler vaccine interpreter advocate solicitor arrears rent eviction tenancy
repairs damp heating benefits debt voucher taxi hostel refuge caravan flat bungalow estate landlord
neighbour cousin uncle aunt grandfather lodger dog smoke cannabis methadone overdose scan x-ray photograph
statement interview allegation threat argument arrest bail caution trampoline bicycle football swimming
homework uniform lunchbox birthday christmas holiday funeral wedding hospital appointment ambulance
""".split()  # noqa: SIM905 - a paragraph of words reads better than a 110-item list
CARERS = ["mother", "father", "mother's partner", "maternal grandmother", "stepfather", "father's partner"]
AGENCIES = [
    "the health visitor",
    "the GP",
    "the midwife",
    "children's social care",
    "the police",
    "the school",
    "the nursery",
    "the emergency department",
    "CAMHS",
    "the housing officer",
    "the drug and alcohol service",
    "the youth justice service",
    "the early help worker",
    "the school nurse",
    "adult mental health services",
    "probation",
]

# Sentences by theme: how practitioners write about it, with the words a search or the tagger meets.
THEME_SENTENCES = {
    "non-accidental injury": [
        "A skeletal survey found healing rib fractures that the medical opinion said were inflicted.",
        "{child} was taken to the emergency department with a head injury that had no credible explanation.",
        "The paediatrician concluded that the injuries were non-accidental and a strategy meeting was held.",
        "The {carer} said the burn happened when {child} touched a radiator, which was accepted at the time.",
    ],
    "neglect": [
        "Home conditions were repeatedly described as poor, with little food in the house and dirty bedding.",
        "{child} missed immunisations and dental appointments, and was often seen in unwashed clothes.",
        "The cumulative impact of neglect was not recognised because each visit was seen on its own.",
        "The graded care profile was not used, so the persistent neglect was not measured over time.",
    ],
    "child sexual abuse": [
        "{child} made a disclosure of sexual abuse to a teacher, which was passed to the police that day.",
        "Intra-familial sexual abuse was not considered even though there were signs of harmful behaviour.",
        "Indecent images were later found on a relative's phone, and the police investigation widened.",
    ],
    "child sexual exploitation": [
        "{child} was seen getting into cars with older men, and staff feared she was being groomed.",
        "The sexual exploitation risk assessment was done but the plan did not disrupt the adults involved.",
        "Professionals described {child} as making lifestyle choices, language that hid exploitation.",
    ],
    "criminal exploitation": [
        "{child} was found in another town with cash and drugs, a sign of county lines exploitation.",
        "The national referral mechanism was used late, after {child} was arrested twice for drug running.",
        "Knife crime in the area and debts to an older gang member put {child} at growing risk.",
        "{child} went missing for days at a time and returned with new clothes and a second phone.",
    ],
    "domestic abuse": [
        "The police attended several domestic abuse incidents at the home, and {child} was present at two.",
        "The {carer} described coercive control, and the MARAC heard the case as high risk.",
        "The DASH risk assessment was graded medium although the violence had escalated.",
        "The impact of domestic abuse on {child} was not assessed as the adults said they had separated.",
    ],
    "parental mental health": [
        "The {carer} had a history of depression and was referred to the perinatal mental health team.",
        "Adult mental health services did not consider how the {carer}'s illness affected parenting.",
        "The {carer} stopped taking medication and was detained under the Mental Health Act.",
    ],
    "parental substance misuse": [
        "The {carer} drank heavily at weekends and had been seen intoxicated while caring for {child}.",
        "Cannabis use in the home and a history of heroin use were known to the drug and alcohol service.",
        "Parental substance misuse was recorded but its effect on supervision of {child} was not explored.",
    ],
    "child mental health and suicide": [
        "{child} told the school nurse about self-harm, and a referral to CAMHS was not accepted.",
        "{child} spoke about suicidal thoughts in an online message that friends reported to staff.",
        "The CAMHS waiting list meant that {child} was not seen for several months after the overdose.",
    ],
    "sudden unexpected infant death": [
        "{child} was found unresponsive in the morning and died later that day; the death was unexplained.",
        "The joint agency response to the sudden unexpected death of an infant began within hours.",
        "The post-mortem could not establish a cause, and the death was recorded as SUDI.",
    ],
    "safe sleep": [
        "The {carer} co-slept with {child} on the sofa after drinking alcohol that evening.",
        "Safer sleep advice was given by the midwife but not repeated when the family moved.",
        "There was no cot in the home, and {child} slept in an adult bed with pillows and a duvet.",
        "The safer sleep assessment tool was not used, and the risk of co-sleeping was not discussed.",
    ],
    "fathers and male carers": [
        "The {carer} was not seen by any professional, and his history of violence was not known.",
        "Assessments focused on the mother; fathers and male carers were invisible to services.",
        "A new partner moved into the home but no checks were made about who he was.",
    ],
    "professional curiosity": [
        "Professionals accepted the explanation at face value and did not ask further questions.",
        "The family's disguised compliance meant that missed visits were not seen as a pattern.",
        "Greater professional curiosity about who lived in the home would have changed the picture.",
    ],
    "information sharing": [
        "Information held by {agency} was not shared with {other_agency}, so no one saw the whole picture.",
        "The health visitor did not know about the police call-outs because information was not shared.",
        "Records were held in separate systems and the information sharing agreement was not followed.",
    ],
    "escalation and challenge": [
        "{agency} disagreed with the decision to close the case but did not escalate the concern.",
        "The escalation policy was not used, and professional challenge was seen as confrontational.",
        "When {other_agency} challenged the decision, the disagreement was resolved too late.",
    ],
    "voice of the child": [
        "{child} was rarely seen alone, and their wishes and feelings were not recorded.",
        "The lived experience of {child} was not understood; the voice of the child was missing.",
        "What {child} said to the teacher about being hungry was not linked to the plan.",
    ],
    "children with disabilities": [
        "{child} had autism and complex health needs, and communication aids were not used in visits.",
        "An education, health and care plan was in place, but the child's disability hid signs of harm.",
        "Respite care for the disabled child was withdrawn when funding changed.",
    ],
    "children in care": [
        "{child} was a looked-after child in a residential children's home placed out of area.",
        "Several foster placement moves meant that {child} had no stable trusted adult.",
        "As a care leaver approaching adulthood, {child} lost the support of the personal adviser.",
    ],
    "adolescents and extra-familial harm": [
        "Contextual safeguarding was not used to map the risks in the park where {child} met older peers.",
        "The risks to {child} came from outside the home, but the protection plan addressed the parents.",
        "Peer-on-peer abuse at school and in the community was not brought together in one assessment.",
    ],
    "online harm": [
        "{child} was contacted online by an adult who threatened to share images, a form of sextortion.",
        "Harmful online content about self-harm was found on {child}'s phone after the incident.",
        "Online abuse through social media messaging apps was not covered in the safety plan.",
    ],
    "bruising in non-mobile babies": [
        "A bruise on the face of the non-mobile baby was seen by the GP; the bruising protocol was not used.",
        "The bruising in non-mobile babies protocol requires a referral to children's social care.",
        "The small bruise was explained as caused by a sibling, and the baby was not yet mobile.",
    ],
    "pre-birth assessment": [
        "A pre-birth assessment started late in the pregnancy and had not finished when the baby was born.",
        "The unborn baby's plan did not consider the {carer}'s history with older children.",
        "The midwife's referral for a pre-birth assessment was not acted on until the 34th week.",
    ],
    "poverty and deprivation": [
        "The family lived in poverty, relying on a food bank and struggling with the cost of living.",
        "Benefit sanctions and debt left the family unable to heat the home in winter.",
        "Deprivation and financial hardship were seen as background rather than as a source of risk.",
    ],
    "education and school attendance": [
        "{child}'s school attendance fell below 60 per cent and was followed by a fixed-term exclusion.",
        "{child} was withdrawn for elective home education and was then not seen by any professional.",
        "Being missing education removed the daily contact that would have noticed changes in {child}.",
    ],
    "housing and homelessness": [
        "The family moved between temporary accommodation placements four times in a year.",
        "The family were homeless and living in one overcrowded room at a relative's house.",
        "The housing officer knew about damp and mould but did not link it to the children's welfare.",
    ],
    "covid-19": [
        "During the covid-19 lockdown, visits took place by video call and {child} was not seen in person.",
        "The pandemic reduced face-to-face contact, and school closures removed a key protective factor.",
        "Services restored home visits after the lockdown, but the backlog delayed the assessment.",
    ],
    "female genital mutilation": [
        "The midwife recorded that the {carer} had undergone female genital mutilation (FGM).",
        "The FGM risk to the girl was not assessed, and no FGM safeguarding referral was made.",
        "Mandatory reporting of FGM was not understood by the practitioners who saw the family.",
    ],
    "radicalisation": [
        "Teachers noticed extremist material and a Prevent referral was made after a delay.",
        "{child} had viewed extremist videos online, and the risk of radicalisation was underestimated.",
    ],
    "fabricated or induced illness": [
        "{child} had many hospital admissions with a perplexing presentation that doctors could not explain.",
        "Concerns about fabricated or induced illness were raised by a consultant but not passed on.",
    ],
}
GENERAL_SENTENCES = [
    "{agency} noted the {detail} {when}, but it was not discussed with the {carer}.",
    "The record made {when} mentions the {detail} and the {detail2}, which were not followed up.",
    "At the visit {when}, {agency} saw the {detail} and spoke to the {carer} about the {detail2}.",
    "{agency} saw {child} at home {when}, and the visit recorded no concerns.",
    "{when}, {agency} made a referral to children's social care, which led to a single assessment.",
    "A strategy discussion was held {when}, and the outcome was a section 47 enquiry.",
    "{child} was subject to a child in need plan, and core group meetings were held each month.",
    "The initial child protection conference was held {when}, and {child} was made subject to a plan.",
    "The {carer} did not attend appointments with {agency}, and the case was closed {when}.",
    "{agency} discussed the family at a multi-agency meeting, but actions were not followed up.",
    "Practitioners described the {carer} as engaging well, although several visits were cancelled.",
    "The case was stepped down to early help {when} because the family had made progress.",
    "{agency} completed a home visit {when} and saw {child} asleep in another room.",
    "Caseloads in the team were high, and the allocated social worker changed three times.",
    "Supervision records show that the manager asked for a review of the plan, which did not happen.",
    "{agency} sent a letter offering another appointment, which was not answered.",
    "A practitioner event was held {when}, and staff described the pressures of the time.",
]
BACKGROUND_SENTENCES = [
    "The {area} Safeguarding Children Partnership notified the National Panel.",
    "A rapid review was held within 15 working days of the notification.",
    "The rapid review decided that the criteria for a local child safeguarding practice review were met.",
    "The review was led by an independent reviewer who had no involvement with the family or the agencies.",
    "Agencies provided chronologies and reflective reports, and practitioners took part in a learning event.",
    "The review covered the period from the pregnancy to the incident, a little under two years.",
    "The family were invited to contribute, and their views are reflected where they agreed.",
    "The review followed a systems methodology, looking at why practice happened as it did.",
    "All names are pseudonyms, and details have been changed so that the family cannot be identified.",
]
ANALYSIS_OPENERS = [
    "This section considers the learning about {theme} and what it tells us about the system.",
    "The learning about {theme} emerged from several key practice episodes.",
    "Practitioners at the learning event reflected on {theme} in this case.",
]
GOOD_PRACTICE_SENTENCES = [
    "There was good practice: {agency} responded quickly and kept clear records.",
    "The review found examples of persistent and caring work by individual practitioners.",
    "Agencies have already made changes since the incident, which the review welcomes.",
]
RECOMMENDATION_TEMPLATES = [
    "The partnership should seek assurance that practitioners understand and use guidance on {theme}.",
    "The partnership should ensure that multi-agency training on {theme} reaches front-line staff.",
    "{Agency} should ensure that assessments consider {theme} and record how risk was weighed.",
    "The partnership should audit a sample of cases for {theme} and report findings within six months.",
    "{Agency} should ensure that supervision gives time to reflect on {theme}.",
]
TITLES = {
    vocabulary.CSPR: [
        "Child Safeguarding Practice Review: {who}",
        "Local Child Safeguarding Practice Review concerning {who}",
    ],
    vocabulary.SCR: ["Serious Case Review: {who}", "Serious Case Review concerning {who}"],
    vocabulary.RAPID_REVIEW_LEARNING: ["Rapid Review Learning Summary: {who}"],
    vocabulary.THEMATIC: ["Thematic Review: {theme} in {area}"],
    vocabulary.NATIONAL: ["National Review: learning about {theme}"],
    vocabulary.OTHER_LEARNING_REVIEW: ["Multi-agency Learning Review: {who}", "Learning Review: {who}"],
}
