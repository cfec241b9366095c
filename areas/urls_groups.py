"""Coordination groups, members, meetings and decided actions (in the ``collab`` namespace)."""

from django.urls import path

from areas.views import groups as views

urlpatterns = [
    # groups
    path(
        "samordningsgrupper/",
        views.CoordinationGroupListView.as_view(),
        name="coordinationgroup_list",
    ),
    path(
        "samordningsgrupper/ny/",
        views.CoordinationGroupCreateView.as_view(),
        name="coordinationgroup_create",
    ),
    path(
        "samordningsgrupper/<int:pk>/",
        views.CoordinationGroupDetailView.as_view(),
        name="coordinationgroup_detail",
    ),
    path(
        "samordningsgrupper/<int:pk>/andra/",
        views.CoordinationGroupUpdateView.as_view(),
        name="coordinationgroup_update",
    ),
    path(
        "samordningsgrupper/<int:pk>/ta-bort/",
        views.CoordinationGroupDeleteView.as_view(),
        name="coordinationgroup_delete",
    ),
    # members (shown on the group's page)
    path(
        "samordningsgrupper/medlemmar/ny/",
        views.GroupMemberCreateView.as_view(),
        name="groupmember_create",
    ),
    path(
        "samordningsgrupper/medlemmar/<int:pk>/andra/",
        views.GroupMemberUpdateView.as_view(),
        name="groupmember_update",
    ),
    path(
        "samordningsgrupper/medlemmar/<int:pk>/ta-bort/",
        views.GroupMemberDeleteView.as_view(),
        name="groupmember_delete",
    ),
    # meetings
    path("moten/", views.MeetingListView.as_view(), name="meeting_list"),
    path("moten/ny/", views.MeetingCreateView.as_view(), name="meeting_create"),
    path("moten/<int:pk>/", views.MeetingDetailView.as_view(), name="meeting_detail"),
    path("moten/<int:pk>/andra/", views.MeetingUpdateView.as_view(), name="meeting_update"),
    path("moten/<int:pk>/ta-bort/", views.MeetingDeleteView.as_view(), name="meeting_delete"),
    # decided actions (shown on the meeting's page)
    path("moten/atgarder/", views.MeetingActionListView.as_view(), name="meetingaction_list"),
    path(
        "moten/atgarder/ny/",
        views.MeetingActionCreateView.as_view(),
        name="meetingaction_create",
    ),
    path(
        "moten/atgarder/<int:pk>/andra/",
        views.MeetingActionUpdateView.as_view(),
        name="meetingaction_update",
    ),
    path(
        "moten/atgarder/<int:pk>/ta-bort/",
        views.MeetingActionDeleteView.as_view(),
        name="meetingaction_delete",
    ),
]
