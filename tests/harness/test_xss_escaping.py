"""The escaping harness: a script payload stored in every text field of every
organisation-owned model appears only escaped on every page and form of the URL matrix.

One world is filled with payloads (each stored value carries its own number, so a failure names
the model and field it came from); then every page of the matrix is rendered as the
organisation's coordinator and as its administrator. A page fails when its HTML contains an
element, an attribute or a script that came from a payload, or a ``javascript:`` link. The PDF
report's HTML (what WeasyPrint is given) is checked the same way; the PDF's own text may show the
payload as text, which is harmless. CSV and Excel exports are files (``attachment``), not HTML;
every payload starts with ``=``, so a cell of an export or an error-rows download that a
spreadsheet would run as a formula fails too.
"""

import csv
import io
import re
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser

import openpyxl
import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse
from django.utils.http import urlencode
from django.views.generic.edit import DeletionMixin, ProcessFormView
from django_filters.views import FilterView
from django_scopes import scopes_disabled

from collab import pdf
from collab.models import Access, Membership, OrganisationOwned
from followup.indicators import CATALOGUE
from tests.factories import _import_content, _spend_content, owned_factories
from tests.harness.urls_matrix import EXAMPLE_KWARGS, generic_routes

MARK = "xss"


def payload_for(number: int, max_length: int | None, *, url: bool = False) -> str | None:
    """The strongest payload that fits the field: it breaks out of an unquoted, a double- and a
    single-quoted attribute and out of text, and carries ``number``. It starts with ``=``, so
    that in a CSV or Excel export it is a formula unless the export neutralises it."""
    n = number
    candidates = [
        f"=x onmouseover={MARK}({n}) \"'><script>{MARK}({n})</script>"
        f"<img src=x onerror={MARK}({n})>",
        f"=\"'><script>{MARK}({n})</script>",
        f"=\"'><i {MARK}={n}>",
        f"=<i {MARK}={n}>",
        f"<i {MARK}={n}>",  # e.g. an organisation number, unique in the register
        f"=<{MARK}>",  # e.g. a postal code: an element, without its number
    ]
    if url:  # a link's target: escaping does not help against a javascript: URL
        candidates.insert(0, f"javascript:{MARK}({n})//\"'><script>{MARK}({n})</script>")
    for candidate in candidates:
        if max_length is None or len(candidate) <= max_length:
            return candidate
    return None


def owned_models() -> list[type[models.Model]]:
    return sorted(
        (
            m
            for m in apps.get_models()
            if issubclass(m, OrganisationOwned) and not m._meta.abstract and not m._meta.proxy
        ),
        key=lambda m: m._meta.label,
    )


def text_fields(model) -> list[models.Field]:
    """Every stored text field a user can write: CharField (incl. e-mail and URL) and TextField,
    except those with choices (the forms and imports accept only the listed values)."""
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField) and not f.choices
    ]


# Text fields that hold a code, not a person's text: what is stored there is never shown and a
# payload there would only make the page fail to find its catalogue entry.
NOT_USER_TEXT = {
    "procurement.ColumnMapping.signature": "a hash of the file's headings",
    "procurement.SpendImport.content_hash": "a hash of the uploaded file",
    "followup.Target.indicator_key": "a key of the indicator catalogue (a choice in the form)",
}


# Stored uploads whose cells the pages show: the factories' file contents with a payload cell.
IMPORT_CONTENT = {
    "enterprises.EnterpriseImport": _import_content,
    "procurement.SpendImport": _spend_content,
}


@dataclass
class PayloadWorld:
    organisation: object
    objects: dict  # model -> the object its factory made
    origin: dict = field(default_factory=dict)  # payload number -> "Model.field"
    skipped: list = field(default_factory=list)

    def store(self, label: str, max_length: int | None, *, url: bool = False) -> str | None:
        number = len(self.origin) + 1
        value = payload_for(number, max_length, url=url)
        if value is None:
            self.skipped.append(label)
            return None
        self.origin[number] = label
        return value


