"""Every URL the project defines, requested by every role and by a user of another partnership.

Adding a URL without an entry here fails `test_every_url_has_an_entry`: decide who may use it first.
Statuses: 200 shown, 302 redirected (to sign-in for anonymous visitors), 403 seen but not allowed,
404 not even shown to exist (another partnership's records), 405 wrong method.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from cspr.action_plans.tests import (
    matrix_lists,
    matrix_plans,
    matrix_progress,
    matrix_reports,
    matrix_spreadsheets,
)
from cspr.briefings.tests.matrix_entries import ENTRIES as BRIEFINGS_ENTRIES
from cspr.chronology.tests import matrix as chronology_matrix
from cspr.core.tests.matrix_rules import PERSONAS, everyone, only, signed_in
from cspr.deadlines.tests import matrix as deadlines_matrix
from cspr.incidents.tests import matrix_referrals
from cspr.library.tests import (
    matrix_adopting,
    matrix_analytics,
    matrix_entries,
    matrix_importing,
    matrix_search,
    matrix_themes,
)
from cspr.practice_reviews.tests.matrix_commissioning import ENTRIES as COMMISSIONING_ENTRIES
from cspr.practice_reviews.tests.matrix_quality import ENTRIES as QUALITY_ENTRIES
from cspr.practice_reviews.tests.matrix_records import ENTRIES as RECORDS_ENTRIES
from cspr.practice_reviews.tests.matrix_running import ENTRIES as RUNNING_ENTRIES
from cspr.publication.tests.matrix_entries import ENTRIES as PUBLICATION_ENTRIES
from cspr.publication.tests.matrix_redaction import ENTRIES as REDACTION_ENTRIES
from cspr.rapid_reviews.tests import matrix as rapid_reviews_matrix
from cspr.rapid_reviews.tests import matrix_decision, matrix_panel, matrix_returns

ADMIN_ONLY = only({"system_admin": 200}, 403)
ADMIN_ONLY_POST = only({"system_admin": 302}, 403)
SEES_PARTNERSHIP = only(
    {
        "business_manager": 200,
        "review_group_member": 200,
        "executive_member": 200,
        "agency_lead": 200,
        "system_admin": 200,
    },
    404,
)
MANAGES_AGENCIES = only(
    {
        "business_manager": 200,
        "system_admin": 200,
        "review_group_member": 403,
        "executive_member": 403,
        "agency_lead": 403,
    },
    404,
)
# Another partnership's business manager reads their own partnership's log at the same address.
BUSINESS_MANAGER_ONLY = only({"business_manager": 200, "other_business_manager": 200}, 403)


def partnership_kwargs(ctx):
    return {"slug": ctx["partnership"].slug}


def account_kwargs(ctx):
    return {"pk": ctx["business_manager_account"].pk}


# incidents: notification (who reads it, who completes it)
NOTIFICATION_READERS = only(
    {"business_manager": 200, "review_group_member": 200, "executive_member": 200, "agency_lead": 403}, 404
)
NOTIFIER_ONLY = only(
    {"business_manager": 200, "review_group_member": 403, "executive_member": 403, "agency_lead": 403}, 404
)


# rapid reviews: the partnership's decision makers read the whole review; the Panel once it is sent.
# The list of rapid reviews: the partnership's decision makers, and the Panel (another partnership's
# business manager gets their own partnership's list at the same address).
RAPID_REVIEW_LIST = only(
    {
        "business_manager": 200,
        "review_group_member": 200,
        "executive_member": 200,
        "panel_member": 200,
        "other_business_manager": 200,
    },
    403,
)
PANEL_ONLY = only({"panel_member": 200}, 403)
RAPID_REVIEW_READERS = only(
    {"business_manager": 200, "review_group_member": 200, "executive_member": 200}, 404
)


# url name -> (method, kwargs(ctx) or None, expected status per persona)
MATRIX = {
    "core:home": ("get", None, signed_in(200)),
    "core:help": ("get", None, everyone(200)),
    "core:help-page": ("get", lambda ctx: {"slug": "business-manager"}, everyone(200)),
    "core:accessibility": ("get", None, everyone(200)),
    "core:privacy": ("get", None, everyone(200)),
    "core:health": ("get", None, everyone(200)),
    "accounts:sign-in": ("get", None, only({}, 302, anonymous=200)),
    "accounts:sign-in-code": ("get", None, signed_in(302)),
    "accounts:sign-out": ("post", None, everyone(302)),
    "accounts:account": ("get", None, signed_in(200)),
    "accounts:two-factor-set-up": ("get", None, signed_in(200)),
    "accounts:password-change": ("get", None, signed_in(200)),
    "accounts:password-reset": ("get", None, everyone(200)),
    "accounts:password-reset-sent": ("get", None, everyone(200)),
    "accounts:set-password": ("get", lambda ctx: {"uidb64": "MQ", "token": "set-password"}, everyone(200)),
    "account-admin:list": ("get", None, ADMIN_ONLY),
    "account-admin:create": ("get", None, ADMIN_ONLY),
    "account-admin:detail": ("get", account_kwargs, ADMIN_ONLY),
    "account-admin:edit": ("get", account_kwargs, ADMIN_ONLY),
    "account-admin:unlock": ("post", account_kwargs, ADMIN_ONLY_POST),
    "account-admin:set-active": ("post", account_kwargs, ADMIN_ONLY_POST),
    "account-admin:reset-second-factor": ("post", account_kwargs, ADMIN_ONLY_POST),
    "account-admin:resend-invitation": ("post", account_kwargs, ADMIN_ONLY_POST),
    "partnerships:list": ("get", None, ADMIN_ONLY),
    "partnerships:create": ("get", None, ADMIN_ONLY),
    "partnerships:detail": ("get", partnership_kwargs, SEES_PARTNERSHIP),
    "partnerships:edit": ("get", partnership_kwargs, ADMIN_ONLY),
    "partnerships:agency-create": ("get", partnership_kwargs, MANAGES_AGENCIES),
    "partnerships:agency-edit": (
        "get",
        lambda ctx: {**partnership_kwargs(ctx), "pk": ctx["agency"].pk},
        MANAGES_AGENCIES,
    ),
    "audit:log": ("get", None, BUSINESS_MANAGER_ONLY),
    "audit:export": ("get", None, BUSINESS_MANAGER_ONLY),
    # incidents: register, incident page and exports
    # Panel members get the national register of notified incidents at the same address.
    "incidents:register": (
        "get",
        None,
        only({"independent_reviewer": 403, "system_admin": 403}, 200),
    ),
    "incidents:export": ("get", None, BUSINESS_MANAGER_ONLY),
    # The fixture incident is not notified yet, so the Panel does not see it either.
    "incidents:detail": (
        "get",
        lambda ctx: {"pk": ctx["incident"].pk},
        only(
            {
                "business_manager": 200,
                "review_group_member": 200,
                "executive_member": 200,
                "agency_lead": 200,
            },
            404,
        ),
    ),
    # incidents: referrals, incident editing and children
    # Agency leads refer in cspr; business managers also record referrals received elsewhere. The original
    # document goes only to those who may see children's names; editing is the business manager's.
    "incidents:refer": (
        "get",
        None,
        only({"business_manager": 200, "agency_lead": 200, "other_business_manager": 200}, 403),
    ),
    "incidents:record-referral": ("get", None, BUSINESS_MANAGER_ONLY),
    "incidents:referral-sent": (
        "get",
        matrix_referrals.referral_kwargs,
        only({"business_manager": 200, "agency_lead": 200, "other_business_manager": 404}, 403),
    ),
    "incidents:referral-document": (
        "get",
        matrix_referrals.referral_document_kwargs,
        only(
            {
                "business_manager": 200,
                "review_group_member": 403,
                "executive_member": 403,
                "agency_lead": 403,
            },
            404,
        ),
    ),
    **dict.fromkeys(
        ["incidents:edit", "incidents:child-add", "incidents:link-add"],
        (
            "get",
            matrix_referrals.incident_kwargs,
            only(
                {
                    "business_manager": 200,
                    "review_group_member": 403,
                    "executive_member": 403,
                    "agency_lead": 403,
                },
                404,
            ),
        ),
    ),
    **dict.fromkeys(
        ["incidents:child-edit", "incidents:child-remove"],
        (
            "get",
            matrix_referrals.child_kwargs,
            only(
                {
                    "business_manager": 200,
                    "review_group_member": 403,
                    "executive_member": 403,
                    "agency_lead": 403,
                },
                404,
            ),
        ),
    ),
    "incidents:link-remove": (
        "get",
        matrix_referrals.link_kwargs,
        only(
            {
                "business_manager": 200,
                "review_group_member": 403,
                "executive_member": 403,
                "agency_lead": 403,
            },
            404,
        ),
    ),
    # incidents: screening
    # The summary for the partnership's decision makers; changes for its business manager only. The check
    # and outcome pages send the business manager to the first question while nothing is answered.
    "incidents:screening": (
        "get",
        lambda ctx: {"pk": ctx["incident"].pk},
        only(
            {
                "business_manager": 200,
                "review_group_member": 200,
                "executive_member": 200,
                "agency_lead": 403,
            },
            404,
        ),
    ),
    "incidents:screening-question": (
        "get",
        lambda ctx: {"pk": ctx["incident"].pk, "question": "who"},
        only(
            {
                "business_manager": 200,
                "review_group_member": 403,
                "executive_member": 403,
                "agency_lead": 403,
            },
            404,
        ),
    ),
    "incidents:screening-check": (
        "get",
        lambda ctx: {"pk": ctx["incident"].pk},
        only(
            {
                "business_manager": 302,
                "review_group_member": 403,
                "executive_member": 403,
                "agency_lead": 403,
            },
            404,
        ),
    ),
    "incidents:screening-outcome": (
        "post",
        lambda ctx: {"pk": ctx["incident"].pk},
        only(
            {
                "business_manager": 302,
                "review_group_member": 403,
                "executive_member": 403,
                "agency_lead": 403,
            },
            404,
        ),
    ),
    "incidents:partner-decision": (
        "get",
        lambda ctx: {"pk": ctx["incident"].pk},
        only(
            {
                "business_manager": 200,
                "review_group_member": 403,
                "executive_member": 403,
                "agency_lead": 403,
            },
            404,
        ),
    ),
    # incidents: notification
    # Readers: the business manager (who completes it), the review group and the executive. The agency lead
    # sees the incident but is not its notifier; the Panel sees nothing until it has been sent.
    "incidents:notification": ("get", lambda ctx: {"pk": ctx["incident"].pk}, NOTIFICATION_READERS),
    "incidents:notification-save": ("get", lambda ctx: {"pk": ctx["incident"].pk}, NOTIFIER_ONLY),
    # The pages below need a saved version: `saved_notification` makes version 1 of the notification.
    "incidents:notification-submitted": (
        "get",
        (
            saved_notification := lambda ctx: {
                "pk": ctx["incident"]
                .notifications.get_or_create(version=1, defaults={"partnership": ctx["partnership"]})[0]
                .incident_id
            }
        ),
        NOTIFIER_ONLY,
    ),
    "incidents:notification-copies": ("get", saved_notification, NOTIFIER_ONLY),
    "incidents:notification-version": (
        "get",
        lambda ctx: {**saved_notification(ctx), "version": 1},
        NOTIFICATION_READERS,
    ),
    **{
        f"incidents:notification-{document}": ("get", saved_notification, NOTIFICATION_READERS)
        for document in ("print", "pdf", "docx", "json")
    },
    # deadlines
    "deadlines:bank-holidays": ("get", None, ADMIN_ONLY),
    "deadlines:bank-holiday-add": ("get", None, ADMIN_ONLY),
    "deadlines:bank-holiday-delete": ("get", deadlines_matrix.bank_holiday_change_kwargs, ADMIN_ONLY),
    "deadlines:step-lengths": ("get", None, BUSINESS_MANAGER_ONLY),
    "deadlines:fortnight": (
        "get",
        None,
        only(
            {
                "business_manager": 200,
                "review_group_member": 200,
                "executive_member": 200,
                "agency_lead": 200,
                "other_business_manager": 200,
            },
            403,
        ),
    ),
    "deadlines:fortnight-export": (
        "get",
        None,
        only(
            {
                "business_manager": 200,
                "review_group_member": 200,
                "executive_member": 200,
                "agency_lead": 200,
                "other_business_manager": 200,
            },
            403,
        ),
    ),
    "deadlines:panel-overdue": ("get", None, only({"panel_member": 200}, 403)),
    "deadlines:calendar-feed": ("get", None, signed_in(200)),
    # The secret address is the key: it works for whoever holds it, signed in or not.
    "deadlines:ics": ("get", deadlines_matrix.calendar_feed_kwargs, everyone(200)),
    # rapid reviews: the review page
    "rapid_reviews:detail": ("get", rapid_reviews_matrix.rapid_review_kwargs, RAPID_REVIEW_READERS),
    # rapid reviews: agency requests and returns
    # The business manager asks; each agency's lead sees and completes only their agency's return (another
    # agency's lead gets 404, tested in cspr/rapid_reviews/tests); the partnership's decision makers read it.
    "rapid_reviews:requests": (
        "get",
        rapid_reviews_matrix.rapid_review_kwargs,
        only({"business_manager": 200, "review_group_member": 403, "executive_member": 403}, 404),
    ),
    "rapid_reviews:my-returns": ("get", None, only({"agency_lead": 200}, 403)),
    "rapid_reviews:return": (
        "get",
        rapid_reviews_matrix.agency_return_kwargs,
        only(
            {
                "business_manager": 200,
                "review_group_member": 200,
                "executive_member": 200,
                "agency_lead": 200,
            },
            404,
        ),
    ),
    "rapid_reviews:return-check": (
        "get",
        matrix_returns.drafted_return_kwargs,
        only(
            {
                "business_manager": 200,
                "review_group_member": 403,
                "executive_member": 403,
                "agency_lead": 200,
            },
            404,
        ),
    ),
    "rapid_reviews:return-reopen": (
        "get",
        matrix_returns.submitted_return_kwargs,
        only(
            {
                "business_manager": 200,
                "review_group_member": 403,
                "executive_member": 403,
                "agency_lead": 403,
            },
            404,
        ),
    ),
    # rapid reviews: review group, executive decision, report
    # The business manager and the review group record the meeting and immediate actions; an executive member
    # (or the business manager) the decision; only the business manager edits and sends the report. The
    # documents are the partnership's decision makers' and, once sent, the Panel's.
    "rapid_reviews:review-group": (
        "get",
        rapid_reviews_matrix.rapid_review_kwargs,
        (
            RECORDS_REVIEW_GROUP := only(
                {"business_manager": 200, "review_group_member": 200, "executive_member": 403}, 404
            )
        ),
    ),
    "rapid_reviews:immediate-action-add": (
        "get",
        rapid_reviews_matrix.rapid_review_kwargs,
        RECORDS_REVIEW_GROUP,
    ),
    "rapid_reviews:executive-decision": (
        "get",
        matrix_decision.reviewed_kwargs,
        only({"business_manager": 200, "review_group_member": 403, "executive_member": 200}, 404),
    ),
    "rapid_reviews:report": ("get", rapid_reviews_matrix.rapid_review_kwargs, RAPID_REVIEW_READERS),
    "rapid_reviews:report-edit": (
        "get",
        rapid_reviews_matrix.rapid_review_kwargs,
        (
            BUSINESS_MANAGER_OF_REVIEW := only(
                {"business_manager": 200, "review_group_member": 403, "executive_member": 403}, 404
            )
        ),
    ),
    "rapid_reviews:report-send": ("get", matrix_decision.decided_kwargs, BUSINESS_MANAGER_OF_REVIEW),
    **{
        f"rapid_reviews:report-{document}": (
            "get",
            rapid_reviews_matrix.sent_rapid_review_kwargs,
            only(
                {
                    "business_manager": 200,
                    "review_group_member": 200,
                    "executive_member": 200,
                    "panel_member": 200,
                },
                404,
            ),
        )
        for document in ("docx", "pdf")
    },
    # rapid reviews: the Panel's side
    # One list for the partnership's decision makers (their own) and the Panel (those sent to it); the Panel
    # alone responds and groups incidents under thematic reviews.
    "rapid_reviews:list": ("get", None, RAPID_REVIEW_LIST),
    "rapid_reviews:list-export": ("get", None, RAPID_REVIEW_LIST),
    "rapid_reviews:panel-response": (
        "get",
        rapid_reviews_matrix.sent_rapid_review_kwargs,
        only(
            {
                "panel_member": 200,
                "business_manager": 403,
                "review_group_member": 403,
                "executive_member": 403,
            },
            404,
        ),
    ),
    "rapid_reviews:thematic-reviews": ("get", None, PANEL_ONLY),
    "rapid_reviews:thematic-review-create": ("get", None, PANEL_ONLY),
    "rapid_reviews:thematic-review": ("get", matrix_panel.thematic_review_kwargs, PANEL_ONLY),
    "rapid_reviews:thematic-review-edit": ("get", matrix_panel.thematic_review_kwargs, PANEL_ONLY),
    "rapid_reviews:thematic-review-add": ("get", matrix_panel.thematic_review_kwargs, PANEL_ONLY),
    "rapid_reviews:thematic-review-remove": (
        "post",
        matrix_panel.thematic_review_incident_kwargs,
        only({"panel_member": 302}, 403),
    ),
    # chronology
    # An agency's entries: the partnership's decision makers and that agency's lead read them; the lead (or
    # the business manager) changes them while the return is open. The integrated chronology, its exports
    # and the duplicates are for the partnership's decision makers only, never an agency lead.
    "chronology:return-entries": (
        "get",
        chronology_matrix.agency_return_kwargs,
        only(
            {
                "business_manager": 200,
                "review_group_member": 200,
                "executive_member": 200,
                "agency_lead": 200,
            },
            404,
        ),
    ),
    **dict.fromkeys(
        ["chronology:entry-add", "chronology:upload"],
        (
            "get",
            chronology_matrix.agency_return_kwargs,
            only(
                {
                    "business_manager": 200,
                    "review_group_member": 403,
                    "executive_member": 403,
                    "agency_lead": 200,
                },
                404,
            ),
        ),
    ),
    **dict.fromkeys(
        ["chronology:entry-edit", "chronology:entry-delete"],
        (
            "get",
            chronology_matrix.entry_kwargs,
            only(
                {
                    "business_manager": 200,
                    "review_group_member": 403,
                    "executive_member": 403,
                    "agency_lead": 200,
                },
                404,
            ),
        ),
    ),
    # The blank template holds no case data.
    "chronology:upload-template": ("get", lambda ctx: {"fmt": "xlsx"}, signed_in(200)),
    **dict.fromkeys(
        ["chronology:integrated", "chronology:export-xlsx", "chronology:export-docx"],
        ("get", chronology_matrix.rapid_review_kwargs, RAPID_REVIEW_READERS),
    ),
    "chronology:duplicates": (
        "get",
        chronology_matrix.rapid_review_kwargs,
        only({"business_manager": 200, "review_group_member": 200, "executive_member": 403}, 404),
    ),
    # practice reviews, publication and briefings: each part's entries live next to its tests
    **RECORDS_ENTRIES,
    **COMMISSIONING_ENTRIES,
    **RUNNING_ENTRIES,
    **QUALITY_ENTRIES,
    **PUBLICATION_ENTRIES,
    **REDACTION_ENTRIES,
    **BRIEFINGS_ENTRIES,
    # action plans
    **matrix_lists.ENTRIES,
    **matrix_search.ENTRIES,
    **matrix_entries.ENTRIES,
    **matrix_importing.ENTRIES,
    **matrix_themes.ENTRIES,
    **matrix_adopting.ENTRIES,
    **matrix_analytics.ENTRIES,
    **matrix_plans.ENTRIES,
    **matrix_progress.ENTRIES,
    **matrix_spreadsheets.ENTRIES,
    **matrix_reports.ENTRIES,
}


def project_url_names(patterns=None, namespace=None) -> set[str]:
    names = set()
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or namespace
            names |= project_url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            assert pattern.name, f"URL {pattern.pattern} has no name: name it and add it to MATRIX"
            names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)
    return names


def test_every_url_has_an_entry():
    names = project_url_names()
    assert names - MATRIX.keys() == set(), "URLs without a permission matrix entry"
    assert MATRIX.keys() - names == set(), "matrix entries for URLs that no longer exist"


@pytest.fixture
def ctx(partnership, agency, business_manager, incident):
    return {
        "partnership": partnership,
        "agency": agency,
        "business_manager_account": business_manager,
        "incident": incident,
    }


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_permission_matrix(client, request, ctx, url_name, persona):
    method, kwargs, expected = MATRIX[url_name]
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    url = reverse(url_name, kwargs=kwargs(ctx) if kwargs else None)
    response = getattr(client, method)(url)
    assert response.status_code == expected[persona], f"{persona} {method.upper()} {url}"
