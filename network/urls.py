from django.urls import path

from network import member_views, mentor_views, programme_views, views

app_name = "network"

urlpatterns = [
    path("", views.NetworkListView.as_view(), name="list"),
    # Membership and consent (before "<slug:network>/": "ny" and "inbjudningar" are reserved).
    path("ny/", member_views.NetworkFormView.as_view(), name="create"),
    path(
        "inbjudningar/<int:pk>/",
        member_views.InvitationAnswerView.as_view(),
        name="invitation_answer",
    ),
    path("<slug:network>/", views.NetworkOverviewView.as_view(), name="overview"),
    path("<slug:network>/redigera/", member_views.NetworkFormView.as_view(), name="update"),
    path("<slug:network>/medlemmar/", member_views.MemberListView.as_view(), name="members"),
    path("<slug:network>/medlemmar/bjud-in/", member_views.InviteView.as_view(), name="invite"),
    path(
        "<slug:network>/medlemmar/<int:pk>/ta-bort/",
        member_views.MemberRemoveView.as_view(),
        name="member_remove",
    ),
    path("<slug:network>/befolkning/", member_views.PopulationView.as_view(), name="populations"),
    path("<slug:network>/delning/", member_views.SharingView.as_view(), name="sharing"),
    path(
        "<slug:network>/delning/andra/",
        member_views.SharingUpdateView.as_view(),
        name="sharing_update",
    ),
    path("<slug:network>/lamna/", member_views.LeaveView.as_view(), name="leave"),
    path("<slug:network>/styrdokument/", member_views.DocumentListView.as_view(), name="documents"),
    # Mentors and the programme (network/mentor_views.py, network/programme_views.py).
    *mentor_views.urlpatterns,
    *programme_views.urlpatterns,
]
