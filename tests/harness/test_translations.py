"""The Swedish catalogue is complete and the compiled file matches it."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "sv" / "LC_MESSAGES"


def test_every_message_has_a_swedish_translation():
    text = (LOCALE / "django.po").read_text(encoding="utf-8")
    missing, fuzzy = [], []
    for block in text.split("\n\n")[1:]:
        if not block.strip() or block.lstrip().startswith("#~"):
            continue
        if "#, fuzzy" in block:
            fuzzy.append(block)
        for value in re.findall(r'^msgstr(?:\[\d\])? "(.*)"\n?((?:".*"\n?)*)', block, re.M):
            if not (value[0] or value[1].strip()):
                missing.append(block.splitlines()[0:3])
    assert not fuzzy, f"fuzzy translations: {fuzzy}"
    assert not missing, f"untranslated: {missing}"


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext is installed by make test")
def test_compiled_catalogue_matches_the_source(tmp_path):
    out = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check", "-o", str(out), str(LOCALE / "django.po")], check=True)
    assert out.read_bytes() == (LOCALE / "django.mo").read_bytes(), (
        "locale/sv/LC_MESSAGES/django.mo is stale: run `make messages`"
    )
