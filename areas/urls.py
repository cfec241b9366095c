"""URLs of the seven areas and the records behind them (namespace ``areas``)."""

from django.urls import path

from areas.views import groups, partnerships, records, walk
from collab.urls_helpers import crud_urls

app_name = "areas"

urlpatterns = [
    *crud_urls(
        "partnerskap",
        "partnership",
        (
            partnerships.PartnershipListView,
            partnerships.PartnershipCreateView,
            partnerships.PartnershipDetailView,
            partnerships.PartnershipUpdateView,
            partnerships.PartnershipDeleteView,
        ),
    ),
    # the seven-area walk
    path("omraden/", walk.AreaListView.as_view(), name="area_list"),
    path("omraden/<int:number>/", walk.AreaDetailView.as_view(), name="area_detail"),
    path(
        "omraden/<int:number>/checklista/",
        walk.AreaChecklistView.as_view(),
        name="area_checklist",
    ),
    # records of areas 1, 2 and 4
    *crud_urls(
        "politiska-beslut",
        "politicaldecision",
        (
            records.PoliticalDecisionListView,
            records.PoliticalDecisionCreateView,
            records.PoliticalDecisionDetailView,
            records.PoliticalDecisionUpdateView,
            records.PoliticalDecisionDeleteView,
        ),
        new="nytt",
    ),
    # The people before the function's own <int:pk> URLs ("personer" is not a number anyway).
    *crud_urls(
        "samordnande-funktion/personer",
        "functionmember",
        (
            None,
            records.FunctionMemberCreateView,
            None,
            records.FunctionMemberUpdateView,
            records.FunctionMemberDeleteView,
        ),
    ),
    *crud_urls(
        "samordnande-funktion",
        "coordinatingfunction",
        (
            records.CoordinatingFunctionListView,
            records.CoordinatingFunctionCreateView,
            records.CoordinatingFunctionDetailView,
            records.CoordinatingFunctionUpdateView,
            records.CoordinatingFunctionDeleteView,
        ),
    ),
    *crud_urls(
        "styrdokument",
        "governingdocument",
        (
            records.GoverningDocumentListView,
            records.GoverningDocumentCreateView,
            records.GoverningDocumentDetailView,
            records.GoverningDocumentUpdateView,
            records.GoverningDocumentDeleteView,
        ),
        new="nytt",
    ),
    path(
        "styrdokument/<int:pk>/fil/",
        records.GoverningDocumentDownloadView.as_view(),
        name="governingdocument_download",
    ),
    path(
        "styrdokument/version/<int:pk>/fil/",
        records.DocumentFileVersionDownloadView.as_view(),
        name="documentfileversion_download",
    ),
    *crud_urls(
        "handlingsplan",
        "activity",
        (
            records.ActivityListView,
            records.ActivityCreateView,
            records.ActivityDetailView,
            records.ActivityUpdateView,
            records.ActivityDeleteView,
        ),
    ),
    # coordination groups, their members, meetings and decided actions (areas 3 and 5)
    *crud_urls(
        "samordningsgrupper",
        "coordinationgroup",
        (
            groups.CoordinationGroupListView,
            groups.CoordinationGroupCreateView,
            groups.CoordinationGroupDetailView,
            groups.CoordinationGroupUpdateView,
            groups.CoordinationGroupDeleteView,
        ),
    ),
    # members (shown on the group's page)
    *crud_urls(
        "samordningsgrupper/medlemmar",
        "groupmember",
        (
            None,
            groups.GroupMemberCreateView,
            None,
            groups.GroupMemberUpdateView,
            groups.GroupMemberDeleteView,
        ),
    ),
    *crud_urls(
        "moten",
        "meeting",
        (
            groups.MeetingListView,
            groups.MeetingCreateView,
            groups.MeetingDetailView,
            groups.MeetingUpdateView,
            groups.MeetingDeleteView,
        ),
    ),
    # decided actions (listed, and shown on the meeting's page)
    *crud_urls(
        "moten/atgarder",
        "meetingaction",
        (
            groups.MeetingActionListView,
            groups.MeetingActionCreateView,
            None,
            groups.MeetingActionUpdateView,
            groups.MeetingActionDeleteView,
        ),
    ),
]
