from django.urls import path

from collab import account_views, calendar_views

urlpatterns = [
    path("konto/tvafaktor/", account_views.TwoFactorView.as_view(), name="two_factor"),
    path(
        "konto/tvafaktor/aktivera/",
        account_views.TwoFactorSetupView.as_view(),
        name="two_factor_setup",
    ),
    path(
        "konto/tvafaktor/verifiera/",
        account_views.TwoFactorVerifyView.as_view(),
        name="two_factor_verify",
    ),
    path(
        "konto/tvafaktor/reservkoder/",
        account_views.TwoFactorRecoveryCodesView.as_view(),
        name="two_factor_recovery_codes",
    ),
    path(
        "konto/tvafaktor/stang-av/",
        account_views.TwoFactorDisableView.as_view(),
        name="two_factor_disable",
    ),
    path("konto/installningar/", calendar_views.PreferencesView.as_view(), name="preferences"),
    path("konto/kalender/", calendar_views.CalendarFeedView.as_view(), name="calendar_feed"),
    path(
        "konto/kalender/aterkalla/",
        calendar_views.CalendarFeedRevokeView.as_view(),
        name="calendar_feed_revoke",
    ),
    path(
        "organisation/kalender/",
        calendar_views.OrganisationCalendarFeedView.as_view(),
        name="organisation_calendar_feed",
    ),
    path(
        "organisation/kalender/aterkalla/",
        calendar_views.OrganisationCalendarFeedRevokeView.as_view(),
        name="organisation_calendar_feed_revoke",
    ),
    path(
        "medlemmar/<int:pk>/las-upp/",
        account_views.MembershipUnlockView.as_view(),
        name="membership_unlock",
    ),
]
