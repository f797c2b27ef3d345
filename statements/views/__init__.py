"""Dashboard views: pages, search, exports and feeds. Each parses input, calls a
selector or service and renders; nothing here queries the models directly."""

from statements.views.exports import export_csv, export_json
from statements.views.feeds import ActorContradictionFeed, ContradictionFeed, TopicContradictionFeed
from statements.views.ingest import ingest, ingest_job
from statements.views.pages import (
    actor_detail,
    actor_index,
    contradiction_detail,
    overview,
    overview_live,
    statement_detail,
    topic_detail,
    topic_index,
)
from statements.views.search import search

__all__ = [
    "ActorContradictionFeed",
    "ContradictionFeed",
    "TopicContradictionFeed",
    "actor_detail",
    "actor_index",
    "contradiction_detail",
    "export_csv",
    "export_json",
    "ingest",
    "ingest_job",
    "overview",
    "overview_live",
    "search",
    "statement_detail",
    "topic_detail",
    "topic_index",
]
