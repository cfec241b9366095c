"""scripts/check_layering.py: the app layering read from the imports, on small module trees."""

import importlib.util
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _load_checker():
    spec = importlib.util.spec_from_file_location(
        "check_layering", ROOT / "scripts" / "check_layering.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


layering = _load_checker()


def tree(root: Path, files: dict[str, str]) -> Path:
    """A project under ``root``: every app a package, the given files' contents."""
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        for parent in path.relative_to(root).parents:
            if str(parent) != ".":
                (root / parent / "__init__.py").touch()
        path.write_text(textwrap.dedent(content), encoding="utf-8")
    return root


def messages(root: Path) -> list[str]:
    violations, _checked = layering.check(root)
    return [str(v) for v in violations]


CLEAN = {
    "collab/models.py": """
        from django.db import models

        class Organisation(models.Model):
            pass
    """,
    "enterprises/models.py": """
        from collab.models import Organisation
        from . import orgnr

        class SocialEnterprise(Organisation):
            pass
    """,
    "enterprises/orgnr.py": "def luhn_ok(text):\n    return True\n",
    "procurement/models.py": """
        from django.db import models

        from enterprises.models import SocialEnterprise

        class Bid(models.Model):
            supplier = models.ForeignKey("enterprises.SocialEnterprise", on_delete=models.PROTECT)
            other = models.ForeignKey(SocialEnterprise, on_delete=models.PROTECT)
    """,
    "procurement/migrations/0001_initial.py": """
        from django.db import migrations, models

        class Migration(migrations.Migration):
            dependencies = [("enterprises", "0001_initial"), ("collab", "0002_x")]
            operations = [
                migrations.AddField("bid", "supplier", models.ForeignKey(
                    on_delete=models.PROTECT, to="enterprises.socialenterprise")),
            ]

        def forwards(apps, schema_editor):
            apps.get_model("enterprises", "SocialEnterprise")
    """,
    "collab/urls.py": "from procurement import models  # the project's URLs name every app\n",
    "collab/settings.py": 'INSTALLED_APPS = ["collab", "enterprises", "procurement.apps"]\n',
}


def test_a_clean_tree_passes(tmp_path, capsys):
    root = tree(tmp_path, CLEAN)
    assert messages(root) == []
    assert layering.main([str(root)]) == 0
    out = capsys.readouterr().out
    assert "no violations" in out and "collab < enterprises < procurement" in out


def test_the_order_skips_apps_not_on_disk(tmp_path):
    root = tree(tmp_path, CLEAN)
    assert layering.present_apps(root) == ["collab", "enterprises", "procurement"]


def test_a_lower_app_importing_a_higher_one_is_reported(tmp_path, capsys):
    root = tree(tmp_path, {**CLEAN, "collab/views.py": "from enterprises.models import x\n"})
    assert messages(root) == [
        "collab/views.py:1: collab imports enterprises.models.x: enterprises is a higher app "
        "(collab < enterprises < procurement)"
    ]
    assert layering.main([str(root)]) == 1
    assert capsys.readouterr().out.startswith("collab/views.py:1: ")


def test_an_import_inside_a_function_is_reported(tmp_path):
    views = """
        def page(request):
            import procurement.models

            return procurement.models
    """
    root = tree(tmp_path, {**CLEAN, "enterprises/views.py": views})
    (found,) = messages(root)
    assert found.startswith("enterprises/views.py:3: enterprises imports procurement.models")
    assert "inside function page()" in found


def test_an_import_cycle_is_reported(tmp_path):
    files = {
        **CLEAN,
        "collab/generic.py": "from collab import selectors\n",
        "collab/selectors.py": "def history_for(obj):\n    from collab.generic import x\n",
    }
    (found,) = messages(tree(tmp_path, files))
    assert found == (
        "collab/generic.py:1: import cycle: collab.generic -> collab.selectors -> collab.generic"
    )


def test_a_relative_import_cycle_is_reported(tmp_path):
    files = {
        **CLEAN,
        "followup/a.py": "from .b import thing\n",
        "followup/b.py": "from . import c\n",
        "followup/c.py": "from followup import a\n",
    }
    (found,) = messages(tree(tmp_path, files))
    assert "import cycle: followup.a -> followup.b -> followup.c -> followup.a" in found


def test_a_string_foreign_key_to_a_higher_app_is_reported(tmp_path):
    models = """
        from django.db import models

        class Partnership(models.Model):
            partner = models.ForeignKey("enterprises.SocialEnterprise", on_delete=models.PROTECT)
    """
    (found,) = messages(tree(tmp_path, {**CLEAN, "collab/partnerships.py": models}))
    assert found.startswith(
        'collab/partnerships.py:5: string foreign key "enterprises.SocialEnterprise" in collab '
        "points to enterprises, a higher app"
    )


def test_a_migration_depending_on_a_higher_app_is_reported(tmp_path):
    migration = """
        from django.db import migrations, models

        class Migration(migrations.Migration):
            dependencies = [("collab", "0001_initial"), ("enterprises", "0001_initial")]
            operations = [
                migrations.AddField("p", "partner", models.ForeignKey(
                    on_delete=models.PROTECT, to="enterprises.socialenterprise")),
            ]

        def forwards(apps, schema_editor):
            apps.get_model("procurement", "Bid")
    """
    found = messages(tree(tmp_path, {**CLEAN, "collab/migrations/0002_p.py": migration}))
    assert [f.split(": ", 1)[0] for f in found] == [
        "collab/migrations/0002_p.py:5",
        "collab/migrations/0002_p.py:8",
        "collab/migrations/0002_p.py:12",
    ]
    assert "depends on enterprises" in found[0]
    assert 'string foreign key "enterprises.socialenterprise"' in found[1]
    assert 'apps.get_model "procurement"' in found[2]


def test_get_model_and_import_module_hiding_a_dependency_are_reported(tmp_path):
    code = """
        from importlib import import_module

        from django.apps import apps

        def shops():
            return apps.get_model("collab", "Organisation")

        def plan():
            return import_module("procurement.plan")
    """
    found = messages(tree(tmp_path, {**CLEAN, "enterprises/demo.py": code}))
    assert len(found) == 2, found
    # Another app through get_model: reported even when it is a lower app.
    assert found[0].startswith('enterprises/demo.py:7: apps.get_model("collab", …) hides')
    assert found[1].startswith('enterprises/demo.py:10: import_module "procurement.plan"')


def test_the_repository_is_layered():
    violations, checked = layering.check(ROOT)
    assert checked["modules"] > 50
    assert not violations, "\n".join(str(v) for v in violations)
