"""The vocabulary of the permission matrix (tests/test_permission_matrix.py), shared by every app's entries.

Statuses: 200 shown, 302 redirected (to sign-in for anonymous visitors), 403 seen but not allowed,
404 not even shown to exist (another partnership's records), 405 wrong method.
"""

PERSONAS = [
    "anonymous",
    "business_manager",
    "review_group_member",
    "executive_member",
    "agency_lead",
    "independent_reviewer",
    "panel_member",
    "system_admin",
    "other_business_manager",
]
SIGNED_IN = PERSONAS[1:]


def only(allowed: dict, otherwise: int, anonymous: int = 302) -> dict:
    expected = dict.fromkeys(SIGNED_IN, otherwise)
    expected["anonymous"] = anonymous
    expected.update(allowed)
    return expected


def everyone(status: int) -> dict:
    return dict.fromkeys(PERSONAS, status)


def signed_in(status: int) -> dict:
    return only({}, status)
