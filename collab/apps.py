from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollabConfig(AppConfig):
    name = "collab"
    verbose_name = _("Collaboration")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        from collab import (
            accounts,
            attachments,
            middleware,
            navigation,
            search,
            search_index,
            sqlite,
        )
        from collab.models import Access

        connection_created.connect(sqlite.install, dispatch_uid="samverka-sqlite-like")
        # The SQLite full-text indexes of the search's large kinds, after every migrate.
        post_migrate.connect(search_index.ensure_indexes, dispatch_uid="samverka-search-index")
        # Every model date field accepts only 1900-01-01..2100-12-31 (collab.dates).
        from collab.dates import add_range_validators

        add_range_validators()
        accounts.connect_signals()
        from collab import figures

        figures.connect_signals()
        user_logged_in.connect(middleware.land_after_login, dispatch_uid="samverka-landing")
        # The text of attached files, after the governing documents (order 50).
        search.register_search_provider(attachments.search_provider, order=55)

        navigation.register_section("overview", _("Overview"), 10)
        navigation.register_section("enterprises", _("Social enterprises"), 20)
        navigation.register_section("collaboration", _("Collaboration"), 30)
        navigation.register_section("procurement", _("Procurement"), 40)
        navigation.register_section("followup", _("Follow-up"), 50)
        navigation.register_section("organisation", _("Organisation"), 90)
        navigation.register_link("overview", _("Home"), "collab:home")
        navigation.register_link("organisation", _("Members"), "collab:membership_list")
        navigation.register_link(
            "organisation", _("Invitations"), "collab:invitation_list", access=Access.MANAGE
        )
        navigation.register_link(
            "organisation", _("Organisation details"), "collab:organisation_detail"
        )
        navigation.register_link(
            "organisation", _("Deleted records"), "collab:trash_list", access=Access.EDIT
        )
