"""Article, ingest-job and ingest-request shapes for the API."""

from .articles import (
    ArticleDetailSerializer,
    ArticleRefSerializer,
    ArticleSerializer,
    IdempotencyConflictSerializer,
    IngestAcceptedSerializer,
    IngestJobSerializer,
    IngestJobSummarySerializer,
    JobArticleSerializer,
)
from .ingest import IngestItemSerializer, IngestSerializer

__all__ = [
    "ArticleDetailSerializer",
    "ArticleRefSerializer",
    "ArticleSerializer",
    "IdempotencyConflictSerializer",
    "IngestAcceptedSerializer",
    "IngestItemSerializer",
    "IngestJobSerializer",
    "IngestJobSummarySerializer",
    "IngestSerializer",
    "JobArticleSerializer",
]