def fill_with_payloads(organisation) -> PayloadWorld:
    """One object of every owned model (through its factory), then a payload in every text field
    of every row the organisation owns (factories make parents too). Saved with ``save()`` so the
    change history holds the payloads as well."""
    with scopes_disabled():
        makers = owned_factories()
        made = {model: makers[model](organisation) for model in owned_models()}
        world = PayloadWorld(organisation=organisation, objects=made)
        for model in owned_models():
            for obj in model._base_manager.filter(organisation=organisation).order_by("pk"):
                for f in text_fields(model):
                    label = f"{model._meta.label}.{f.name}"
                    if label in NOT_USER_TEXT:
                        continue
                    value = world.store(
                        f"{label} #{obj.pk}", f.max_length, url=isinstance(f, models.URLField)
                    )
                    if value is not None:
                        setattr(obj, f.attname, value)
                # Uploaded import files are shown cell by cell on the import pages.
                make_content = IMPORT_CONTENT.get(model._meta.label)
                if make_content is not None:
                    cell = world.store(f"{model._meta.label}.content #{obj.pk}", None)
                    obj.content = make_content(cell)
                if model._meta.label == "procurement.ColumnMapping":
                    obj.headers = [
                        world.store(f"ColumnMapping.headers #{obj.pk}", None) for _ in obj.headers
                    ]
                obj.save()
                obj.refresh_from_db()
        # People's names (an administrator types them when adding a member) and the
        # organisation's own name (its administrator edits it).
        for membership in Membership.objects.filter(organisation=organisation):
            user = membership.user
            user.first_name = world.store(f"User.first_name #{user.pk}", 150)
            user.last_name = world.store(f"User.last_name #{user.pk}", 150)
            user.save()
        organisation.name = world.store("Organisation.name", 200)
        organisation.save()
    return world


# --- Finding a payload that was not escaped ------------------------------------------------

_NUMBER = re.compile(rf"{MARK}\(?=?(\d+)")
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data"}


class _LeakFinder(HTMLParser):
    """Elements, attributes, event handlers, scripts and ``javascript:`` links that came from a
    payload. A correctly escaped payload is only ever text or an attribute's value."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.leaks: list[tuple[str, str]] = []  # (number, what)
        self._script_type = None

    def _leak(self, text: str, what: str):
        found = _NUMBER.search(text)
        self.leaks.append((found.group(1) if found else "?", what))

    def handle_starttag(self, tag, attrs):
        self._check_tag(tag, attrs)
        if tag == "script":
            self._script_type = dict(attrs).get("type") or "text/javascript"

    def handle_startendtag(self, tag, attrs):
        self._check_tag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "script":
            self._script_type = None

    def _check_tag(self, tag, attrs):
        if MARK in tag:
            self._leak(tag, f"an element <{tag}>")
        for name, value in attrs:
            value = value or ""
            if MARK in name:
                self._leak(f"{name}={value}", f"an attribute {name}={value!r} on <{tag}>")
            elif name.startswith("on") and MARK in value:
                self._leak(value, f"an event handler {name}={value!r} on <{tag}>")
            elif (
                name in _URL_ATTRIBUTES
                and MARK in value
                and value.strip().lower().startswith("javascript:")
            ):
                self._leak(value, f"a javascript: URL in <{tag} {name}>")

    def handle_data(self, data):
        if self._script_type and "json" not in self._script_type and MARK in data:
            self._leak(data, "a payload inside a <script>")


def leaks_in(html: str) -> list[tuple[str, str]]:
    finder = _LeakFinder()
    finder.feed(html)
    finder.close()
    # The raw payload, however the parser read it (e.g. inside a <textarea> or a comment).
    for raw in re.finditer(rf"<script>{MARK}\((\d+)\)|<img src=x onerror={MARK}\((\d+)\)", html):
        finder.leaks.append((raw.group(1) or raw.group(2), f"raw markup {raw.group(0)!r}"))
    return finder.leaks


_NUMERIC = re.compile(r"[-+]?[\d\s.,]+")


def formulas_in(response) -> list[str]:
    """Cells of a CSV or Excel file that a spreadsheet would run as a formula."""
    content_type = response.get("Content-Type", "")
    if content_type.startswith("text/csv"):
        text = response.content.decode("utf-8-sig")
        values = [cell for row in csv.reader(io.StringIO(text), delimiter=";") for cell in row]
    elif "spreadsheetml" in content_type:
        workbook = openpyxl.load_workbook(io.BytesIO(response.content))
        cells = [c for sheet in workbook for row in sheet.iter_rows() for c in row]
        values = [c.value for c in cells]  # a formula cell's value is "=…"
    else:
        return []
    return [
        v
        for v in values
        if isinstance(v, str) and v[:1] in "=+-@" and v[:1] and not _NUMERIC.fullmatch(v)
    ]


# --- The pages ------------------------------------------------------------------------------


def _foreign_key_targets(model, names) -> dict:
    """The models behind the view's ``initial_from_query`` names (e.g. ``group``)."""
    fields = {f.name: f for f in model._meta.get_fields()} if model is not None else {}
    return {name: fields[name].related_model for name in names if name in fields}


