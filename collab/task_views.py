"""'Mina uppgifter': what the signed-in person owns in the current organisation, across the
apps (:mod:`collab.agenda`): overdue, due today, the coming 30 days and later.

Every member sees their own page, elected representatives (read-only) included: a task can
be theirs although they edit nothing."""

import datetime

from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from collab.agenda import agenda_items
from collab.formatting import person_name
from collab.generic import OrganisationAccessMixin

COMING_DAYS = 30


def group_tasks(items, *, user, today: datetime.date) -> dict:
    """The person's open tasks in the page's groups, each row with the owner as shown."""
    name = person_name(user)
    groups = {"overdue": [], "today": [], "coming": [], "later": []}
    horizon = today + datetime.timedelta(days=COMING_DAYS)
    for item in items:
        if item.done:
            continue
        if item.is_overdue(today):
            group = "overdue"
        elif item.is_due(today):
            group = "today"
        elif item.date <= horizon:
            group = "coming"
        else:
            group = "later"
        owner = name if user.pk in item.owner_ids else item.owner_text
        groups[group].append({"item": item, "owner": owner})
    return groups


class MyTasksView(OrganisationAccessMixin, TemplateView):
    template_name = "collab/my_tasks.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        items = agenda_items(self.request.organisation, owner=self.request.user, tasks_only=True)
        groups = group_tasks(items, user=self.request.user, today=today)
        context.update(
            {
                "title": _("My tasks"),
                "today": today,
                "coming_days": COMING_DAYS,
                "groups": groups,
                "task_count": sum(len(rows) for rows in groups.values()),
            }
        )
        return context


urlpatterns = [
    path("mina-uppgifter/", MyTasksView.as_view(), name="my_tasks"),
]
