"""The context the library tests build their records from (`records.draft_entry(ctx)`): the partnership,
the agency lead's agency and the notified incident, with the business manager account created."""

import pytest


@pytest.fixture
def ctx(partnership, agency, business_manager, incident, agency_lead):
    return {"partnership": partnership, "agency": agency, "incident": incident}
