"""Who may do what in cspr: the one place that decides access.

Views ask these functions and templates only show what views and the navigation computed from them.
Each condition sits on its own line so that tests can cover every branch. Later stages add their
`can_*` functions here, next to the role they concern.
"""

from cspr.accounts.models import Role

# Roles that see everything their partnership holds.
PARTNERSHIP_WIDE_ROLES = {Role.BUSINESS_MANAGER, Role.REVIEW_GROUP_MEMBER, Role.EXECUTIVE_MEMBER}


def is_signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def has_role(user, *roles) -> bool:
    return is_signed_in(user) and user.role in roles


def visible_records(user, queryset):
    """Scope any queryset of a `PartnershipRecord` model to what this user may see."""
    model = queryset.model
    if not is_signed_in(user):
        return queryset.none()
    if user.role == Role.SYSTEM_ADMIN:
        return queryset.none() if model.is_case_data else queryset
    if user.role == Role.PANEL_MEMBER:
        return model.sent_to_panel(queryset)
    if user.role in PARTNERSHIP_WIDE_ROLES:
        return queryset.filter(partnership_id=user.partnership_id)
    if user.role == Role.AGENCY_LEAD:
        return model.narrow_for(user, queryset.filter(partnership_id=user.partnership_id))
    if user.role == Role.INDEPENDENT_REVIEWER:
        return model.narrow_for(user, queryset)
    return queryset.none()


def is_member_of(user, partnership) -> bool:
    return is_signed_in(user) and partnership is not None and user.partnership_id == partnership.pk


def can_manage_partnerships(user) -> bool:
    """System administrators set up partnerships and their agencies; they read no case data."""
    return has_role(user, Role.SYSTEM_ADMIN)


def can_manage_accounts(user) -> bool:
    return has_role(user, Role.SYSTEM_ADMIN)


def can_view_partnership(user, partnership) -> bool:
    """The partnership's own people (not independent reviewers) and administrators see its set-up."""
    if can_manage_partnerships(user):
        return True
    if not is_member_of(user, partnership):
        return False
    return user.role in PARTNERSHIP_WIDE_ROLES or user.role == Role.AGENCY_LEAD


def can_manage_agencies(user, partnership) -> bool:
    if can_manage_partnerships(user):
        return True
    return is_member_of(user, partnership) and user.role == Role.BUSINESS_MANAGER


def can_view_audit_log(user, partnership) -> bool:
    """A partnership's business manager reads its audit log; nobody edits it anywhere."""
    return is_member_of(user, partnership) and user.role == Role.BUSINESS_MANAGER


# Incidents: referral, screening, notification and the register.


def can_refer(user) -> bool:
    """Agency leads refer in the product; business managers also record referrals received elsewhere."""
    return has_role(user, Role.AGENCY_LEAD, Role.BUSINESS_MANAGER)


def can_record_referral(user) -> bool:
    """Recording a referral received by email, phone or letter, with the original attached."""
    return has_role(user, Role.BUSINESS_MANAGER)


def can_view_register(user) -> bool:
    """The partnership's incident register; agency leads see their own agency's part of it."""
    return has_role(
        user, Role.BUSINESS_MANAGER, Role.REVIEW_GROUP_MEMBER, Role.EXECUTIVE_MEMBER, Role.AGENCY_LEAD
    )


def can_export_register(user) -> bool:
    return has_role(user, Role.BUSINESS_MANAGER)


def can_edit_incident(user, incident) -> bool:
    return is_member_of(user, incident.partnership) and user.role == Role.BUSINESS_MANAGER


def can_screen(user, incident) -> bool:
    """The business manager records the screening decision and the partners' agreement."""
    return is_member_of(user, incident.partnership) and user.role == Role.BUSINESS_MANAGER


def can_notify(user, incident) -> bool:
    """The business manager and the incident's local authority notifier complete the notification."""
    if not is_member_of(user, incident.partnership):
        return False
    return user.role == Role.BUSINESS_MANAGER or incident.notifier_id == user.pk


def can_see_child_names(user, incident) -> bool:
    """Only business managers and the notifier see a child's name; everyone else sees the pseudonym."""
    return can_notify(user, incident)


def can_view_national_register(user) -> bool:
    """Panel members see, across every partnership, the incidents notified to the Panel."""
    return has_role(user, Role.PANEL_MEMBER)


def can_view_notification(user, incident) -> bool:
    """Who reads a serious incident notification (not who may see the incident at all).

    Those who complete it; the partnership's review group and executive; and the Panel, once it has been
    sent (the Panel sees submitted versions only, through `Notification.sent_to_panel`). Agency leads read
    it only as its notifier, and independent reviewers not at all.
    """
    if can_notify(user, incident):
        return True
    if has_role(user, Role.PANEL_MEMBER):
        return incident.notified_on is not None
    if not is_member_of(user, incident.partnership):
        return False
    return user.role in (Role.REVIEW_GROUP_MEMBER, Role.EXECUTIVE_MEMBER)


