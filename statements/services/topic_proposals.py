"""Propose new topics from statements no topic claims, for editors to accept, rename or merge.

Unassigned statements are clustered (sentence embeddings when installed, TF-IDF otherwise;
agglomerative, cosine distance); each cluster large enough becomes a Topic with status
"proposed", named after its most distinctive terms, and its statements are filed under it.
Proposed topics are never used to classify new statements until an editor accepts them, so
statements on a proposed topic's subject keep arriving unassigned: each run clusters them
together with a few statements of every open proposal, and those that fall in with a
proposal are filed under it instead of being proposed a second time. Running again over the
same statements therefore changes nothing.

An editor who judges a proposal noise rejects it (topic_proposal_reject). The rejected topic
keeps its statements, so they are never unassigned again, and it keeps standing in the
clustering like an open proposal: new statements that fall in with it are filed under it
rather than proposed as the same cluster again. Statements unlike it are proposed as usual.
"""

import logging
from collections import Counter

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.text import slugify

from statements.detection import embeddings
from statements.models import Contradiction, Statement, Topic
from statements.services.contradiction_store import contradictions_withdraw
from statements.services.history import rows_reassign

logger = logging.getLogger(__name__)

DISTANCE = {"embeddings": 0.45, "tfidf": 0.8}  # cosine distance at which clusters stop merging
MAX_STATEMENTS = 2000  # agglomerative clustering is quadratic in memory and time
ANCHORS_PER_PROPOSAL = 10  # statements standing for an open proposal in the clustering
MAX_ANCHORS = 500
MAX_NEW_TOPICS = 20  # per run: a flood of unassigned statements is proposed over several runs
# pg_try_advisory_xact_lock key: one run at a time (beat and the command may overlap).
LOCK_KEY = 0x6761_7073  # "gaps"


