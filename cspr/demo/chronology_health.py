"""What health services write in a demo chronology (`cspr.demo.chronology_templates` explains the data).

Adult mental health and drug and alcohol services write about the mother, not the child.
"""

from cspr.chronology.models import EventType as E

from .chronology_templates import YEAR, Profile, Template

HEALTH_VISITING = Profile(
    roles=("Health visitor", "Community nursery nurse", "Specialist health visitor", "Safeguarding nurse"),
    sources=("Health visiting record {iso}", "Health visiting record {iso}", "Child health record {iso}"),
    weight=1.4,
    ages=(-90, 5 * YEAR),
    templates=(
        Template(
            E.HOME_VISIT,
            "Antenatal contact at home at around 30 weeks of pregnancy. {Carer} said the pregnancy was "
            "unplanned "
            "but welcome.",
            "Universal plus offer made. Routine enquiry about domestic abuse not possible as {partner} was "
            "present.",
            "Opportunity for routine enquiry missed because the partner was present.",
            ages=(-90, -30),
            once=True,
        ),
        Template(
            E.HOME_VISIT,
            "New birth visit. {child} weighed and examined; feeding well. {Carer} said {said}.",
            "Next contact at the 6 to 8 week review.",
            "",
            ages=(10, 16),
            once=True,
        ),
        Template(
            E.APPOINTMENT,
            "Review at the child health clinic. {child} weighed; growing along the {centile} centile.",
            "Advice given on feeding and safe sleep.",
            "",
        ),
        Template(
            E.NOT_BROUGHT,
            "{child} was not brought to the booked {review} review.",
            "Letter sent offering a new appointment; GP informed.",
            "Repeated missed health reviews meant the child's development was not checked.",
        ),
        Template(
            E.ASSESSMENT,
            "Developmental review using the ages and stages questionnaire; development within the expected "
            "range "
            "except {area}.",
            "Advice given; review again in three months.",
            "",
            ages=(300, 5 * YEAR),
        ),
        Template(
            E.PHONE_CALL,
            "Telephone contact with {carer} to check on {child}'s feeding; {carer} said all was well.",
            "",
            "",
        ),
        Template(
            E.REFERRAL,
            "Referral to children's social care after {carer} disclosed {concern}.",
            "Referral acknowledged by the safeguarding hub the same day.",
            "Appropriate escalation by the health visitor.",
        ),
        Template(
            E.INFORMATION_SHARING,
            "Case discussed in safeguarding supervision; plan to increase contacts to fortnightly.",
            "",
            "",
        ),
        Template(E.LETTER, "Letter to {carer} offering an appointment at the baby clinic.", "", ""),
    ),
)

MIDWIFERY = Profile(
    roles=(
        "Community midwife",
        "Safeguarding midwife",
        "Hospital midwife",
        "Perinatal mental health midwife",
    ),
    sources=("Maternity record {iso}", "Antenatal booking form {iso}", "Maternity record {iso}"),
    weight=1.0,
    ages=(-280, 28),
    templates=(
        Template(
            E.APPOINTMENT,
            "Antenatal booking appointment at around {weeks} weeks of pregnancy. {Carer} disclosed a "
            "history of "
            "anxiety; {partner} not present.",
            "Routine enquiry about domestic abuse made: no disclosure. Referral to perinatal mental health "
            "considered.",
            "Information about previous concerns was not available to the midwife at booking.",
            ages=(-270, -230),
            once=True,
        ),
        Template(E.APPOINTMENT, "Routine antenatal appointment; the pregnancy progressing normally.", "", ""),
        Template(
            E.NOT_BROUGHT,
            "{Carer} did not attend the booked antenatal appointment.",
            "Text message sent with a new appointment.",
            "Missed antenatal care.",
            ages=(-240, -10),
        ),
        Template(
            E.ASSESSMENT,
            "Safeguarding midwife completed a pre-birth vulnerability assessment; concerns about {concern}.",
            "Discussed with the named midwife for safeguarding; referral to children's social care agreed.",
            "",
            ages=(-200, -40),
        ),
        Template(
            E.HOSPITAL,
            "Admitted to the labour ward; the baby was born by normal delivery at term.",
            "Routine postnatal care; discharged home after 24 hours.",
            "",
            ages=(0, 0),
            timed=True,
            once=True,
        ),
        Template(
            E.HOME_VISIT,
            "Postnatal visit at home. {child} feeding and settled; {carer} appeared tired.",
            "Discharged to the health visiting service at day 10.",
            "",
            ages=(1, 10),
        ),
        Template(
            E.REFERRAL,
            "Pre-birth referral to children's social care because of {concern}.",
            "",
            "",
            ages=(-200, -30),
        ),
    ),
)

