"""``/api/v1/procurements/`` and ``/api/v1/partnerships/``: procurements with their social
considerations, employment requirements and follow-up, bids and awards; IOP partnerships.

The rules are the pages' own: reserved (``Procurement.is_reserved``), social considerations
(``Procurement.social_considerations``), the employment follow-up
(``procurement.selectors.employment_follow_up``), a procurement's year (its contract start, as
the figures count it: ``procurement.figures.STARTS_IN_YEAR``), a partnership active in a year
(``PartnershipQuerySet.active_in_year``). Money is whole kronor (``*_sek``).
"""

from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers

from api.base import ApiViewSet
from api.filters import UpdatedSinceFilter, YearFilter, by_slug
from api.resources.register import (
    PERSONAL_DATA_NOTE,
    EnterpriseRefSerializer,
    OrgNumberField,
    SlugNameSerializer,
    drop_personal_fields,
    member_name_field,
    shown_org_number,
)
from areas import selectors as area_selectors
from areas.filters.partnerships import PartnershipFilter
from areas.models import Partnership, PartnershipStatus
from areas.models.partnerships import CriterionAnswer
from procurement import selectors
from procurement.choices import RESERVED_PROCEDURES
from procurement.figures import STARTS_IN_YEAR
from procurement.filters import ProcurementFilter
from procurement.models import Bid, EmploymentReport, Procedure, Procurement, Status, TargetType
from procurement.selectors import FollowUp

MONEY_NOTE = "Whole kronor excluding VAT"


def _sek(source: str, help_text: str) -> serializers.IntegerField:
    return serializers.IntegerField(source=source, allow_null=True, help_text=help_text)


# --- procurements ------------------------------------------------------------------------------


class BidSerializer(serializers.ModelSerializer):
    supplier = EnterpriseRefSerializer(
        allow_null=True, help_text="The supplier when it is in the register, else null."
    )
    supplier_name = serializers.CharField(
        source="supplier_display", help_text="The supplier's name (in the register or not)."
    )
    supplier_org_number = serializers.SerializerMethodField(
        help_text="The supplier's organisation number (NNNNNN-NNNN) or null; a sole trader's "
        "is null unless the API key may read personal data."
    )
    bid_value_sek = _sek("bid_value", f"The bid's value. {MONEY_NOTE}.")
    contract_value_sek = _sek("contract_value", f"The awarded contract's value. {MONEY_NOTE}.")

    class Meta:
        model = Bid
        fields = [
            "id",
            "supplier",
            "supplier_name",
            "supplier_org_number",
            "awarded",
            "bid_value_sek",
            "contract_value_sek",
        ]
        extra_kwargs = {"awarded": {"help_text": "The contract was awarded to this bid."}}

    @extend_schema_field(OrgNumberField())
    def get_supplier_org_number(self, bid):
        number = bid.supplier.org_number if bid.supplier_id else bid.supplier_org_number
        return shown_org_number(number, self.context)


class EmploymentReportSerializer(serializers.ModelSerializer):
    class Meta:
        model = EmploymentReport
        fields = [
            "id",
            "period_start",
            "period_end",
            "months_delivered",
            "people_delivered",
            "placements_delivered",
            "comment",
        ]
        extra_kwargs = {
            "period_start": {"help_text": "First day of the reported period."},
            "period_end": {"help_text": "Last day of the reported period."},
            "months_delivered": {"help_text": "Months of full-time work delivered in the period."},
            "people_delivered": {"help_text": "New people employed in the period."},
            "placements_delivered": {"help_text": "New placements in the period."},
            "comment": {"help_text": "Comment on the report."},
        }


class FollowUpSerializer(serializers.Serializer):
    """Target against delivered, as the procurement's page shows it."""

    delivered = serializers.IntegerField(
        help_text="Delivered so far: the sum over the reports of what the target counts."
    )
    expected = serializers.IntegerField(
        help_text="Expected by `as_of`: the target times the elapsed share of the contract "
        "period, rounded (0 without a contract period)."
    )
    status = serializers.ChoiceField(
        choices=list(FollowUp.LABELS),
        help_text="met, on_track, behind or no_period (no contract period to compare with).",
    )
    status_label = serializers.CharField(source="label", help_text="Status in words (Swedish).")
    as_of = serializers.DateField(help_text="The date the status is computed for (today).")


