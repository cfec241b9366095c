"""``/api/v1/enterprises/``: the register of social enterprises.

Personal data (contact persons; a sole trader's organisation number, which is the owner's
personal identity number) only for a key that may read personal data
(``ApiKey.allow_personal_data``). The filters are the register page's
(``enterprises.filters.SocialEnterpriseFilter``) with categories and challenges given by slug.
"""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers

from api.base import ApiViewSet
from api.filters import UpdatedSinceFilter, by_slug
from enterprises import orgnr
from enterprises.filters import SocialEnterpriseFilter
from enterprises.models import (
    CRITERIA,
    Answer,
    ContactPerson,
    EnterpriseKind,
    EnterpriseStatus,
    LegalForm,
    SocialEnterprise,
)

PERSONAL_DATA_NOTE = (
    "Personal data: only present when the API key may read personal data "
    "(“may read personal data” on the key)."
)


def allows_personal_data(context) -> bool:
    """Whether the request's API key may read personal data (names of people, personal
    identity numbers)."""
    request = context.get("request")
    return bool(getattr(getattr(request, "auth", None), "allow_personal_data", False))


def drop_personal_fields(serializer, fields: dict, names: tuple[str, ...]) -> dict:
    """``fields`` without ``names`` for a request whose key may not read personal data. Without
    a request (the OpenAPI document) the fields stay, documented as personal data."""
    request = serializer.context.get("request")
    if request is not None and getattr(request, "auth", None) is not None:
        if not allows_personal_data(serializer.context):
            for name in names:
                fields.pop(name, None)
    return fields


def member_name_field(what: str) -> serializers.CharField:
    """The display name of a task's owner (``source``: the model's ``*owner_name`` method): the
    member's full name when a member owns it, else the free text as written ("" for none).
    A person's name: drop it with :func:`drop_personal_fields` for a key without personal
    data; select the member (``select_related``) so the list stays one query."""
    return serializers.CharField(
        read_only=True,
        help_text=f"Who is responsible for {what}, as the pages show it: the member of the "
        "organisation's full name when a member is chosen, else the free text as written "
        "(empty when nobody is named). Personal data: only with an API key allowed personal "
        "data; without it the field is left out.",
    )


def shown_org_number(number: str, context) -> str | None:
    """``number``, or None when it is empty, or a sole trader's personal identity number and
    the key may not read personal data."""
    if not number:
        return None
    if orgnr.is_personal(number.replace("-", "")) and not allows_personal_data(context):
        return None
    return str(number)