GP = Profile(
    roles=("GP", "Practice nurse", "GP registrar", "Practice safeguarding lead"),
    sources=("EMIS record {iso}", "EMIS record {iso}", "Practice record {iso}"),
    weight=1.2,
    ages=(-600, 100 * YEAR),
    templates=(
        Template(
            E.APPOINTMENT,
            "{child} seen by the GP with {symptom}; examined, no concerns noted.",
            "Advice given; return if no better.",
            "",
        ),
        Template(
            E.APPOINTMENT, "Practice nurse gave {child}'s routine immunisations.", "", "", ages=(56, 5 * YEAR)
        ),
        Template(
            E.NOT_BROUGHT,
            "{child} was not brought to the booked immunisation appointment.",
            "Recall letter sent.",
            "Missed immunisations were not shared with the health visitor.",
            ages=(56, 5 * YEAR),
        ),
        Template(
            E.APPOINTMENT,
            "{Carer} seen by the GP about low mood; medication reviewed.",
            "Review in four weeks.",
            "Parental mental health relevant to the care of the children.",
        ),
        Template(
            E.HOSPITAL,
            "Emergency department discharge letter received: {child} attended with {injury}.",
            "Letter filed; no action recorded.",
            "The attendance was not linked with earlier concerns.",
        ),
        Template(
            E.LETTER,
            "Letter received from the health visiting service about a missed review; filed.",
            "",
            "",
        ),
        Template(
            E.PHONE_CALL,
            "Telephone consultation with {carer} about {child}'s {symptom}; advice given.",
            "",
            "",
        ),
        Template(
            E.MEETING,
            "Practice safeguarding meeting: the family discussed; alert added to the records.",
            "",
            "",
        ),
        Template(
            E.INFORMATION_SHARING,
            "Report sent to the child protection conference.",
            "GP unable to attend the conference.",
            "The GP's view was given in writing only.",
        ),
    ),
)

ACUTE = Profile(
    roles=(
        "Emergency department nurse",
        "Emergency department doctor",
        "Paediatric registrar",
        "Consultant paediatrician",
        "Paediatric liaison nurse",
    ),
    sources=("ED record ED{n6}", "Paediatric record {iso}", "Discharge summary {iso}"),
    weight=0.9,
    ages=(-280, 100 * YEAR),
    times_usual=True,
    templates=(
        Template(
            E.HOSPITAL,
            "{child} brought to the emergency department by {carer} with {injury}. Explanation given: "
            "{explanation}.",
            "Examined and discharged home with advice. Paediatric liaison form completed.",
            "The explanation was accepted without checking with other agencies.",
            timed=True,
        ),
        Template(
            E.APPOINTMENT,
            "Antenatal scan at the hospital; no concerns about the pregnancy.",
            "",
            "",
            ages=(-250, -60),
        ),
        Template(
            E.APPOINTMENT, "Outpatient paediatric appointment for {symptom}.", "Discharged to the GP.", ""
        ),
        Template(
            E.NOT_BROUGHT,
            "{child} was not brought to the paediatric outpatient clinic.",
            "Discharged back to the GP after a second missed appointment.",
            "Discharge after missed appointments left no health professional following up.",
        ),
        Template(
            E.INFORMATION_SHARING,
            "Paediatric liaison nurse shared the emergency department attendance with the health visitor and "
            "the GP.",
            "",
            "",
        ),
        Template(
            E.ASSESSMENT,
            "Child protection medical by the consultant paediatrician after {injury} was seen.",
            "Findings shared with children's social care and police.",
            "",
        ),
    ),
)

