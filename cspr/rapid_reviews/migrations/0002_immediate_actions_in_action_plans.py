"""Immediate actions now live in the action plans (copied by action_plans 0002 before this runs)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("rapid_reviews", "0001_initial"),
        ("action_plans", "0002_immediate_actions"),
    ]

    operations = [
        migrations.DeleteModel(
            name="ImmediateAction",
        ),
    ]
