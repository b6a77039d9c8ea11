"""The sense judgement: is this occurrence of a word with another sense meant in its AI sense?

Forms listed as ambiguous ("attention", "agent", "LLM" the law degree, "AI" avian influenza)
are judged one occurrence at a time, from the evidence around it; every other form is marked
wherever it is found. The rule, its weights and the reasons for them are in
docs/adr/0007-sense-judgement.md and dictionary/README.md ("Sense").

- `weights`: how much each kind of evidence counts, and where;
- `entries`: what the judgement knows of an entry (its own words, cues, related terms);
- `texts`: a request's blocks and sentences, their words found once;
- `decisive`: evidence that settles the matter alone (a `never` idiom, a name);
- `judge`: the evidence of each occurrence, weighed in two passes;
- `handover`: the tables and call-backs of the same judgement in C (`_native`), used unless
  explaining, where it is built and `AI_GLOSSARY_PURE_PYTHON` is not set.
"""

from ai_glossary.model.forms import variants
from ai_glossary.service.sense.entries import rarity
from ai_glossary.service.sense.judge import MARK_KEPT, MARK_SURE, SenseJudge
from ai_glossary.service.sense.verdicts import Candidate, Evidence, Verdict
from ai_glossary.service.sense.weights import THRESHOLD

__all__ = [
    "MARK_KEPT",
    "MARK_SURE",
    "THRESHOLD",
    "Candidate",
    "Evidence",
    "SenseJudge",
    "Verdict",
    "rarity",
    "variants",
]
