"""Writing the audit trail: the API every other app calls.

Record a change in the same transaction as the change itself:

    before = snapshot(agency, AGENCY_FIELDS)
    ...change and save the agency...
    record(AuditAction.CHANGE, request=request, obj=agency,
           changes=changes_between(before, snapshot(agency, AGENCY_FIELDS)))

Mark a case page as viewed (the middleware writes the `view` row once the page has rendered):

    viewed(request, rapid_review)

The log can never be erased, so it must hold no child's or family member's name and no case text:
`object_repr` is the record's safe label (its reference), and fields that hold names or free text are
passed in `redact` so that the log says they changed but not what they say.

The address is the connection's REMOTE_ADDR. Behind a reverse proxy (gunicorn behind nginx or a load
balancer), every request would seem to come from the proxy: set AUDIT_TRUST_X_FORWARDED_FOR only when a
proxy you control sets X-Forwarded-For, and never when clients can reach the application directly,
because clients can send that header with any address in it.
"""

import datetime
import decimal
import ipaddress
import json
import uuid
from collections.abc import Iterable

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.duration import duration_iso_string

from cspr.audit.models import OBJECT_REPR_MAX, PATH_MAX, AuditAction, AuditEvent, ChainHead

REDACTED = "(not recorded)"


def record(
    action: AuditAction | str,
    *,
    actor=None,
    request=None,
    obj: models.Model | None = None,
    partnership=None,
    changes: dict | None = None,
    object_repr: str | None = None,
) -> AuditEvent:
    """Append one entry to the audit trail and return it.

    - `actor` defaults to the signed-in user of `request`.
    - `partnership` defaults to `obj.partnership_id` (or `obj` itself if it is a partnership), and for
      records without one (sign-ins, national records) to the actor's partnership.
    - `object_repr` defaults to the record's `audit_label()`; records that are not case data fall back
      to `str(obj)`, case data to "<kind> <id>", never to `str()` (which may name a child).

    Runs in a transaction of its own or joins the caller's: if the caller's change rolls back, so does
    its audit entry.
    """
    action = AuditAction(action)
    if actor is None and request is not None:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            actor = user
    content = {
        "actor_id": actor.pk if actor is not None else None,
        "actor_email": getattr(actor, "email", "") or "",
        "actor_role": getattr(actor, "role", "") or "",
        "partnership_id": _partnership_id(partnership, obj, actor),
        "action": action.value,
        "object_type": obj._meta.label_lower if obj is not None else "",
        "object_id": str(obj.pk) if obj is not None and obj.pk is not None else "",
        "object_repr": (object_repr if object_repr is not None else _label(obj))[:OBJECT_REPR_MAX],
        "changes": json_safe(changes or {}),
        "ip_address": client_ip(request) if request is not None else None,
        "path": request.path[:PATH_MAX] if request is not None else "",
    }
    with transaction.atomic():
        head, _ = ChainHead.objects.select_for_update().get_or_create(pk=1)
        event = AuditEvent(
            sequence=head.last_sequence + 1,
            # Taken under the lock, so times rise with the sequence.
            at=timezone.now(),
            prev_hash=head.last_hash,
            **content,
        )
        event.hash = event.compute_hash()
        event.save()
        head.last_sequence = event.sequence
        head.last_hash = event.hash
        head.save(update_fields=["last_sequence", "last_hash"])
    if request is not None:
        request.audit_recorded = True
    return event


def viewed(request, obj: models.Model) -> models.Model:
    """Mark this request as showing `obj`, so the page-view entry names it. Returns `obj`."""
    request.audit_object = obj
    return obj


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict:
    """The named fields of `obj` as JSON values: dates in ISO 8601, related records by primary key."""
    values = {}
    for name in fields:
        field = obj._meta.get_field(name)
        if field.many_to_many:
            value = sorted(related.pk for related in getattr(obj, name).all()) if obj.pk else []
        elif field.is_relation:
            value = getattr(obj, field.attname)
        else:
            value = field.value_from_object(obj)
        values[name] = _json_value(value)
    return values


def changes_between(before: dict, after: dict, *, redact: Iterable[str] = ()) -> dict:
    """`{field: [before, after]}` for each field whose value differs; a new record has `before` of `{}`.

    Fields named in `redact` (names, free text about a child or family) are shown as changed
    without their values.
    """
    redact = set(redact)
    changes = {}
    for name in [*before, *(key for key in after if key not in before)]:
        old, new = before.get(name), after.get(name)
        if old == new:
            continue
        if name in redact:
            changes[name] = [REDACTED if old is not None else None, REDACTED if new is not None else None]
        else:
            changes[name] = [old, new]
    return changes


def json_safe(value):
    """The value exactly as it will read back from a JSON column, so its hash is stable."""
    return json.loads(json.dumps(_json_value(value), cls=DjangoJSONEncoder, allow_nan=False))


def client_ip(request) -> str | None:
    """The client's address: REMOTE_ADDR, or the address our own proxy appended to X-Forwarded-For."""
    address = request.META.get("REMOTE_ADDR", "")
    if getattr(settings, "AUDIT_TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        # The last address is the one the proxy in front of us saw; earlier ones are the client's say-so.
        if forwarded.strip():
            address = forwarded.split(",")[-1]
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def _partnership_id(partnership, obj, actor) -> int | None:
    from cspr.partnerships.models import Partnership

    if partnership is not None:
        return getattr(partnership, "pk", partnership)
    if obj is not None and hasattr(obj, "partnership_id"):
        return obj.partnership_id
    if isinstance(obj, Partnership):
        return obj.pk
    return getattr(actor, "partnership_id", None)


def _label(obj) -> str:
    if obj is None:
        return ""
    if hasattr(obj, "audit_label"):
        return str(obj.audit_label())
    if getattr(obj, "is_case_data", False):
        return f"{obj._meta.verbose_name.capitalize()} {obj.pk}"
    return str(obj)


def _json_value(value):
    if isinstance(value, dict):
        return {str(key): _json_value(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [_json_value(item) for item in value]
        return sorted(items, key=repr) if isinstance(value, set | frozenset) else items
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return duration_iso_string(value)
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, FieldFile):
        return value.name or None
    if isinstance(value, models.Choices):
        return value.value
    return value
