"""How every form of the project is rendered: a field's help text and label are text.

Django's own form templates and crispy-forms' bootstrap5 templates put ``help_text`` into the
page with ``|safe`` (Django documents help texts as HTML). A help text built in Python with a
record's text in it (“The members of %(group)s …”) was therefore a stored XSS. The renderer
below is the project's ``FORM_RENDERER``: every bound field of every form (model forms, plain
forms, django-filter's forms, the admin's) escapes its help text and label when it is rendered,
unless it was deliberately built as HTML (``format_html``, a ``SafeString``), e.g. Django's
list of password rules.

It is done here, once, and not in the form base class, because a form sets help texts after
the base class's ``__init__`` (from the chosen record), and because not every form derives from
``ScopedModelForm``; a bound field is made when the field is rendered, after all of that.
Overriding crispy's templates instead would mean copying third-party templates that change
with every release.
"""

from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape


class TextBoundField(BoundField):
    """A bound field whose help text and label are escaped unless they are ``SafeString``."""

    def __init__(self, form, field, name):
        super().__init__(form, field, name)
        self.help_text = conditional_escape(self.help_text) if self.help_text else ""
        self.label = conditional_escape(self.label) if self.label else self.label


class TextFormRenderer(DjangoTemplates):
    """Django's default renderer with :class:`TextBoundField` for every form."""

    bound_field_class = TextBoundField
