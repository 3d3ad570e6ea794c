"""The demo incidents as data: one in each state the front door of cspr knows, with offsets in working days.

`cspr.demo.incidents` turns each `DemoIncident` into records for every demo partnership.
"""

from dataclasses import dataclass, field

from cspr.incidents import screening_rules as rules
from cspr.incidents.models import (
    ChildProtectionPlan,
    Ethnicity,
    IncidentNature,
    IncidentStatus,
    PlacementType,
    ReferralChannel,
    Sex,
    StatutoryPartner,
    YesNoUnknown,
)
from cspr.partnerships.models import AgencyKind

NOTIFIABLE_HARM = {
    rules.WHO: "child",
    rules.ABUSE_OR_NEGLECT: "yes",
    rules.HARM: "serious_harm",
    rules.IMPAIRMENT: ["physical_health", "development"],
    rules.PLACE: "in_area",
}
NOTIFIABLE_DEATH = {
    rules.WHO: "child",
    rules.ABUSE_OR_NEGLECT: "yes",
    rules.HARM: "died",
    rules.PLACE: "in_area",
    rules.LOOKED_AFTER: "no",
}
LOOKED_AFTER_DEATH = {
    rules.WHO: "child",
    rules.ABUSE_OR_NEGLECT: "no",
    rules.HARM: "died",
    rules.LOOKED_AFTER: "this_authority",
}
CARE_LEAVER_DEATH = {
    rules.WHO: "care_leaver",
    rules.CARE_LEAVER_DIED: "yes",
    rules.LEAVING_CARE_DUTIES: "yes",
}
NOT_NOTIFIABLE = {rules.WHO: "child", rules.ABUSE_OR_NEGLECT: "no", rules.HARM: "serious_harm"}

ALL_PARTNERS = tuple(StatutoryPartner)


@dataclass(frozen=True)
class DemoChild:
    """`age_days` is the child's age on the day of the incident; `baby` names them "Baby Eva"."""

    age_days: int | None
    sex: str
    baby: bool = False
    unborn: bool = False
    ethnicity: str = Ethnicity.WHITE
    disability: str = YesNoUnknown.NO
    looked_after: str = YesNoUnknown.NO
    placement_type: str = PlacementType.NOT_LOOKED_AFTER
    child_in_need_plan: str = YesNoUnknown.NO
    child_protection_plan: str = ChildProtectionPlan.NEVER
    known_to_agencies: str = YesNoUnknown.YES


@dataclass(frozen=True)
class DemoIncident:
    """One incident. Offsets are in working days: `aware_ago` before today, `notified_after` after
    awareness, `rapid_review_after` after the notification, `copies_after` (DfE and Ofsted told) after
    awareness. `referrers` are agency kinds; the first also refers. `rapid_review_overdue_in_odd_partnerships`
    leaves the rapid review unsent in every other partnership, so the Panel's overdue list has entries."""

    key: str
    status: str
    aware_ago: int
    nature: str
    location: str
    summary: str
    children: tuple[DemoChild, ...]
    referrers: tuple[str, ...]
    answers: dict | None = None
    partners_agree: tuple[str, ...] = ()
    notified_after: int | None = None
    draft_notification: bool = False
    late_reason: str = ""
    correction: str = ""
    rapid_review_after: int | None = None
    copies_after: int | None = None
    rapid_review_overdue_in_odd_partnerships: bool = False
    learning_review: str = ""
    siblings_of: str = ""
    channel: str = ReferralChannel.PRODUCT
    involved: tuple[str, ...] = field(default=(AgencyKind.CHILDRENS_SOCIAL_CARE, AgencyKind.POLICE))


BABY = DemoChild(age_days=110, sex=Sex.FEMALE, baby=True, known_to_agencies=YesNoUnknown.YES)

