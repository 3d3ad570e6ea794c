"""The audit trail: an append-only, hash-chained log of sign-ins, page views and changes.

Rows are written only by `cspr.audit.log.record()`. Each row's `hash` is SHA-256 over the previous row's
hash and a canonical JSON of the row's content, so changing, removing or inserting a row anywhere breaks
the chain, and `cspr audit verify` says where. The application never updates or deletes a row: the model
and its queryset refuse to, and the actor and partnership columns carry no database constraint, so that
removing a person or a partnership can never rewrite (or be blocked by) history.
"""

import hashlib
import json
from datetime import UTC

from django.conf import settings
from django.db import models
from django.db.models import Q

GENESIS_HASH = "0" * 64

# Column sizes; `log.record()` truncates to them before hashing so the stored row is the hashed row.
OBJECT_REPR_MAX = 200
PATH_MAX = 500


class AuditAction(models.TextChoices):
    SIGN_IN = "sign_in", "Signed in"
    SIGN_IN_FAILED = "sign_in_failed", "Sign-in failed"
    SIGN_IN_BLOCKED = "sign_in_blocked", "Sign-in refused: account locked"
    LOCKED_OUT = "locked_out", "Account locked after failed sign-ins"
    ACCOUNT_UNLOCKED = "account_unlocked", "Account unlocked"
    SIGN_OUT = "sign_out", "Signed out"
    SECOND_FACTOR_VERIFIED = "second_factor_verified", "Security code accepted"
    SECOND_FACTOR_FAILED = "second_factor_failed", "Security code rejected"
    SECOND_FACTOR_SET_UP = "second_factor_set_up", "Authenticator app set up"
    PASSWORD_CHANGED = "password_changed", "Password changed"
    PASSWORD_RESET_REQUESTED = "password_reset_requested", "Password reset requested"
    VIEW = "view", "Viewed"
    CREATE = "create", "Created"
    CHANGE = "change", "Changed"
    DELETE = "delete", "Deleted"
    EXPORT = "export", "Exported"
    SEND = "send", "Sent"


# Tag colours for the log page: problems stand out, routine reading does not.
ACTION_COLOURS = {
    AuditAction.SIGN_IN_FAILED: "red",
    AuditAction.SIGN_IN_BLOCKED: "red",
    AuditAction.LOCKED_OUT: "red",
    AuditAction.SECOND_FACTOR_FAILED: "red",
    AuditAction.ACCOUNT_UNLOCKED: "orange",
    AuditAction.DELETE: "orange",
    AuditAction.EXPORT: "purple",
    AuditAction.SEND: "purple",
    AuditAction.CREATE: "green",
    AuditAction.CHANGE: "blue",
    AuditAction.VIEW: "grey",
}


class AuditLogIsAppendOnly(Exception):
    """Raised by any attempt to change or remove audit rows through the application."""


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AuditLogIsAppendOnly("Audit entries cannot be changed")

    def _update(self, values):
        raise AuditLogIsAppendOnly("Audit entries cannot be changed")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AuditLogIsAppendOnly("Audit entries cannot be changed")

    def delete(self):
        raise AuditLogIsAppendOnly("Audit entries cannot be deleted")

    def _raw_delete(self, using):
        raise AuditLogIsAppendOnly("Audit entries cannot be deleted")

    def bulk_create(self, objs, *args, **kwargs):
        raise AuditLogIsAppendOnly("Audit entries are added one at a time by cspr.audit.log.record()")

    def for_partnership(self, partnership):
        return self.filter(partnership_id=partnership.pk)


class AuditEvent(models.Model):
    """One thing that happened: who, when, to which record, what changed, from which address.

    `object_repr` is a short label shown in the log. It must never hold a child's or family member's
    name or other case detail (the log cannot be erased): callers pass the record's safe label, such as
    its reference number. `changes` maps each changed field to `[before, after]`.
    """

    sequence = models.PositiveBigIntegerField(primary_key=True)
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_email = models.CharField(max_length=254, blank=True)
    actor_role = models.CharField(max_length=30, blank=True)
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    action = models.CharField(max_length=40, choices=AuditAction.choices)
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField("record", max_length=OBJECT_REPR_MAX, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    ip_address = models.GenericIPAddressField("IP address", null=True, blank=True)
    path = models.CharField(max_length=PATH_MAX, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        # Django's own deletion machinery uses the base manager: make it the guarded one too.
        base_manager_name = "objects"
        default_manager_name = "objects"
        indexes = [
            models.Index(fields=["partnership", "at"], name="audit_partnership_at"),
            models.Index(fields=["partnership", "sequence"], name="audit_partnership_seq"),
            models.Index(fields=["actor", "at"], name="audit_actor_at"),
        ]
        constraints = [models.CheckConstraint(name="audit_sequence_from_one", condition=Q(sequence__gte=1))]

    def __str__(self):
        return f"Audit entry {self.sequence}: {self.action}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AuditLogIsAppendOnly("Audit entries cannot be changed")
        if not self.hash:
            raise AuditLogIsAppendOnly("Audit entries are added by cspr.audit.log.record()")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditLogIsAppendOnly("Audit entries cannot be deleted")

    def content(self) -> dict:
        """Everything the hash covers, in the form that reads back the same from SQLite and PostgreSQL."""
        return {
            "sequence": self.sequence,
            "at": self.at.astimezone(UTC).isoformat(timespec="microseconds"),
            "actor_id": self.actor_id,
            "actor_email": self.actor_email,
            "actor_role": self.actor_role,
            "partnership_id": self.partnership_id,
            "action": str(self.action),
            "object_type": self.object_type,
            "object_id": self.object_id,
            "object_repr": self.object_repr,
            "changes": self.changes,
            "ip_address": str(self.ip_address) if self.ip_address else None,
            "path": self.path,
        }

    def compute_hash(self) -> str:
        return chain_hash(self.prev_hash, self.content())

    def change_rows(self) -> list[tuple[str, object, object]]:
        """(field, before, after) for each change, field names in words."""
        rows = []
        for field, values in self.changes.items():
            before, after = values if isinstance(values, list) and len(values) == 2 else (None, values)
            rows.append((field.replace("_", " ").capitalize(), before, after))
        return rows

    def tag_colour(self) -> str:
        return ACTION_COLOURS.get(self.action, "grey")


def chain_hash(prev_hash: str, content: dict) -> str:
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False)
    return hashlib.sha256((prev_hash + canonical).encode("ascii")).hexdigest()


class ChainHead(models.Model):
    """The one row (id 1) naming the last entry; appending locks it, so writers queue one at a time."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_sequence = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default=GENESIS_HASH)

    class Meta:
        constraints = [models.CheckConstraint(name="audit_chain_head_singleton", condition=Q(id=1))]

    def __str__(self):
        return f"Audit chain head at entry {self.last_sequence}"
