"""Records the permission matrix (tests/test_permission_matrix.py) needs for the referral and edit URLs."""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from conftest import make_incident
from cspr.incidents.models import IncidentLink, LinkKind

# One fixed file, replaced on each use, so that the matrix leaves no trail of uploads behind.
MATRIX_DOCUMENT = "referrals/permission-matrix.txt"


def referral_kwargs(ctx) -> dict:
    return {"pk": ctx["incident"].referrals.get().pk}


def referral_document_kwargs(ctx) -> dict:
    """The fixture incident's referral, with an original attached."""
    referral = ctx["incident"].referrals.get()
    default_storage.delete(MATRIX_DOCUMENT)
    referral.original_document.name = default_storage.save(MATRIX_DOCUMENT, ContentFile(b"Referral email"))
    referral.save()
    return {"pk": referral.pk}


def incident_kwargs(ctx) -> dict:
    return {"pk": ctx["incident"].pk}


def child_kwargs(ctx) -> dict:
    return {"pk": ctx["incident"].pk, "child_pk": ctx["incident"].children.get().pk}


def link_kwargs(ctx) -> dict:
    incident = ctx["incident"]
    sibling = make_incident(incident.partnership, reference="2026/002")
    link = IncidentLink.objects.create(
        partnership=incident.partnership, from_incident=incident, to_incident=sibling, kind=LinkKind.SIBLINGS
    )
    return {"pk": incident.pk, "link_pk": link.pk}
