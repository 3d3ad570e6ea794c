"""The migrations match the models, so a deployment's `migrate` builds the schema the code expects."""

from io import StringIO

from django.core.management import call_command


def test_no_model_change_lacks_a_migration(db):
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()
