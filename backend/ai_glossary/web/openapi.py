"""The API's OpenAPI description, kept by hand beside the handlers it describes.

It is precise on purpose: tests/backend/web/test_schemathesis.py generates requests from it and
checks every reply against it, so a limit or a field that drifts fails a test.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from ai_glossary.service.annotate import MAX_CARD_TOOLS
from ai_glossary.service.search import MAX_QUERY_CHARS, MAX_RESULTS
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
    "request_timeout",
    "segment_too_long",
    "too_many_segments",
)


def _object(properties: dict[str, Any], *, optional: tuple[str, ...] = ()) -> dict[str, Any]:
    """A closed object whose properties are all required except `optional`."""
    return {
        "type": "object",
        "required": [name for name in properties if name not in optional],
        "properties": properties,
        "additionalProperties": False,
    }


_STRING = {"type": "string"}
_STRINGS = {"type": "array", "items": _STRING}
_URL = {"type": "string", "pattern": "^https?://"}
_COUNT = {"type": "integer", "minimum": 0}
_ERROR = _object(
    {"error": _object({"code": {"type": "string", "enum": list(ERROR_CODES)}, "message": _STRING})}
)
_DICTIONARY = _object({"id": _STRING, "version": _STRING})
_CARD = _object(
    {
        "term": _STRING,
        "plain_english": _STRING,
        "definition": _STRING,
        "url": _STRING,  # absolute when the request or public_url gives a base
        "tools": {
            "type": "array",
            "maxItems": MAX_CARD_TOOLS,
            "items": _object({"name": _STRING, "url": _URL}),
        },
        "glossary": _object({"id": _STRING, "name": _STRING}),  # which glossary it is from
    }
)
_ANNOTATE_REPLY = _object(
    {
        "dictionary": _DICTIONARY,
        "context": _object({"page_is_ai": {"type": "boolean"}}),
        "matches": {
            "type": "array",
            "items": _object(
                {
                    "segment": _COUNT,
                    "start": _COUNT,
                    "end": {"type": "integer", "minimum": 1},
                    "term": _STRING,
                }
            ),
        },
        "terms": {"type": "object", "additionalProperties": _CARD},
    }
)
_TERM = _object(
    {
        "slug": _STRING,
        "term": _STRING,
        "aliases": _STRINGS,
        "acronyms": _STRINGS,
        "ambiguous": _STRINGS,
        "marked": {"type": "boolean"},
        "category": _STRING,
        "plain_english": _STRING,
        "definition": _STRING,
        "full_picture": _STRINGS,
        "business_example": _STRING,
        "roles": {"type": "object", "additionalProperties": _STRING},
        "faq": {"type": "array", "items": _object({"q": _STRING, "a": _STRING})},
        "related": _STRINGS,
        "tools": {
            "type": "array",
            "items": _object({"id": _STRING, "name": _STRING, "url": _URL, "description": _STRING}),
        },
        "url": _STRING,
    }
)
_SEARCH_REPLY = _object(
    {
        "query": _STRING,
        "results": {
            "type": "array",
            "maxItems": MAX_RESULTS,
            "items": _object(
                {"slug": _STRING, "term": _STRING, "plain_english": _STRING, "url": _STRING}
            ),
        },
    }
)
_HEALTH = _object(
    {
        "ok": {"type": "boolean", "enum": [True]},
        "dictionary": _object({"id": _STRING, "version": _STRING, "terms": _COUNT}),
        "glossaries": _STRINGS,
    }
)
_GLOSSARIES = _object(
    {
        "glossaries": {
            "type": "array",
            "items": _object({"id": _STRING, "name": _STRING, "version": _STRING, "terms": _COUNT}),
        }
    }
)
_ETAG = {"ETag": {"description": "changes with the dictionary", "schema": _STRING}}
_NOT_MODIFIED = {"description": "not modified (If-None-Match named the current ETag)"}


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": schema}}}


def _html(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"text/html": {"schema": _STRING}}}


def _errors(*statuses: int) -> dict[str, Any]:
    return {str(s): {"description": "error", **_json(_ERROR)} for s in statuses}


def _query(name: str, schema: dict[str, Any], *, required: bool) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": required, "schema": schema}


_SLUG = {
    "name": "slug",
    "in": "path",
    "required": True,
    "schema": _STRING,
    "example": "large-language-model",
}
# Not blank: white space only is a 422, like an empty query.
_SEARCH_QUERY = {
    "type": "string",
    "minLength": 1,
    "maxLength": MAX_QUERY_CHARS,
    "pattern": "\\S",
    "example": "llm",
}


def _annotate_request(settings: Settings, glossary_ids: tuple[str, ...]) -> dict[str, Any]:
    return _object(
        {
            "segments": {
                "type": "array",
                "maxItems": settings.max_segments,
                "items": {"type": "string", "maxLength": settings.max_segment_chars},
            },
            "glossaries": {
                "type": "array",
                "items": {
                    "type": "string",
                    **({"enum": list(glossary_ids)} if glossary_ids else {}),
                },
                "nullable": True,
                "description": "ids of the glossaries to use (absent or null: all of them)",
            },
            "options": {
                **_object(
                    {
                        "first_only": {"type": "boolean", "default": False},
                        "page_is_ai": {"type": "boolean", "default": False},
                    },
                    optional=("first_only", "page_is_ai"),
                ),
                "nullable": True,  # null means the defaults
            },
        },
        optional=("options", "glossaries"),
    )


def _api_paths(settings: Settings, glossary_ids: tuple[str, ...]) -> dict[str, Any]:
    return {
        "/v1/annotate": {
            "post": {
                "summary": "Find glossary terms in text segments",
                "description": (
                    "Offsets are UTF-16 code units of each segment, end exclusive. Limits come "
                    f"from the server's settings: at most {settings.max_body_bytes} bytes of "
                    f"body, {settings.max_segments} segments of {settings.max_segment_chars} "
                    f"characters each, sent within {settings.body_timeout:g} s (413 or 408)."
                ),
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": _annotate_request(settings, glossary_ids),
                            "example": {
                                "segments": ["RLHF made LLMs useful.", "An AI agent 😀"],
                                "options": {"first_only": False},
                            },
                        }
                    },
                },
                "responses": {
                    "200": {"description": "matches and cards", **_json(_ANNOTATE_REPLY)},
                    **_errors(400, 408, 413, 422),
                },
            }
        },
        "/v1/terms/{slug}": {
            "get": {
                "summary": "One glossary entry, whole",
                "parameters": [_SLUG],
                "responses": {
                    "200": {"description": "the entry", "headers": _ETAG, **_json(_TERM)},
                    "304": _NOT_MODIFIED,
                    **_errors(404),
                },
            }
        },
        "/v1/search": {
            "get": {
                "summary": "Search terms by name, alias, acronym or plain-English line",
                "description": (
                    "Exact names first, then prefixes, then near misses (typos). "
                    "A query of white space only is a 422."
                ),
                "parameters": [_query("q", _SEARCH_QUERY, required=True)],
                "responses": {
                    "200": {
                        "description": "results, best first",
                        "headers": _ETAG,
                        **_json(_SEARCH_REPLY),
                    },
                    "304": _NOT_MODIFIED,
                    **_errors(422),
                },
            }
        },
        "/v1/glossaries": {
            "get": {
                "summary": "The glossaries this server offers, in priority order",
                "responses": {"200": {"description": "glossaries", **_json(_GLOSSARIES)}},
            }
        },
        "/healthz": {
            "get": {
                "summary": "Liveness and dictionary version",
                "responses": {"200": {"description": "ok", **_json(_HEALTH)}},
            }
        },
        "/openapi.json": {
            "get": {
                "summary": "This description",
                "responses": {"200": {"description": "OpenAPI 3.0", **_json({"type": "object"})}},
            }
        },
    }


_PAGE_PATHS: dict[str, Any] = {
    "/terms": {
        "get": {
            "summary": "The A-Z index, optionally of one category",
            "parameters": [_query("category", _STRING, required=False)],
            "responses": {
                "200": _html("the index"),
                "304": _NOT_MODIFIED,
                "404": _html("no such category"),
            },
        }
    },
    "/terms/{slug}": {
        "get": {
            "summary": "A term's full page",
            "parameters": [_SLUG],
            "responses": {
                "200": _html("the term page"),
                "304": _NOT_MODIFIED,
                "404": _html("no such term, with close matches"),
            },
        }
    },
    "/search": {
        "get": {
            "summary": "The search page",
            "parameters": [
                _query("q", {"type": "string", "maxLength": MAX_QUERY_CHARS}, required=False)
            ],
            "responses": {
                "200": _html("results"),
                "304": _NOT_MODIFIED,
                "422": _html(f"query longer than {MAX_QUERY_CHARS} characters"),
            },
        }
    },
}


@cache
def openapi_document(settings: Settings, glossary_ids: tuple[str, ...] = ()) -> dict[str, Any]:
    return {
        "openapi": "3.0.3",
        "info": {"title": "AI Glossary API", "version": "1"},
        "paths": {**_api_paths(settings, glossary_ids), **_PAGE_PATHS},
    }
