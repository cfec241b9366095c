from django.db import migrations


def load_steps(apps, schema_editor):
    from collab.data.area_steps import load_area_steps

    load_area_steps(apps.get_model("collab", "AreaStep"))


class Migration(migrations.Migration):
    dependencies = [("collab", "0003_coordination")]

    operations = [migrations.RunPython(load_steps, migrations.RunPython.noop)]