# Deadlines: the statutory clock's settings, lists of what is due, and calendar feeds.


def can_manage_bank_holidays(user) -> bool:
    """Bank holidays are national: system administrators add a newly announced one for everyone."""
    return has_role(user, Role.SYSTEM_ADMIN)


def can_change_step_lengths(user) -> bool:
    """The business manager sets their partnership's lengths for the local steps of a review."""
    return has_role(user, Role.BUSINESS_MANAGER)


def can_view_upcoming_deadlines(user) -> bool:
    """The partnership's people see what is due; agency leads only for the incidents they can see."""
    return has_role(
        user, Role.BUSINESS_MANAGER, Role.REVIEW_GROUP_MEMBER, Role.EXECUTIVE_MEMBER, Role.AGENCY_LEAD
    )


def can_view_overdue_rapid_reviews(user) -> bool:
    """The Panel follows rapid reviews overdue across every partnership."""
    return has_role(user, Role.PANEL_MEMBER)


def can_have_calendar_feed(user) -> bool:
    """Anyone signed in may subscribe to the deadlines they are responsible for."""
    return is_signed_in(user)


def can_view_screening(user, incident) -> bool:
    """The partnership's business manager, review group and executive read the screening and its reasons."""
    if not is_member_of(user, incident.partnership):
        return False
    return user.role in PARTNERSHIP_WIDE_ROLES


# Rapid reviews: agency returns, the integrated chronology, the review group, the executive decision,
# the report and the Panel's response. Nothing of a rapid review changes once it is sent to the Panel.


def can_view_rapid_reviews(user) -> bool:
    """The list of rapid reviews: the partnership's people, and the Panel for those sent to it."""
    return has_role(
        user, Role.BUSINESS_MANAGER, Role.REVIEW_GROUP_MEMBER, Role.EXECUTIVE_MEMBER, Role.PANEL_MEMBER
    )


def can_view_rapid_review(user, rapid_review) -> bool:
    """The whole rapid review: the partnership's business manager, review group and executive; the Panel
    once it has been sent. Agency leads see only their own agency's return."""
    if has_role(user, Role.PANEL_MEMBER):
        return rapid_review.is_sent
    if not is_member_of(user, rapid_review.partnership):
        return False
    return user.role in PARTNERSHIP_WIDE_ROLES


def _manages_unsent(user, rapid_review) -> bool:
    return (
        is_member_of(user, rapid_review.partnership)
        and user.role == Role.BUSINESS_MANAGER
        and not rapid_review.is_sent
    )


def can_request_returns(user, rapid_review) -> bool:
    """The business manager picks the agencies involved and sends each a request."""
    return _manages_unsent(user, rapid_review)


def can_view_my_returns(user) -> bool:
    """An agency's safeguarding lead has a list of the returns asked of their agency."""
    return has_role(user, Role.AGENCY_LEAD)


def can_view_agency_return(user, agency_return) -> bool:
    if is_member_of(user, agency_return.partnership) and user.role == Role.AGENCY_LEAD:
        return user.agency_id == agency_return.agency_id
    return can_view_rapid_review(user, agency_return.rapid_review) and not has_role(user, Role.PANEL_MEMBER)


def can_complete_return(user, agency_return) -> bool:
    """The agency's lead completes the return (the business manager may, for an agency with no lead in cspr)
    until it is submitted; a reopened return is editable again."""
    if not agency_return.is_editable or agency_return.rapid_review.is_sent:
        return False
    if not is_member_of(user, agency_return.partnership):
        return False
    if user.role == Role.AGENCY_LEAD:
        return user.agency_id == agency_return.agency_id
    return user.role == Role.BUSINESS_MANAGER


def can_reopen_return(user, agency_return) -> bool:
    """Only the business manager reopens a submitted return, giving a reason."""
    return _manages_unsent(user, agency_return.rapid_review) and not agency_return.is_editable


def can_view_chronology(user, rapid_review) -> bool:
    """The integrated chronology merges every agency's entries, so only partnership-wide roles read it."""
    return is_member_of(user, rapid_review.partnership) and user.role in PARTNERSHIP_WIDE_ROLES


def can_review_duplicates(user, rapid_review) -> bool:
    """The business manager and the review group decide whether two entries report the same event."""
    if not is_member_of(user, rapid_review.partnership):
        return False
    return user.role in (Role.BUSINESS_MANAGER, Role.REVIEW_GROUP_MEMBER)


