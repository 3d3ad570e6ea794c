"""The names a review declares for the check: pseudonyms with the real name each stands for, and names
published by design with the reason. The business manager adds and removes them; the log never holds them."""

import pytest
from django.urls import reverse

from cspr.audit.models import AuditEvent
from cspr.practice_reviews.tests.records import practice_review
from cspr.publication.actions.anonymising import do_run_anonymisation_check
from cspr.publication.models import CheckOutcome, DeclaredName

from .records import add_document, docx_bytes


@pytest.fixture
def review(partnership, agency, incident, business_manager, review_group_member):
    return practice_review({"partnership": partnership, "agency": agency, "incident": incident})


def names_url(review):
    return reverse("publication:declared-names", args=[review.pk])


def test_the_business_manager_declares_a_pseudonym_and_a_published_name(client, business_manager, review):
    client.force_login(business_manager)
    pseudonym = {"kind": "pseudonym", "name": "Mother", "stands_for": "Jo Testmum", "reason": "ignored"}
    assert client.post(names_url(review), pseudonym).status_code == 302
    published = {"kind": "allowed", "name": " Dr  Ada Lane ", "reason": "Chair of the review panel"}
    client.post(names_url(review), published)
    rows = {row.name: row for row in DeclaredName.objects.all()}
    assert (rows["Mother"].stands_for, rows["Mother"].reason) == ("Jo Testmum", "")
    assert rows["Dr Ada Lane"].reason == "Chair of the review panel"
    assert rows["Dr Ada Lane"].created_by == business_manager
    content = client.get(names_url(review)).content.decode()
    assert "Jo Testmum" in content and "Chair of the review panel" in content
    logged = str(list(AuditEvent.objects.values_list("changes", "object_repr")))
    assert "Jo Testmum" not in logged and "Ada Lane" not in logged and "Chair" not in logged


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "pseudonym", "name": "Mother"}, "Enter the real name the pseudonym stands for"),
        ({"kind": "allowed", "name": "Dr Ada Lane"}, "Enter why the name may be published"),
        ({"name": "Mother"}, "Select a pseudonym or a name published by design"),
        ({"kind": "allowed", "name": "", "reason": "Chair"}, "Enter the name as written in the documents"),
        ({"kind": "allowed", "name": "child k", "reason": "Chair"}, "This name is already declared"),
    ],
)
def test_each_name_needs_what_makes_it_safe(client, business_manager, review, data, message):
    DeclaredName.objects.create(
        partnership=review.partnership,
        practice_review=review,
        kind="pseudonym",
        name="Child K",
        stands_for="Kai",
    )
    client.force_login(business_manager)
    content = client.post(names_url(review), data).content.decode()
    assert message in content and "govuk-form-group--error" in content
    assert DeclaredName.objects.count() == 1
    if data.get("name"):
        assert f'value="{data["name"]}"' in content


def test_removing_a_name(client, business_manager, review):
    declared = DeclaredName.objects.create(
        partnership=review.partnership,
        practice_review=review,
        kind="allowed",
        name="Dr Ada Lane",
        reason="Chair",
    )
    client.force_login(business_manager)
    url = reverse("publication:declared-name-remove", args=[review.pk, declared.pk])
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    assert not DeclaredName.objects.exists()
    event = AuditEvent.objects.get(object_type="publication.declaredname", action="delete")
    assert "Ada" not in str(event.changes)


def test_readers_see_the_names_but_cannot_change_them(client, review_group_member, review):
    declared = DeclaredName.objects.create(
        partnership=review.partnership,
        practice_review=review,
        kind="allowed",
        name="Dr Ada Lane",
        reason="Chair",
    )
    client.force_login(review_group_member)
    content = client.get(names_url(review)).content.decode()
    assert "Dr Ada Lane" in content and "Add the name" not in content and "Remove" not in content
    assert client.post(names_url(review), {"kind": "allowed", "name": "X", "reason": "Y"}).status_code == 403
    remove = reverse("publication:declared-name-remove", args=[review.pk, declared.pk])
    assert client.post(remove).status_code == 403
    assert DeclaredName.objects.count() == 1


def test_the_findings_page_links_to_the_names_and_the_next_check_uses_them(client, business_manager, review):
    client.force_login(business_manager)
    page = client.get(reverse("publication:anonymisation", args=[review.pk])).content.decode()
    assert names_url(review) in page
    add_document(review, content=docx_bytes("Write to duty.team@northshire.example for a copy."))
    assert do_run_anonymisation_check(review, acting_user=business_manager).checks[0].outcome == "found"
    client.post(
        names_url(review),
        {"kind": "allowed", "name": "duty.team@northshire.example", "reason": "Public inbox"},
    )
    rerun = do_run_anonymisation_check(review, acting_user=business_manager)
    assert rerun.checks[0].outcome == CheckOutcome.PASSED
