"""The status report's PDF: rendered from ``report.html``, reused while nothing behind it has
changed, and made once and kept when a written report is published.

A live (unpublished) report is kept in Django's cache under the organisation, the period, the
language, the day, the organisation's records version (:func:`collab.figures.records_state`,
which grows with every change to its records) and a digest of the written texts: a second
download without changes is served from the cache without rendering; any change to a record,
a new day or an edited text makes a new one."""

import datetime
import hashlib

from django.core.cache import cache
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from collab import pdf
from collab.figures import records_state
from followup import report

# A day at most: the key holds the date, so yesterday's entries are never read again.
CACHE_SECONDS = 24 * 60 * 60


def _texts_digest(written) -> str:
    if written is None:
        return "-"
    fields = ["summary", "proposed_decisions", "decision_date", "case_number"]
    fields += [f"assessment_{n}" for n in range(1, 8)]
    text = "\x1f".join(str(getattr(written, name) or "") for name in fields)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def cache_key(organisation, first_year, last_year, today, written=None) -> str:
    return ":".join(
        [
            "followup-report-pdf",
            str(organisation.pk),
            f"{first_year}-{last_year}",
            translation.get_language() or "",
            today.isoformat(),
            records_state(organisation).key,
            str(written.pk) if written is not None else "",
            _texts_digest(written),
        ]
    )


def render(organisation, first_year, last_year, today, base_url, written=None):
    """The PDF and the context it was made from (always rendered anew)."""
    context = report.report_context(organisation, first_year, last_year, today, written=written)
    html = render_to_string("followup/report/report.html", context)
    return pdf.render_pdf(html, base_url), context


def cached_pdf(organisation, first_year, last_year, written=None) -> bytes | None:
    """The report as of today if this process has it made already, else None."""
    return cache.get(cache_key(organisation, first_year, last_year, timezone.localdate(), written))


def live_pdf(organisation, first_year, last_year, base_url, written=None) -> bytes:
    """The report as of today: from the cache while nothing behind it changed."""
    today = timezone.localdate()
    key = cache_key(organisation, first_year, last_year, today, written)
    document = cache.get(key)
    if document is None:
        document, _context = render(
            organisation, first_year, last_year, today, base_url, written=written
        )
        cache.set(key, document, CACHE_SECONDS)
    return document


def publish(written, *, decision_date: datetime.date, case_number: str, base_url: str):
    """Publish a written report: its PDF is made once, with the decision date and the case
    number on the cover, and kept with a snapshot of its figures; it cannot be changed after."""
    with transaction.atomic():
        locked = type(written).objects.select_for_update().get(pk=written.pk)
        locked.full_clean()  # refuses a report published already
        locked.decision_date = decision_date
        locked.case_number = case_number.strip()
        now = timezone.now()
        locked.published_at = now
        document, context = render(
            locked.organisation,
            locked.first_year,
            locked.last_year,
            timezone.localdate(now),
            base_url,
            written=locked,
        )
        locked.pdf = document
        locked.figures = report.figures_snapshot(context)
        locked.generated_at = now
        locked.save()
    return locked
