"""The OpenAPI document is valid OpenAPI 3 (drf-spectacular's validation against the
specification's JSON schema) and generated without a warning, whatever endpoints exist."""

import json

from django.core.management import call_command


def test_openapi_document_is_valid_and_generated_without_warnings(tmp_path):
    out = tmp_path / "openapi.json"
    call_command(
        "spectacular",
        "--validate",
        "--fail-on-warn",
        "--format",
        "openapi-json",
        "--file",
        str(out),
    )
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["openapi"].startswith("3.")
    assert document["paths"] and all(path.startswith("/api/v1/") for path in document["paths"])
