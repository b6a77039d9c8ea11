"""The API's OpenAPI 3.1 description, generated from the types that decode and check requests
and that replies are held to (`service.contracts`): the document cannot drift from the code.

tests/backend/web/test_schemathesis.py generates requests from it and checks every reply
against it; tests/backend/web/test_openapi.py checks that every field is described.
"""

from __future__ import annotations

import copy
import re
from functools import cache
from typing import Any

import msgspec

from ai_glossary.service import contracts
from ai_glossary.service.core import MAX_CARD_SLUGS
from ai_glossary.settings import Settings

ERROR_CODES = (
    "bad_request",
    "client_disconnected",
    "empty_body",
    "internal_error",
    "invalid_request",
    "malformed_json",
    "method_not_allowed",
    "not_found",
    "payload_too_large",
    "query_too_long",
    "request_timeout",
    "segment_too_long",
    "too_many_segments",
    "unsupported_media_type",
    "untrusted_host",
    "version_mismatch",
)
_REF = "#/components/schemas/{name}"


@cache
def _components() -> dict[str, Any]:
    _, schemas = msgspec.json.schema_components(
        [contracts.AnnotateRequest, *contracts.REPLIES], ref_template=_REF
    )
    schemas["ErrorBody"]["properties"]["code"]["enum"] = list(ERROR_CODES)
    return schemas


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": _REF.format(name=name)}


def _json(description: str, name: str, **extra: Any) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": _ref(name)}}}


def _html(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"text/html": {"schema": {"type": "string"}}}}


def _errors(*statuses: int) -> dict[str, Any]:
    return {str(status): _json("an error", "ErrorReply") for status in statuses}


def _query(name: str, description: str, schema: dict[str, Any], required: bool) -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "required": required,
        "description": description,
        "schema": schema,
    }


_SLUG = {
    "name": "slug",
    "in": "path",
    "required": True,
    "description": "The term's id.",
    "schema": {"type": "string"},
    "example": "large-language-model",
}
_ETAG = {"ETag": {"description": "Changes with the dictionary.", "schema": {"type": "string"}}}
_NO_STORE = {
    "Cache-Control": {
        "description": "`no-store`: replies quote the page back.",
        "schema": {"type": "string", "const": "no-store"},
    }
}
_IMMUTABLE = {
    "Cache-Control": {
        "description": "`public, max-age=31536000, immutable`: the URL names the version.",
        "schema": {"type": "string", "const": "public, max-age=31536000, immutable"},
    }
}
_NOT_MODIFIED = {"description": "Not modified: If-None-Match named the current ETag."}


def _schemas(settings: Settings, glossary_ids: tuple[str, ...]) -> dict[str, Any]:
    """The components, with the limits and glossary ids of this server written in."""
    schemas = copy.deepcopy(_components())
    request = schemas["AnnotateRequest"]["properties"]
    segments = request["segments"]
    segments["maxItems"] = settings.max_segments
    segments["items"]["maxLength"] = settings.max_segment_chars
    if glossary_ids:
        ids = request["glossaries"]["anyOf"][0]["items"]
        ids["enum"] = list(glossary_ids)
    results = schemas["SearchReply"]["properties"]["results"]
    results["maxItems"] = settings.search_results
    schemas["Card"]["properties"]["tools"]["maxItems"] = settings.card_tools
    return schemas


def _ids_list(glossary_ids: tuple[str, ...]) -> dict[str, Any]:
    """A comma-separated list of this server's glossary ids."""
    if not glossary_ids:
        return {"type": "string"}
    one = "(?:" + "|".join(re.escape(i) for i in glossary_ids) + ")"
    return {"type": "string", "pattern": f"^{one}(?:,{one})*$"}


def _search_query(settings: Settings) -> dict[str, Any]:
    # Not blank: white space only is a 422, like an empty query.
    schema = {"type": "string", "minLength": 1, "maxLength": settings.max_query_chars}
    return {**schema, "pattern": "\\S", "example": "llm"}


