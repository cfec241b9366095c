"""PDF rendering with WeasyPrint, for every PDF the service makes (the status report, the
profile of a register entry): the HTML is rendered from a template as usual, and
:func:`render_pdf` turns it into a PDF. It fetches nothing from the network: only the project's
static files and ``data:`` URLs resolve. :func:`margins` gives a page's margin texts as safe CSS
strings; :func:`pdf_response` sends the file as a private download."""

import functools
import gc
import mimetypes
import re
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

# --- page margins ----------------------------------------------------------------------------

_CSS_UNSAFE = re.compile(r"[^\w .,:;!?()%/–-]", re.UNICODE)


def css_string(text: str) -> SafeString:
    """A CSS string literal (for ``content:`` in the page margins) that cannot end the string
    or the ``<style>`` element, whatever the text (e.g. an organisation's name)."""
    escaped = _CSS_UNSAFE.sub(lambda m: f"\\{ord(m.group()):06x}", str(text))
    return mark_safe(f'"{escaped}"')  # noqa: S308 - every unsafe character is escaped


def css_content(template: str, **counters: str) -> SafeString:
    """A translated text with ``%(name)s`` placeholders as CSS ``content``: the text parts
    as strings and each placeholder as the given CSS value, e.g. ``counter(page)``."""
    parts = []
    for index, piece in enumerate(re.split(r"%\((\w+)\)s", template)):
        if index % 2:
            parts.append(counters[piece])
        elif piece:
            parts.append(css_string(piece))
    return mark_safe(" ".join(parts))  # noqa: S308 - built from css_string and fixed values


def margins(organisation, title: str) -> dict:
    """The page margins' texts: organisation and title at the top, "Page X of Y" below."""
    return {
        "organisation": css_string(organisation.name),
        "title": css_string(title),
        "page": css_content(
            _("Page %(page)s of %(pages)s"), page="counter(page)", pages="counter(pages)"
        ),
    }


# --- rendering -------------------------------------------------------------------------------


def _static_path(name: str) -> Path | None:
    """A static file by its name under ``STATIC_URL``: the collected file (hashed names in
    production) or, in development and tests, the one the finders find."""
    name = name.lstrip("/")
    if not name or ".." in Path(name).parts:
        return None
    try:
        collected = Path(staticfiles_storage.path(name))
    except NotImplementedError:  # pragma: no cover - a storage without local files
        collected = None
    if collected is not None and collected.is_file():
        return collected
    found = finders.find(name)
    return Path(found) if found else None


@functools.cache
def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        """Serves the project's static files and ``data:`` URLs; refuses everything else,
        so that rendering never reaches the network (or a user-entered address)."""

        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            if parts.scheme == "data":
                return super().fetch(url, headers)
            path = unquote(parts.path)
            static_url = urlsplit(settings.STATIC_URL).path
            if parts.scheme in {"http", "https"} and path.startswith(static_url):
                found = _static_path(path[len(static_url) :])
                if found is not None:
                    mime_type = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
                    return URLFetcherResponse(
                        url, found.read_bytes(), headers={"Content-Type": mime_type}
                    )
            raise ValueError(f"Not fetched for a PDF: {url}")

    return StaticOnlyFetcher


_local = threading.local()


def _font_config():
    """One font configuration per thread, kept between renders: the fonts are loaded once
    (about a tenth of a report's rendering time). Pango's font maps are not thread-safe."""
    from weasyprint.text.fonts import FontConfiguration

    if getattr(_local, "font_config", None) is None:
        _local.font_config = FontConfiguration()
    return _local.font_config


PDF_VARIANT = "pdf/ua-1"


def render_pdf(html: str, base_url: str) -> bytes:
    """The PDF for ``html``; relative and ``/static/`` URLs resolve against ``base_url``."""
    from weasyprint import HTML

    font_config = _font_config()
    document = HTML(string=html, base_url=base_url, url_fetcher=_fetcher_class()())
    # WeasyPrint allocates many small objects; the cyclic garbage collector's passes during
    # the render cost about a sixth of its time. The garbage is collected right after.
    collecting = gc.isenabled()
    gc.disable()
    try:
        # Tagged for accessibility (PDF/UA-1): the structure, the document's language
        # (``<html lang>``) and title (``<title>``) are written into the PDF.
        return document.write_pdf(font_config=font_config, pdf_variant=PDF_VARIANT)
    finally:
        if collecting:
            gc.enable()


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    """The PDF as a download that no shared cache keeps."""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    patch_cache_control(response, private=True, no_store=True)
    return response