class EmploymentRequirementSerializer(serializers.Serializer):
    """The employment requirement (LOU 17 kap. 1 §) and its follow-up."""

    target_type = serializers.ChoiceField(
        source="employment_target_type",
        choices=TargetType.choices,
        help_text="What the target counts: manader (months of full-time work), personer "
        "(people employed), platser (placements).",
    )
    target_type_label = serializers.CharField(
        source="get_employment_target_type_display", help_text="What it counts, in words."
    )
    target = serializers.IntegerField(
        source="employment_target", allow_null=True, help_text="The target number."
    )
    follow_up = serializers.SerializerMethodField(
        help_text="Target against delivered; null without a target."
    )
    reports = EmploymentReportSerializer(
        source="employment_reports", many=True, help_text="The supplier's reports, by period."
    )

    @extend_schema_field(FollowUpSerializer(allow_null=True))
    def get_follow_up(self, procurement):
        status = selectors.employment_follow_up(procurement, procurement.employment_reports.all())
        return None if status is None else FollowUpSerializer(status).data


class ProcurementSerializer(serializers.ModelSerializer):
    category = SlugNameSerializer(allow_null=True, help_text="The register's service category.")
    estimated_value_sek = _sek(
        "estimated_value", f"The contract's total estimated value over its term. {MONEY_NOTE}."
    )
    procedure = serializers.ChoiceField(
        choices=Procedure.choices, help_text="The procedure code (LOU/LOV)."
    )
    procedure_label = serializers.CharField(
        source="get_procedure_display", help_text="The procedure in words (Swedish)."
    )
    reserved = serializers.BooleanField(
        source="is_reserved",
        help_text="A reserved contract (LOU 4 kap. 18 §, 19 kap. 25 § or 19 kap. 25 a §).",
    )
    reservation = serializers.SerializerMethodField(
        help_text="The reservation: the procedure code of a reserved contract "
        "(reserverad_4_18: LOU 4 kap. 18 §; reserverad_19_25: 19 kap. 25 §; "
        "reserverad_19_25a: 19 kap. 25 a §), else null."
    )
    status = serializers.ChoiceField(choices=Status.choices, help_text="The status code.")
    status_label = serializers.CharField(source="get_status_display", help_text="In words.")
    has_social_considerations = serializers.SerializerMethodField(
        help_text="Reserved, an employment requirement, divided into lots, a market dialogue "
        "or other social requirements (the figures count it unless cancelled)."
    )
    social_considerations = serializers.SerializerMethodField(
        help_text="What gives it social considerations, in words (Swedish)."
    )
    employment_requirement = serializers.SerializerMethodField(
        help_text="The employment requirement with its follow-up, or null when there is none."
    )
    invited_enterprises = EnterpriseRefSerializer(
        many=True, help_text="Enterprises of the register invited to the market dialogue."
    )
    bids = BidSerializer(many=True, help_text="Bids, the awarded ones first.")

    class Meta:
        model = Procurement
        fields = [
            "id",
            "title",
            "reference",
            "description",
            "category",
            "cpv_code",
            "estimated_value_sek",
            "planned_start",
            "planned_end",
            "responsible_unit",
            "responsible_person",
            "procedure",
            "procedure_label",
            "reserved",
            "reservation",
            "status",
            "status_label",
            "status_date",
            "has_social_considerations",
            "social_considerations",
            "employment_requirement",
            "divided_into_lots",
            "market_dialogue_held",
            "market_dialogue_date",
            "invited_enterprises",
            "other_social_requirements",
            "bids",
            "updated_at",
        ]
        extra_kwargs = {
            "title": {"help_text": "Title."},
            "reference": {"help_text": "Registry number (diarienummer)."},
            "description": {"help_text": "Description."},
            "cpv_code": {"help_text": "CPV code(s)."},
            "planned_start": {"help_text": "Planned contract start; its year is the year."},
            "planned_end": {"help_text": "Planned contract end."},
            "responsible_unit": {"help_text": "Responsible unit."},
            "responsible_person": {
                "required": False,
                "help_text": f"Responsible person's name. {PERSONAL_DATA_NOTE}",
            },
            "status_date": {"help_text": "When the procurement reached its status."},
            "divided_into_lots": {
                "help_text": "Divided into smaller lots (the lots themselves are not recorded)."
            },
            "market_dialogue_held": {"help_text": "A market dialogue was held."},
            "market_dialogue_date": {"help_text": "Date of the market dialogue."},
            "other_social_requirements": {"help_text": "Other social requirements, in words."},
            "updated_at": {"help_text": "When the procurement itself was last changed."},
        }

    def get_fields(self):
        return drop_personal_fields(self, super().get_fields(), ("responsible_person",))

    @extend_schema_field(
        serializers.ChoiceField(choices=sorted(RESERVED_PROCEDURES), allow_null=True)
    )
    def get_reservation(self, procurement) -> str | None:
        return procurement.procedure if procurement.is_reserved else None

    def get_has_social_considerations(self, procurement) -> bool:
        return bool(procurement.social_considerations())

    def get_social_considerations(self, procurement) -> list[str]:
        return procurement.social_considerations()

    @extend_schema_field(EmploymentRequirementSerializer(allow_null=True))
    def get_employment_requirement(self, procurement):
        if not procurement.employment_requirement:
            return None
        return EmploymentRequirementSerializer(procurement, context=self.context).data