# Query parameters the pages read (search, filters, sorting, year and period, import tabs).
QUERY_NAMES = ("q", "sort", "year", "from", "to", "show", "status", "area", "kind", "group")
REFLECTED = f"\"'><script>{MARK}(0)</script>"


def pages(route, world: PayloadWorld, *, extras: bool = True) -> list[str]:
    """The URLs of ``route`` to render: with the payload object for a ``<pk>`` URL, each of the
    seven areas and every computed indicator, the preselected parent on a create page (e.g.
    the meeting form opened from its group); with ``extras`` also a list's CSV and Excel
    exports and each page without an object once more with a payload in every query parameter
    the pages read."""
    kwargs_options = [{}]
    if "<int:number>" in route.pattern:
        kwargs_options = [{"number": n} for n in range(1, 8)]
    elif "<slug:key>" in route.pattern:
        kwargs_options = [{"key": indicator.key} for indicator in CATALOGUE]
    elif "<int:year>" in route.pattern:
        kwargs_options = [{"year": EXAMPLE_KWARGS["year"]}]
    if route.needs_object:
        obj = world.objects[route.model]
        kwargs_options = [{**k, "pk": obj.pk} for k in kwargs_options]
    urls = [reverse(route.name, kwargs=k or None) for k in kwargs_options]
    view = route.view_class
    preselect = _foreign_key_targets(route.model, getattr(view, "initial_from_query", ()))
    if preselect:
        query = "&".join(
            f"{name}={world.objects[target].pk}"
            for name, target in preselect.items()
            if target in world.objects
        )
        urls = [f"{url}?{query}" for url in urls]
    if extras and issubclass(view, FilterView):  # the list's exports
        urls += [f"{urls[0]}?export=csv", f"{urls[0]}?export=xlsx"]
    if route.name == "collab:search":  # the search shows every payload in its results
        urls.append(f"{urls[0]}?{urlencode({'q': MARK})}")
    if extras and not route.needs_object:  # what the address says is shown back escaped too
        reflected = urlencode({name: REFLECTED for name in QUERY_NAMES})
        urls.append(f"{urls[0]}{'&' if '?' in urls[0] else '?'}{reflected}")
    return urls


@dataclass
class Rendered:
    failures: list = field(default_factory=list)
    pages: int = 0
    pdf_html: int = 0


def render_everything(client, user, world: PayloadWorld, monkeypatch, *, extras=True) -> Rendered:
    result = Rendered()
    pdf_html: list[str] = []

    def capture(html, base_url):
        # The HTML is what matters here; WeasyPrint's rendering is tested in test_report.py.
        pdf_html.append(html)
        return b"%PDF-1.7\n%%EOF\n"

    monkeypatch.setattr(pdf, "render_pdf", capture)
    client.force_login(user)
    with scopes_disabled():
        access = Membership.objects.get(organisation=world.organisation, user=user).access
    routes = [r for r in generic_routes() if r.required_access <= access]
    extra = [("collab:home", reverse("collab:home"))]
    targets = [(r.name, url) for r in routes for url in pages(r, world, extras=extras)] + extra
    for name, url in targets:
        pdf_html.clear()
        try:
            response = client.get(url)
        except Exception as exc:  # noqa: BLE001 - a page that fails on stored text is a finding
            result.failures.append(f"{name} {url}: {type(exc).__name__}: {exc}")
            continue
        if response.status_code not in (200, 302):
            result.failures.append(f"{name} {url}: status {response.status_code}")
            continue
        result.pages += 1
        documents = []
        content_type = response.get("Content-Type", "")
        if content_type.startswith("text/html"):
            documents.append(("page", response.content.decode()))
        elif content_type.startswith("application/json"):
            # Data for the page's own script (a job's progress): never rendered as a page,
            # provided the browser may not guess another type.
            if response.get("X-Content-Type-Options") != "nosniff":
                result.failures.append(f"{name} {url}: JSON without nosniff")
        elif "attachment" not in response.get("Content-Disposition", ""):
            result.failures.append(f"{name} {url}: {content_type} shown inline, not as a file")
        for cell in formulas_in(response):
            result.failures.append(f"{name} {url}: a formula cell {cell!r} in the file")
        documents += [("HTML given to WeasyPrint", html) for html in pdf_html]
        result.pdf_html += len(pdf_html)
        for what, html in documents:
            for number, leak in leaks_in(html):
                origin = world.origin.get(int(number), "?") if number.isdigit() else "?"
                if number == "0":
                    origin = "the query string"
                result.failures.append(f"{name} {url} ({what}): {leak} from {origin}")
    return result