class OrgNumberField(serializers.CharField):
    """An organisation number (NNNNNN-NNNN). A sole trader's number is the owner's personal
    identity number: null unless the key may read personal data."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "help_text",
            "Swedish organisation number NNNNNN-NNNN, or null. A sole trader's number is a "
            "personal identity number and is null unless the API key may read personal data.",
        )
        kwargs.setdefault("allow_null", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return shown_org_number(value, self.context)


class SlugNameSerializer(serializers.Serializer):
    slug = serializers.SlugField(help_text="Stable short name of the shared list entry.")
    name = serializers.CharField(help_text="Name (Swedish).")


class SdgSerializer(serializers.Serializer):
    number = serializers.IntegerField(help_text="Agenda 2030 goal number, 1–17.")
    name = serializers.CharField(help_text="Name of the goal (Swedish).")


class EnterpriseRefSerializer(serializers.Serializer):
    """An enterprise of the register as another record refers to it."""

    id = serializers.IntegerField(help_text="The enterprise's id in `/enterprises/`.")
    name = serializers.CharField(help_text="The enterprise's name.")
    org_number = OrgNumberField()


class CriterionSerializer(serializers.Serializer):
    """One social-enterprise criterion of an enterprise: the answer, a note and when it was
    checked."""

    answer = serializers.ChoiceField(
        choices=Answer.choices, help_text="ja (yes), nej (no) or okant (unknown)."
    )
    answer_label = serializers.CharField(help_text="The answer in words (Swedish).")
    note = serializers.CharField(help_text="Note on the assessment.")
    checked_on = serializers.DateField(allow_null=True, help_text="When it was last checked.")

    def __init__(self, criterion: str, **kwargs):
        self.criterion = criterion
        super().__init__(source="*", **kwargs)

    def to_representation(self, instance):
        name = self.criterion
        return super().to_representation(
            {
                "answer": getattr(instance, name),
                "answer_label": getattr(instance, f"get_{name}_display")(),
                "note": getattr(instance, f"{name}_note"),
                "checked_on": getattr(instance, f"{name}_checked"),
            }
        )


CRITERION_HELP = {
    "surplus_reinvested": "The surplus is mainly reinvested in the business.",
    "mission_in_statutes": "The statutes or articles state the societal mission.",
    "independent": "Independent of the public sector (not controlled by it).",
    "employee_participation": "Employees participate in decisions or own the enterprise.",
}

EnterpriseCriteriaSerializer = type(
    "EnterpriseCriteriaSerializer",
    (serializers.Serializer,),
    {
        "__doc__": "The register's four social-enterprise criteria.",
        **{name: CriterionSerializer(name, help_text=CRITERION_HELP[name]) for name, _ in CRITERIA},
    },
)


class ContactSerializer(serializers.ModelSerializer):
    class Meta:
        model = ContactPerson
        fields = ["name", "role", "email", "phone", "is_public"]
        extra_kwargs = {
            "name": {"help_text": "The contact person's name."},
            "role": {"help_text": "Role at the enterprise, e.g. verksamhetsledare."},
            "email": {"help_text": "E-mail address."},
            "phone": {"help_text": "Phone number."},
            "is_public": {"help_text": "Agreed to be shown in the open directory."},
        }


class CapacitySerializer(serializers.ModelSerializer):
    class Meta:
        model = SocialEnterprise
        fields = ["work_training_places", "employees", "participants"]
        extra_kwargs = {
            "work_training_places": {"help_text": "Places for work training it can offer."},
            "employees": {"help_text": "Employees."},
            "participants": {
                "help_text": "People in work training, rehabilitation or similar there."
            },
        }


class EnterpriseSerializer(serializers.ModelSerializer):
    org_number = OrgNumberField()
    legal_form = serializers.ChoiceField(choices=LegalForm.choices, help_text="Legal form code.")
    legal_form_label = serializers.CharField(
        source="get_legal_form_display", help_text="Legal form in words (Swedish)."
    )
    kind = serializers.ChoiceField(
        choices=EnterpriseKind.choices,
        help_text="Kind code: asf (work-integration social enterprise), samhallsentreprenor, "
        "ideburen (non-profit), annat.",
    )
    kind_label = serializers.CharField(source="get_kind_display", help_text="Kind in words.")
    status = serializers.ChoiceField(
        choices=EnterpriseStatus.choices, help_text="The organisation's collaboration status."
    )
    status_label = serializers.CharField(source="get_status_display", help_text="Status in words.")
    criteria = EnterpriseCriteriaSerializer(source="*", help_text="The four criteria.")
    categories = SlugNameSerializer(
        many=True, help_text="Service categories: what the enterprise sells."
    )
    challenges = SlugNameSerializer(many=True, help_text="Societal challenges it works on.")
    sdgs = SdgSerializer(many=True, help_text="Agenda 2030 goals.")
    capacity = CapacitySerializer(source="*", help_text="Capacity (whole numbers).")
    contacts = ContactSerializer(
        many=True, required=False, help_text=f"Contact persons. {PERSONAL_DATA_NOTE}"
    )

    class Meta:
        model = SocialEnterprise
        fields = [
            "id",
            "name",
            "org_number",
            "legal_form",
            "legal_form_label",
            "kind",
            "kind_label",
            "status",
            "status_label",
            "criteria",
            "categories",
            "challenges",
            "sdgs",
            "offer",
            "cpv_codes",
            "capacity",
            "certifications",
            "address",
            "postal_code",
            "postal_town",
            "operates_in",
            "website",
            "identified_on",
            "tags",
            "public_listing",
            "contacts",
            "updated_at",
        ]
        extra_kwargs = {
            "name": {"help_text": "The enterprise's name."},
            "offer": {"help_text": "What the enterprise offers, in its own words."},
            "cpv_codes": {"help_text": "CPV codes, comma-separated."},
            "certifications": {"help_text": "Memberships and certifications, comma-separated."},
            "address": {"help_text": "Street address."},
            "postal_code": {"help_text": "Postal code."},
            "postal_town": {"help_text": "Postal town."},
            "operates_in": {"help_text": "Areas, districts or municipalities it operates in."},
            "website": {"help_text": "Website address."},
            "identified_on": {"help_text": "When the organisation first learned of it."},
            "tags": {"help_text": "The organisation's own keywords, comma-separated."},
            "public_listing": {
                "help_text": "The enterprise agreed to be listed in the open directory."
            },
            "updated_at": {"help_text": "When the record was last changed."},
        }

    def get_fields(self):
        return drop_personal_fields(self, super().get_fields(), ("contacts",))


class EnterpriseFilter(SocialEnterpriseFilter):
    """The register page's filters; categories and challenges by slug."""

    category = by_slug(
        SocialEnterpriseFilter,
        "category",
        "A service category's slug (from an enterprise's `categories`).",
    )
    challenge = by_slug(
        SocialEnterpriseFilter,
        "challenge",
        "A societal challenge's slug (from an enterprise's `challenges`).",
    )
    updated_since = UpdatedSinceFilter()

    class Meta(SocialEnterpriseFilter.Meta):
        fields = [*SocialEnterpriseFilter.Meta.fields, "updated_since"]


ENDPOINT_DESCRIPTION = (
    "The organisation's register of social enterprises, filtered as on the register page "
    "(`category` and `challenge` take the list's slug). Personal data only for an API key that "
    "may read it: `contacts` (the contact persons) is left out entirely otherwise, and a sole "
    "trader's `org_number` (a personal identity number) is null."
)


@extend_schema_view(
    list=extend_schema(
        summary="The register of social enterprises",
        description=ENDPOINT_DESCRIPTION,
    ),
    retrieve=extend_schema(
        summary="One enterprise of the register", description=ENDPOINT_DESCRIPTION
    ),
)
class EnterpriseViewSet(ApiViewSet):
    model = SocialEnterprise
    serializer_class = EnterpriseSerializer
    filterset_class = EnterpriseFilter

    def records(self):
        prefetch = ["categories", "challenges", "sdgs"]
        if allows_personal_data({"request": self.request}):
            prefetch.append(Prefetch("contacts", queryset=ContactPerson.objects.order_by("name")))
        return SocialEnterprise.objects.prefetch_related(*prefetch).order_by("name", "pk")


routes = [("enterprises", EnterpriseViewSet, "enterprise")]
paths = []
