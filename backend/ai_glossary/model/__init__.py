"""Plain data: the glossary's records, and the text shapes every other layer agrees on."""

from ai_glossary.model.records import ROLE_KEYS, Dictionary, Question, SenseCues, Term, Tool

__all__ = ["ROLE_KEYS", "Dictionary", "Question", "SenseCues", "Term", "Tool"]
