"""Query-string filters for the API: shared validating machinery and one filter set per resource."""

from .base import FilterBackend, StrictOrderingFilter, SyncFilterSet
from .resources import (
    ActorFilter,
    ContradictionFilter,
    DeletionFilter,
    EventFilter,
    StatementFilter,
    TopicFilter,
    WebhookFilter,
    outlet_q,
)

__all__ = [
    "ActorFilter",
    "ContradictionFilter",
    "DeletionFilter",
    "EventFilter",
    "FilterBackend",
    "StatementFilter",
    "StrictOrderingFilter",
    "SyncFilterSet",
    "TopicFilter",
    "WebhookFilter",
    "outlet_q",
]
