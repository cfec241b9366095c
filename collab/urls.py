from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from collab import (
    account_urls,
    group_urls,
    partnership_views,
    record_urls,
    trash_views,
    views,
    walk_urls,
)

collab_patterns = [
    path("", views.HomeView.as_view(), name="home"),
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
    path("medlemmar/", views.MembershipListView.as_view(), name="membership_list"),
    path("medlemmar/ny/", views.MembershipCreateView.as_view(), name="membership_create"),
    path("medlemmar/<int:pk>/", views.MembershipDetailView.as_view(), name="membership_detail"),
    path(
        "medlemmar/<int:pk>/andra/",
        views.MembershipUpdateView.as_view(),
        name="membership_update",
    ),
    path(
        "medlemmar/<int:pk>/ta-bort/",
        views.MembershipDeleteView.as_view(),
        name="membership_delete",
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
    path("partnerskap/", partnership_views.PartnershipListView.as_view(), name="partnership_list"),
    path(
        "partnerskap/ny/",
        partnership_views.PartnershipCreateView.as_view(),
        name="partnership_create",
    ),
    path(
        "partnerskap/<int:pk>/",
        partnership_views.PartnershipDetailView.as_view(),
        name="partnership_detail",
    ),
    path(
        "partnerskap/<int:pk>/andra/",
        partnership_views.PartnershipUpdateView.as_view(),
        name="partnership_update",
    ),
    path(
        "partnerskap/<int:pk>/ta-bort/",
        partnership_views.PartnershipDeleteView.as_view(),
        name="partnership_delete",
    ),
]
collab_patterns += walk_urls.urlpatterns + record_urls.urlpatterns + group_urls.urlpatterns
collab_patterns += trash_views.urlpatterns
collab_patterns += account_urls.urlpatterns

urlpatterns = [
    path("", include((collab_patterns, "collab"))),
    path("foretag/", include("enterprises.urls")),
    path("upphandling/", include("procurement.urls")),
    path("uppfoljning/", include("followup.urls")),
    path("konto/", include("django.contrib.auth.urls")),
    path("inbjudan/<str:token>/", views.InvitationAcceptView.as_view(), name="invitation_accept"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
]

handler403 = "collab.errors.permission_denied"
handler404 = "collab.errors.page_not_found"
handler500 = "collab.errors.server_error"