def _api_paths(settings: Settings, glossary_ids: tuple[str, ...]) -> dict[str, Any]:
    return {
        "/v1/annotate": {
            "post": {
                "summary": "Find glossary terms in text segments",
                "description": (
                    "The body must be sent as `Content-Type: application/json` (else 415). "
                    "Offsets are UTF-16 code units of each segment, end exclusive. Limits come "
                    f"from the server's settings: at most {settings.max_body_bytes} bytes of "
                    f"body, {settings.max_segments} segments of {settings.max_segment_chars} "
                    f"characters each, sent within {settings.body_timeout:g} s (413 or 408)."
                ),
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": _ref("AnnotateRequest"),
                            "example": {
                                "segments": ["RLHF made LLMs useful.", "An AI agent 😀"],
                                "options": {"first_only": False},
                            },
                        }
                    },
                },
                "responses": {
                    "200": {**_json("Matches and cards.", "AnnotateReply"), "headers": _NO_STORE},
                    **_errors(400, 408, 413, 415, 422),
                },
            }
        },
        "/v1/cards": {
            "get": {
                "summary": "The hover cards of some terms, for one version of the glossaries",
                "description": (
                    "For a client that annotates with `options.cards` false and keeps cards by "
                    "version and slug. Slugs that name no term are left out. The reply never "
                    "changes for its URL: a version other than the one served is a 409 "
                    "`version_mismatch` (annotate again to learn the current one)."
                ),
                "parameters": [
                    _query(
                        "slugs",
                        f"Slugs, comma-separated, at most {MAX_CARD_SLUGS}.",
                        {"type": "string", "minLength": 1, "example": "rlhf,large-language-model"},
                        True,
                    ),
                    _query(
                        "version",
                        "`dictionary.version` of the annotate reply that named them.",
                        {"type": "string", "minLength": 1},
                        True,
                    ),
                    _query(
                        "glossaries",
                        "Ids, comma-separated, as the annotate request chose them; absent: all.",
                        _ids_list(glossary_ids),
                        False,
                    ),
                ],
                "responses": {
                    "200": {**_json("The cards.", "CardsReply"), "headers": _IMMUTABLE},
                    **_errors(409, 422),
                },
            }
        },
        "/v1/terms/{slug}": {
            "get": {
                "summary": "One glossary entry, whole",
                "parameters": [_SLUG],
                "responses": {
                    "200": {**_json("The entry.", "TermReply"), "headers": _ETAG},
                    "304": _NOT_MODIFIED,
                    **_errors(404),
                },
            }
        },
        "/v1/search": {
            "get": {
                "summary": "Search terms by name, alias, acronym or plain-English line",
                "description": (
                    "Exact names first, then prefixes, then near misses (typos). A query of "
                    "white space only, or longer than the server's limit, is a 422."
                ),
                "parameters": [
                    _query("q", "The text to search for.", _search_query(settings), True)
                ],
                "responses": {
                    "200": {**_json("Results, best first.", "SearchReply"), "headers": _ETAG},
                    "304": _NOT_MODIFIED,
                    **_errors(422),
                },
            }
        },
        "/v1/glossaries": {
            "get": {
                "summary": "The glossaries this server offers, in priority order",
                "responses": {"200": _json("The glossaries.", "GlossariesReply")},
            }
        },
        "/v1/limits": {
            "get": {
                "summary": "The limits a client must respect (settings of this server)",
                "responses": {"200": _json("The limits.", "LimitsReply")},
            }
        },
        "/healthz": {
            "get": {
                "summary": "Liveness and dictionary version",
                "responses": {"200": _json("The server answers.", "HealthReply")},
            }
        },
        "/openapi.json": {
            "get": {
                "summary": "This description",
                "responses": {
                    "200": {
                        "description": "OpenAPI 3.1",
                        "content": {"application/json": {"schema": {"type": "object"}}},
                    }
                },
            }
        },
    }


def _page_paths(settings: Settings) -> dict[str, Any]:
    limit = settings.max_query_chars
    return {
        "/terms": {
            "get": {
                "summary": "The A-Z index, optionally of one category",
                "parameters": [
                    _query("category", "Show one category only.", {"type": "string"}, False)
                ],
                "responses": {
                    "200": _html("The index."),
                    "304": _NOT_MODIFIED,
                    "404": _html("No such category."),
                },
            }
        },
        "/terms/{slug}": {
            "get": {
                "summary": "A term's full page",
                "parameters": [_SLUG],
                "responses": {
                    "200": _html("The term page."),
                    "301": {"description": "Another form of a term: Location is its page."},
                    "304": _NOT_MODIFIED,
                    "404": _html("No such term, with close matches."),
                },
            }
        },
        "/search": {
            "get": {
                "summary": "The search page",
                "parameters": [
                    _query(
                        "q",
                        "The text to search for.",
                        {"type": "string", "maxLength": limit},
                        False,
                    )
                ],
                "responses": {
                    "200": _html("Results."),
                    "303": {"description": "An exact acronym: Location is its term's page."},
                    "304": _NOT_MODIFIED,
                    "422": _html(f"A query longer than {limit} characters."),
                },
            }
        },
    }


@cache
def openapi_document(settings: Settings, glossary_ids: tuple[str, ...] = ()) -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {"title": "AI Glossary API", "version": "1"},
        "paths": {**_api_paths(settings, glossary_ids), **_page_paths(settings)},
        "components": {"schemas": _schemas(settings, glossary_ids)},
    }