class _FormReader(HTMLParser):
    """What a browser would send back from the page's own POST form (not the navigation's
    log-out or organisation forms): text, hidden, chosen boxes and options, text areas."""

    def __init__(self, path: str):
        super().__init__(convert_charrefs=True)
        self.path = path
        self.forms: list[list[tuple[str, str]]] = []
        self._fields = None
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            ours = (a.get("method") or "").lower() == "post" and a.get("action") in (
                None,
                "",
                self.path,
            )
            self._fields = [] if ours else None
            return
        if self._fields is None or "name" not in a and tag != "option":
            return
        if tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind in {"checkbox", "radio"}:
                if "checked" in a:
                    self._fields.append((a["name"], a.get("value") or "on"))
            elif kind not in {"file", "submit", "button", "reset", "image"}:
                self._fields.append((a["name"], a.get("value") or ""))
        elif tag == "select":
            self._select = a["name"]
        elif tag == "option" and self._select and "selected" in a:
            self._fields.append((self._select, a.get("value") or ""))
        elif tag == "textarea":
            self._textarea = [a["name"], ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            self._fields.append((name, text.removeprefix("\n")))
            self._textarea = None
        elif tag == "form" and self._fields is not None:
            self.forms.append(self._fields)
            self._fields = None


def form_data(html: str, path: str) -> dict[str, list[str]] | None:
    reader = _FormReader(path)
    reader.feed(html)
    reader.close()
    if not reader.forms:
        return None
    data: dict[str, list[str]] = {}
    for name, value in max(reader.forms, key=len):
        data.setdefault(name, []).append(value)
    return data


def send_every_form_back(client, user, world: PayloadWorld) -> Rendered:
    """Every create and edit form sent back as shown: the saved record's next page (with its
    message) or the form again with its errors, with the payloads as the user's input."""
    result = Rendered()
    client.force_login(user)
    routes = [
        r
        for r in generic_routes()
        if issubclass(r.view_class, ProcessFormView) and not issubclass(r.view_class, DeletionMixin)
    ]
    for route in routes:
        for url in pages(route, world)[:1]:
            path = url.split("?")[0]
            try:
                shown = client.get(url)
                data = form_data(shown.content.decode(), path)
                if data is None:
                    result.failures.append(f"{route.name} {url}: no form found")
                    continue
                response = client.post(url, data, follow=True)
            except Exception as exc:  # noqa: BLE001 - a form that fails on stored text
                result.failures.append(f"{route.name} {url}: {type(exc).__name__}: {exc}")
                continue
            if response.status_code != 200:
                result.failures.append(f"{route.name} {url}: status {response.status_code}")
                continue
            result.pages += 1
            for number, leak in leaks_in(response.content.decode()):
                origin = world.origin.get(int(number), "?") if number.isdigit() else "?"
                result.failures.append(f"{route.name} POST {url}: {leak} from {origin}")
    return result


@pytest.fixture
def payload_world(world) -> PayloadWorld:
    return fill_with_payloads(world.a.organisation)


def test_every_owned_model_has_a_factory():
    makers = owned_factories()
    missing = [m._meta.label for m in owned_models() if m not in makers]
    assert not missing, (
        f"Add a factory class to tests/factories/<app>.py (or a maker registered with owned_maker) "
        f"for: {missing} (the escaping harness stores a payload in every owned model's text "
        "fields)"
    )


def test_every_text_field_holds_a_payload(payload_world):
    """The harness covers what it claims: every owned model's text fields got a payload."""
    covered = {label.split(" #")[0] for label in payload_world.origin.values()}
    for model in owned_models():
        for f in text_fields(model):
            label = f"{model._meta.label}.{f.name}"
            assert label in covered or label in NOT_USER_TEXT, f"no payload in {label}"


@pytest.mark.parametrize("role", ["coordinator", "admin"])
def test_stored_text_is_escaped_on_every_page(client, world, payload_world, monkeypatch, role):
    user = getattr(world.a, role)
    started = time.monotonic()
    # The exports and the query-string payloads do not depend on the role: once is enough.
    result = render_everything(client, user, payload_world, monkeypatch, extras=role == "admin")
    elapsed = time.monotonic() - started
    assert result.pages > 100, result  # the matrix's pages were rendered, not refused
    assert result.pdf_html >= 1  # the status report's HTML was checked
    assert not result.failures, (
        f"{len(result.failures)} unescaped payload(s) or failing pages as {role} "
        f"({result.pages} pages in {elapsed:.1f} s):\n" + "\n".join(result.failures)
    )


def test_forms_sent_back_with_the_payloads_escape_them(client, world, payload_world):
    started = time.monotonic()
    result = send_every_form_back(client, world.a.admin, payload_world)
    elapsed = time.monotonic() - started
    assert result.pages > 30, result
    assert not result.failures, (
        f"{len(result.failures)} unescaped payload(s) or failing forms "
        f"({result.pages} forms in {elapsed:.1f} s):\n" + "\n".join(result.failures)
    )


def test_the_finder_sees_each_kind_of_leak():
    """The detector itself: escaped text passes; markup, handlers and links from a payload do
    not (so the harness cannot pass by seeing nothing)."""
    from django.utils.html import escape, json_script

    payload = payload_for(7, None)
    assert leaks_in(f"<p>{escape(payload)}</p><input value='{escape(payload)}'>") == []
    assert leaks_in(str(json_script(payload, "data"))) == []
    assert leaks_in(f"<p>{payload}</p>")  # text
    assert leaks_in(f'<input value="{payload}">')  # double-quoted attribute
    assert leaks_in(f"<input value='{payload}'>")  # single-quoted attribute
    assert leaks_in(f"<input value={escape(payload)}>")  # unquoted attribute
    assert leaks_in(f'<a href="{escape(payload_for(8, None, url=True))}">x</a>')
    assert leaks_in(f"<p>{payload_for(9, 12)}</p>")  # the shortest payload
    assert Access.MANAGE > Access.EDIT  # the administrator sees more pages than the coordinator


def test_help_texts_and_labels_are_text_in_every_form():
    """The project's form renderer escapes a field's help text and label in every form, also
    one that does not derive from the project's base form and sets them after ``__init__``;
    a help text deliberately built with ``format_html`` stays HTML."""
    from crispy_forms.utils import render_crispy_form
    from django import forms
    from django.utils.html import format_html

    class AnyForm(forms.Form):
        name = forms.CharField()
        rules = forms.CharField(help_text=format_html("<ul><li>{}</li></ul>", "<b>8</b> tecken"))

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields["name"].help_text = "Gruppen <script>xss(1)</script>"
            self.fields["name"].label = "<img src=x onerror=xss(2)>"

    for html in (str(AnyForm()), render_crispy_form(AnyForm())):
        assert leaks_in(html) == []
        assert "Gruppen &lt;script&gt;xss(1)&lt;/script&gt;" in html
        assert "&lt;img src=x onerror=xss(2)&gt;" in html
        assert "<ul><li>&lt;b&gt;8&lt;/b&gt; tecken</li></ul>" in html


@pytest.mark.parametrize("case", ["internal with members", "without members", "external forum"])
def test_the_meeting_form_shows_a_group_named_with_a_script_as_text(client, world, case):
    """The reported attack: a coordinator names a group ``<script>…</script>``; an administrator
    opens the meeting form for it. Each of the form's texts about the group (the members' help
    text, the help text of a group without members, the forum's heading above its
    enterprises) shows the name as text."""
    from django.utils.html import escape

    from areas.models import GroupKind
    from tests.factories import (
        CoordinationGroupFactory,
        GroupMemberFactory,
        SocialEnterpriseFactory,
    )

    organisation = world.a.organisation
    name = payload_for(1, 200)
    kind = GroupKind.EXTERNAL if case == "external forum" else GroupKind.INTERNAL
    group = CoordinationGroupFactory(organisation=organisation, name=name, kind=kind)
    if case != "without members":
        GroupMemberFactory(organisation=organisation, group=group, name="Kim Andersson")
    if case == "external forum":
        with scopes_disabled():
            group.enterprises.add(SocialEnterpriseFactory(organisation=organisation))
    client.force_login(world.a.admin)
    response = client.get(reverse("areas:meeting_create") + f"?group={group.pk}")
    html = response.content.decode()
    assert response.status_code == 200
    assert leaks_in(html) == []
    escaped = escape(name)
    assert escaped in html.split('id="id_attending_members_helptext"')[1][:600]
    if case == "external forum":
        assert f'<optgroup label="I {escaped}">' in html  # Swedish: "I <forum>"
