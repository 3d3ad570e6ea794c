"""The context the action plan tests build their records from (`records.action_plan(ctx)`): the
partnership, the agency lead's agency and the notified incident, with the business manager and agency
lead accounts created so that the review and the plan are seen as they would be."""

import pytest


@pytest.fixture
def ctx(partnership, agency, business_manager, incident, agency_lead):
    return {"partnership": partnership, "agency": agency, "incident": incident}
