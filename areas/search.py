"""The seven areas' records in the header's search (``collab.search``): IOP partnerships,
meetings (title, agenda and minutes), governing documents (title, summary and the text of the
uploaded file, ``collab.files.extract_text``: Word, OpenDocument, PDF or plain text) and the
action plan's activities. The text of a record's attachments is searched by the platform
(``collab.search.attachments``), which links to the record."""

from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from areas.models import Activity, GoverningDocument, Meeting, Partnership
from collab import formatting, search

# The fields searched; the GIN indexes of migration 0004 are on exactly these (PostgreSQL).
MEETING_TITLE, MEETING_BODY = "title", ["agenda", "minutes"]
ACTIVITY_TITLE, ACTIVITY_BODY = "title", ["description", "owner"]


def partnerships(organisation, query: str, *, limit: int) -> search.ResultGroup:
    # The partner's name alone (not its whole row): the search joins every partner.
    return search.find(
        Partnership.objects.annotate(partner_name=F("partner__name")),
        query,
        limit=limit,
        key="partnerships",
        label=_("IOP partnerships"),
        title="title",
        body=["partner__name", "purpose", "case_number"],
        describe=lambda p: (
            p.title,
            p.get_absolute_url(),
            [p.purpose, p.partner_name],
            p.partner_name,
        ),
        all_url=reverse("areas:partnership_list"),
    )


def meetings(organisation, query: str, *, limit: int) -> search.ResultGroup:
    return search.find(
        Meeting.objects.select_related("group"),
        query,
        limit=limit,
        key="meetings",
        label=_("Meetings"),
        title=MEETING_TITLE,
        body=MEETING_BODY,
        describe=lambda m: (
            m.title or m.group.name,
            m.get_absolute_url(),
            [m.agenda, m.minutes],
            f"{m.group.name}, {formatting.date(m.date)}",
        ),
        all_url=reverse("areas:meeting_list"),
    )


def documents(organisation, query: str, *, limit: int) -> search.ResultGroup:
    return search.find(
        GoverningDocument.objects.all(),
        query,
        limit=limit,
        key="documents",
        label=_("Governing documents"),
        title="title",
        body=["summary", "case_number", "text_content"],
        describe=lambda d: (
            d.title,
            d.get_absolute_url(),
            [d.summary, d.text_content],
            d.get_kind_display(),
        ),
        all_url=reverse("areas:governingdocument_list"),
    )


def activities(organisation, query: str, *, limit: int) -> search.ResultGroup:
    return search.find(
        Activity.objects.all(),
        query,
        limit=limit,
        key="activities",
        label=_("Activities"),
        title=ACTIVITY_TITLE,
        body=ACTIVITY_BODY,
        describe=lambda a: (
            a.title,
            a.get_absolute_url(),
            [a.description],
            a.get_status_display(),
        ),
        all_url=reverse("areas:activity_list"),
    )