class ProcurementApiFilter(ProcurementFilter):
    """The procurement list's filters; the category by slug, the year of the contract start."""

    category = by_slug(
        ProcurementFilter, "category", "A service category's slug (from `category`)."
    )
    year = YearFilter(
        method="filter_year",
        help_text="The contract starts in this year (`planned_start`), as the figures count it.",
    )
    updated_since = UpdatedSinceFilter()

    class Meta(ProcurementFilter.Meta):
        fields = [*ProcurementFilter.Meta.fields, "year", "updated_since"]

    def filter_year(self, queryset, name, value: int):
        return queryset.filter(STARTS_IN_YEAR(value))


PROCUREMENT_DESCRIPTION = (
    "The organisation's procurements, filtered as on the procurement list (`category` takes "
    "the service category's slug; `year` is the year of the contract start), with the "
    "reservation, social considerations, the employment requirement and its follow-up, and "
    "bids with their suppliers. The responsible person's name is personal data: left out "
    "unless the API key may read personal data."
)


@extend_schema_view(
    list=extend_schema(summary="Procurements", description=PROCUREMENT_DESCRIPTION),
    retrieve=extend_schema(summary="One procurement", description=PROCUREMENT_DESCRIPTION),
)
class ProcurementViewSet(ApiViewSet):
    model = Procurement
    serializer_class = ProcurementSerializer
    filterset_class = ProcurementApiFilter

    def records(self):
        return selectors.procurement_detail().order_by(*Procurement._meta.ordering, "pk")


# --- IOP partnerships -------------------------------------------------------------------------


class PartnershipCriterionSerializer(serializers.Serializer):
    key = serializers.CharField(source="criterion.key", help_text="The criterion's key.")
    label = serializers.CharField(help_text="The criterion (Swedish).")
    answer = serializers.ChoiceField(
        choices=CriterionAnswer.choices,
        help_text="uppfyllt (met), ej_uppfyllt (not met), ej_bedomt (not assessed).",
    )
    answer_label = serializers.CharField(help_text="The answer in words (Swedish).")
    note = serializers.CharField(help_text="Note on the assessment.")


