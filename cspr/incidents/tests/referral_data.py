"""What a browser posts from the referral form: every block, untouched ones with their defaults."""

import datetime as dt

from cspr.incidents.models.incident import MAX_NAMED_CHILDREN

CHILD_DEFAULTS = {
    "name": "",
    "date_of_birth_day": "",
    "date_of_birth_month": "",
    "date_of_birth_year": "",
    "age_years": "",
    "sex": "unknown",
    "ethnicity": "unknown",
    "disability": "unknown",
    "looked_after": "unknown",
    "placement_type": "",
    "child_in_need_plan": "unknown",
    "child_protection_plan": "unknown",
    "known_to_agencies": "unknown",
}


def date_fields(name: str, day: dt.date | None) -> dict:
    if day is None:
        return {f"{name}_day": "", f"{name}_month": "", f"{name}_year": ""}
    return {f"{name}_day": str(day.day), f"{name}_month": str(day.month), f"{name}_year": str(day.year)}


def child_fields(index: int, **fields) -> dict:
    """One child block; `date_of_birth` may be given as a date."""
    values = dict(CHILD_DEFAULTS)
    if "date_of_birth" in fields:
        values.update(date_fields("date_of_birth", fields.pop("date_of_birth")))
    if fields.pop("unborn", False):
        values["unborn"] = "on"
    values.update({key: str(value) for key, value in fields.items()})
    return {f"children-{index}-{key}": value for key, value in values.items()}


def referral_data(children=None, total_forms=MAX_NAMED_CHILDREN, **overrides) -> dict:
    """A valid referral of one named baby harmed on 21 November 2026, with overrides applied."""
    children = (
        children if children is not None else [{"name": "Ava Example", "date_of_birth": dt.date(2025, 8, 14)}]
    )
    data = {
        "children-TOTAL_FORMS": str(total_forms),
        "children-INITIAL_FORMS": "0",
        "children-MIN_NUM_FORMS": "0",
        "children-MAX_NUM_FORMS": str(MAX_NAMED_CHILDREN),
        **date_fields("incident_on", overrides.pop("incident_on", dt.date(2026, 11, 21))),
        "place": "in_area",
        "location": "Family home",
        "nature": "serious_harm",
        "what_happened": "Baby admitted with a head injury the parents could not explain.",
        "further_children": "",
        "agency_concerns": "Health visiting concerns were not shared with children's social care.",
        "referrer_name": "Sam Referrer",
        "referrer_role": "Designated safeguarding lead",
        "referrer_email": "sam.referrer@example.test",
        "referrer_phone": "",
    }
    for index in range(total_forms):
        fields = children[index] if index < len(children) else {}
        data.update(child_fields(index, **fields))
    if "received_on" in overrides:
        data.update(date_fields("received_on_date", overrides.pop("received_on")))
    data.update({key: value for key, value in overrides.items() if value is not None})
    for key in [key for key, value in overrides.items() if value is None]:
        data.pop(key, None)
    return data
