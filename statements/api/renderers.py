"""Response formats: JSON (orjson), CSV for lists, and JSON-LD (schema.org Claim).

Pick one with `?format=json|csv|jsonld` or the Accept header.
"""

import csv
import io
import uuid
from decimal import Decimal

import orjson
from rest_framework.renderers import BaseRenderer, JSONRenderer

from statements.views.exports import neutralise

# UTC as `Z`, as DRF's DateTimeField writes it.
ORJSON_OPTIONS = orjson.OPT_NON_STR_KEYS | orjson.OPT_SERIALIZE_NUMPY | orjson.OPT_UTC_Z


def _default(value):
    # What orjson cannot serialise natively but DRF's fields hand over.
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if hasattr(value, "tolist"):
        return value.tolist()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    if hasattr(value, "__str__"):
        return str(value)
    raise TypeError


class OrjsonRenderer(JSONRenderer):
    """DRF's JSON renderer, several times faster on large pages."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        return orjson.dumps(data, default=_default, option=ORJSON_OPTIONS)


def _flatten(row, prefix=""):
    flat = {}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{name}."))
        elif isinstance(value, list):
            flat[name] = orjson.dumps(value, default=_default).decode()
        else:
            flat[name] = value
    return flat


class CsvRenderer(BaseRenderer):
    """A list as CSV: nested objects become dotted columns, cells are formula-neutralised."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        if isinstance(data, dict) and isinstance(data.get("results"), list):
            rows = data["results"]
        elif isinstance(data, list):
            rows = data
        else:
            rows = [data]
        rows = [_flatten(r) if isinstance(r, dict) else {"value": r} for r in rows]
        columns = []
        for row in rows:
            columns.extend(c for c in row if c not in columns)
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([neutralise(row.get(c)) for c in columns])
        response = (renderer_context or {}).get("response")
        if response is not None and isinstance(data, dict) and data.get("next"):
            # The page's continuation travels in a header; CSV has no room for it.
            response["Link"] = f'<{data["next"]}>; rel="next"'
        return out.getvalue().encode("utf-8")


SCHEMA_ORG = "https://schema.org"


def _person(actor, speaker_text=""):
    if actor:
        return {"@type": "Person", "name": actor["name"], "identifier": actor["slug"]}
    return {"@type": "Person", "name": speaker_text} if speaker_text else None


def _news_article(article: dict) -> dict:
    return {
        "@type": "NewsArticle",
        "url": article.get("url"),
        "headline": article.get("title"),
        "publisher": {"@type": "Organization", "name": article.get("outlet")}
        if article.get("outlet")
        else None,
        "datePublished": article.get("published_at"),
    }


def statement_claim(row: dict) -> dict:
    """A statement as a schema.org Claim: who said it, when, and where it appeared."""
    article = row.get("article") or {}
    claim = {
        "@type": "Claim",
        "identifier": row.get("id"),
        "text": row.get("content"),
        "author": _person(row.get("actor"), row.get("speaker_text", "")),
        "datePublished": row.get("said_on"),
    }
    if row.get("appearances"):
        # Every outlet that carried the words (the detail, or ?embed=appearances).
        claim["appearance"] = [_news_article(a["article"]) for a in row["appearances"]]
    elif article:
        claim["appearance"] = _news_article(article)
    if row.get("stance"):
        claim["about"] = {"@type": "Thing", "name": row["stance"]}
    return claim


def contradiction_pair(row: dict) -> dict:
    """A contradiction as the pair of Claims (or a Claim and an Event) it opposes."""
    items = [statement_claim(row["statement_a"])]
    if row.get("statement_b"):
        items.append(statement_claim(row["statement_b"]))
    elif row.get("event"):
        event = row["event"]
        items.append(
            {
                "@type": "Event",
                "identifier": event.get("slug"),
                "name": event.get("title"),
                "startDate": event.get("occurred_on"),
            }
        )
    return {
        "@type": "ItemList",
        "identifier": row.get("id"),
        "name": f"Contradiction ({row.get('kind')})",
        "additionalType": row.get("kind"),
        "description": row.get("explanation"),
        "itemListElement": items,
    }


class JsonLdRenderer(BaseRenderer):
    """Statements as schema.org Claims, contradictions as pairs of Claims with the kind."""

    media_type = "application/ld+json"
    format = "jsonld"
    charset = None
    shape = staticmethod(statement_claim)
    # The OpenAPI component of one item (statements.api.schema).
    jsonld_item = "JsonLdClaim"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        response = (renderer_context or {}).get("response")
        if response is not None and response.status_code >= 400:
            return orjson.dumps(data, default=_default)
        if isinstance(data, dict) and isinstance(data.get("results"), list):
            doc = {
                "@context": SCHEMA_ORG,
                "@type": "ItemList",
                "itemListElement": [self.shape(r) for r in data["results"]],
                "nextItem": data.get("next"),
            }
        else:
            doc = {"@context": SCHEMA_ORG, **self.shape(data)}
        return orjson.dumps(doc, default=_default)


class ContradictionJsonLdRenderer(JsonLdRenderer):
    shape = staticmethod(contradiction_pair)
    jsonld_item = "JsonLdContradiction"


class ReadFormatsOnly:
    """A view mixin: CSV and JSON-LD describe what is read; a write always answers JSON,
    whatever its Accept header or `?format=` says (the schema documents only JSON)."""

    def _is_write(self) -> bool:
        request = getattr(self, "request", None)
        return request is not None and request.method not in ("GET", "HEAD", "OPTIONS")

    def get_renderers(self):
        if self._is_write():
            return [OrjsonRenderer()]
        return super().get_renderers()

    def perform_content_negotiation(self, request, force=False):
        if self._is_write():
            return OrjsonRenderer(), OrjsonRenderer.media_type
        return super().perform_content_negotiation(request, force)
