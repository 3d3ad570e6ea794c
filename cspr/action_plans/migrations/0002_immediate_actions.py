"""The rapid reviews' immediate actions become action plan items: each one a recommendation of kind
"immediate safety action" in its rapid review's plan, with one action for the agency that owns it.

An action recorded without an agency is given the partnership's children's social care agency (the
local authority leads on keeping children safe), or its first agency; a done one is complete and awaits
assurance like any other.
"""

from django.db import migrations


def owning_agency(Agency, action):
    if action.owner_agency_id:
        return action.owner_agency
    agencies = Agency.objects.filter(partnership_id=action.partnership_id).order_by("-is_active", "name")
    return (
        agencies.filter(kind="childrens_social_care").first()
        or agencies.first()
        or Agency.objects.create(
            partnership_id=action.partnership_id, name="Agency not recorded", kind="other", is_active=False
        )
    )


def copy_immediate_actions(apps, schema_editor):
    ImmediateAction = apps.get_model("rapid_reviews", "ImmediateAction")
    ActionPlan = apps.get_model("action_plans", "ActionPlan")
    Recommendation = apps.get_model("action_plans", "Recommendation")
    Action = apps.get_model("action_plans", "Action")
    Agency = apps.get_model("partnerships", "Agency")
    for old in ImmediateAction.objects.select_related("rapid_review", "owner_agency").order_by("pk"):
        rapid_review = old.rapid_review
        plan, _ = ActionPlan.objects.get_or_create(
            rapid_review=rapid_review,
            defaults={
                "partnership_id": old.partnership_id,
                "source": "rapid_review",
                "agreed_on": rapid_review.opened_on,
                "created_by_id": old.created_by_id,
            },
        )
        number = Recommendation.objects.filter(plan=plan).count() + 1
        recommendation = Recommendation.objects.create(
            partnership_id=old.partnership_id,
            plan=plan,
            number=number,
            kind="safety_action",
            text=old.description,
            due_on=old.due_on,
            created_by_id=old.created_by_id,
        )
        agency = owning_agency(Agency, old)
        recommendation.agencies.add(agency)
        Action.objects.create(
            partnership_id=old.partnership_id,
            recommendation=recommendation,
            agency=agency,
            what_will_change=old.description,
            owner=old.owner,
            due_on=old.due_on,
            success_measure="",
            status="complete" if old.completed_on else "not_started",
            completed_on=old.completed_on,
            created_by_id=old.created_by_id,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("action_plans", "0001_initial"),
        ("rapid_reviews", "0001_initial"),
        ("partnerships", "0001_initial"),
    ]

    operations = [migrations.RunPython(copy_immediate_actions, migrations.RunPython.noop)]
