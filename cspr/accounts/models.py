"""People who use cspr: one account per person, signed in by email, with exactly one role."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Role(models.TextChoices):
    BUSINESS_MANAGER = "business_manager", "Business manager"
    REVIEW_GROUP_MEMBER = "review_group_member", "Review group member"
    EXECUTIVE_MEMBER = "executive_member", "Executive member"
    AGENCY_LEAD = "agency_lead", "Agency safeguarding lead"
    INDEPENDENT_REVIEWER = "independent_reviewer", "Independent reviewer"
    PANEL_MEMBER = "panel_member", "National Panel member"
    SYSTEM_ADMIN = "system_admin", "System administrator"


# Roles that work for one partnership and must name it.
PARTNERSHIP_ROLES = {
    Role.BUSINESS_MANAGER,
    Role.REVIEW_GROUP_MEMBER,
    Role.EXECUTIVE_MEMBER,
    Role.AGENCY_LEAD,
}
# Roles whose sign-in must use a second factor when TWO_FACTOR_REQUIRED is on (the production profile).
TWO_FACTOR_ROLES = {Role.BUSINESS_MANAGER, Role.PANEL_MEMBER, Role.SYSTEM_ADMIN}


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **fields):
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        """`cspr createsuperuser` makes a system administrator: accounts and partnerships, no case data."""
        fields.setdefault("full_name", "System administrator")
        fields["role"] = Role.SYSTEM_ADMIN
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser):
    email = models.EmailField("email address", unique=True)
    full_name = models.CharField(max_length=200)
    job_title = models.CharField(max_length=200, blank=True)
    role = models.CharField(max_length=30, choices=Role.choices)
    partnership = models.ForeignKey(
        "partnerships.Partnership", null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    agency = models.ForeignKey(
        "partnerships.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)
    failed_sign_ins = models.PositiveIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["email"]
        constraints = [
            models.CheckConstraint(
                name="partnership_role_names_partnership",
                # In the order of `Role`, not of the set, so the migration never seems to change.
                condition=~Q(role__in=[r.value for r in Role if r in PARTNERSHIP_ROLES])
                | Q(partnership__isnull=False),
            ),
            models.CheckConstraint(
                name="agency_lead_names_agency",
                condition=~Q(role=Role.AGENCY_LEAD) | Q(agency__isnull=False),
            ),
            models.CheckConstraint(
                name="national_roles_have_no_partnership",
                condition=~Q(role__in=[Role.PANEL_MEMBER, Role.SYSTEM_ADMIN]) | Q(partnership__isnull=True),
            ),
        ]

    def __str__(self):
        return self.email

    def clean(self):
        from django.core.exceptions import ValidationError

        self.email = self.email.lower()
        if self.role in PARTNERSHIP_ROLES and not self.partnership_id:
            raise ValidationError({"partnership": "Select the partnership this person works for"})
        if self.role == Role.AGENCY_LEAD and not self.agency_id:
            raise ValidationError({"agency": "Select the agency this safeguarding lead works for"})
        if self.role in (Role.PANEL_MEMBER, Role.SYSTEM_ADMIN) and self.partnership_id:
            raise ValidationError(
                {"partnership": "National Panel members and administrators have no partnership"}
            )
        if self.agency_id and self.agency.partnership_id != self.partnership_id:
            raise ValidationError({"agency": "Select an agency of the same partnership"})

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name

    def is_locked_out(self, now=None) -> bool:
        """Locked after SIGN_IN_MAX_FAILURES failed sign-ins in a row, until the lock-out time passes."""
        return self.locked_until is not None and self.locked_until > (now or timezone.now())

    def register_failed_sign_in(self) -> bool:
        """Count a failed sign-in; lock the account when the limit is reached. Returns True if it locked."""
        self.failed_sign_ins += 1
        locked = self.failed_sign_ins >= settings.SIGN_IN_MAX_FAILURES
        if locked:
            self.locked_until = timezone.now() + timedelta(minutes=settings.SIGN_IN_LOCKOUT_MINUTES)
            self.failed_sign_ins = 0
        self.save(update_fields=["failed_sign_ins", "locked_until"])
        return locked

    def register_successful_sign_in(self) -> None:
        if self.failed_sign_ins or self.locked_until:
            self.failed_sign_ins = 0
            self.locked_until = None
            self.save(update_fields=["failed_sign_ins", "locked_until"])

    def needs_second_factor(self) -> bool:
        return settings.TWO_FACTOR_REQUIRED and self.role in TWO_FACTOR_ROLES
