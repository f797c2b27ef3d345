"""Pure-text statement extraction: who said what, and when.

Nothing here imports Django, so it can be used and tested on its own.
"""

from .actors import ActorResolver
from .header import parse_article_header
from .pipeline import extract_many, extract_statements, load_nlp
from .types import ActorEntry, ArticleHeader, ExtractedStatement, RoleEntry, Span

__all__ = [
    "ActorEntry",
    "ActorResolver",
    "ArticleHeader",
    "ExtractedStatement",
    "RoleEntry",
    "Span",
    "extract_many",
    "extract_statements",
    "load_nlp",
    "parse_article_header",
]