def _distances(texts: list[str]):
    """Pairwise cosine distances (n x n) and the method that produced the vectors.

    The TF-IDF vectors stay sparse: densified, 2,000 statements by tens of thousands of
    character n-grams would take gigabytes, while the distance matrix takes 32 MB.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_distances

    use_model = settings.GAINSAY_EMBEDDINGS and embeddings.available()
    dense = embeddings.encode(texts) if use_model else None
    if dense is not None:
        return cosine_distances(dense), "embeddings"
    # Character n-grams inside words, not whole words: short statements rarely repeat a word
    # exactly ("Belarus"/"Belarusian", "exercise"/"exercises"), and without a stemmer whole-word
    # vectors of one story end up nearly orthogonal.
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
    return cosine_distances(vectorizer.fit_transform(texts)), "tfidf"


def _label(texts: list[str], n_terms: int = 3) -> str:
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(stop_words="english", ngram_range=(1, 2), max_features=2000)
    matrix = vectorizer.fit_transform(texts)
    weights = matrix.sum(axis=0).A1
    terms = vectorizer.get_feature_names_out()
    ranked = [terms[i] for i in weights.argsort()[::-1]]
    chosen: list[str] = []
    for term in ranked:
        if not any(term in other or other in term for other in chosen):
            chosen.append(term)
        if len(chosen) == n_terms:
            break
    return ", ".join(chosen) or "unlabelled"


def _unique(name: str) -> tuple[str, str]:
    base, n = name[:180], 1
    candidate = base
    while Topic.objects.filter(name=candidate).exists():
        n += 1
        candidate = f"{base} ({n})"
    slug = slugify(candidate)[:200] or "proposed"
    while Topic.objects.filter(slug=slug).exists():
        slug = f"{slug[:190]}-{n}"
        n += 1
    return candidate, slug


def _single_run() -> bool:
    """False when another run holds the lock (PostgreSQL); SQLite runs tasks in-process."""
    if connection.vendor != "postgresql":
        return True
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [LOCK_KEY])
        return cursor.fetchone()[0]


def _anchors(limit: int) -> list[tuple[int, str]]:
    """(topic id, text) of the first few statements of each open or rejected proposal, newest
    first, in one query."""
    rows = (
        Statement.objects.filter(topic__status__in=[Topic.Status.PROPOSED, Topic.Status.REJECTED])
        .annotate(rank=Window(RowNumber(), partition_by=F("topic_id"), order_by=F("pk").asc()))
        .filter(rank__lte=ANCHORS_PER_PROPOSAL)
        .order_by("-topic_id", "pk")
        .values_list("topic_id", "content")
    )
    return list(rows[:limit])


def _create_proposal(cluster_texts: list[str], method: str) -> Topic:
    name, slug = _unique(f"Proposed: {_label(cluster_texts)}")
    examples = "\n".join(f"- {t[:200]}" for t in cluster_texts[:5])
    return Topic.objects.create(
        name=name,
        slug=slug,
        status=Topic.Status.PROPOSED,
        description=(
            f"Proposed from {len(cluster_texts)} unassigned statements clustered by {method}. "
            f"Examples:\n{examples}"
        ),
        stance_a="stance A",
        stance_b="stance B",
    )


@transaction.atomic
def topics_propose(
    *,
    min_size: int = 3,
    limit: int = MAX_STATEMENTS,
    max_topics: int = MAX_NEW_TOPICS,
) -> list[Topic]:
    """Cluster up to `limit` unassigned statements with the open proposals; file those that
    join a proposal under it and propose up to `max_topics` new clusters of `min_size` or
    more. Returns the proposed topics created. Idempotent, and a no-op while another run
    holds the lock."""
    from sklearn.cluster import AgglomerativeClustering

    if not _single_run():
        logger.info("Topic proposals: another run is in progress; skipped.")
        return []
    statements = list(
        Statement.objects.filter(topic=None)
        .exclude(review_status=Statement.Review.REJECTED)
        .order_by("-said_on", "-id")
        .only("pk", "content")[:limit]
    )
    anchors = _anchors(min(MAX_ANCHORS, limit))
    if not statements or len(statements) + len(anchors) < max(min_size, 2):
        return []
    texts = [s.content for s in statements] + [text for _, text in anchors]
    distances, method = _distances(texts)
    labels = AgglomerativeClustering(
        n_clusters=None,
        metric="precomputed",
        linkage="average",
        distance_threshold=DISTANCE[method],
    ).fit_predict(distances)
    clusters: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        clusters.setdefault(int(label), []).append(index)
    created, joined = [], 0
    for members in sorted(clusters.values(), key=len, reverse=True):
        mine = [i for i in members if i < len(statements)]
        proposals = Counter(
            anchors[i - len(statements)][0] for i in members if i >= len(statements)
        )
        if not mine:
            continue
        if proposals:
            topic_id = proposals.most_common(1)[0][0]
        elif len(mine) >= min_size and len(created) < max_topics:
            topic = _create_proposal([texts[i] for i in mine], method)
            created.append(topic)
            topic_id = topic.pk
        else:
            continue
        joined += rows_reassign(
            Statement.objects.filter(pk__in=[statements[i].pk for i in mine]), topic_id=topic_id
        )
    logger.info(
        "Topic proposals: %d created, %d statement(s) filed, from %d unassigned.",
        len(created),
        joined,
        len(statements),
    )
    return created


@transaction.atomic
def topic_proposal_reject(*, topic: Topic, user) -> Topic:
    """An editor rejects a proposed topic as noise. Its statements stay filed under it, so
    no later run proposes them again; unreviewed contradictions found on it are withdrawn,
    since a rejected topic's statements are not compared. Who and when are kept on the topic
    and in its history."""
    locked = Topic.objects.select_for_update().get(pk=topic.pk)
    if locked.status != Topic.Status.PROPOSED:
        raise ValidationError(
            f"Only a proposed topic can be rejected; {locked.name} is "
            f"{locked.get_status_display().lower()}."
        )
    locked.status = Topic.Status.REJECTED
    locked.rejected_by = user
    locked.rejected_at = timezone.now()
    locked._history_user = user
    locked.save()
    contradictions_withdraw(
        list(
            Contradiction.objects.filter(
                topic=locked, status=Contradiction.Status.DETECTED
            ).values_list("pk", flat=True)
        )
    )
    topic.refresh_from_db()  # the caller's copy shows the rejection too
    return topic
