from django.db import migrations


def load_steps(apps, schema_editor):
    from collab.data.area_steps import AREA_STEPS

    AreaStep = apps.get_model("collab", "AreaStep")
    if AreaStep.objects.exists():
        return
    positions: dict[int, int] = {}
    for area, title, guidance in AREA_STEPS:
        positions[area] = positions.get(area, 0) + 1
        AreaStep.objects.create(
            area=area, position=positions[area] * 10, title=title, guidance=guidance
        )


class Migration(migrations.Migration):
    dependencies = [("collab", "0003_coordination")]

    operations = [migrations.RunPython(load_steps, migrations.RunPython.noop)]
