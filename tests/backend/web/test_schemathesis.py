"""schemathesis against the app's own /openapi.json: generated requests, valid and invalid,
and every reply checked against the description (no 5xx, documented status, schema, type)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import schemathesis
from ai_glossary.settings import Settings
from ai_glossary.web.app import create_app
from hypothesis import HealthCheck, settings
from schemathesis import Case, checks

RULES = Path(__file__).parents[2] / "fixtures" / "dictionaries" / "rules"
# Small limits, so generated requests reach them (and past them) cheaply.
SETTINGS = Settings(
    dictionary=RULES, max_body_bytes=64 * 1024, max_segments=8, max_segment_chars=200
)
EXAMPLES = 100  # per operation: the whole file runs in about ten seconds
CHECK_NAMES = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
    "response_headers_conformance",
    "negative_data_rejection",
    "positive_data_acceptance",
)

CHECK_FUNCTIONS = [getattr(checks, name) for name in CHECK_NAMES]

schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(SETTINGS))
# Limits are refused with 413, which schemathesis does not expect of invalid data by default.
rejection = schema.config.checks.negative_data_rejection
rejection.expected_statuses = [*rejection.expected_statuses, "413"]


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,  # the same cases in CI as here: a failure reproduces, never flickers
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_api_conforms_to_its_description(case: Case[Any]) -> None:
    case.call_and_validate(checks=CHECK_FUNCTIONS)
