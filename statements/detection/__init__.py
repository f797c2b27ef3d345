"""Stance detection: which side of a topic a statement takes, and which statements conflict.

Pure functions over text and value types; no Django imports, so it runs without settings.
"""

from .catalogue import load_topics
from .classify import classify
from .compare import compare, find_contradictions
from .types import ClaimView, StanceMatch, TopicSpec, Verdict, is_denial_rule

__all__ = [
    "ClaimView",
    "StanceMatch",
    "TopicSpec",
    "Verdict",
    "classify",
    "compare",
    "find_contradictions",
    "is_denial_rule",
    "load_topics",
]
