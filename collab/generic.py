"""Declarative base views for organisation-owned records.

An app's views are a few attributes on these classes::

    class MembershipListView(OrgListView):
        model = Membership
        filterset_class = MembershipFilter
        columns = [Column("user", _("Name"), sort="user__last_name", link=True), ...]

Guarantees, in one place:
- the user must be a member of the active organisation, with the access the view requires
  (``required_access``); otherwise 403;
- objects are looked up through the scoped manager, so another organisation's object is a 404;
- create sets the organisation from the request, never from POST; foreign-key choices in
  forms are limited to the scope (:class:`collab.forms.ScopedModelForm`);
- writes run inside ``transaction.atomic``;
- no lost updates: an edit form carries the version it was opened on, and a save of a stale
  version is refused with the other person's changes listed and the user's input kept
  (:mod:`collab.versioning`); a unique constraint hit by a concurrent save is a form error, and
  a double click on "Save" saves once (:mod:`collab.submissions`).
"""

import csv
import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, models, transaction
from django.db.models import F, ProtectedError, RestrictedError
from django.db.models.functions import Collate
from django.forms import ModelForm
from django.http import HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DeleteView, DetailView, UpdateView
from django_filters.views import FilterView

from collab import attachments, submissions, trash, versioning
from collab.formatting import display_value
from collab.models import Access
from collab.selectors import history_for


class OrganisationAccessMixin:
    """Requires membership of the active organisation with ``required_access``."""

    required_access: int = Access.READ

    def dispatch(self, request, *args, **kwargs):
        membership = getattr(request, "membership", None)
        if membership is None:
            raise PermissionDenied(_("You are not a member of any organisation."))
        if membership.access < self.required_access:
            raise PermissionDenied(_("Your role does not allow this."))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_edit"] = self.request.membership.access >= Access.EDIT
        context["can_manage"] = self.request.membership.access >= Access.MANAGE
        return context


@dataclass
class Column:
    """A column in a list view and in its CSV export."""

    accessor: str
    label: Any
    sort: str | None = None
    link: bool = False

    def value(self, obj):
        value = obj
        for part in self.accessor.split("."):
            if value is None:
                return None
            value = getattr(value, part)
            if callable(value):
                value = value()
        return value


class OrgQuerysetMixin:
    """Objects come from the scoped default manager: other organisations' rows do not exist."""

    model = None
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()

    def get_queryset(self):
        qs = self.model.objects.all()
        if self.select_related:
            qs = qs.select_related(*self.select_related)
        if self.prefetch_related:
            qs = qs.prefetch_related(*self.prefetch_related)
        return qs


COLLATIONS = {"postgresql": "sv-SE-x-icu", "sqlite": "swedish"}


def sort_expression(model, sort: str):
    """Order by ``sort`` (``-`` for descending); text in Swedish alphabetical order (å ä ö)."""
    path = sort.lstrip("-")
    descending = sort.startswith("-")
    field = None
    current = model
    for part in path.split("__"):
        field = current._meta.get_field(part)
        if field.is_relation:
            current = field.related_model
    expression = F(path)
    collation = COLLATIONS.get(connection.vendor)
    if isinstance(field, models.CharField | models.TextField) and not field.choices and collation:
        expression = Collate(expression, collation)
    return expression.desc() if descending else expression.asc()


