"""API shapes for actors, topics, statements and contradictions, one module per resource.

Read and write shapes are separate for statements: reads embed the actor, topic and
article; writes name them (actor and topic by slug, article by id) and are handed to
the statement services, which own every rule about what a statement may be.
"""

from .actors import (
    ActorAliasSerializer,
    ActorRefSerializer,
    ActorRoleSerializer,
    ActorRoleWriteSerializer,
    ActorSerializer,
    ActorWriteSerializer,
)
from .contradictions import (
    ContradictionReviewSerializer,
    ContradictionSerializer,
    EventRefSerializer,
    EventSerializer,
)
from .deletions import DeletionSerializer
from .statements import (
    PROVENANCE_FIELDS,
    StatementAppearanceSerializer,
    StatementDetailSerializer,
    StatementEmbedSerializer,
    StatementListItemSerializer,
    StatementSerializer,
    StatementUpdateSerializer,
    StatementWriteSerializer,
)
from .topics import PropositionSerializer, TopicRefSerializer, TopicSerializer
from .webhooks import (
    WEBHOOK_EVENTS,
    WebhookAttemptSerializer,
    WebhookCreatedSerializer,
    WebhookDeliverySerializer,
    WebhookSerializer,
)

__all__ = [
    "PROVENANCE_FIELDS",
    "WEBHOOK_EVENTS",
    "ActorAliasSerializer",
    "ActorRefSerializer",
    "ActorRoleSerializer",
    "ActorRoleWriteSerializer",
    "ActorSerializer",
    "ActorWriteSerializer",
    "ContradictionReviewSerializer",
    "ContradictionSerializer",
    "DeletionSerializer",
    "EventRefSerializer",
    "EventSerializer",
    "PropositionSerializer",
    "StatementAppearanceSerializer",
    "StatementDetailSerializer",
    "StatementEmbedSerializer",
    "StatementListItemSerializer",
    "StatementSerializer",
    "StatementUpdateSerializer",
    "StatementWriteSerializer",
    "TopicRefSerializer",
    "TopicSerializer",
    "WebhookAttemptSerializer",
    "WebhookCreatedSerializer",
    "WebhookDeliverySerializer",
    "WebhookSerializer",
]
