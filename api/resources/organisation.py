"""``/api/v1/organisation/``: the key's own organisation."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from api.base import ApiScopeMixin
from collab.models import Organisation


class OrganisationSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(help_text="municipality or region")
    scb_code = serializers.CharField(help_text="SCB's municipality (4 digits) or county code")

    class Meta:
        model = Organisation
        fields = ["id", "name", "slug", "kind", "scb_code", "population"]


class OrganisationView(ApiScopeMixin, APIView):
    """The organisation the API key belongs to."""

    @extend_schema(responses=OrganisationSerializer, operation_id="organisation_retrieve")
    def get(self, request):
        return Response(OrganisationSerializer(self.organisation).data)


routes = []
paths = [("organisation/", OrganisationView, "organisation")]
