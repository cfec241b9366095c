"""Factories of the register: enterprises, contact persons, register imports."""

import factory
from django_scopes import scopes_disabled

from enterprises.models import (
    ContactPerson,
    EnterpriseImport,
    EnterpriseKind,
    LegalForm,
    SocialEnterprise,
)
from enterprises.orgnr import complete_with_check_digit
from tests.factories.collab import OrganisationFactory


class SocialEnterpriseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SocialEnterprise
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Socialt företag {n} ek. för.")
    org_number = factory.Sequence(lambda n: complete_with_check_digit(f"769{n:06d}"))
    legal_form = LegalForm.ECONOMIC_ASSOCIATION
    kind = EnterpriseKind.WISE
    work_training_places = 3
    postal_town = "Sjöstad"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with scopes_disabled():
            return super()._create(model_class, *args, **kwargs)


class ContactPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPerson

    organisation = factory.SubFactory(OrganisationFactory)
    enterprise = factory.SubFactory(
        SocialEnterpriseFactory, organisation=factory.SelfAttribute("..organisation")
    )
    name = factory.Faker("name", locale="sv_SE")
    role = "Verksamhetsledare"
    email = factory.Sequence(lambda n: f"kontakt{n}@foretag.example.se")
    phone = "08-123 456 78"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with scopes_disabled():
            return super()._create(model_class, *args, **kwargs)


def _import_content(file_name: str) -> bytes:
    """A small CSV: one good row and one row with errors. The bad row's name is the file's
    name, so the error-rows download (like every page of an import) shows ``str(import)``."""
    good = complete_with_check_digit("556036079")
    return (
        "namn;organisationsnummer;anställda\r\n"
        f"Returbutiken Ekorren;{good};4\r\n"
        f"{file_name};556036-0790;-1\r\n"
    ).encode()


class EnterpriseImportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EnterpriseImport

    organisation = factory.SubFactory(OrganisationFactory)
    file_name = factory.Sequence(lambda n: f"foretagslista-{n}.csv")
    file_format = EnterpriseImport.Format.CSV
    content = factory.LazyAttribute(lambda o: _import_content(o.file_name))
    row_count = 2
    new_count = 1
    error_count = 1

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with scopes_disabled():
            return super()._create(model_class, *args, **kwargs)