class OrgListView(OrganisationAccessMixin, OrgQuerysetMixin, FilterView):
    template_name = "generic/list.html"
    columns: list[Column] = []
    default_sort: str | None = None
    paginate_by = 25
    title = None
    intro = None
    empty_text = gettext_lazy("There is nothing here yet.")
    create_url_name: str | None = None
    create_access: int = Access.EDIT
    export_name = "export"

    def get_sort(self) -> str | None:
        allowed = {c.sort for c in self.columns if c.sort}
        requested = self.request.GET.get("sort", "")
        if requested.lstrip("-") in allowed:
            return requested
        return self.default_sort

    def figure_filter(self):
        """``?figure=<key>&figure_year=<year>``: exactly the rows a figure of the catalogue
        counts for the year (the home page's cards and the evidence link here)."""
        from collab import figures

        figure = figures.get(self.request.GET.get("figure", ""))
        year = self.request.GET.get("figure_year", "")
        if figure is None or figure.share_of or not (year.isascii() and year.isdigit()):
            return None
        year = int(year)
        if not (figures.FIRST_YEAR <= year <= figures.LAST_YEAR) or figure.model is not self.model:
            return None
        return figure, year

    def get_queryset(self):
        qs = super().get_queryset()
        chosen = self.figure_filter()
        if chosen is not None:
            figure, year = chosen
            qs = qs.filter(pk__in=figure.records(year).values("pk"))
        sort = self.get_sort()
        if sort:
            qs = qs.order_by(sort_expression(self.model, sort), "pk")
        return qs

    def get(self, request, *args, **kwargs):
        export = request.GET.get("export")
        if export == "csv":
            return self.export_csv()
        if export == "xlsx":
            return self.export_xlsx()
        return super().get(request, *args, **kwargs)

    def filtered_queryset(self):
        filterset = self.get_filterset(self.get_filterset_class())
        if not filterset.is_bound or filterset.is_valid():
            return filterset.qs
        return filterset.queryset.none()

    def export_csv(self) -> HttpResponse:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        stamp = timezone.localdate().isoformat()
        response["Content-Disposition"] = f'attachment; filename="{self.export_name}-{stamp}.csv"'
        response.write("\ufeff")  # BOM: Excel opens UTF-8 with å, ä, ö correctly
        writer = csv.writer(response, delimiter=";")
        writer.writerow([str(c.label) for c in self.columns])
        for obj in self.filtered_queryset():
            writer.writerow([_csv_value(c.value(obj)) for c in self.columns])
        return response

    def export_xlsx(self) -> HttpResponse:
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title=str(self.get_title())[:31])
        sheet.append([str(c.label) for c in self.columns])
        for obj in self.filtered_queryset():
            sheet.append([_xlsx_value(c.value(obj)) for c in self.columns])
        response = HttpResponse(
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        stamp = timezone.localdate().isoformat()
        response["Content-Disposition"] = f'attachment; filename="{self.export_name}-{stamp}.xlsx"'
        workbook.save(response)
        return response

    def get_title(self):
        return self.title or self.model._meta.verbose_name_plural.capitalize()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sort = self.get_sort() or ""
        query = self.request.GET.copy()
        query.pop("page", None)
        headers = []
        for column in self.columns:
            header = {"label": column.label, "sort_url": None, "aria_sort": None}
            if column.sort:
                if sort.lstrip("-") == column.sort:
                    descending = sort.startswith("-")
                    header["aria_sort"] = "descending" if descending else "ascending"
                    next_sort = column.sort if descending else f"-{column.sort}"
                else:
                    next_sort = column.sort
                q = query.copy()
                q["sort"] = next_sort
                header["sort_url"] = "?" + q.urlencode()
            headers.append(header)
        rows = [
            {
                "object": obj,
                "url": obj.get_absolute_url(),
                "cells": [
                    {"text": display_value(c.value(obj)), "link": c.link} for c in self.columns
                ],
            }
            for obj in context["object_list"]
        ]
        export_query = query.copy()
        export_query["export"] = "csv"
        xlsx_query = query.copy()
        xlsx_query["export"] = "xlsx"
        page_query = query.urlencode()
        membership = self.request.membership
        context.update(
            {
                "title": self.get_title(),
                "intro": self.intro,
                "empty_text": self.empty_text,
                "headers": headers,
                "rows": rows,
                "export_url": "?" + export_query.urlencode(),
                "export_xlsx_url": "?" + xlsx_query.urlencode(),
                "page_query": page_query + "&" if page_query else "",
                "create_url": reverse(self.create_url_name)
                if self.create_url_name and membership.access >= self.create_access
                else None,
                "total_count": context["paginator"].count
                if context.get("paginator")
                else len(context["object_list"]),
                "is_filtered": any(
                    v for k, v in self.request.GET.items() if k not in {"page", "sort"}
                ),
                "figure_filter": self.figure_filter(),
            }
        )
        return context


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    text = str(value)
    # Formula injection: a cell starting with = + - @ is treated as text by spreadsheets.
    if text[:1] in {"=", "+", "-", "@"} and not _is_number(text):
        text = "'" + text
    return text


def _xlsx_value(value):
    if value is None:
        return None
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(tzinfo=None)
    if isinstance(value, int | float | datetime.date):
        return value
    return _csv_value(value)


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", "."))
    except ValueError:
        return False
    return True


class OrgDetailView(OrganisationAccessMixin, OrgQuerysetMixin, DetailView):
    template_name = "generic/detail.html"
    fields: list[Column] = []
    update_url_name: str | None = None
    delete_url_name: str | None = None
    list_url_name: str | None = None

    def post(self, request, *args, **kwargs):
        """A detail page is read-only: another organisation's object is a 404 for POST too
        (the same answer as for GET), one's own a 405."""
        self.get_object()
        return HttpResponseNotAllowed(["GET", "HEAD"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = self.object
        membership = self.request.membership
        context.update(
            {
                "title": str(obj),
                "detail_fields": [
                    {"label": f.label, "text": display_value(f.value(obj))} for f in self.fields
                ],
                "history": history_for(obj),
                "update_url": reverse(self.update_url_name, kwargs={"pk": obj.pk})
                if self.update_url_name and membership.access >= self.edit_access
                else None,
                "delete_url": reverse(self.delete_url_name, kwargs={"pk": obj.pk})
                if self.delete_url_name and membership.access >= self.edit_access
                else None,
                "list_url": reverse(self.list_url_name) if self.list_url_name else None,
                "verbose_name": self.model._meta.verbose_name,
                "verbose_name_plural": self.model._meta.verbose_name_plural,
                # The "Bilagor" section, for the kinds of records that carry attachments.
                "attachments": attachments.section(self.request, obj),
            }
        )
        return context

    edit_access: int = Access.EDIT


def add_errors(form, exc: ValidationError) -> None:
    """Show a model/service validation error next to the field it concerns, else on top."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def violated_constraint(model, exc: IntegrityError):
    """The unique constraint of ``model`` that ``exc`` reports, as (fields, message), or None.

    PostgreSQL names the constraint; SQLite names the columns (or the index)."""
    name = getattr(getattr(exc.__cause__, "diag", None), "constraint_name", None)
    text = str(exc)
    columns = None
    marker = "UNIQUE constraint failed: "
    if marker in text:
        rest = text.split(marker, 1)[1].strip()
        if rest.startswith("index "):
            name = rest[len("index ") :].strip("'\"")
        else:
            columns = {part.strip().rsplit(".", 1)[-1] for part in rest.split(",")}
    for constraint in model._meta.constraints:
        if not isinstance(constraint, models.UniqueConstraint) or not constraint.fields:
            continue
        own_columns = {model._meta.get_field(f).column for f in constraint.fields}
        if constraint.name == name or own_columns == columns:
            if constraint.condition is not None or constraint.violation_error_message:
                message = constraint.get_violation_error_message()
            else:
                message = model().unique_error_message(model, constraint.fields).message
            return constraint.fields, message
    for field in model._meta.concrete_fields:
        if field.unique and not field.primary_key and columns == {field.column}:
            return (field.name,), model().unique_error_message(model, (field.name,)).message
    return None


def add_integrity_error(form, model, exc: IntegrityError) -> None:
    """A save that the database refused because someone else saved the same at the same time.

    The form is validated again (the other save is now visible, so the form's own duplicate
    check gives its usual message next to the field); failing that, the constraint the database
    names gives the message; failing that, a general one."""
    if hasattr(form, "cleaned_data"):
        form.full_clean()
        if form.errors:
            return
    found = violated_constraint(model, exc) if model is not None else None
    if found is not None:
        fields, message = found
        in_form = [name for name in fields if name in form.fields]
        form.add_error(in_form[0] if len(in_form) == 1 else None, message)
        return
    form.add_error(
        None,
        _(
            "Someone else saved at the same moment and the two saves clash. Nothing has been "
            "saved. Check the form and save again."
        ),
    )


ALREADY_SAVED = gettext_lazy(
    "This form had already been saved (it was sent twice). It was not saved again."
)


def many_to_many_changes(form) -> str:
    """Describe changes to the form's many-to-many fields, for the change history.

    The history stores each save's field values; many-to-many choices (e.g. service categories)
    live in other tables, so the change is written as the record's change reason instead:
    "Service categories: Biltvätt → Biltvätt, Lokalvård".
    """
    instance = form.instance
    parts = []
    for field in instance._meta.many_to_many:
        if field.name not in form.cleaned_data:
            continue
        new = {str(o) for o in form.cleaned_data[field.name]}
        old = {str(o) for o in getattr(instance, field.name).all()} if instance.pk else set()
        if new != old:
            before = ", ".join(sorted(old)) or "–"
            after = ", ".join(sorted(new)) or "–"
            parts.append(f"{str(field.verbose_name).capitalize()}: {before} → {after}")
    return "; ".join(parts)


class OrgFormMixin:
    template_name = "generic/form.html"
    list_url_name: str | None = None
    success_message = gettext_lazy("Saved.")

    # Foreign keys preselected from the query string, e.g. ``?procurement=12`` on the page that
    # adds a bid from its procurement. Only a preselection: the field's choices stay scoped.
    initial_from_query: tuple[str, ...] = ()

    def get_initial(self):
        initial = super().get_initial()
        for name in self.initial_from_query:
            value = self.request.GET.get(name, "")
            if value.isdigit():
                initial[name] = int(value)
        return initial

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["organisation"] = self.request.organisation
        return kwargs

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        submissions.add_submission_field(form)
        return form

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["verbose_name"] = self.model._meta.verbose_name
        context["list_url"] = reverse(self.list_url_name) if self.list_url_name else None
        return context

    def saved_before(self):
        """The same form sent again (a double click): to the first save's result."""
        earlier = submissions.earlier_result(self.request)
        if earlier is None:
            return None
        messages.info(self.request, ALREADY_SAVED)
        return HttpResponseRedirect(earlier)

    def post(self, request, *args, **kwargs):
        return self.saved_before() or super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            with transaction.atomic():
                earlier = submissions.claim(self.request)
                if earlier is None:
                    self.object = self.save(form)
                    submissions.record(self.request, self.get_success_url())
        except ValidationError as exc:
            add_errors(form, exc)
            return self.form_invalid(form)
        except IntegrityError as exc:
            add_integrity_error(form, self.model, exc)
            return self.form_invalid(form)
        if earlier is not None:
            messages.info(self.request, ALREADY_SAVED)
            return HttpResponseRedirect(earlier)
        messages.success(self.request, self.success_message)
        return HttpResponseRedirect(self.get_success_url())

    def get_success_url(self):
        return self.object.get_absolute_url()


def safe_return_url(request, name: str = "next") -> str | None:
    """The return URL the page was opened with (``?next=``), when it is a path on this site;
    anything else (another host, a scheme, ``//host``) is ignored."""
    target = request.GET.get(name, "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts=None, require_https=request.is_secure()
    ):
        return target
    return None


class ChildFormMixin:
    """Create or edit a child record from its parent's page: a member from its group, an
    action from its meeting, a bid from its procurement, a value from its indicator.

    ``?<parent_field>=<pk>`` names the parent (preselect it with ``initial_from_query``).
    "Cancel" goes to a safe ``?next=`` path if given, else to the record (editing), else to the
    parent named in the query, else to ``parent_list_url_name`` (default: the list). After
    saving: to the safe ``?next=`` path, else to the record's page (or its parent's, with
    ``success_to_parent``)."""

    template_name = "generic/form.html"
    parent_field: str = ""
    parent_url_name: str = ""
    parent_list_url_name: str | None = None
    success_to_parent = False

    def parent_url_from_query(self) -> str | None:
        value = self.request.GET.get(self.parent_field, "")
        if value.isdigit():
            return reverse(self.parent_url_name, kwargs={"pk": int(value)})
        return None

    def object_cancel_url(self) -> str:
        return self.object.get_absolute_url()

    def get_cancel_url(self) -> str | None:
        if (target := safe_return_url(self.request)) is not None:
            return target
        if getattr(self, "object", None) is not None:
            return self.object_cancel_url()
        if (parent := self.parent_url_from_query()) is not None:
            return parent
        name = self.parent_list_url_name or self.list_url_name
        return reverse(name) if name else None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = self.get_cancel_url()
        return context

    def get_success_url(self):
        if (target := safe_return_url(self.request)) is not None:
            return target
        if self.success_to_parent:
            return getattr(self.object, self.parent_field).get_absolute_url()
        return super().get_success_url()


class OrgCreateView(OrganisationAccessMixin, OrgFormMixin, CreateView):
    """Create: the organisation is the request's, whatever the POST says."""

    required_access = Access.EDIT

    def get_form(self, form_class=None):
        """The one place a new object gets its organisation: the request's, set before the
        form validates, so every ``save`` (this view's or a service's) finds it set."""
        form = super().get_form(form_class)
        if isinstance(form, ModelForm):
            form.instance.organisation = self.request.organisation
        return form

    def save(self, form):
        reason = many_to_many_changes(form)
        obj = form.save(commit=False)
        obj.full_clean()
        if reason:
            obj._change_reason = reason
        obj.save()
        form.save_m2m()
        return obj

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("New %(name)s") % {"name": self.model._meta.verbose_name}
        context["cancel_url"] = context["list_url"]
        return context


class OrgUpdateView(OrganisationAccessMixin, OrgQuerysetMixin, OrgFormMixin, UpdateView):
    """Edit: the form carries the version it was opened on; a stale save is refused (409)."""

    required_access = Access.EDIT

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        versioning.add_version_field(form)
        return form

    def lock(self) -> None:
        """Lock the row until the save commits, before reading it (PostgreSQL; SQLite's
        ``BEGIN IMMEDIATE`` already serialises writing transactions)."""
        pk = self.kwargs.get(self.pk_url_kwarg)
        rows = self.model.objects.select_for_update(of=("self",)).filter(pk=pk)
        list(rows.values_list("pk", flat=True))

    def post(self, request, *args, **kwargs):
        earlier = self.saved_before()
        if earlier is not None:
            return earlier
        with transaction.atomic():
            self.lock()
            self.object = self.get_object()
            form = self.get_form()
            valid = form.is_valid()
            conflict = versioning.check(form, self.object)
            if conflict is not None:
                return self.conflict_response(form, conflict)
            return self.form_valid(form) if valid else self.form_invalid(form)

    def conflict_response(self, form, conflict):
        """The form again, with the user's input, the other person's changes and the current
        version; 409 Conflict."""
        for line in conflict.messages():
            form.add_error(None, line)
        response = self.render_to_response(self.get_context_data(form=form, conflict=conflict))
        response.status_code = 409
        return response

    def save(self, form):
        reason = many_to_many_changes(form)
        obj = form.save(commit=False)
        obj.full_clean()
        if reason:
            obj._change_reason = reason
        obj.save()
        form.save_m2m()
        return obj

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Edit %(name)s") % {"name": self.object}
        context["cancel_url"] = self.object.get_absolute_url()
        return context


class OrgDeleteView(OrganisationAccessMixin, OrgQuerysetMixin, DeleteView):
    """Delete after confirmation; refused with an explanation while other records refer to it."""

    required_access = Access.EDIT
    template_name = "generic/confirm_delete.html"
    list_url_name: str | None = None
    protected_message = gettext_lazy(
        "%(name)s cannot be deleted because other records refer to it (%(related)s)."
    )

    def get_success_url(self):
        return reverse(self.list_url_name)

    def collected(self, obj):
        """What deleting ``obj`` would delete with it (a ``Collector``), or the
        ``ProtectedError``/``RestrictedError`` that refuses it: collected once per request and
        shared by the confirm page's reason and summary and by the delete itself."""
        cached = getattr(self, "_collected", None)
        if cached is None or cached[0] is not obj:
            try:
                result = trash.collect(obj)
            except (ProtectedError, RestrictedError) as exc:
                result = exc
            cached = self._collected = (obj, result)
        return cached[1]

    def refuse_reason(self, obj) -> str | None:
        """A reason (shown to the user) why this object may not be deleted, or None.

        By default: other records refer to it with a protecting foreign key."""
        collected = self.collected(obj)
        if isinstance(collected, ProtectedError):
            return self._protected_text(obj, collected.protected_objects)
        if isinstance(collected, RestrictedError):
            return self._protected_text(obj, collected.restricted_objects)
        return None

    def _protected_text(self, obj, related) -> str:
        kinds = sorted({str(o._meta.verbose_name_plural) for o in related})
        return self.protected_message % {"name": obj, "related": ", ".join(kinds)}

    def cascade_summary(self, obj) -> list[str]:
        """What is deleted together with the object, e.g. "2 contact persons"."""
        collected = self.collected(obj)
        if isinstance(collected, Exception):
            return []
        summary = []
        for model, instances in collected.data.items():
            others = [i for i in instances if not (model is type(obj) and i.pk == obj.pk)]
            if others and not model._meta.auto_created:
                summary.append(f"{len(others)} {model._meta.verbose_name_plural}")
        return summary

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Delete %(name)s") % {"name": self.object}
        context["refuse_reason"] = self.refuse_reason(self.object)
        context["cascade"] = self.cascade_summary(self.object)
        context["restore_days"] = (
            trash.trash_days() if trash.is_restorable(type(self.object)) else None
        )
        context["verbose_name"] = self.model._meta.verbose_name
        return context

    def form_valid(self, form):
        name = str(self.object)
        try:
            with transaction.atomic():
                # Collected once, inside the transaction that deletes: the refusal and the
                # delete see the same records.
                reason = self.refuse_reason(self.object)
                if not reason:
                    collected = self.collected(self.object)
                    if isinstance(collected, Exception):
                        raise collected
                    # Restorable from the deleted records for a while (collab.trash).
                    trash.delete_record(self.object, collector=collected)
        except ProtectedError as exc:
            messages.error(self.request, self._protected_text(name, exc.protected_objects))
            return HttpResponseRedirect(self.object.get_absolute_url())
        except RestrictedError as exc:
            messages.error(self.request, self._protected_text(name, exc.restricted_objects))
            return HttpResponseRedirect(self.object.get_absolute_url())
        if reason:
            messages.error(self.request, reason)
            return HttpResponseRedirect(self.object.get_absolute_url())
        messages.success(self.request, _("%(name)s was deleted.") % {"name": name})
        return HttpResponseRedirect(self.get_success_url())
