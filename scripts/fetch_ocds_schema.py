#!/usr/bin/env python3
"""Fetch the published OCDS schema files that the procurements dataset is validated against.

The OCDS release-package and release schemas are not shipped in any installable wheel, and the
repository does not copy third-party files. Two source distributions on the package index
carry them as test fixtures:

- ``ocdskit==1.7.0``: ``tests/fixtures/release-package-schema.json``, the OCDS 1.1.5
  release-package schema (its ``releases`` refer to the 1.1.5 release schema by URL);
- ``ocdsmerge==0.8.0``: ``tests/fixtures/release-schema-1__1__4.json``, the OCDS 1.1.4
  release schema (no sdist on the index carries the plain 1.1.5 release schema; the ones in
  ocdskit's fixtures are patched with many extensions).

This script downloads the two sdists with pip (its configured index; no host is named here)
into ``var/cache/ocds-sdist/`` and extracts the two files into ``var/ocds-schema/``, checking
their SHA-256 so that a changed file is noticed. It does nothing when the files are already
there and intact (idempotent). ``make test`` runs it; tests/api/test_ocds_schema.py fails when
the files are missing.

Usage: ``python scripts/fetch_ocds_schema.py [--check]`` (``--check``: only verify).
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "var" / "ocds-schema"
CACHE = ROOT / "var" / "cache" / "ocds-sdist"

# (package, version, member inside the sdist, file name in TARGET, sha256 of the file)
FILES = [
    (
        "ocdskit",
        "1.7.0",
        "ocdskit-1.7.0/tests/fixtures/release-package-schema.json",
        "release-package-schema-1__1__5.json",
        "44a9d8d66001af8e44112b45f5cc7923ee2f40f4790e816f90af1782c5885ee5",
    ),
    (
        "ocdsmerge",
        "0.8.0",
        "ocdsmerge-0.8.0/tests/fixtures/release-schema-1__1__4.json",
        "release-schema-1__1__4.json",
        "4226ea4a3016030171db667166c11ab5c22777de5f75a44aa601a610809b5696",
    ),
]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _intact(name: str, digest: str) -> bool:
    path = TARGET / name
    return path.is_file() and _sha256(path) == digest


def _sdist(package: str, version: str) -> Path:
    archive = CACHE / f"{package}-{version}.tar.gz"
    if not archive.is_file():
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--quiet",
                "--no-deps",
                "--no-binary",
                ":all:",
                f"{package}=={version}",
                "-d",
                str(CACHE),
            ],
            check=True,
        )
    return archive


def fetch() -> None:
    TARGET.mkdir(parents=True, exist_ok=True)
    for package, version, member, name, digest in FILES:
        if _intact(name, digest):
            continue
        with tarfile.open(_sdist(package, version)) as archive:
            data = archive.extractfile(member).read()
        if hashlib.sha256(data).hexdigest() != digest:
            sys.exit(f"{package} {version}: {member} is not the expected file (SHA-256 differs)")
        (TARGET / name).write_bytes(data)
        print(f"OCDS schema: {name} from {package} {version}")


def main(argv: list[str]) -> int:
    if "--check" not in argv:
        fetch()
    missing = [name for _p, _v, _m, name, digest in FILES if not _intact(name, digest)]
    if missing:
        print(f"OCDS schema files missing or changed in {TARGET}: {', '.join(missing)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