def can_record_review_group(user, rapid_review) -> bool:
    """The meeting, immediate actions, learning and recommendation: business manager or review group."""
    if not is_member_of(user, rapid_review.partnership) or rapid_review.is_sent:
        return False
    return user.role in (Role.BUSINESS_MANAGER, Role.REVIEW_GROUP_MEMBER)


def can_record_executive_decision(user, rapid_review) -> bool:
    """An executive member records the partners' decision (or the business manager, on their behalf)."""
    if not is_member_of(user, rapid_review.partnership) or rapid_review.is_sent:
        return False
    return user.role in (Role.BUSINESS_MANAGER, Role.EXECUTIVE_MEMBER)


def can_edit_report(user, rapid_review) -> bool:
    return _manages_unsent(user, rapid_review)


def can_send_rapid_review(user, rapid_review) -> bool:
    """The business manager records the report as sent to the Panel once the executive has decided."""
    return _manages_unsent(user, rapid_review)


def can_download_report(user, rapid_review) -> bool:
    return can_view_rapid_review(user, rapid_review)


def can_respond_to_rapid_review(user, rapid_review) -> bool:
    """Panel members record the Panel's response to a rapid review sent to it."""
    return has_role(user, Role.PANEL_MEMBER) and rapid_review.is_sent


def can_manage_thematic_reviews(user) -> bool:
    """The Panel groups incidents sent to it under its thematic reviews."""
    return has_role(user, Role.PANEL_MEMBER)


def can_view_review_group(user, rapid_review) -> bool:
    """The review group's working record (attendees, immediate actions, decision) stays in the partnership:
    the Panel reads what the partnership concluded in the report it was sent."""
    return is_member_of(user, rapid_review.partnership) and user.role in PARTNERSHIP_WIDE_ROLES


def can_view_returns(user, rapid_review) -> bool:
    """The table of every agency's return on the rapid review page: the partnership's decision makers. The
    Panel reads the agencies' involvement in the report it was sent, not the returns themselves."""
    return is_member_of(user, rapid_review.partnership) and user.role in PARTNERSHIP_WIDE_ROLES


# Practice reviews: commissioning, running, quality assurance. Independent reviewers see a review only
# once they have declared no conflict of interest (`PracticeReview.narrow_for`); agency leads only the
# reviews whose review panel they sit on.


def _is_assigned_reviewer(user, practice_review) -> bool:
    """An independent reviewer of this review who has declared no conflict and still has access."""
    if not has_role(user, Role.INDEPENDENT_REVIEWER):
        return False
    return practice_review.reviewer_assignments.filter(
        reviewer=user, declaration="no_conflict", ended_on__isnull=True
    ).exists()


def _sits_on_review_panel(user, practice_review) -> bool:
    return has_role(user, Role.AGENCY_LEAD) and practice_review.panel_members.filter(user=user).exists()


def _is_partnership_wide(user, practice_review) -> bool:
    return is_member_of(user, practice_review.partnership) and user.role in PARTNERSHIP_WIDE_ROLES


def _manages(user, practice_review) -> bool:
    return is_member_of(user, practice_review.partnership) and user.role == Role.BUSINESS_MANAGER


def can_view_practice_reviews(user) -> bool:
    """The list of practice reviews: everyone who may see at least one (the list is scoped)."""
    return has_role(
        user,
        Role.BUSINESS_MANAGER,
        Role.REVIEW_GROUP_MEMBER,
        Role.EXECUTIVE_MEMBER,
        Role.AGENCY_LEAD,
        Role.INDEPENDENT_REVIEWER,
        Role.PANEL_MEMBER,
    )


def can_view_practice_review(user, practice_review) -> bool:
    """The review's status page: the partnership's decision makers, its declared reviewers and its review
    panel; the Panel once it has been told of the review (or leads it)."""
    if has_role(user, Role.PANEL_MEMBER):
        return (
            practice_review.kind == "national_review"
            or practice_review.notices.filter(recipient="panel").exists()
        )
    if _is_partnership_wide(user, practice_review):
        return True
    return _is_assigned_reviewer(user, practice_review) or _sits_on_review_panel(user, practice_review)


def can_commission_practice_review(user) -> bool:
    """The business manager records the partners' decision to start a practice or learning review."""
    return has_role(user, Role.BUSINESS_MANAGER)


def can_manage_practice_review(user, practice_review) -> bool:
    """Terms of reference, notices, reviewer, review panel, parallel processes: the business manager, until
    the review is published or withdrawn."""
    return _manages(user, practice_review) and practice_review.published_on is None


def can_declare_conflicts(user, assignment) -> bool:
    """Only the reviewer themselves declares, and only while the declaration is awaited."""
    return (
        has_role(user, Role.INDEPENDENT_REVIEWER)
        and assignment.reviewer_id == user.pk
        and assignment.declaration == "awaited"
        and assignment.ended_on is None
    )


