import datetime
import io
import json

import pytest
import time_machine
from django.core.management import call_command
from django.test import RequestFactory

from cspr.audit.log import record
from cspr.audit.models import GENESIS_HASH, AuditAction, AuditEvent, AuditLogIsAppendOnly, ChainHead
from cspr.audit.tests.conftest import delete_row, quote, tamper
from cspr.audit.verify import verify_chain

pytestmark = pytest.mark.django_db


def write(count: int, **kwargs) -> list[AuditEvent]:
    return [record(AuditAction.VIEW, object_repr=f"Entry {n}", **kwargs) for n in range(count)]


def run_verify(*args) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("audit", "verify", *args, stdout=out, stderr=err)
    except SystemExit as exit:
        return exit.code, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def test_entries_are_numbered_from_one_and_each_links_to_the_previous_hash():
    events = write(3)
    assert [event.sequence for event in events] == [1, 2, 3]
    assert events[0].prev_hash == GENESIS_HASH
    assert events[1].prev_hash == events[0].hash
    assert events[2].prev_hash == events[1].hash
    assert len({event.hash for event in events}) == 3
    head = ChainHead.objects.get(pk=1)
    assert (head.last_sequence, head.last_hash) == (3, events[2].hash)


def test_chain_head_exists_after_migration_and_is_recreated_if_missing():
    assert ChainHead.objects.filter(pk=1).exists()
    ChainHead.objects.all().delete()
    assert record(AuditAction.SIGN_IN).sequence == 1


def test_verify_reports_an_intact_chain():
    write(5)
    report = verify_chain()
    assert report.ok
    assert report.checked == 5


def test_verify_of_an_empty_trail_is_intact():
    assert verify_chain().ok


def test_verify_calls_progress_with_counts():
    write(5)
    calls = []
    verify_chain(progress=lambda done, total: calls.append((done, total)), every=2)
    assert calls == [(2, 5), (4, 5), (5, 5)]


def test_changed_record_label_is_reported_at_its_entry():
    write(5)
    tamper(f"{quote('object_repr')} = %s", ["Something else"], 3)
    report = verify_chain()
    assert not report.ok
    assert (report.broken_at, report.reason) == (3, "hash does not match content")
    assert report.checked == 2


def test_changed_changes_are_reported_at_their_entry():
    write(2)
    record(AuditAction.CHANGE, object_repr="Agency 1", changes={"name": ["Old", "New"]})
    write(2)
    tamper(f"{quote('changes')} = %s", [json.dumps({"name": ["Old", "Forged"]})], 3)
    report = verify_chain()
    assert (report.ok, report.broken_at, report.reason) == (False, 3, "hash does not match content")


def test_row_rehashed_after_tampering_breaks_the_link_from_the_next_entry():
    events = write(4)
    forged = AuditEvent.objects.get(sequence=2)
    forged.object_repr = "Forged"
    tamper(f"{quote('object_repr')} = %s, {quote('hash')} = %s", ["Forged", forged.compute_hash()], 2)
    report = verify_chain()
    assert (report.broken_at, report.reason) == (3, "previous hash does not match")
    assert events[2].prev_hash == events[1].hash


def test_deleted_entry_is_reported_as_missing():
    write(5)
    delete_row(3)
    report = verify_chain()
    assert (report.ok, report.broken_at, report.reason) == (False, 3, "sequence 3 is missing")


def test_deleted_last_entries_are_reported_as_missing():
    write(5)
    delete_row(5)
    delete_row(4)
    report = verify_chain()
    assert (report.ok, report.broken_at, report.reason) == (False, 4, "sequence 4 is missing")


def test_chain_head_moved_back_over_deleted_entries_is_reported():
    events = write(5)
    delete_row(5)
    ChainHead.objects.filter(pk=1).update(last_sequence=4, last_hash=events[3].hash[::-1])
    report = verify_chain()
    assert (report.ok, report.broken_at, report.reason) == (False, 4, "chain head does not match last row")


def test_entry_added_beyond_the_chain_head_is_reported():
    events = write(3)
    ChainHead.objects.filter(pk=1).update(last_sequence=2, last_hash=events[1].hash)
    report = verify_chain()
    assert (report.ok, report.broken_at, report.reason) == (False, 3, "chain head does not match last row")


def test_entries_without_a_chain_head_are_reported():
    write(2)
    ChainHead.objects.all().delete()
    report = verify_chain()
    assert (report.ok, report.broken_at, report.reason) == (False, 1, "chain head is missing")


