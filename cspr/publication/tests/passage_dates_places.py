"""A realistic passage of a practice review for measuring the date and place recognisers.

Written for cspr's tests (no real case): the dense mix a review has of meeting dates, agency, team and role
names, with the identifying details marked `[[type|text]]` (type an `IdentifierType` value). `passage()`
gives the plain text and where each marked detail sits, so a test can count what was found and what was
flagged wrongly.
"""

import re

MARKED = """
1. Introduction

1.1 This rapid review and local child safeguarding practice review concern Child K, who was born on
[[date_of_birth|3 April 2019]] and died in hospital in March 2021. The review was commissioned by the Leeds
Safeguarding Children Partnership on 14 April 2021 after a rapid review meeting held on 9 April 2021. The
National Panel agreed with the decision on 21 May 2021. The terms of reference were agreed on 2 June 2021
and the review started on 7 June 2021. The final report was signed off by the Partnership on 30 November
2021 and published on 15 February 2022.

1.2 Agencies that contributed: Leeds Teaching Hospitals NHS Trust, Leeds Community Healthcare NHS Trust,
West Yorkshire Police, Children's Social Care, Early Help, the Designated Safeguarding Lead for the school,
Birmingham Children's Hospital NHS Foundation Trust, the Ambulance Service and the Local Authority housing
team. Ofsted were informed. The Virtual School Head and the Named Nurse for Safeguarding Children attended
the practitioner event on 12 July 2021.

2. Family background

2.1 Mother (DOB [[date_of_birth|12.11.1998]]) grew up in the area. Father was born in 1995. Child K has an
older sibling, Sibling 1, born [[date_of_birth|21st January 2016]], who attended
[[school|Oakfield Primary School]] and later [[school|Little Acorns Nursery]] for wrap-around care. Maternal
grandmother provided support at weekends. The family lived in a privately rented house from 2018.

2.2 Mother booked late with the midwife. A pre-birth assessment was completed on 5 March 2019 and the
pre-birth conference was held on 19 March 2019. Child K was born at 37 weeks at
[[health_setting|St James's University Hospital]] and spent four days on [[health_setting|Larch Ward]]
before discharge home on 7 April 2019.

3. Chronology of key events

3.1 On [[age_and_date|16 April 2019, when Child K was 13 days old]], the health visitor completed the new
birth visit. The family were registered with [[health_setting|Hillside Surgery]]. Child K was seen at the
6-8 week check on 20 May 2019 by the GP, who recorded no concerns.

3.2 Child K was [[age_and_date|aged 14 weeks on 10 July 2019]] when Mother took him to the Emergency
Department at [[health_setting|Leeds General Infirmary]] with a bruise to his ear. A strategy meeting was
held on 11 July 2019 and a child protection medical took place the same day. He was admitted to
[[health_setting|Ward 12]] for a skeletal survey. The section 47 enquiry concluded on 25 July 2019 with no
further action. The neonatal unit was not involved.

3.3 Between August and December 2019 the health visitor made five visits. An Early Help assessment was
started on 2 September 2019 and the Team Around the Family met on 30 September 2019, 4 November 2019 and
16 December 2019. Mother said Child K would start at [[school|Brightstart Pre-school]] when he was two.

3.4 Child K had his [[age_and_date|first birthday on 3 April 2020]] during the first national lockdown.
Contact with the family was by telephone between 23 March 2020 and 1 July 2020. The Early Help case was
closed on 15 June 2020 because Mother said things were better.

3.5 On 14 October 2020 Father was arrested by West Yorkshire Police after an incident at the home. A
referral was made to Children's Social Care on 15 October 2020 and a strategy discussion took place on 16
October 2020. Sibling 1, then aged 4, was spoken to at [[school|St Mary's C of E Academy]], where she had
moved in September 2020. The Designated Safeguarding Lead shared information with the police.

3.6 Child K was seen at [[health_setting|Park Road Medical Centre]] on 2 December 2020 with a cough. The
practice nurse noted a small bruise. Dr Shah's colleague reviewed him on 4 December 2020. The GP practice
did not make a referral. Mother later moved the family to [[health_setting|the Oaks Health Centre]].

3.7 Child K [[age_and_date|turned 2 on 3 April]] 2021, a week before his death. On 27 March 2021 an
ambulance took him to [[health_setting|Birmingham Children's Hospital]], where he was treated in the
paediatric intensive care unit. He died on 29 March 2021.

4. Analysis

4.1 Practitioners at the hospital, the school and a nursery all held pieces of information. Nobody
brought them together. The health visiting service had a high caseload. The school nurse was not told of
the bruise seen in July 2019. Primary school staff knew about the domestic abuse incident through
Operation Encompass on 15 October 2020 but did not know Child K.

4.2 Early Help and Children's Social Care used different recording systems. The review heard that the
Multi-Agency Safeguarding Hub received 312 contacts in the week of 12 October 2020. The Safeguarding
Partnership's escalation policy was revised on 1 March 2020 but practitioners were not aware of it.

4.3 Child K was seen by 23 practitioners in 24 months. At the time of the strategy meeting on 11 July
2019, Child K was a non-mobile baby with a bruise, and the Bruising in Non-Mobile Infants protocol should
have applied. The protocol was last reviewed on 18 January 2019. Sibling 1 was aged 5 on 15 October 2020.

5. Learning and recommendations

5.1 The Partnership should assure itself by 31 March 2022 that the bruising protocol is known across
agencies, including the Ambulance Service, Leeds Teaching Hospitals NHS Trust and general practice.
5.2 The Designated Doctor and Designated Nurse will report to the Partnership's executive on 14 June 2022.
5.3 Children's Social Care should audit strategy discussions held between 1 April 2021 and 30 September
2021, and report by 1 December 2021. The review group met on 6 September 2021, 4 October 2021 and 1
November 2021, and family members were invited to contribute on 20 September 2021.
"""

MARK = re.compile(r"\[\[(?P<type>[a-z_]+)\|(?P<text>[^\]]+)\]\]")


def passage() -> tuple[str, list[tuple[str, int, int]]]:
    """The plain passage and its marked details as (type value, start, end)."""
    text, marks, last = [], [], 0
    length = 0
    for match in MARK.finditer(MARKED):
        before = MARKED[last : match.start()]
        text.append(before)
        length += len(before)
        marks.append((match.group("type"), length, length + len(match.group("text"))))
        text.append(match.group("text"))
        length += len(match.group("text"))
        last = match.end()
    text.append(MARKED[last:])
    return "".join(text), marks
