"""A deterministic synthetic corpus for load tests: rows as plain tuples, no Django.

The shape follows the real data: a few prolific speakers and many occasional ones
(a Zipf-like draw), persons belonging to organisations with dated roles, topics with
two opposing stances, articles of a few paragraphs that hold their statements' exact
words at the stored offsets, and contradictions between opposing claims on the same
topic said within the topic's window, plus reversals (one actor, both stances) and
claims contradicted by a later event.

Every id is assigned here from the given starting points, so the caller can stream the
rows straight into the tables (COPY) without reading anything back.
"""

from .build import build
from .schema import COLUMNS, Corpus, Sizes
from .vocabulary import MARK, URL_PREFIX

__all__ = ["COLUMNS", "MARK", "URL_PREFIX", "Corpus", "Sizes", "build"]
