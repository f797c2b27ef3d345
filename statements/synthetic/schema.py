"""The synthetic corpus's tables: the column order of each, and the sizes drawn for n statements."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Corpus:
    """Rows per table, as tuples in the column order of COLUMNS."""

    outlets: list = field(default_factory=list)
    actors: list = field(default_factory=list)
    aliases: list = field(default_factory=list)
    roles: list = field(default_factory=list)
    topics: list = field(default_factory=list)
    propositions: list = field(default_factory=list)
    events: list = field(default_factory=list)
    event_actors: list = field(default_factory=list)
    articles: list = field(default_factory=list)
    statements: list = field(default_factory=list)
    contradictions: list = field(default_factory=list)


COLUMNS = {
    "outlets": ("id", "name", "domain", "country"),
    "actors": ("id", "name", "slug", "kind", "parent_id", "description", "wikidata_id", "status"),
    "aliases": ("id", "actor_id", "text", "normalized"),
    "roles": ("id", "person_id", "organisation_id", "title", "start", "end"),
    "topics": (
        "id",
        "name",
        "slug",
        "description",
        "stance_a",
        "stance_a_cues",
        "stance_b",
        "stance_b_cues",
        "exclusions",
        "window_days",
    ),
    "propositions": ("id", "topic_id", "text", "supported_by_stance"),
    "events": (
        "id",
        "title",
        "slug",
        "description",
        "occurred_on",
        "topic_id",
        "confirms_stance",
        "source_url",
    ),
    "event_actors": ("id", "event_id", "actor_id"),
    "articles": (
        "id",
        "url",
        "content_hash",
        "outlet_id",
        "title",
        "author",
        "published_at",
        "text",
        "language",
        "status",
        "error",
    ),
    "statements": (
        "id",
        "actor_id",
        "article_id",
        "speaker_text",
        "content",
        "kind",
        "cue",
        "content_start",
        "content_end",
        "segments",
        "said_on",
        "date_precision",
        "date_text",
        "reported_via",
        "topic_id",
        "stance",
        "stance_phrase",
        "stance_rule",
        "stance_confidence",
        "confidence",
        "origin",
        "review_status",
    ),
    "contradictions": (
        "id",
        "statement_a_id",
        "statement_b_id",
        "event_id",
        "topic_id",
        "kind",
        "score",
        "explanation",
        "phrase_a",
        "phrase_b",
        "status",
        "note",
        "detected_at",
        # Copies of the claims' values (see Contradiction.actor_a), filled by _claim_columns.
        "actor_a_id",
        "actor_b_id",
        "outlet_a_id",
        "outlet_b_id",
        "said_on_a",
        "said_on_b",
    ),
}


@dataclass(frozen=True)
class Sizes:
    statements: int
    actors: int
    topics: int
    outlets: int
    articles: int
    contradictions: int

    @classmethod
    def for_statements(cls, n: int) -> Sizes:
        return cls(
            statements=n,
            actors=max(12, n // 250),
            topics=max(3, n // 5000),
            outlets=max(3, n // 5000),
            articles=max(1, n // 5),
            contradictions=max(1, n // 10),
        )
