import json
from io import StringIO

from django.core.management import call_command

from cspr.accounts.models import PARTNERSHIP_ROLES, Role, User
from cspr.partnerships.models import Agency, Partnership


def demo_json(*args) -> dict:
    out = StringIO()
    call_command("demo", "--json", *args, stdout=out)
    return json.loads(out.getvalue())


def test_demo_loads_five_partnerships_with_every_role(db):
    data = demo_json()
    assert set(Partnership.objects.values_list("slug", flat=True)) == {
        "shropshire",
        "gateshead",
        "wiltshire",
        "leeds",
        "southampton",
    }
    for partnership in Partnership.objects.all():
        roles = set(partnership.users.values_list("role", flat=True))
        assert roles == {*PARTNERSHIP_ROLES, Role.INDEPENDENT_REVIEWER}
        assert partnership.agency_set.count() >= 10
        assert partnership.agency_set.filter(is_statutory_partner=True).count() == 3
    assert User.objects.filter(role=Role.PANEL_MEMBER).count() == 2
    assert User.objects.filter(role=Role.SYSTEM_ADMIN).count() == 1
    assert len(data["users"]) == 28
    assert all(user["email"].endswith(".example") for user in data["users"])
    member = User.objects.get(email=data["users"][0]["email"])
    assert member.check_password(data["password"])


def test_running_demo_twice_changes_nothing(db):
    first = demo_json()
    counts = (Partnership.objects.count(), Agency.objects.count(), User.objects.count())
    hashes = dict(User.objects.values_list("email", "password"))
    second = demo_json()
    assert first == second
    assert counts == (Partnership.objects.count(), Agency.objects.count(), User.objects.count())
    assert hashes == dict(User.objects.values_list("email", "password"))


def test_demo_if_empty_leaves_an_existing_database_alone(partnership):
    out = StringIO()
    call_command("demo", "--if-empty", stdout=out)
    assert Partnership.objects.count() == 1
    assert "Password for every demo account" in out.getvalue()


def test_demo_agency_leads_work_for_their_own_partnership(db):
    demo_json()
    for lead in User.objects.filter(role=Role.AGENCY_LEAD):
        assert lead.agency.partnership_id == lead.partnership_id
