"""Widgets shared by the apps' forms."""

import json

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext


class SearchableSelectMultiple(forms.SelectMultiple):
    """A multiple select that ``static/js/searchable-select.js`` turns into a search field
    with the chosen entries as removable tags (Tom Select), for long pick lists such as the
    register's enterprises. Without the script it is an ordinary multiple select.

    The options are built with ``format_html_join`` (escaped like a template, without a template
    per option), so a list of a few thousand enterprises renders in a few milliseconds. The
    Swedish texts of the script come from data attributes.

    ``choices_by_group`` (optional, set by the form): ``{group id: [(value, label), …]}`` and
    ``group_field`` (the id of the form's select of the group). The script then offers only the
    chosen group's entries when that select changes; the form's validation is the guarantee.
    """

    template_name = "collab/widgets/searchable_select.html"

    class Media:
        css = {"all": ["vendor/tom-select/css/tom-select.bootstrap5.min.css"]}
        js = ["vendor/tom-select/js/tom-select.complete.min.js", "js/searchable-select.js"]

    def __init__(self, attrs=None, choices=()):
        super().__init__(attrs, choices)
        self.choices_by_group = None
        self.group_field = None

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["options_html"] = self._options_html(context["widget"]["optgroups"])
        widget_attrs = context["widget"]["attrs"]
        widget_attrs.update(
            {
                "data-searchable-select": "",
                "data-placeholder": gettext("Search and choose…"),
                "data-no-results": gettext("No matches"),
                "data-remove-label": gettext("Remove"),
            }
        )
        if self.choices_by_group is not None and self.group_field:
            widget_attrs["data-group-field"] = self.group_field
            widget_attrs["data-choices-by-group"] = json.dumps(
                {
                    str(group): [[str(v), str(label)] for v, label in choices]
                    for group, choices in self.choices_by_group.items()
                },
                ensure_ascii=False,
                separators=(",", ":"),
            )
        return context

    @staticmethod
    def _options_html(optgroups) -> str:
        parts = []
        for group_name, options, _index in optgroups:
            rendered = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                (
                    (option["value"], " selected" if option["selected"] else "", option["label"])
                    for option in options
                ),
            )
            if group_name:
                rendered = format_html('<optgroup label="{}">{}</optgroup>', group_name, rendered)
            parts.append(rendered)
        return format_html_join("", "{}", ((part,) for part in parts))
