"""Partnership set-up changes, each atomic and audited."""

from django.db import transaction

from cspr.audit.log import changes_between, record, snapshot
from cspr.audit.models import AuditAction
from cspr.partnerships.models import Agency, LocalAuthority, Partnership

PARTNERSHIP_FIELDS = ["name", "slug", "integrated_care_board", "police_force", "email", "website"]
AGENCY_FIELDS = ["name", "kind", "is_statutory_partner", "email", "is_active"]


@transaction.atomic
def do_save_partnership(form, *, acting_user, request) -> Partnership:
    is_new = form.instance.pk is None
    before = {} if is_new else snapshot(Partnership.objects.get(pk=form.instance.pk), PARTNERSHIP_FIELDS)
    before_councils = [] if is_new else [la.name for la in form.instance.local_authorities.all()]
    partnership = form.save()
    councils = form.cleaned_data["councils"]
    partnership.local_authorities.exclude(name__in=councils).delete()
    for name in councils:
        LocalAuthority.objects.get_or_create(partnership=partnership, name=name)
    changes = changes_between(before, snapshot(partnership, PARTNERSHIP_FIELDS))
    if before_councils != councils:
        changes["local_authorities"] = [before_councils, councils]
    record(
        AuditAction.CREATE if is_new else AuditAction.CHANGE,
        actor=acting_user,
        request=request,
        obj=partnership,
        partnership=partnership,
        changes=changes,
    )
    return partnership


@transaction.atomic
def do_save_agency(form, *, acting_user, request) -> Agency:
    is_new = form.instance.pk is None
    before = {} if is_new else snapshot(Agency.objects.get(pk=form.instance.pk), AGENCY_FIELDS)
    agency = form.save()
    record(
        AuditAction.CREATE if is_new else AuditAction.CHANGE,
        actor=acting_user,
        request=request,
        obj=agency,
        changes=changes_between(before, snapshot(agency, AGENCY_FIELDS)),
    )
    return agency