def can_record_involvement(user, practice_review) -> bool:
    """Family and practitioner involvement: the business manager or the review's reviewer."""
    if practice_review.published_on is not None:
        return False
    return _manages(user, practice_review) or _is_assigned_reviewer(user, practice_review)


def can_record_monitoring(user, practice_review) -> bool:
    """The partners monitor time and quality: business manager and executive members."""
    if not is_member_of(user, practice_review.partnership) or practice_review.published_on is not None:
        return False
    return user.role in (Role.BUSINESS_MANAGER, Role.EXECUTIVE_MEMBER)


def can_view_drafts(user, practice_review) -> bool:
    """Drafts are working documents: not the Panel (it receives the final report as a copy)."""
    return can_view_practice_review(user, practice_review) and not has_role(user, Role.PANEL_MEMBER)


def can_upload_draft(user, practice_review) -> bool:
    if practice_review.published_on is not None:
        return False
    return _manages(user, practice_review) or _is_assigned_reviewer(user, practice_review)


def can_comment_on_draft(user, practice_review) -> bool:
    """The review panel, the partnership's decision makers and the reviewer comment on drafts."""
    return can_view_drafts(user, practice_review) and practice_review.published_on is None


def can_view_review_chronology(user, practice_review) -> bool:
    """The integrated chronology of the rapid reviews the review came from: partnership-wide roles and the
    declared reviewer (never before the declaration)."""
    return _is_partnership_wide(user, practice_review) or _is_assigned_reviewer(user, practice_review)


def can_answer_quality_assurance(user, practice_review) -> bool:
    """The business manager and the review group check the final report against the checklists."""
    if not is_member_of(user, practice_review.partnership) or practice_review.published_on is not None:
        return False
    return user.role in (Role.BUSINESS_MANAGER, Role.REVIEW_GROUP_MEMBER)


def can_sign_off_for_review_group(user, practice_review) -> bool:
    return (
        is_member_of(user, practice_review.partnership)
        and user.role == Role.REVIEW_GROUP_MEMBER
        and practice_review.published_on is None
    )


def can_sign_off_for_executive(user, practice_review) -> bool:
    return (
        is_member_of(user, practice_review.partnership)
        and user.role == Role.EXECUTIVE_MEMBER
        and practice_review.published_on is None
    )


def can_record_partners_response(user, practice_review) -> bool:
    """The partners' written response to the report: business manager or executive member."""
    if not is_member_of(user, practice_review.partnership) or practice_review.published_on is not None:
        return False
    return user.role in (Role.BUSINESS_MANAGER, Role.EXECUTIVE_MEMBER)


# Publication: gates, documents, the anonymisation check, publishing, withdrawal and the public pages.


def can_prepare_publication(user, practice_review) -> bool:
    """Documents, copies to the Panel and the Secretary of State, the anonymisation check, the decision
    not to publish: the business manager."""
    return _manages(user, practice_review) and practice_review.published_on is None


def can_view_publication(user, practice_review) -> bool:
    """The publication page (gates, documents, checks): the partnership's decision makers."""
    return _is_partnership_wide(user, practice_review)


def can_waive_publication_gate(user, practice_review) -> bool:
    """Only an executive member may waive a gate, with a reason."""
    return (
        is_member_of(user, practice_review.partnership)
        and user.role == Role.EXECUTIVE_MEMBER
        and practice_review.published_on is None
    )


def can_override_anonymisation_check(user, practice_review) -> bool:
    """Overriding findings of the check is a waiver too: executive members only."""
    return can_waive_publication_gate(user, practice_review)


def can_publish(user, practice_review) -> bool:
    return _manages(user, practice_review) and practice_review.published_on is None


def can_withdraw_publication(user, practice_review) -> bool:
    """After 12 months the business manager may take a review down; before that only an executive member,
    with a recorded reason such as a court order (the 12-month rule is checked by the action)."""
    if not practice_review.is_published:
        return False
    if not is_member_of(user, practice_review.partnership):
        return False
    return user.role in (Role.BUSINESS_MANAGER, Role.EXECUTIVE_MEMBER)


def can_keep_published(user, practice_review) -> bool:
    """Keep a published review on the website after 12 months instead of "available on request"."""
    return _manages(user, practice_review) and practice_review.is_published


def can_download_submission_pack(user, practice_review) -> bool:
    """The pack for the national case review repository, once published."""
    return _manages(user, practice_review) and practice_review.is_published


# Learning briefings.


def can_edit_briefing(user, practice_review) -> bool:
    """The business manager and the review's reviewer write the briefings (also after publication, to
    correct them)."""
    return _manages(user, practice_review) or _is_assigned_reviewer(user, practice_review)


def can_view_briefing(user, practice_review) -> bool:
    """Before publication, those who see the review; after it, anyone (the public pages)."""
    return can_view_practice_review(user, practice_review)
