"""The walk's checklist: the handbook's steps per area as shared data (editable in the admin)."""

from django.db import migrations

from areas.data.area_steps import load_area_steps


def load_steps(apps, schema_editor):
    load_area_steps(apps.get_model("areas", "AreaStep"))


class Migration(migrations.Migration):
    dependencies = [("areas", "0002_initial")]

    operations = [migrations.RunPython(load_steps, migrations.RunPython.noop)]
