"""The API's OpenAPI description, kept by hand beside the handlers it describes."""

from __future__ import annotations

from typing import Any

_ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
        }
    },
}
_TOOL_LINK = {
    "type": "object",
    "required": ["name", "url"],
    "properties": {"name": {"type": "string"}, "url": {"type": "string"}},
}
_CARD = {
    "type": "object",
    "required": ["term", "plain_english", "definition", "url", "tools"],
    "properties": {
        "term": {"type": "string"},
        "plain_english": {"type": "string"},
        "definition": {"type": "string"},
        "url": {"type": "string"},
        "tools": {"type": "array", "maxItems": 3, "items": _TOOL_LINK},
    },
}
_ANNOTATE_REQUEST = {
    "type": "object",
    "required": ["segments"],
    "additionalProperties": False,
    "properties": {
        "segments": {"type": "array", "items": {"type": "string"}},
        "options": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "first_only": {"type": "boolean", "default": False},
                "page_is_ai": {"type": "boolean", "default": False},
            },
        },
    },
}
_ANNOTATE_REPLY = {
    "type": "object",
    "required": ["dictionary", "context", "matches", "terms"],
    "properties": {
        "dictionary": {
            "type": "object",
            "properties": {"id": {"type": "string"}, "version": {"type": "string"}},
        },
        "context": {"type": "object", "properties": {"page_is_ai": {"type": "boolean"}}},
        "matches": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["segment", "start", "end", "term"],
                "properties": {
                    "segment": {"type": "integer", "minimum": 0},
                    "start": {"type": "integer", "minimum": 0},
                    "end": {"type": "integer", "minimum": 0},
                    "term": {"type": "string"},
                },
            },
        },
        "terms": {"type": "object", "additionalProperties": _CARD},
    },
}

_SEARCH_REPLY = {
    "type": "object",
    "required": ["query", "results"],
    "properties": {
        "query": {"type": "string"},
        "results": {
            "type": "array",
            "maxItems": 20,
            "items": {
                "type": "object",
                "required": ["slug", "term", "plain_english", "url"],
                "properties": {
                    "slug": {"type": "string"},
                    "term": {"type": "string"},
                    "plain_english": {"type": "string"},
                    "url": {"type": "string"},
                },
            },
        },
    },
}


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": schema}}}


def _errors(*statuses: int) -> dict[str, Any]:
    return {str(s): {"description": "error", **_json(_ERROR)} for s in statuses}


OPENAPI: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "AI Glossary API", "version": "1"},
    "paths": {
        "/v1/annotate": {
            "post": {
                "summary": "Find glossary terms in text segments",
                "description": "Offsets are UTF-16 code units of each segment, end exclusive.",
                "requestBody": {"required": True, **_json(_ANNOTATE_REQUEST)},
                "responses": {
                    "200": {"description": "matches and cards", **_json(_ANNOTATE_REPLY)},
                    **_errors(400, 413, 422),
                },
            }
        },
        "/v1/terms/{slug}": {
            "get": {
                "summary": "One glossary entry, whole",
                "parameters": [
                    {"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}}
                ],
                "responses": {
                    "200": {"description": "the entry", **_json({"type": "object"})},
                    "304": {"description": "not modified"},
                    **_errors(404),
                },
            }
        },
        "/v1/search": {
            "get": {
                "summary": "Search terms by name, alias, acronym or plain-English line",
                "description": "Exact names first, then prefixes, then near misses (typos).",
                "parameters": [
                    {
                        "name": "q",
                        "in": "query",
                        "required": True,
                        "schema": {"type": "string", "minLength": 1, "maxLength": 100},
                    }
                ],
                "responses": {
                    "200": {"description": "results, best first", **_json(_SEARCH_REPLY)},
                    "304": {"description": "not modified"},
                    **_errors(422),
                },
            }
        },
        "/healthz": {
            "get": {
                "summary": "Liveness and dictionary version",
                "responses": {"200": {"description": "ok", **_json({"type": "object"})}},
            }
        },
    },
}
