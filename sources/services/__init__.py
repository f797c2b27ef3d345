"""Writes for ingestion: create jobs, store articles once, and process them."""

from sources.services.articles import (
    ArticleResult,
    article_ingest,
    article_process,
    article_process_fail,
    articles_reprocess,
    content_hash,
    raw_article_from_url,
)
from sources.services.jobs import (
    IdempotencyConflict,
    ingest_job_complete,
    ingest_job_create,
    ingest_job_create_idempotent,
    ingest_job_fail,
    ingest_job_process,
    job_inputs,
)
from sources.services.outbox import (
    outbox_enqueue,
    outbox_messages_redispatch,
    outbox_redispatch,
    outbox_send,
)

__all__ = [
    "ArticleResult",
    "IdempotencyConflict",
    "article_ingest",
    "article_process",
    "article_process_fail",
    "articles_reprocess",
    "content_hash",
    "ingest_job_complete",
    "ingest_job_create",
    "ingest_job_create_idempotent",
    "ingest_job_fail",
    "ingest_job_process",
    "job_inputs",
    "outbox_enqueue",
    "outbox_messages_redispatch",
    "outbox_redispatch",
    "outbox_send",
    "raw_article_from_url",
]