AMBULANCE = Profile(
    roles=("Paramedic", "Emergency medical technician", "Call handler"),
    sources=("Ambulance incident log {yy}{n6}",),
    weight=0.3,
    ages=(-280, 100 * YEAR),
    times_usual=True,
    templates=(
        Template(
            E.HOSPITAL,
            "Ambulance called to the family home for {child} with {symptom}; conveyed to the emergency "
            "department.",
            "Handed over to the emergency department team.",
            "",
            timed=True,
        ),
        Template(
            E.PHONE_CALL,
            "Call from {carer} about {child}'s breathing; clinical advice given by telephone.",
            "",
            "",
            timed=True,
        ),
        Template(
            E.REFERRAL,
            "Crew made a safeguarding referral to the local authority about conditions in the home.",
            "",
            "",
            timed=True,
        ),
    ),
)

CAMHS = Profile(
    roles=("CAMHS practitioner", "Clinical psychologist", "CAMHS nurse"),
    sources=("CAMHS record {iso}",),
    weight=0.6,
    ages=(5 * YEAR, 18 * YEAR),
    templates=(
        Template(
            E.REFERRAL, "Referral received from the GP about {child}'s low mood.", "Triaged as routine.", ""
        ),
        Template(
            E.ASSESSMENT,
            "Choice appointment: {child} assessed with {carer}.",
            "Placed on the waiting list.",
            "",
        ),
        Template(
            E.NOT_BROUGHT,
            "{child} was not brought to the CAMHS appointment.",
            "Discharged after a second missed appointment; letter to the GP.",
            "Discharge for missed appointments left the child's needs unmet.",
        ),
        Template(E.LETTER, "Letter to {carer} offering a new appointment.", "", ""),
    ),
)

SUBSTANCE_MISUSE = Profile(
    roles=("Recovery worker", "Nurse prescriber", "Team leader"),
    sources=("Treatment record {iso}",),
    weight=0.5,
    ages=(-600, 100 * YEAR),
    templates=(
        Template(
            E.ASSESSMENT,
            "Assessment of {carer}'s alcohol use; drinking daily, mostly in the evenings.",
            "Key work sessions agreed.",
            "Children in the household were recorded but their care was not explored.",
        ),
        Template(E.APPOINTMENT, "Key work session with {carer}; said she had cut down her drinking.", "", ""),
        Template(E.NOT_BROUGHT, "{Carer} did not attend the key work session.", "Text message sent.", ""),
        Template(E.PHONE_CALL, "Telephone review with {carer}; no concerns reported.", "", ""),
    ),
)

ADULT_MENTAL_HEALTH = Profile(
    roles=("Community psychiatric nurse", "Psychiatrist", "Care coordinator"),
    sources=("Mental health record {iso}",),
    weight=0.5,
    ages=(-600, 100 * YEAR),
    templates=(
        Template(
            E.ASSESSMENT,
            "Assessment of {carer}'s mental health after a GP referral for low mood and anxiety.",
            "Offered talking therapies; medication to continue.",
            "The assessment did not ask about the children in the household.",
        ),
        Template(E.APPOINTMENT, "Review appointment with {carer}; mood reported as improving.", "", ""),
        Template(
            E.NOT_BROUGHT, "{Carer} did not attend the review appointment.", "Discharged to the GP.", ""
        ),
        Template(E.LETTER, "Letter to the GP summarising {carer}'s treatment plan.", "", ""),
    ),
)
