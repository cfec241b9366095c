"""Loads the reference list of Sweden's 290 kommuner and 21 regioner (network/data/)."""

from django.db import migrations


def load(apps, schema_editor):
    from network import reference

    reference.load(
        apps.get_model("network", "ReferenceOrganisation"),
        apps.get_model("network", "Population"),
        reference.read_rows(),
    )


def unload(apps, schema_editor):
    from network import reference

    codes = [row.scb_code for row in reference.read_rows()]
    apps.get_model("network", "ReferenceOrganisation").objects.filter(scb_code__in=codes).delete()


class Migration(migrations.Migration):
    dependencies = [("network", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