DEMO_INCIDENTS = (
    DemoIncident(
        key="older sibling",
        status=IncidentStatus.NOTIFIED,
        aware_ago=280,
        nature=IncidentNature.SERIOUS_HARM,
        location="Family home",
        summary="A four-year-old was taken to hospital with burns; the explanation given did not fit.",
        children=(
            DemoChild(
                age_days=4 * 365 + 40,
                sex=Sex.MALE,
                child_in_need_plan=YesNoUnknown.YES,
                child_protection_plan=ChildProtectionPlan.PREVIOUS,
            ),
        ),
        referrers=(AgencyKind.ACUTE_TRUST, AgencyKind.HEALTH_VISITING),
        answers=NOTIFIABLE_HARM,
        partners_agree=ALL_PARTNERS,
        notified_after=4,
        rapid_review_after=15,
        channel=ReferralChannel.EMAIL,
    ),
    DemoIncident(
        key="notified late",
        status=IncidentStatus.NOTIFIED,
        aware_ago=45,
        nature=IncidentNature.DEATH,
        location="Family home",
        summary="A two-year-old died at home; the post-mortem found injuries of different ages.",
        children=(
            DemoChild(
                age_days=2 * 365 + 100,
                sex=Sex.MALE,
                ethnicity=Ethnicity.MIXED,
                child_protection_plan=ChildProtectionPlan.CURRENT,
            ),
        ),
        referrers=(AgencyKind.POLICE,),
        answers=NOTIFIABLE_DEATH,
        partners_agree=ALL_PARTNERS,
        notified_after=8,
        late_reason="The police asked us to wait for the post-mortem before the partners agreed to notify.",
        correction="The date of the incident was corrected after the police report.",
        rapid_review_after=15,
        rapid_review_overdue_in_odd_partnerships=True,
        channel=ReferralChannel.PHONE,
    ),
    DemoIncident(
        key="younger sibling",
        status=IncidentStatus.NOTIFIED,
        aware_ago=40,
        nature=IncidentNature.SERIOUS_HARM,
        location="Family home",
        summary="The younger sibling of an earlier incident was found with a fractured arm and bruising.",
        children=(
            DemoChild(age_days=20 * 30, sex=Sex.FEMALE, child_protection_plan=ChildProtectionPlan.CURRENT),
        ),
        referrers=(AgencyKind.HEALTH_VISITING, AgencyKind.GP),
        answers=NOTIFIABLE_HARM,
        partners_agree=ALL_PARTNERS,
        notified_after=3,
        rapid_review_after=14,
        siblings_of="older sibling",
    ),
    DemoIncident(
        key="not notifiable",
        status=IncidentStatus.NOT_NOTIFIABLE,
        aware_ago=30,
        nature=IncidentNature.SERIOUS_HARM,
        location="Secondary school",
        summary="A fourteen-year-old was seriously hurt in a fall at school; no abuse or neglect suspected.",
        children=(DemoChild(age_days=14 * 365 + 200, sex=Sex.FEMALE, disability=YesNoUnknown.YES),),
        referrers=(AgencyKind.SCHOOL, AgencyKind.CAMHS),
        answers=NOT_NOTIFIABLE,
        learning_review="Learning about how the school, CAMHS and the hospital shared information.",
        involved=(AgencyKind.SCHOOL, AgencyKind.CAMHS, AgencyKind.ACUTE_TRUST),
    ),
    DemoIncident(
        key="looked-after death",
        status=IncidentStatus.LOOKED_AFTER_DEATH,
        aware_ago=20,
        nature=IncidentNature.DEATH,
        location="Children's home",
        summary="A fifteen-year-old living in a children's home died of a sudden illness.",
        children=(
            DemoChild(
                age_days=15 * 365 + 90,
                sex=Sex.MALE,
                ethnicity=Ethnicity.BLACK,
                looked_after=YesNoUnknown.YES,
                placement_type=PlacementType.CHILDRENS_HOME,
            ),
        ),
        referrers=(AgencyKind.CHILDRENS_SOCIAL_CARE,),
        answers=LOOKED_AFTER_DEATH,
        copies_after=2,
        involved=(AgencyKind.CHILDRENS_SOCIAL_CARE, AgencyKind.GP),
    ),
    DemoIncident(
        key="care leaver death",
        status=IncidentStatus.CARE_LEAVER_DEATH,
        aware_ago=15,
        nature=IncidentNature.DEATH,
        location="Supported lodgings",
        summary="A twenty-year-old care leaver was found dead in supported lodgings.",
        children=(DemoChild(age_days=20 * 365 + 30, sex=Sex.FEMALE, looked_after=YesNoUnknown.NO),),
        referrers=(AgencyKind.CHILDRENS_SOCIAL_CARE,),
        answers=CARE_LEAVER_DEATH,
        copies_after=3,
        involved=(AgencyKind.CHILDRENS_SOCIAL_CARE, AgencyKind.HOUSING),
    ),
    DemoIncident(
        key="notified on time",
        status=IncidentStatus.NOTIFIED,
        aware_ago=12,
        nature=IncidentNature.SERIOUS_HARM,
        location="Hospital",
        summary="A baby was admitted with a head injury; the parents' accounts differed.",
        children=(BABY,),
        referrers=(AgencyKind.ACUTE_TRUST, AgencyKind.POLICE),
        answers=NOTIFIABLE_HARM,
        partners_agree=ALL_PARTNERS,
        notified_after=4,
        involved=(
            AgencyKind.ACUTE_TRUST,
            AgencyKind.POLICE,
            AgencyKind.HEALTH_VISITING,
            AgencyKind.MIDWIFERY,
        ),
    ),
    DemoIncident(
        key="notification overdue",
        status=IncidentStatus.NOTIFICATION_DUE,
        aware_ago=8,
        nature=IncidentNature.SERIOUS_HARM,
        location="Family home",
        summary="A seven-year-old was found severely underweight; the family had stopped seeing the GP.",
        children=(DemoChild(age_days=7 * 365, sex=Sex.MALE, child_in_need_plan=YesNoUnknown.YES),),
        referrers=(AgencyKind.SCHOOL,),
        answers=NOTIFIABLE_HARM,
        partners_agree=(StatutoryPartner.LOCAL_AUTHORITY, StatutoryPartner.POLICE),
        involved=(AgencyKind.SCHOOL, AgencyKind.GP, AgencyKind.CHILDRENS_SOCIAL_CARE),
    ),
    DemoIncident(
        key="notification due soon",
        status=IncidentStatus.NOTIFICATION_DUE,
        aware_ago=3,
        nature=IncidentNature.SERIOUS_HARM,
        location="Family home",
        summary="Twins were seen in hospital with unexplained bruising.",
        children=(
            DemoChild(age_days=200, sex=Sex.FEMALE, baby=True),
            DemoChild(age_days=200, sex=Sex.MALE, baby=True),
        ),
        referrers=(AgencyKind.HEALTH_VISITING,),
        answers=NOTIFIABLE_HARM,
        partners_agree=ALL_PARTNERS,
        draft_notification=True,
        involved=(AgencyKind.HEALTH_VISITING, AgencyKind.ACUTE_TRUST, AgencyKind.GP),
    ),
    DemoIncident(
        key="referred",
        status=IncidentStatus.REFERRED,
        aware_ago=1,
        nature=IncidentNature.SERIOUS_HARM,
        location="Nursery",
        summary="A nursery reported a toddler with bruises to both ears.",
        children=(DemoChild(age_days=2 * 365, sex=Sex.MALE, ethnicity=Ethnicity.ASIAN),),
        referrers=(AgencyKind.HEALTH_VISITING,),
        involved=(AgencyKind.HEALTH_VISITING, AgencyKind.EARLY_YEARS),
    ),
)
