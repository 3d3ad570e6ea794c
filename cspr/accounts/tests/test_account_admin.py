from django.core import mail
from django.urls import reverse

from conftest import PASSWORD
from cspr.accounts.models import Role, User
from cspr.audit.models import AuditAction, AuditEvent


def test_admin_creates_an_agency_lead_who_is_invited_by_email(
    client, system_admin, partnership, agency, django_capture_on_commit_callbacks
):
    client.force_login(system_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account-admin:create"),
            {
                "full_name": "Sam Example",
                "email": "Sam.Example@Example.test",
                "role": Role.AGENCY_LEAD,
                "partnership": partnership.pk,
                "agency": agency.pk,
            },
        )
    user = User.objects.get(email="sam.example@example.test")
    assert response["Location"] == reverse("account-admin:detail", args=[user.pk])
    assert not user.has_usable_password()
    assert len(mail.outbox) == 1
    assert "/account/password/set/" in mail.outbox[0].body
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="accounts.user")
    assert event.changes["role"] == [None, Role.AGENCY_LEAD]


def test_agency_lead_without_agency_is_refused_with_a_message(client, system_admin, partnership):
    client.force_login(system_admin)
    response = client.post(
        reverse("account-admin:create"),
        {
            "full_name": "Sam",
            "email": "sam@example.test",
            "role": Role.AGENCY_LEAD,
            "partnership": partnership.pk,
        },
    )
    assert response.status_code == 200
    assert "Select the agency this safeguarding lead works for" in response.content.decode()
    assert not User.objects.filter(email="sam@example.test").exists()


def test_admin_unlocks_a_locked_account(client, system_admin, business_manager, settings):
    for _ in range(settings.SIGN_IN_MAX_FAILURES):
        client.post(
            reverse("accounts:sign-in"), {"email": business_manager.email, "password": "wrong-one-here"}
        )
    business_manager.refresh_from_db()
    assert business_manager.is_locked_out()
    client.force_login(system_admin)
    client.post(reverse("account-admin:unlock", args=[business_manager.pk]))
    business_manager.refresh_from_db()
    assert not business_manager.is_locked_out()
    assert AuditEvent.objects.filter(action=AuditAction.ACCOUNT_UNLOCKED).exists()
    client.logout()
    response = client.post(
        reverse("accounts:sign-in"), {"email": business_manager.email, "password": PASSWORD}
    )
    assert response.status_code == 302


def test_admin_cannot_deactivate_themselves_but_can_deactivate_others(client, system_admin, business_manager):
    client.force_login(system_admin)
    client.post(reverse("account-admin:set-active", args=[system_admin.pk]), {"active": "0"})
    client.post(reverse("account-admin:set-active", args=[business_manager.pk]), {"active": "0"})
    system_admin.refresh_from_db()
    business_manager.refresh_from_db()
    assert system_admin.is_active
    assert not business_manager.is_active


def test_account_list_filters_by_role(client, system_admin, business_manager, agency_lead):
    client.force_login(system_admin)
    html = client.get(reverse("account-admin:list"), {"role": Role.AGENCY_LEAD}).content.decode()
    assert agency_lead.email in html
    assert business_manager.email not in html


def test_invitation_link_sets_a_password(
    client, system_admin, partnership, django_capture_on_commit_callbacks
):
    client.force_login(system_admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("account-admin:create"),
            {
                "full_name": "Exec",
                "email": "exec@example.test",
                "role": Role.EXECUTIVE_MEMBER,
                "partnership": partnership.pk,
            },
        )
    client.logout()
    link = next(line for line in mail.outbox[0].body.splitlines() if "/account/password/set/" in line)
    path = link.split("testserver", 1)[1]
    form_page = client.get(path, follow=True)
    new_password = "a-long-new-password-2026"
    client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new_password, "new_password2": new_password}
    )
    assert User.objects.get(email="exec@example.test").check_password(new_password)
