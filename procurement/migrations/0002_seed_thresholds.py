"""The direct-award limits and the EU thresholds as dated data (editable in the admin)."""

from django.db import migrations

from procurement.thresholds import ensure_thresholds


def seed(apps, schema_editor):
    ensure_thresholds(apps.get_model("procurement", "Threshold"))


class Migration(migrations.Migration):
    dependencies = [("procurement", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
