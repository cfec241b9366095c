from django.urls import path

from network import (
    compare_views,
    example_views,
    matrix_views,
    member_views,
    mentor_views,
    programme_views,
    questionnaire_views,
    views,
)

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
    # --- good examples and the questionnaire (examples) ---
    path(
        "<slug:network>/goda-exempel/",
        example_views.ExampleListView.as_view(),
        name="example_list",
    ),
    path(
        "<slug:network>/goda-exempel/nytt/",
        example_views.ExampleCreateView.as_view(),
        name="example_create",
    ),
    path(
        "<slug:network>/goda-exempel/<int:pk>/",
        example_views.ExampleDetailView.as_view(),
        name="example_detail",
    ),
    path(
        "<slug:network>/goda-exempel/<int:pk>/andra/",
        example_views.ExampleUpdateView.as_view(),
        name="example_update",
    ),
    path(
        "<slug:network>/goda-exempel/<int:pk>/ta-bort/",
        example_views.ExampleDeleteView.as_view(),
        name="example_delete",
    ),
    path(
        "<slug:network>/goda-exempel/<int:pk>/publicera/",
        example_views.ExamplePublishView.as_view(),
        name="example_publish",
    ),
    path(
        "<slug:network>/goda-exempel/<int:pk>/avpublicera/",
        example_views.ExampleUnpublishView.as_view(),
        name="example_unpublish",
    ),
    path(
        "<slug:network>/goda-exempel/<int:pk>/framhav/",
        example_views.ExampleFeatureView.as_view(),
        name="example_feature",
    ),
    path(
        "<slug:network>/goda-exempel/<int:pk>/returnera/",
        example_views.ExampleReturnView.as_view(),
        name="example_return",
    ),
    path(
        "<slug:network>/goda-exempel/bilaga/<int:pk>/",
        example_views.AttachmentDownloadView.as_view(),
        name="example_attachment",
    ),
    path(
        "<slug:network>/goda-exempel/bilaga/<int:pk>/ta-bort/",
        example_views.AttachmentDeleteView.as_view(),
        name="example_attachment_delete",
    ),
    path(
        "<slug:network>/enkater/",
        questionnaire_views.QuestionnaireListView.as_view(),
        name="questionnaire_list",
    ),
    path(
        "<slug:network>/enkater/ny/",
        questionnaire_views.QuestionnaireCreateView.as_view(),
        name="questionnaire_create",
    ),
    path(
        "<slug:network>/enkater/<int:pk>/",
        questionnaire_views.QuestionnaireDetailView.as_view(),
        name="questionnaire_detail",
    ),
    path(
        "<slug:network>/enkater/<int:pk>/andra/",
        questionnaire_views.QuestionnaireUpdateView.as_view(),
        name="questionnaire_update",
    ),
    path(
        "<slug:network>/enkater/<int:pk>/skicka/",
        questionnaire_views.QuestionnaireSendView.as_view(),
        name="questionnaire_send",
    ),
    path(
        "<slug:network>/enkater/<int:pk>/svar/",
        questionnaire_views.QuestionnaireAnswersView.as_view(),
        name="questionnaire_answers",
    ),
    path(
        "<slug:network>/enkater/<int:pk>/export/",
        questionnaire_views.QuestionnaireExportView.as_view(),
        name="questionnaire_export",
    ),
    path(
        "<slug:network>/enkater/<int:pk>/svara/",
        questionnaire_views.QuestionnaireAnswerView.as_view(),
        name="questionnaire_answer",
    ),
    path(
        "<slug:network>/enkater/svar/<int:pk>/till-exempel/",
        questionnaire_views.AnswerToExampleView.as_view(),
        name="answer_to_example",
    ),
    path("<slug:network>/omraden/", matrix_views.AreaMatrixView.as_view(), name="area_matrix"),
    # the comparison (compare)
    path("<slug:network>/jamforelse/", compare_views.CompareView.as_view(), name="compare"),
    path(
        "<slug:network>/jamforelsegrupper/",
        compare_views.PeerGroupListView.as_view(),
        name="peergroup_list",
    ),
    path(
        "<slug:network>/jamforelsegrupper/ny/",
        compare_views.PeerGroupCreateView.as_view(),
        name="peergroup_create",
    ),
    path(
        "<slug:network>/jamforelsegrupper/<int:pk>/andra/",
        compare_views.PeerGroupUpdateView.as_view(),
        name="peergroup_update",
    ),
    path(
        "<slug:network>/jamforelsegrupper/<int:pk>/ta-bort/",
        compare_views.PeerGroupDeleteView.as_view(),
        name="peergroup_delete",
    ),
]
