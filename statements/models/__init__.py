"""The statements app's models, one module per concern; every model is importable from here."""

from .actors import Actor, ActorAlias, ActorRole
from .clients import ApiToken, Webhook, WebhookAttempt, WebhookDelivery
from .contradictions import CLAIM_COLUMNS, Contradiction
from .deletions import Deletion
from .statements import Statement, StatementAppearance, StatementMergeBlock, StatementProposition
from .topics import Event, Proposition, Topic

__all__ = [
    "CLAIM_COLUMNS",
    "Actor",
    "ActorAlias",
    "ActorRole",
    "ApiToken",
    "Contradiction",
    "Deletion",
    "Event",
    "Proposition",
    "Statement",
    "StatementAppearance",
    "StatementMergeBlock",
    "StatementProposition",
    "Topic",
    "Webhook",
    "WebhookAttempt",
    "WebhookDelivery",
]
