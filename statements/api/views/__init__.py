"""API views for actors, topics, statements and contradictions, one module per resource.

Views parse the request, call a selector (reads) or a service (writes) and render.
"""

from .actors import ActorViewSet
from .contradictions import ContradictionViewSet
from .events import EventViewSet
from .statements import StatementViewSet
from .topics import TopicViewSet
from .webhooks import WebhookViewSet

__all__ = [
    "ActorViewSet",
    "ContradictionViewSet",
    "EventViewSet",
    "StatementViewSet",
    "TopicViewSet",
    "WebhookViewSet",
]
