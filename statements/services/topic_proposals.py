"""Propose new topics from statements no topic claims, for editors to accept, rename or merge.

Unassigned statements are clustered (sentence embeddings when installed, TF-IDF otherwise;
agglomerative, cosine distance); each cluster large enough becomes a Topic with status
"proposed", named after its most distinctive terms, and its statements are filed under it.
Proposed topics are never used to classify new statements until an editor accepts them.
"""

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify

from statements.detection import embeddings
from statements.models import Statement, Topic
from statements.services.history import rows_reassign

DISTANCE = {"embeddings": 0.45, "tfidf": 0.8}  # cosine distance at which clusters stop merging
MAX_STATEMENTS = 2000  # agglomerative clustering is quadratic in memory


def _vectors(texts: list[str]):
    from sklearn.feature_extraction.text import TfidfVectorizer

    use_model = settings.GAINSAY_EMBEDDINGS and embeddings.available()
    dense = embeddings.encode(texts) if use_model else None
    if dense is not None:
        return dense, "embeddings"
    # Character n-grams inside words, not whole words: short statements rarely repeat a word
    # exactly ("Belarus"/"Belarusian", "exercise"/"exercises"), and without a stemmer whole-word
    # vectors of one story end up nearly orthogonal.
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
    return vectorizer.fit_transform(texts).toarray(), "tfidf"


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


@transaction.atomic
def topics_propose(*, min_size: int = 3, limit: int = MAX_STATEMENTS) -> list[Topic]:
    """Cluster up to `limit` unassigned statements; returns the proposed topics created."""
    from sklearn.cluster import AgglomerativeClustering

    statements = list(
        Statement.objects.filter(topic=None)
        .exclude(review_status=Statement.Review.REJECTED)
        .order_by("-said_on", "-id")
        .only("pk", "content")[:limit]
    )
    if len(statements) < max(min_size, 2):
        return []
    texts = [s.content for s in statements]
    vectors, method = _vectors(texts)
    labels = AgglomerativeClustering(
        n_clusters=None,
        metric="cosine",
        linkage="average",
        distance_threshold=DISTANCE[method],
    ).fit_predict(vectors)
    clusters: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        clusters.setdefault(int(label), []).append(index)
    created = []
    for members in sorted(clusters.values(), key=len, reverse=True):
        if len(members) < min_size:
            continue
        cluster_texts = [texts[i] for i in members]
        name, slug = _unique(f"Proposed: {_label(cluster_texts)}")
        examples = "\n".join(f"- {t[:200]}" for t in cluster_texts[:5])
        topic = Topic.objects.create(
            name=name,
            slug=slug,
            status=Topic.Status.PROPOSED,
            description=(
                f"Proposed from {len(members)} unassigned statements clustered by {method}. "
                f"Examples:\n{examples}"
            ),
            stance_a="stance A",
            stance_b="stance B",
        )
        rows_reassign(
            Statement.objects.filter(pk__in=[statements[i].pk for i in members]), topic=topic
        )
        created.append(topic)
    return created
