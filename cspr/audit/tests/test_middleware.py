from django.http import HttpResponse
from django.urls import reverse

from cspr.audit.log import viewed
from cspr.audit.middleware import AuditViewMiddleware
from cspr.audit.models import AuditAction, AuditEvent


def views():
    return AuditEvent.objects.filter(action=AuditAction.VIEW)


def test_signed_in_page_view_is_recorded_with_path_and_address(client, business_manager):
    client.force_login(business_manager)
    url = reverse("partnerships:detail", args=["northshire"])
    response = client.get(url + "?tab=agencies")
    assert response.status_code == 200
    event = views().get()
    assert event.actor_id == business_manager.pk
    assert event.path == url
    assert event.ip_address == "127.0.0.1"
    assert event.partnership_id == business_manager.partnership_id


def test_signed_out_pages_and_redirects_are_not_recorded(client, db):
    client.get(reverse("accounts:sign-in"))
    client.get(reverse("core:home"))
    assert not AuditEvent.objects.exists()


def test_errors_and_posts_are_not_recorded_as_views(client, business_manager, other_partnership):
    client.force_login(business_manager)
    client.post(reverse("partnerships:agency-create", args=["northshire"]), {"name": ""})
    assert client.get(reverse("partnerships:detail", args=["southshire"])).status_code == 404
    assert client.get("/no-such-page/").status_code == 404
    assert not views().exists()


def test_non_html_responses_are_not_recorded(client, business_manager):
    client.force_login(business_manager)
    response = client.get(reverse("core:health"))
    assert response["Content-Type"].startswith("text/plain")
    assert not views().exists()


def test_static_files_are_not_recorded(rf, business_manager, settings):
    request = rf.get(settings.STATIC_URL + "cspr/page.html")
    request.user = business_manager
    AuditViewMiddleware(lambda request: HttpResponse("<p>static</p>"))(request)
    assert not views().exists()


def test_view_names_the_record_the_page_marked_as_viewed(rf, business_manager, agency):
    def page(request):
        viewed(request, agency)
        return HttpResponse("<h1>Agency</h1>")

    request = rf.get("/partnerships/northshire/agencies/1/")
    request.user = business_manager
    AuditViewMiddleware(page)(request)
    event = views().get()
    assert (event.object_type, event.object_id, event.object_repr) == (
        "partnerships.agency",
        str(agency.pk),
        agency.name,
    )


def test_downloads_are_recorded(rf, business_manager):
    def download(request):
        response = HttpResponse(b"%PDF", content_type="application/pdf")
        response["Content-Disposition"] = 'attachment; filename="report.pdf"'
        return response

    request = rf.get("/reviews/1/report.pdf")
    request.user = business_manager
    AuditViewMiddleware(download)(request)
    assert views().get().path == "/reviews/1/report.pdf"
