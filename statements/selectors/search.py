"""Search for the dashboard: statement text and actor names.

On PostgreSQL statements are found by full-text search (websearch syntax, ranked,
with ts_headline excerpts) and actors by trigram similarity of their names and
aliases, both served by the GIN indexes of migration 0003. On SQLite (the embedded
`make run` mode) both fall back to case-insensitive substring matching.

ts_headline marks matches with private-use characters, never HTML; the template
filter ``search_headline`` escapes the text first and only then turns the markers
into <mark> elements. ts_headline would also drop tag-like text ("<script>"), so
"<" goes in as another private-use character and comes back as an escaped "<".
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.postgres.lookups import TrigramWordSimilar
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.db import connection
from django.db.models import F, Q, QuerySet, TextField, Value
from django.db.models.functions import Replace

from statements.models import Actor, ActorAlias, Statement
from statements.selectors.caching import remember

MAX_QUERY_CHARS = 200
# Private-use code points: they cannot come out of escaping, and are stripped from input.
HIGHLIGHT_START = "\ue000"
HIGHLIGHT_STOP = "\ue001"
# ts_headline drops anything that looks like an HTML tag; "<" is swapped for this
# before and swapped back (then escaped) after, so "<script>" is shown, not lost.
LESS_THAN = "\ue002"
SEARCH_CONFIG = "english"
ACTOR_LIMIT = 20
RANK_WINDOW = 1000

# Instance-level lookups: the `%>` operator, which the trigram GIN indexes serve,
# without installing django.contrib.postgres globally.
for _field in (Actor._meta.get_field("name"), ActorAlias._meta.get_field("text")):
    _field.register_lookup(TrigramWordSimilar)


@dataclass(frozen=True)
class SearchResults:
    statements: QuerySet[Statement]
    actors: list[Actor]
    full_text: bool  # False on SQLite: substring matches, no ranking or headlines


def clean_query(q: str) -> str:
    """Whitespace folded and highlight markers removed, so they cannot be forged."""
    q = q.replace(HIGHLIGHT_START, " ").replace(HIGHLIGHT_STOP, " ")
    return " ".join(q.split())


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


def _statement_base() -> QuerySet[Statement]:
    return Statement.objects.select_related("actor", "topic", "article__outlet").defer(
        "article__text"
    )


def search_statements(q: str) -> QuerySet[Statement]:
    """Statements whose words match q, best first; each has .headline (or None)."""
    if not _is_postgres():
        return (
            _statement_base()
            .filter(content__icontains=q)
            .annotate(headline=Value(None, output_field=TextField()))
            .order_by(F("said_on").desc(nulls_last=True), "-id")
        )
    query = SearchQuery(q, search_type="websearch", config=SEARCH_CONFIG)
    vector = SearchVector("content", config=SEARCH_CONFIG)
    # Ranking reads every match; with a million statements a common word matches tens
    # of thousands. Only the newest RANK_WINDOW matches are ranked (found through the
    # GIN index, then a top-N sort), which keeps a search page fast at any size.
    newest = (
        Statement.objects.annotate(document=vector)
        .filter(document=query)
        .order_by(F("said_on").desc(nulls_last=True), "-id")
        .values("pk")[:RANK_WINDOW]
    )
    return (
        _statement_base()
        .filter(pk__in=newest)
        .annotate(
            rank=SearchRank(vector, query),
            headline=SearchHeadline(
                Replace(F("content"), Value("<"), Value(LESS_THAN)),
                query,
                config=SEARCH_CONFIG,
                start_sel=HIGHLIGHT_START,
                stop_sel=HIGHLIGHT_STOP,
                max_words=60,
                min_words=20,
                max_fragments=3,
                fragment_delimiter=" … ",
            ),
        )
        .order_by("-rank", F("said_on").desc(nulls_last=True), "-id")
    )


def search_actors(q: str, limit: int = ACTOR_LIMIT) -> list[Actor]:
    """Actors whose name or an alias resembles q (typos allowed on PostgreSQL)."""
    if not _is_postgres():
        matches = Actor.objects.filter(Q(name__icontains=q) | Q(aliases__text__icontains=q))
        return list(Actor.objects.filter(pk__in=matches.values("pk")).order_by("name")[:limit])
    aliases = ActorAlias.objects.filter(
        Q(text__trigram_word_similar=q) | Q(text__icontains=q)
    ).values("actor_id")
    return list(
        Actor.objects.filter(
            Q(name__trigram_word_similar=q) | Q(name__icontains=q) | Q(pk__in=aliases)
        )
        .annotate(similarity=TrigramWordSimilarity(Value(q), "name"))
        .order_by("-similarity", "name", "id")[:limit]
    )


def search_match_count(q: str) -> int:
    """How many statements match in all (the ranked list holds the newest RANK_WINDOW)."""
    if not _is_postgres():
        return Statement.objects.filter(content__icontains=q).count()
    query = SearchQuery(q, search_type="websearch", config=SEARCH_CONFIG)
    vector = SearchVector("content", config=SEARCH_CONFIG)
    matches = Statement.objects.annotate(document=vector).filter(document=query)
    # A common word's count re-reads a large share of the index: kept for a minute.
    return remember("search-count", [q], matches.count)


def search(q: str) -> SearchResults:
    return SearchResults(
        statements=search_statements(q), actors=search_actors(q), full_text=_is_postgres()
    )
