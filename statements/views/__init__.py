"""Dashboard views: pages, search, exports and feeds. Each parses input, calls a
selector or service and renders; nothing here queries the models directly."""

from statements.views.exports import export_csv, export_json
from statements.views.feeds import ActorContradictionFeed, ContradictionFeed, TopicContradictionFeed
from statements.views.pages import (
    actor_detail,
    actor_index,
    contradiction_detail,
    overview,
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
    "overview",
    "search",
    "topic_detail",
    "topic_index",
]
