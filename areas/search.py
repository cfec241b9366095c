"""The seven areas' records in the header's search (``collab.search``): IOP partnerships,
meetings (title, agenda and minutes), governing documents (title, summary and the text of the
uploaded file, ``collab.files.extract_text``: Word, OpenDocument, PDF or plain text) and the
action plan's activities. The text of a record's attachments is searched by the platform
(``collab.search.attachments``), which links to the record."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from areas.models import Activity, GoverningDocument, Meeting, Partnership
from collab import formatting, search

# The fields searched; the GIN indexes of migration 0004 are on exactly these (PostgreSQL).
MEETING_TITLE, MEETING_BODY = "title", ["agenda", "minutes"]
ACTIVITY_TITLE, ACTIVITY_BODY = "title", ["description", "owner"]


def partnerships(organisation, query: str, *, limit: int) -> search.ResultGroup:
    rows = list(
        search.ranked(
            Partnership.objects.select_related("partner"),
            query,
            title="title",
            body=["partner__name", "purpose", "case_number"],
        )[:limit]
    )
    return search.group(
        key="partnerships",
        label=_("IOP partnerships"),
        rows=rows,
        query=query,
        describe=lambda p: (
            p.title,
            p.get_absolute_url(),
            [p.purpose, p.partner.name],
            p.partner.name,
        ),
        all_url=search.list_url(reverse("areas:partnership_list"), query),
    )


def meetings(organisation, query: str, *, limit: int) -> search.ResultGroup:
    rows = list(
        search.ranked(
            Meeting.objects.select_related("group"),
            query,
            title=MEETING_TITLE,
            body=MEETING_BODY,
        )[:limit]
    )
    return search.group(
        key="meetings",
        label=_("Meetings"),
        rows=rows,
        query=query,
        describe=lambda m: (
            m.title or m.group.name,
            m.get_absolute_url(),
            [m.agenda, m.minutes],
            f"{m.group.name}, {formatting.date(m.date)}",
        ),
        all_url=search.list_url(reverse("areas:meeting_list"), query),
    )


def documents(organisation, query: str, *, limit: int) -> search.ResultGroup:
    rows = list(
        search.ranked(
            GoverningDocument.objects.all(),
            query,
            title="title",
            body=["summary", "case_number", "text_content"],
        )[:limit]
    )
    return search.group(
        key="documents",
        label=_("Governing documents"),
        rows=rows,
        query=query,
        describe=lambda d: (
            d.title,
            d.get_absolute_url(),
            [d.summary, d.text_content],
            d.get_kind_display(),
        ),
        all_url=search.list_url(reverse("areas:governingdocument_list"), query),
    )


def activities(organisation, query: str, *, limit: int) -> search.ResultGroup:
    matches = search.ranked(Activity.objects.all(), query, title=ACTIVITY_TITLE, body=ACTIVITY_BODY)
    rows = list(matches[:limit])
    return search.group(
        key="activities",
        label=_("Activities"),
        rows=rows,
        query=query,
        describe=lambda a: (
            a.title,
            a.get_absolute_url(),
            [a.description],
            a.get_status_display(),
        ),
        all_url=search.list_url(reverse("areas:activity_list"), query),
    )
