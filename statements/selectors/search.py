"""Search for the dashboard: statement text and actor names.

On PostgreSQL statements are found by full-text search (websearch syntax, ranked,
with ts_headline excerpts) over the stored tsvector column ``search_document``
(migration 0010, GIN-indexed), and actors by trigram similarity of their names and
aliases (GIN indexes of migration 0003). On SQLite (the embedded `make run` mode) both
fall back to case-insensitive substring matching.

Work is bounded for common words (at a million statements "grain exports" matches over
a hundred thousand):
- only the newest RANK_WINDOW matches (by date said) are ranked. The trade-off, said on
  the page and in the README: an older statement that would rank above all of them is
  not shown; more precise words bring it back;
- those newest matches are looked for among the statements of the last PROBE_DAYS
  days first (the GIN index and the date index together, so only matches in the
  window are read), and in all statements only when the window holds too few;
- matches are counted up to COUNT_LIMIT: past that the page says "or more".

ts_headline marks matches with private-use characters, never HTML; the template
filter ``search_headline`` escapes the text first and only then turns the markers
into <mark> elements. ts_headline would also drop tag-like text ("<script>"), so
"<" goes in as another private-use character and comes back as an escaped "<".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.postgres.lookups import TrigramWordSimilar
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
    TrigramWordSimilarity,
)
from django.db import connection
from django.db.models import Expression, F, Max, Q, QuerySet, TextField, Value
from django.db.models.expressions import Col
from django.db.models.functions import Replace
from django.db.models.lookups import IContains

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
# Windows of the last days said (before the newest date in the corpus) searched before
# all statements, for words matching at least COUNT_LIMIT statements: a month holds such
# a word's RANK_WINDOW newest matches in a busy corpus, a year in a quieter one.
PROBE_DAYS = (30, 365)
COUNT_LIMIT = 10_000


class TrigramIContains(IContains):
    """icontains as ILIKE: Django's UPPER(name) LIKE UPPER(...) cannot use the trigram
    GIN indexes, ILIKE can (the pattern is escaped the same way)."""

    lookup_name = "trigram_icontains"

    def get_rhs_op(self, connection, rhs):
        return f"ILIKE {rhs}"


# Instance-level lookups: the `%>` operator and ILIKE, which the trigram GIN indexes
# serve, without installing django.contrib.postgres globally.
for _field in (Actor._meta.get_field("name"), ActorAlias._meta.get_field("text")):
    _field.register_lookup(TrigramWordSimilar)
    _field.register_lookup(TrigramIContains)


# The generated column of migration 0010. It is not a model field (SQLite has no
# tsvector, and Django must never write it), so it is named here and read through
# StatementDocument.
DOCUMENT_COLUMN = SearchVectorField()
DOCUMENT_COLUMN.set_attributes_from_name("search_document")
DOCUMENT_COLUMN.model = Statement  # named in the expression's identity; not in Statement._meta


class StatementDocument(Expression):
    """The statement's stored tsvector, as a column of the query's statement table.

    Resolves to a Col on the query's base table alias, so it is relabelled like any
    column when the queryset becomes a subquery (U0, V0... in the API's filters).
    """

    output_field = SearchVectorField()

    def resolve_expression(self, query=None, *args, **kwargs):
        return Col(query.get_initial_alias(), DOCUMENT_COLUMN, output_field=self.output_field)


@dataclass(frozen=True)
class SearchResults:
    statements: QuerySet[Statement]
    actors: list[Actor]
    full_text: bool  # False on SQLite: substring matches, no ranking or headlines
    total: int  # matches in all; on PostgreSQL at most COUNT_LIMIT, meaning "or more"


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


def search_statements(q: str, *, total: int | None = None) -> QuerySet[Statement]:
    """Statements whose words match q, best first; each has .headline (or None).

    total is search_match_count(q), when the caller has it already.
    """
    if not _is_postgres():
        return (
            _statement_base()
            .filter(content__icontains=q)
            .annotate(headline=Value(None, output_field=TextField()))
            .order_by(F("said_on").desc(nulls_last=True), "-id")
        )
    query = SearchQuery(q, search_type="websearch", config=SEARCH_CONFIG)
    if total is None:
        total = search_match_count(q)
    newest = _newest_matches(query, total)
    return (
        _statement_base()
        .filter(pk__in=newest)
        .annotate(
            rank=SearchRank(StatementDocument(), query),
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


def _newest_matches(query: SearchQuery, total: int) -> list[int] | QuerySet:
    """Ids of the newest RANK_WINDOW statements matching query (date said, then id).

    Reading every match of a common word to find its newest costs a heap visit per
    match; the matches said within the last PROBE_DAYS days of the corpus hold enough
    of them and are read alone (BitmapAnd of the GIN and date indexes). Every match
    left out is older than every match inside, so a window holding RANK_WINDOW matches
    gives exactly the answer the full search would.

    The window's start goes in as a literal date, looked up first: as a subquery its
    value was unknown when PostgreSQL planned, so it read every match of the word and
    filtered them by date, which is the very cost the window is there to avoid.
    """
    matches = Statement.objects.alias(document=StatementDocument()).filter(document=query)
    newest_first = (F("said_on").desc(nulls_last=True), "-id")
    if total >= COUNT_LIMIT:
        newest = Statement.objects.aggregate(day=Max("said_on"))["day"]
        for days in PROBE_DAYS if newest is not None else ():
            recent = matches.filter(said_on__gte=newest - dt.timedelta(days=days))
            ids = list(recent.order_by(*newest_first).values_list("pk", flat=True)[:RANK_WINDOW])
            if len(ids) == RANK_WINDOW:
                return ids
    return matches.order_by(*newest_first).values("pk")[:RANK_WINDOW]


def search_actors(q: str, limit: int = ACTOR_LIMIT) -> list[Actor]:
    """Actors whose name or an alias resembles q (typos allowed on PostgreSQL)."""
    if not _is_postgres():
        matches = Actor.objects.filter(Q(name__icontains=q) | Q(aliases__text__icontains=q))
        return list(Actor.objects.filter(pk__in=matches.values("pk")).order_by("name")[:limit])
    # Each id set alone is a BitmapOr of its table's trigram index; OR-ing the alias
    # subquery into the name conditions would make PostgreSQL test every actor's name.
    by_name = Actor.objects.filter(
        Q(name__trigram_word_similar=q) | Q(name__trigram_icontains=q)
    ).values("pk")
    by_alias = ActorAlias.objects.filter(
        Q(text__trigram_word_similar=q) | Q(text__trigram_icontains=q)
    ).values("actor_id")
    return list(
        Actor.objects.filter(Q(pk__in=by_name) | Q(pk__in=by_alias))
        .annotate(similarity=TrigramWordSimilarity(Value(q), "name"))
        .order_by("-similarity", "name", "id")[:limit]
    )


def search_match_count(q: str) -> int:
    """How many statements match (on PostgreSQL counted up to COUNT_LIMIT)."""
    if not _is_postgres():
        return Statement.objects.filter(content__icontains=q).count()
    query = SearchQuery(q, search_type="websearch", config=SEARCH_CONFIG)
    matches = Statement.objects.alias(document=StatementDocument()).filter(document=query)
    # Counting all of a common word's matches reads each of their rows; a bounded count
    # reads at most COUNT_LIMIT, and is kept for a minute.
    # (Unordered: the model's default order would sort every match before the limit.)
    return remember("search-count", [q], matches.order_by()[:COUNT_LIMIT].count)


def search(q: str) -> SearchResults:
    total = search_match_count(q)
    return SearchResults(
        statements=search_statements(q, total=total),
        actors=search_actors(q),
        full_text=_is_postgres(),
        total=total,
    )