class PartnershipSerializer(serializers.ModelSerializer):
    partner = EnterpriseRefSerializer(
        help_text="The non-profit organisation (idéburen) of the register that is the "
        "municipality's party."
    )
    challenge = SlugNameSerializer(allow_null=True, help_text="The societal challenge.")
    status = serializers.ChoiceField(
        choices=PartnershipStatus.choices, help_text="ide, dialog, beslutad, pagar or avslutad."
    )
    status_label = serializers.CharField(source="get_status_display", help_text="In words.")
    municipality_yearly_contribution_sek = serializers.IntegerField(
        source="municipality_contribution",
        help_text="The municipality's contribution per year, whole kronor.",
    )
    partner_yearly_contribution_sek = serializers.IntegerField(
        source="partner_contribution_money",
        help_text="The partner's own money per year, whole kronor.",
    )
    partner_yearly_volunteer_hours = serializers.IntegerField(
        source="partner_volunteer_hours", help_text="The partner's volunteer hours per year."
    )
    criteria = PartnershipCriterionSerializer(
        source="criteria_rows", many=True, help_text="Forum's IOP criteria, in Forum's order."
    )
    follow_up_owner_name = member_name_field("the follow-ups")

    class Meta:
        model = Partnership
        fields = [
            "id",
            "title",
            "partner",
            "challenge",
            "purpose",
            "goals",
            "status",
            "status_label",
            "start_date",
            "end_date",
            "municipality_yearly_contribution_sek",
            "partner_yearly_contribution_sek",
            "partner_yearly_volunteer_hours",
            "partner_contribution_other",
            "committee",
            "decision_date",
            "case_number",
            "criteria",
            "next_follow_up",
            "follow_up_owner_name",
            "follow_up_notes",
            "updated_at",
        ]
        extra_kwargs = {
            "title": {"help_text": "Title."},
            "purpose": {"help_text": "The societal challenge the parties meet together."},
            "goals": {"help_text": "What is to be achieved and how it is followed up."},
            "start_date": {"help_text": "Start of the period."},
            "end_date": {"help_text": "End of the period (null: until further notice)."},
            "partner_contribution_other": {"help_text": "The partner's other contributions."},
            "committee": {"help_text": "The responsible committee."},
            "decision_date": {"help_text": "Date of the decision."},
            "case_number": {"help_text": "Case number (diarienummer) of the decision."},
            "next_follow_up": {"help_text": "Date of the next follow-up."},
            "follow_up_notes": {"help_text": "Follow-up log: dated notes, newest first."},
            "updated_at": {"help_text": "When the partnership was last changed."},
        }

    def get_fields(self):
        return drop_personal_fields(self, super().get_fields(), ("follow_up_owner_name",))


class PartnershipApiFilter(PartnershipFilter):
    """The partnership list's filters; the challenge by slug, partnerships active in a year."""

    challenge = by_slug(
        PartnershipFilter, "challenge", "A societal challenge's slug (from `challenge`)."
    )
    year = YearFilter(
        method="filter_year",
        help_text="Active at some time in the year: decided, ongoing or ended, and its period "
        "overlaps the year.",
    )
    updated_since = UpdatedSinceFilter()

    class Meta(PartnershipFilter.Meta):
        fields = [*PartnershipFilter.Meta.fields, "year", "updated_since"]

    def filter_year(self, queryset, name, value: int):
        return queryset.active_in_year(value)


@extend_schema_view(
    list=extend_schema(
        summary="IOP partnerships",
        description="The organisation's IOP partnerships (idéburet offentligt partnerskap), "
        "paged, filtered as on the partnership list.",
    ),
    retrieve=extend_schema(summary="One IOP partnership"),
)
class PartnershipViewSet(ApiViewSet):
    model = Partnership
    serializer_class = PartnershipSerializer
    filterset_class = PartnershipApiFilter

    def records(self):
        return area_selectors.partnership_detail().order_by("title", "pk")


routes = [
    ("procurements", ProcurementViewSet, "procurement"),
    ("partnerships", PartnershipViewSet, "partnership"),
]
paths = []
