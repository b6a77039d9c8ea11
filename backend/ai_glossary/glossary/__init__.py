"""Glossaries on disk: reading and checking dictionary folders, importing spreadsheets, and
serving several glossaries at once in priority order. Knows no matcher and no web code."""