def test_verify_command_says_intact_and_exits_zero():
    write(3)
    code, out, err = run_verify()
    assert code == 0
    assert out == "Audit chain intact: 3 entries checked.\n"
    assert err == ""


def test_verify_command_exits_one_and_names_the_broken_entry_on_stderr():
    write(50)
    tamper(f"{quote('object_repr')} = %s", ["Forged"], 41)
    code, out, err = run_verify()
    assert code == 1
    assert out == ""
    assert err == "Audit chain broken at entry 41: hash does not match content\n"


def test_verify_command_reports_a_deleted_row():
    write(3)
    delete_row(2)
    code, _, err = run_verify()
    assert code == 1
    assert "entry 2: sequence 2 is missing" in err


def test_verify_command_shows_progress_on_request():
    write(3)
    code, out, err = run_verify("--progress")
    assert code == 0
    assert "Checked 3 of 3 entries" in err


def test_head_command_prints_the_last_entry_and_hash():
    last = write(2)[-1]
    out = io.StringIO()
    call_command("audit", "head", stdout=out)
    assert out.getvalue() == f"Entry 2: {last.hash}\n"


def test_hash_is_the_same_after_a_round_trip_through_the_database():
    request = RequestFactory().get("/reviews/12/", REMOTE_ADDR="2001:DB8:0:0::1")
    changes = {
        "name": ["Zoë O’Brien – ✓", 'Ævar "quoted" \\ slash'],
        "score": [1.5, 2.0],
        "count": [None, 10**15],
        "due": [datetime.date(2023, 5, 9), datetime.datetime(2023, 5, 9, 14, 5, tzinfo=datetime.UTC)],
        "nested": [{"b": 1, "a": [True, False]}, {}],
        7: ["int key", None],
    }
    with time_machine.travel(
        datetime.datetime(2023, 5, 9, 13, 5, 0, 123456, tzinfo=datetime.UTC), tick=False
    ):
        first = record(AuditAction.CHANGE, request=request, changes=changes, object_repr="Ré ✓")
    with time_machine.travel(datetime.datetime(2023, 10, 29, 1, 30, tzinfo=datetime.UTC), tick=False):
        second = record(AuditAction.VIEW, request=request)
    for event in (first, second):
        stored = AuditEvent.objects.get(sequence=event.sequence)
        assert stored.content() == event.content()
        assert stored.compute_hash() == stored.hash == event.hash
    stored = AuditEvent.objects.get(sequence=1)
    assert stored.ip_address == "2001:db8::1"
    assert stored.at == datetime.datetime(2023, 5, 9, 13, 5, 0, 123456, tzinfo=datetime.UTC)
    assert stored.changes["due"] == ["2023-05-09", "2023-05-09T14:05:00+00:00"]
    assert stored.changes["7"] == ["int key", None]
    assert verify_chain().ok


def test_saved_entry_cannot_be_changed():
    event = record(AuditAction.SIGN_IN)
    event.object_repr = "Changed"
    with pytest.raises(AuditLogIsAppendOnly):
        event.save()


def test_entry_cannot_be_deleted():
    event = record(AuditAction.SIGN_IN)
    with pytest.raises(AuditLogIsAppendOnly):
        event.delete()


@pytest.mark.parametrize(
    "tamper_through_queryset",
    [
        lambda events: events.update(object_repr="Changed"),
        lambda events: events.delete(),
        lambda events: events.bulk_update(list(events), ["object_repr"]),
        lambda events: events.filter(sequence=1).update_or_create(sequence=1, defaults={"object_repr": "x"}),
        lambda events: AuditEvent._base_manager.all().delete(),
    ],
    ids=["update", "delete", "bulk_update", "update_or_create", "base_manager_delete"],
)
def test_queryset_refuses_to_change_or_delete_entries(tamper_through_queryset):
    record(AuditAction.SIGN_IN)
    with pytest.raises(AuditLogIsAppendOnly):
        tamper_through_queryset(AuditEvent.objects.all())
    assert AuditEvent.objects.get(sequence=1).object_repr == ""


def test_entries_are_only_added_through_record():
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEvent.objects.create(sequence=1, at=datetime.datetime.now(tz=datetime.UTC), action="view")
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEvent.objects.bulk_create([AuditEvent(sequence=1)])


def test_deleting_a_person_leaves_their_entries_untouched(business_manager):
    event = record(AuditAction.SIGN_IN, actor=business_manager)
    business_manager.delete()
    stored = AuditEvent.objects.get(sequence=event.sequence)
    assert stored.actor_email == "business_manager.northshire@example.test"
    assert verify_chain().ok
