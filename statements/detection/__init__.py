"""Stance detection: which side of a topic a statement takes, and which statements conflict.

Pure functions over text and value types; no Django imports, so it runs without settings.
"""

from . import embeddings
from .batch import find_all_contradictions
from .catalogue import load_topics
from .classify import classify
from .compare import against_event, compare, find_contradictions
from .propositions import assess
from .quantities import Quantity, find_quantities
from .types import ClaimView, EventView, StanceMatch, TopicSpec, Verdict, is_denial_rule

__all__ = [
    "ClaimView",
    "EventView",
    "Quantity",
    "against_event",
    "assess",
    "find_all_contradictions",
    "find_quantities",
    "StanceMatch",
    "TopicSpec",
    "Verdict",
    "classify",
    "embeddings",
    "compare",
    "find_contradictions",
    "is_denial_rule",
    "load_topics",
]
