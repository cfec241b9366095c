"""Forms for coordination groups, their members, meetings and decided actions."""

from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.forms.models import ModelChoiceIterator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from areas.models import (
    INTERNAL_FUNCTIONS,
    CoordinationGroup,
    GroupKind,
    GroupMember,
    Meeting,
    MeetingAction,
    Represents,
)
from collab.forms import ScopedModelForm
from collab.widgets import SearchableSelectMultiple
from enterprises.models import SocialEnterprise


def _pk(value) -> int | None:
    """A primary key from POST data, the query string or an instance, or None."""
    if isinstance(value, int):
        return value
    value = str(value or "").strip()
    return int(value) if value.isdigit() else None


class CoordinationGroupForm(ScopedModelForm):
    class Meta:
        model = CoordinationGroup
        fields = ["name", "kind", "purpose", "enterprises", "started_on", "ended_on"]
        widgets = {
            "kind": forms.RadioSelect,
            "purpose": forms.Textarea(attrs={"rows": 4}),
            "enterprises": SearchableSelectMultiple,
        }
        help_texts = {
            "name": _(
                "E.g. Interna samverkansgruppen för sociala företag, or Dialogforum sociala "
                "företag."
            ),
            "kind": _(
                "Internal group (handbook area 3): the organisation's own functions, above all "
                "business development (näringsliv), purchasing (inköp/upphandling) and the labour "
                "market (arbetsmarknad). External forum (area 5): a standing dialogue with the "
                "social enterprises and actors such as Arbetsförmedlingen, Försäkringskassan, the "
                "samordningsförbund and the region."
            ),
            "enterprises": _(
                "Only for an external forum: search and choose the register's enterprises invited "
                "to it (ended enterprises are not offered). They come first when you record who "
                "attended a meeting. An internal group has none."
            ),
            "ended_on": _("Leave empty while the group is active."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = GroupKind.choices  # radio buttons without a blank one
        kept = CoordinationGroup.enterprises.through.objects.filter(
            coordinationgroup_id=self.instance.pk
        ).values("socialenterprise_id")
        self.fields["enterprises"].queryset = (
            SocialEnterprise.objects.offered(kept=kept).only("pk", "name").order_by("name")
        )
        self.helper.layout = Layout(
            Fieldset(
                _("The group"),
                "name",
                "kind",
                "purpose",
                Row(
                    Column("started_on", css_class="col-md-6"),
                    Column("ended_on", css_class="col-md-6"),
                ),
            ),
            Fieldset(
                _("Only for an external forum"),
                "enterprises",
            ),
        )

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == GroupKind.INTERNAL and data.get("enterprises"):
            self.add_error(
                "enterprises",
                _(
                    "An internal coordination group has no social enterprises. Untick them, or "
                    "choose “External forum with social enterprises” as the kind."
                ),
            )
        if kind == GroupKind.INTERNAL and self.instance.pk:
            external = [
                member.name
                for member in self.instance.members.all()
                if member.represents not in INTERNAL_FUNCTIONS
            ]
            if external:
                self.add_error(
                    "kind",
                    _(
                        "The group has members who represent external actors (%(names)s). An "
                        "internal group only has the organisation's own functions: remove them "
                        "or change what they represent first."
                    )
                    % {"names": ", ".join(sorted(external))},
                )
        return data


def _represents_choices():
    """The choices grouped: the organisation's own functions, then external actors."""
    internal = [(v, label) for v, label in Represents.choices if v in INTERNAL_FUNCTIONS]
    external = [(v, label) for v, label in Represents.choices if v not in INTERNAL_FUNCTIONS]
    return [
        ("", "---------"),
        (_("The organisation's own functions"), internal),
        (_("External actors (only in an external forum)"), external),
    ]


class GroupMemberForm(ScopedModelForm):
    class Meta:
        model = GroupMember
        fields = ["group", "name", "represents", "organisation_name", "email", "ended_on"]
        help_texts = {
            "represents": _(
                "The handbook's internal group needs above all business development (näringsliv), "
                "purchasing (inköp/upphandling) and the labour market (arbetsmarknad). External "
                "actors such as Arbetsförmedlingen belong in an external forum."
            ),
            "email": _("Work e-mail, for the meeting invitations."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = self.fields["group"].queryset.order_by("kind", "name")
        self.fields["represents"].choices = _represents_choices()
        self.helper.layout = Layout(
            "group",
            Row(
                Column("name", css_class="col-md-6"),
                Column("email", css_class="col-md-6"),
            ),
            Row(
                Column("represents", css_class="col-md-6"),
                Column("organisation_name", css_class="col-md-6"),
            ),
            Row(Column("ended_on", css_class="col-md-6")),
        )


class _ShownChoiceIterator(ModelChoiceIterator):
    """Iterates the field's ``shown_queryset`` (what the form offers) instead of its
    ``queryset`` (what it accepts), so that a wrong choice gets the form's own message."""

    def __init__(self, field):
        super().__init__(field)
        shown = getattr(field, "shown_queryset", None)
        if shown is not None:
            self.queryset = shown


class MeetingForm(ScopedModelForm):
    class Meta:
        model = Meeting
        fields = [
            "group",
            "date",
            "title",
            "agenda",
            "minutes",
            "attending_members",
            "attending_enterprises",
            "other_attendees",
        ]
        widgets = {
            "attending_members": SearchableSelectMultiple,
            "attending_enterprises": SearchableSelectMultiple,
            "agenda": forms.Textarea(attrs={"rows": 4}),
            "minutes": forms.Textarea(attrs={"rows": 8}),
            "other_attendees": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "agenda": _("One point per line, e.g. 1. Upphandlingsplanen 2027."),
            "minutes": _(
                "What was said and decided. Record each decided action (what, who, by when) "
                "after saving, with “Add action” on the meeting's page."
            ),
            "attending_enterprises": _(
                "Search and choose the enterprises from the register that took part; the meeting "
                "is then shown on their pages. The forum's own enterprises come first, then the "
                "rest of the register (ended enterprises are not offered)."
            ),
            "other_attendees": _(
                "Guests who are not group members and do not come from an enterprise in the "
                "register, e.g. a handläggare from Arbetsförmedlingen."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = CoordinationGroup.objects.order_by("kind", "name")
        self.fields["group"].help_text = _(
            "The members present are offered from this group: when you choose another group, "
            "its members are offered instead."
        )
        self.group = self._chosen_group()

        members = self.fields["attending_members"]
        members.iterator = _ShownChoiceIterator
        everyone = GroupMember.objects.select_related("group").order_by("name")
        members.queryset = everyone  # accepted: any member, checked in clean_attending_members
        # Offered: the members in their group on the meeting's day (today for a new one),
        # and those the meeting already has.
        day = self.instance.date or timezone.localdate()
        self.kept_members = Meeting.attending_members.through.objects.filter(
            meeting_id=self.instance.pk
        ).values("groupmember_id")
        offered = everyone.current(day, keep=self.kept_members)
        # For the script: every group's members, so that changing the group offers its members.
        members.widget.group_field = self["group"].auto_id
        members.widget.choices_by_group = {}
        listed = (
            GroupMember.objects.current(day, keep=self.kept_members)
            .order_by("name")
            .only("pk", "name", "represents", "group")
        )
        for member in listed:
            members.widget.choices_by_group.setdefault(member.group_id, []).append(
                (member.pk, str(member))
            )
        if self.group is not None:
            group = self.group
            # Members of other groups that were chosen stay visible, with the error after them.
            posted = []
            if self.is_bound:
                values = self.data.getlist(self.add_prefix("attending_members"))
                posted = [pk for pk in map(_pk, values) if pk is not None]
            members.shown_queryset = everyone.filter(
                Q(pk__in=offered.filter(group=group).values("pk")) | Q(pk__in=posted)
            )
            members.label_from_instance = lambda m: (
                str(m) if m.group_id == group.pk else f"{m} – {m.group.name}"
            )
            if group.pk in members.widget.choices_by_group:
                members.help_text = _(
                    "The members of %(group)s. Add a missing person on the group's page first, "
                    "or write guests under other participants."
                ) % {"group": group.name}
            else:
                members.help_text = _(
                    "%(group)s has no members yet: add them on the group's page. Meanwhile, "
                    "write the participants under other participants."
                ) % {"group": group.name}
        else:
            members.shown_queryset = offered.order_by("group__name", "name")
            members.label_from_instance = lambda m: f"{m} – {m.group.name}"
            members.help_text = _(
                "Choose the group first: its members are then offered. Only the group's members "
                "can be recorded as present."
            )
        members.widget.choices = members.choices

        enterprises = self.fields["attending_enterprises"]
        kept = Meeting.attending_enterprises.through.objects.filter(
            meeting_id=self.instance.pk
        ).values("socialenterprise_id")
        enterprises.queryset = (
            SocialEnterprise.objects.offered(kept=kept).only("pk", "name").order_by("name")
        )
        if self.group is not None and self.group.kind == GroupKind.EXTERNAL:
            # The forum's enterprises under their own heading first, then the rest.
            in_forum = CoordinationGroup.enterprises.through.objects.filter(
                coordinationgroup_id=self.group.pk, socialenterprise_id=OuterRef("pk")
            )
            register = list(enterprises.queryset.annotate(in_forum=Exists(in_forum)))
            forum = [(e.pk, e.name) for e in register if e.in_forum]
            others = [(e.pk, e.name) for e in register if not e.in_forum]
            if forum:
                enterprises.widget.choices = [
                    (label, choices)
                    for label, choices in [
                        (_("In %(forum)s") % {"forum": self.group.name}, forum),
                        (_("Others in the register"), others),
                    ]
                    if choices
                ]
        self.helper.layout = Layout(
            Fieldset(
                _("The meeting"),
                Row(
                    Column("group", css_class="col-md-6"),
                    Column("date", css_class="col-md-3"),
                ),
                "title",
                "agenda",
                "minutes",
            ),
            Fieldset(
                _("Who attended"),
                "attending_members",
                "attending_enterprises",
                "other_attendees",
            ),
        )

    def _chosen_group(self) -> CoordinationGroup | None:
        """The meeting's group: as posted, else the meeting's own, else from ``?group=``."""
        if self.is_bound:
            pk = _pk(self.data.get(self.add_prefix("group")))
        elif self.instance.group_id:
            pk = self.instance.group_id
        else:
            pk = _pk(self.initial.get("group"))
        if pk is None:
            return None
        return CoordinationGroup.objects.filter(pk=pk).first()

    def clean_attending_members(self):
        members = self.cleaned_data["attending_members"]
        group = self.cleaned_data.get("group")
        if group is None:
            return members
        outsiders = [m for m in members if m.group_id != group.pk]
        if outsiders:
            raise forms.ValidationError(
                _(
                    "%(names)s is not a member of %(group)s. Only the group's own members can be "
                    "recorded as present: add the person to the group first, or write them under "
                    "other participants."
                ),
                params={
                    "names": ", ".join(m.name for m in outsiders),
                    "group": group.name,
                },
                code="not_in_group",
            )
        # Who had left by the meeting's day (a meeting recorded afterwards keeps who was there).
        day = self.cleaned_data.get("date") or timezone.localdate()
        kept = set(self.kept_members.values_list("groupmember_id", flat=True))
        former = [m for m in members if not m.is_current_on(day) and m.pk not in kept]
        if former:
            raise forms.ValidationError(
                _(
                    "%(names)s has left %(group)s and can no longer be recorded as present. "
                    "Write the person under other participants, or remove the end date on the "
                    "group's page."
                ),
                params={
                    "names": ", ".join(m.name for m in former),
                    "group": group.name,
                },
                code="left_group",
            )
        return members


class MeetingActionForm(ScopedModelForm):
    class Meta:
        model = MeetingAction
        fields = ["meeting", "what", "owner_user", "responsible", "due_date", "status"]
        help_texts = {
            "what": _(
                "A concrete action, e.g. Bjuda in sociala företag till dialog om snöröjning."
            ),
            "responsible": _("When not a member: a name or a function, e.g. Upphandlingschefen."),
            "due_date": _(
                "Actions not done by this date are marked overdue on the meeting and in the list "
                "of decided actions."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.select_related("group").order_by(
            "-date", "-pk"
        )
        self.helper.layout = Layout(
            "meeting",
            "what",
            Row(
                Column("owner_user", css_class="col-md-6"),
                Column("responsible", css_class="col-md-6"),
            ),
            Row(
                Column("due_date", css_class="col-md-6"),
                Column("status", css_class="col-md-6"),
            ),
        )
