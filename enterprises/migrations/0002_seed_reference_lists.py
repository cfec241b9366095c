"""The shared reference lists: service categories, societal challenges, Agenda 2030 goals."""

from django.db import migrations

from enterprises.reference import ensure


def seed(apps, schema_editor):
    ensure(
        apps.get_model("enterprises", "ServiceCategory"),
        apps.get_model("enterprises", "SocietalChallenge"),
        apps.get_model("enterprises", "SustainableDevelopmentGoal"),
    )


class Migration(migrations.Migration):
    dependencies = [("enterprises", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
