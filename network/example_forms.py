"""Forms of the good examples and the questionnaires."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row, Submit
from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from areas.handbook import AREA_CHOICES
from collab import attachments, files
from collab.dates import date_widget
from collab.forms import ScopedModelForm, SubmitHelperMixin
from network import examples
from network.models import GoodExample, Questionnaire
from network.sizes import SIZE_CHOICES


class GoodExampleForm(ScopedModelForm):
    areas = forms.TypedMultipleChoiceField(
        label=_("Areas"),
        choices=AREA_CHOICES,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The handbook's areas the example concerns (at least one)."),
        error_messages={"required": _("Choose at least one area.")},
    )
    source = forms.ChoiceField(
        label=_("Source record"),
        required=False,
        help_text=_(
            "One of your organisation's procurements, IOP partnerships or governing documents. "
            "Its main fields are copied into the example as they are today; the network sees "
            "the copy, never your records."
        ),
    )
    attachment = forms.FileField(
        label=_("Attach a file"),
        required=False,
        help_text=files.ATTACHMENT_HELP,
    )

    class Meta:
        model = GoodExample
        fields = [
            "title",
            "kind",
            "description",
            "achieved",
            "how",
            "prerequisites",
            "contact_name",
            "contact_email",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "achieved": forms.Textarea(attrs={"rows": 3}),
            "how": forms.Textarea(attrs={"rows": 3}),
            "prerequisites": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, owner=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.owner = owner
        instance = self.instance
        if instance.pk:
            self.fields["areas"].initial = list(instance.areas.values_list("area", flat=True))
        if instance.source_kind:
            keep = _("Keep the copy of “%(title)s”") % {"title": instance.source_title}
            first = [("", keep), ("none", _("Remove the source record"))]
        else:
            first = [("", _("No source record"))]
        self.fields["source"].choices = first + examples.source_choices(owner)
        self.fields["attachment"].widget.attrs["accept"] = attachments.ACCEPT
        self.helper.layout = Layout(
            Fieldset(
                _("The example"),
                "title",
                "kind",
                "areas",
                "description",
                "achieved",
                "how",
                "prerequisites",
            ),
            Fieldset(
                _("Contact person"),
                Row(
                    Column("contact_name", css_class="col-md-6"),
                    Column("contact_email", css_class="col-md-6"),
                ),
            ),
            Fieldset(_("Source record and files"), "source", "attachment"),
        )

    def clean_attachment(self):
        file = self.cleaned_data.get("attachment")
        if isinstance(file, UploadedFile):
            attachments.check_upload(file)
        return file

    def full_clean(self):
        super().full_clean()
        # A browser cannot keep a chosen file when the page comes back with errors: say so.
        if (
            self.is_bound
            and self._errors
            and "attachment" not in self._errors
            and self.files.get(self.add_prefix("attachment"))
        ):
            self.add_error(
                "attachment",
                _("The file was not saved because of the errors in the form; choose it again."),
            )


class ExampleSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    area = forms.TypedChoiceField(
        label=_("Area"),
        choices=[("", _("All areas"))] + list(AREA_CHOICES),
        coerce=int,
        empty_value=None,
        required=False,
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[("", _("All kinds"))] + list(GoodExample.Kind.choices),
        required=False,
    )
    size = forms.ChoiceField(
        label=_("Municipality size"),
        choices=[("", _("All sizes"))] + SIZE_CHOICES,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        self.helper.form_method = "get"
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(
            Row(
                Column("q", css_class="col-md-4"),
                Column("area", css_class="col-md-3"),
                Column("kind", css_class="col-md-3"),
                Column("size", css_class="col-md-2"),
            )
        )
        self.helper.add_input(Submit("", _("Search"), css_class="btn-secondary"))

    def criteria(self) -> examples.Search:
        if not self.is_valid():
            return examples.Search()
        data = self.cleaned_data
        return examples.Search(
            q=data.get("q") or "",
            area=data.get("area"),
            kind=data.get("kind") or "",
            size=data.get("size") or "",
        )


class ReturnForm(SubmitHelperMixin, forms.Form):
    submit_label = _("Return with the comment")

    comment = forms.CharField(
        label=_("Comment to the member"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What should be changed before the example is published again."),
        error_messages={"required": _("Write what the member should change.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = self.build_helper()


class QuestionnaireForm(ScopedModelForm):
    class Meta:
        model = Questionnaire
        fields = ["title", "introduction", "deadline"]
        widgets = {"introduction": forms.Textarea(attrs={"rows": 4}), "deadline": date_widget()}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("organisation", None)
        super().__init__(*args, **kwargs)
        self.helper.form_tag = False
        self.helper.inputs = []


class QuestionForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    text = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 2}))
    help_text = forms.CharField(
        label=_("Help text"), required=False, widget=forms.TextInput(), max_length=1000
    )
    example_kind = forms.ChoiceField(
        label=_("Kind of good example"),
        choices=[("", "–")] + list(GoodExample.Kind.choices),
        required=False,
        help_text=_("The kind an answer gets when it is turned into a good example."),
    )


QuestionFormSet = forms.formset_factory(QuestionForm, extra=2, can_delete=True, max_num=50)


def answer_form_class(questions, *, disabled: bool = False):
    """A form with one text field per question (``q<id>``)."""
    fields = {}
    for question in questions:
        fields[f"q{question.pk}"] = forms.CharField(
            label=f"{question.number}. {question.text}",
            help_text=question.help_text,
            required=False,
            disabled=disabled,
            widget=forms.Textarea(attrs={"rows": 5}),
        )
    return type("AnswerForm", (forms.Form,), fields)
