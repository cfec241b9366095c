from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from collab import (
    account_urls,
    attachment_views,
    calendar_views,
    figure_views,
    job_views,
    search_views,
    task_views,
    trash_views,
    views,
)
from collab.urls_helpers import crud_urls

collab_patterns = [
    path("", views.HomeView.as_view(), name="home"),
    path(
        "siffror/<int:year>/rakna-om/",
        figure_views.RecalculateYearView.as_view(),
        name="figures_recalculate",
    ),
    path("tillganglighet/", views.AccessibilityStatementView.as_view(), name="accessibility"),
    path("sok/", search_views.SearchView.as_view(), name="search"),
    path("organisation/byt/", views.switch_organisation, name="switch_organisation"),
    path("organisation/", views.OrganisationDetailView.as_view(), name="organisation_detail"),
    path(
        "organisation/andra/",
        views.OrganisationUpdateView.as_view(),
        name="organisation_update",
    ),
    path(
        "organisation/exportera/",
        views.OrganisationExportView.as_view(),
        name="organisation_export",
    ),
    *crud_urls(
        "medlemmar",
        "membership",
        (
            views.MembershipListView,
            views.MembershipCreateView,
            views.MembershipDetailView,
            views.MembershipUpdateView,
            views.MembershipDeleteView,
        ),
    ),
    path(
        "medlemmar/<int:pk>/inaktivera/",
        views.MembershipDeactivateView.as_view(),
        name="membership_deactivate",
    ),
    path(
        "medlemmar/<int:pk>/aktivera/",
        views.MembershipReactivateView.as_view(),
        name="membership_reactivate",
    ),
    path("inbjudningar/", views.InvitationListView.as_view(), name="invitation_list"),
    path("inbjudningar/<int:pk>/", views.InvitationDetailView.as_view(), name="invitation_detail"),
    path(
        "inbjudningar/<int:pk>/skicka-igen/",
        views.InvitationResendView.as_view(),
        name="invitation_resend",
    ),
    path(
        "inbjudningar/<int:pk>/dra-tillbaka/",
        views.InvitationWithdrawView.as_view(),
        name="invitation_withdraw",
    ),
]
collab_patterns += trash_views.urlpatterns
collab_patterns += task_views.urlpatterns
collab_patterns += job_views.urlpatterns
collab_patterns += attachment_views.urlpatterns
collab_patterns += account_urls.urlpatterns

urlpatterns = [
    path("", include((collab_patterns, "collab"))),
    path("", include("areas.urls")),
    path("foretag/", include("enterprises.urls")),
    path("upphandling/", include("procurement.urls")),
    path("uppfoljning/", include("followup.urls")),
    path("natverk/", include("network.urls")),
    path("api/", include("api.urls")),
    path("oppna-data/", include("api.opendata_urls")),
    path("organisation/", include("api.admin_urls")),
    path("konto/", include("django.contrib.auth.urls")),
    path("kalender/<str:token>.ics", calendar_views.calendar_feed_ics, name="calendar_feed_ics"),
    path("inbjudan/<str:token>/", views.InvitationAcceptView.as_view(), name="invitation_accept"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
]

handler403 = "collab.errors.permission_denied"
handler404 = "collab.errors.page_not_found"
handler500 = "collab.errors.server_error"
