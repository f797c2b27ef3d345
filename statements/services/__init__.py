"""Writes for actors, statements, topics and contradictions (see each module)."""

from statements.services.actors import (
    actor_alias_normalize,
    actor_create,
    actor_proposed_get_or_create,
    actor_resolver_build,
    actor_update,
    actors_approve,
    actors_load_catalogue,
)
from statements.services.appearances import (
    statement_appearance_split,
    statements_fold,
    statements_merge,
)
from statements.services.contradictions import (
    contradiction_review,
    contradictions_detect_all,
    contradictions_detect_for_event,
    contradictions_detect_for_statement,
)
from statements.services.statements import (
    statement_classify,
    statement_create,
    statement_update,
    statements_extract_for_article,
)
from statements.services.topics import (
    topic_create,
    topic_specs,
    topic_update,
    topics_load_catalogue,
)

__all__ = [
    "actor_alias_normalize",
    "actor_create",
    "actor_update",
    "actors_approve",
    "actor_proposed_get_or_create",
    "actor_resolver_build",
    "actors_load_catalogue",
    "contradiction_review",
    "contradictions_detect_all",
    "contradictions_detect_for_event",
    "contradictions_detect_for_statement",
    "statement_appearance_split",
    "statement_classify",
    "statement_create",
    "statement_update",
    "statements_extract_for_article",
    "statements_fold",
    "statements_merge",
    "topic_create",
    "topic_specs",
    "topic_update",
    "topics_load_catalogue",
]
