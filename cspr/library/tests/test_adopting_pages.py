"""Adopting a library recommendation into the partnership's action plan: one click from the entry, into
the plan for that review (the partnership's own review's plan when it has one), numbered next, tagged with
the review's confirmed themes, due in six months, then on to choosing the agencies. Adopting twice adds
nothing; only those who write the partnership's plans may adopt, and only from entries they can read."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from cspr.action_plans.models import ActionPlan, Recommendation, RecommendationKind, Source
from cspr.action_plans.tests.records import make_plan, make_recommendation
from cspr.audit.models import AuditEvent
from cspr.library.actions.adopting import do_adopt, months_later
from cspr.library.models import EntryStatus
from cspr.practice_reviews.tests.records import make_practice_review

from .records import draft_entry, make_entry, public_entry

LONDON = ZoneInfo("Europe/London")


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(dt.datetime(2026, 11, 26, 10, tzinfo=LONDON), tick=False):
        yield dt.date(2026, 11, 26)


def adopt_url(entry, position=1):
    return reverse("library:adopt", args=[entry.pk, entry.recommendations.get(position=position).pk])


def test_the_confirm_page_shows_the_recommendation_and_where_it_will_go(client, business_manager, ctx):
    entry = public_entry(ctx)
    client.force_login(business_manager)
    page = client.get(adopt_url(entry)).content.decode()
    assert "Add this recommendation to your action plan?" in page
    assert "Health visitors should record who lives in the home." in page
    assert "a new action plan for this review" in page
    assert not ActionPlan.objects.exists()


def test_adopting_starts_a_library_plan_and_goes_on_to_choosing_agencies(client, business_manager, ctx):
    entry = public_entry(ctx)
    client.force_login(business_manager)
    response = client.post(adopt_url(entry))
    recommendation = Recommendation.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("action_plans:edit_recommendation", args=[recommendation.pk])
    plan = recommendation.plan
    assert (plan.partnership, plan.source, plan.library_entry) == (ctx["partnership"], Source.LIBRARY, entry)
    assert plan.national_report == "Child W: a national example"
    assert plan.national_report_url.endswith(f"/library/{entry.pk}/")
    assert plan.agreed_on == dt.date(2026, 11, 26)
    assert recommendation.number == 1 and recommendation.kind == RecommendationKind.RECOMMENDATION
    assert recommendation.text == "Health visitors should record who lives in the home."
    assert recommendation.due_on == dt.date(2027, 5, 26)
    assert recommendation.library_recommendation == entry.recommendations.get()
    assert {theme.label for theme in recommendation.themes.all()} == {"fathers and male carers", "neglect"}
    assert not recommendation.agencies.exists()
    page = client.get(response.url)
    assert page.status_code == 200 and "choose the agencies it is addressed to" in page.content.decode()
    created = AuditEvent.objects.filter(action="create")
    assert created.filter(object_id=str(plan.pk)).exists()
    assert created.filter(object_id=str(recommendation.pk)).exists()
    assert "Health visitors" not in str(list(AuditEvent.objects.values_list("changes", flat=True)))


def test_adopting_twice_adds_nothing_and_says_it_is_already_there(client, business_manager, ctx):
    entry = public_entry(ctx)
    client.force_login(business_manager)
    client.post(adopt_url(entry))
    response = client.post(adopt_url(entry), follow=True)
    assert Recommendation.objects.count() == 1 and ActionPlan.objects.count() == 1
    page = response.content.decode()
    assert "This recommendation is already in your action plan" in page
    assert Recommendation.objects.get().get_absolute_url() in page


def test_more_recommendations_of_the_review_go_to_the_same_plan_numbered_next(business_manager, ctx):
    entry = make_entry(
        None, title="Child P", recommendations=["Schools should act on absence.", "GPs should ask."]
    )
    first, second = entry.recommendations.order_by("position")
    one = do_adopt(first, acting_user=business_manager, request=None).recommendation
    two = do_adopt(second, acting_user=business_manager, request=None).recommendation
    assert one.plan == two.plan and (one.number, two.number) == (1, 2)


def test_the_partnerships_own_review_adopts_into_its_existing_plan(business_manager, ctx, agency):
    review = make_practice_review(ctx["partnership"])
    plan = make_plan(ctx["partnership"], practice_review=review)
    make_recommendation(plan, agencies=[agency])
    make_recommendation(plan, agencies=[agency])
    entry = make_entry(
        ctx["partnership"], practice_review=review, recommendations=["Agencies should ensure X."]
    )
    adoption = do_adopt(entry.recommendations.get(), acting_user=business_manager, request=None)
    assert adoption.added and adoption.recommendation.plan == plan and adoption.recommendation.number == 3
    assert ActionPlan.objects.count() == 1


def test_adopting_all_adds_those_not_yet_there_and_shows_the_plan(client, review_group_member, ctx):
    entry = make_entry(
        None, title="Child P", recommendations=["Schools should act on absence.", "GPs should ask."]
    )
    client.force_login(review_group_member)
    client.post(adopt_url(entry, 2))
    url = reverse("library:adopt_all", args=[entry.pk])
    page = client.get(url).content.decode()
    assert "Already added as recommendation 1" in page and "1 recommendation will be added" in page
    response = client.post(url)
    plan = ActionPlan.objects.get()
    assert response.url == plan.get_absolute_url()
    assert list(plan.recommendations.values_list("number", "text")) == [
        (1, "GPs should ask."),
        (2, "Schools should act on absence."),
    ]
    again = client.post(url, follow=True).content.decode()
    assert "already in your action plan" in again and plan.recommendations.count() == 2


def test_each_partnership_adopts_into_its_own_plan(business_manager, other_business_manager, ctx):
    entry = public_entry(ctx)
    library_recommendation = entry.recommendations.get()
    ours = do_adopt(library_recommendation, acting_user=business_manager, request=None).recommendation
    theirs = do_adopt(library_recommendation, acting_user=other_business_manager, request=None).recommendation
    assert ours.plan != theirs.plan
    assert theirs.plan.partnership == other_business_manager.partnership


@pytest.mark.parametrize("persona", ["executive_member", "agency_lead", "panel_member"])
def test_people_who_do_not_write_plans_cannot_adopt(client, request, persona, ctx):
    entry = public_entry(ctx)
    client.force_login(request.getfixturevalue(persona))
    assert client.post(adopt_url(entry)).status_code == 403
    assert client.post(reverse("library:adopt_all", args=[entry.pk])).status_code == 403
    assert not Recommendation.objects.exists()


def test_another_partnerships_draft_does_not_exist_for_them(client, other_business_manager, ctx):
    entry = draft_entry(ctx)
    client.force_login(other_business_manager)
    assert client.post(adopt_url(entry)).status_code == 404
    assert client.get(reverse("library:adopt_all", args=[entry.pk])).status_code == 404
    assert not Recommendation.objects.exists()


def test_viewing_a_drafts_adopt_page_is_audited(client, business_manager, ctx):
    entry = draft_entry(ctx)
    client.force_login(business_manager)
    assert entry.status == EntryStatus.DRAFT
    client.get(adopt_url(entry))
    assert AuditEvent.objects.filter(action="view", object_id=str(entry.pk)).exists()


def render_actions(user, library_recommendation) -> str:
    request = RequestFactory().get("/")
    request.user = user
    template = Template('{% include "library/adopting/_recommendation_actions.html" %}')
    return template.render(Context({"request": request, "recommendation": library_recommendation}))


def test_the_entry_page_include_offers_the_button_then_links_to_the_adopted_one(business_manager, ctx):
    library_recommendation = public_entry(ctx).recommendations.get()
    before = render_actions(business_manager, library_recommendation)
    assert "Add to our action plan" in before and 'method="post"' in before
    adopted = do_adopt(library_recommendation, acting_user=business_manager, request=None).recommendation
    after = render_actions(business_manager, library_recommendation)
    assert "In your action plan as recommendation 1" in after and adopted.get_absolute_url() in after


@pytest.mark.parametrize("persona", ["agency_lead", "executive_member"])
def test_the_include_shows_nothing_to_those_who_cannot_adopt(request, persona, ctx):
    library_recommendation = public_entry(ctx).recommendations.get()
    assert render_actions(request.getfixturevalue(persona), library_recommendation).strip() == ""


def test_six_months_later_on_a_shorter_month_is_its_last_day():
    assert months_later(dt.date(2026, 8, 31), 6) == dt.date(2027, 2, 28)
    assert months_later(dt.date(2026, 11, 26), 6) == dt.date(2027, 5, 26)
