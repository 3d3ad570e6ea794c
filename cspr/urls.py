from django.urls import include, path

urlpatterns = [
    path("", include("cspr.core.urls")),
    path("account/", include("cspr.accounts.urls")),
    path("admin/accounts/", include("cspr.accounts.admin_urls")),
    path("partnerships/", include("cspr.partnerships.urls")),
    path("audit/", include("cspr.audit.urls")),
    path("incidents/", include("cspr.incidents.urls")),
    path("deadlines/", include("cspr.deadlines.urls")),
    path("rapid-reviews/", include("cspr.rapid_reviews.urls")),
    path("chronology/", include("cspr.chronology.urls")),
    path("practice-reviews/", include("cspr.practice_reviews.urls")),
    path("publication/", include("cspr.publication.urls")),
    path("briefings/", include("cspr.briefings.urls")),
    path("action-plans/", include("cspr.action_plans.urls")),
    path("library/", include("cspr.library.urls")),
    path("published/", include("cspr.publication.public_urls")),
]

handler403 = "cspr.core.views.forbidden"
handler404 = "cspr.core.views.not_found"
handler500 = "cspr.core.views.server_error"
