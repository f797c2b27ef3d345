"""The OpenAPI document states every format a GET answers in, each with its real shape.

drf-spectacular gives every renderer's media type the JSON serializer's schema; CSV is
text and JSON-LD has its own schema.org shape, so those two are replaced here with what
the renderers (statements.api.renderers) actually write.
"""

import re

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.plumbing import ResolvedComponent

CSV_SCHEMA = {
    "type": "string",
    "description": (
        "CSV (UTF-8): a header row of column names, then one row per item (a list page) or "
        "one row (a single item). Nested objects become dotted columns (`actor.slug`), lists "
        "are JSON text, and a cell starting with = + - @ or a tab is prefixed with ' so "
        "spreadsheets do not run it. The next page's URL is in the `Link` header "
        '(rel="next").'
    ),
}

NULLABLE_STRING = {"type": "string", "nullable": True}


def _literal(value: str) -> dict:
    # A one-value string. Not an enum: drf-spectacular would hoist each into a component
    # named after the "@type" key, which is not a valid component name.
    return {"type": "string", "pattern": f"^{re.escape(value)}$"}


# schema.org shapes written by statements.api.renderers.statement_claim / contradiction_pair.
JSONLD_COMPONENTS = {
    "JsonLdPerson": {
        "type": "object",
        "nullable": True,
        "description": "Who said it: the resolved actor, or the speaker as the text names them.",
        "properties": {
            "@type": _literal("Person"),
            "name": {"type": "string"},
            "identifier": {"type": "string", "description": "The actor's slug."},
        },
        "required": ["@type", "name"],
    },
    "JsonLdNewsArticle": {
        "type": "object",
        "description": "The article the statement appeared in.",
        "properties": {
            "@type": _literal("NewsArticle"),
            "url": {**NULLABLE_STRING, "format": "uri"},
            "headline": {"type": "string"},
            "publisher": {
                "type": "object",
                "nullable": True,
                "properties": {
                    "@type": _literal("Organization"),
                    "name": {"type": "string"},
                },
                "required": ["@type", "name"],
            },
            "datePublished": {**NULLABLE_STRING, "format": "date-time"},
        },
        "required": ["@type", "url", "headline", "publisher", "datePublished"],
    },
    "JsonLdClaim": {
        "type": "object",
        "description": "A statement as a schema.org Claim.",
        "properties": {
            "@type": _literal("Claim"),
            "identifier": {"type": "integer", "description": "The statement's id."},
            "text": {"type": "string"},
            "author": {"$ref": "#/components/schemas/JsonLdPerson"},
            "datePublished": {
                **NULLABLE_STRING,
                "format": "date",
                "description": "When it was said.",
            },
            "appearance": {"$ref": "#/components/schemas/JsonLdNewsArticle"},
            "about": {
                "type": "object",
                "description": "The stance it takes on its topic (absent when none).",
                "properties": {
                    "@type": _literal("Thing"),
                    "name": {"type": "string"},
                },
                "required": ["@type", "name"],
            },
        },
        "required": ["@type", "identifier", "text", "author", "datePublished"],
    },
    "JsonLdEvent": {
        "type": "object",
        "description": "The event a claim is held against (contradictions of kind `event`).",
        "properties": {
            "@type": _literal("Event"),
            "identifier": {"type": "string", "description": "The event's slug."},
            "name": {"type": "string"},
            "startDate": {"type": "string", "format": "date"},
        },
        "required": ["@type", "identifier", "name", "startDate"],
    },
    "JsonLdContradiction": {
        "type": "object",
        "description": (
            "A contradiction as an ItemList of the two Claims it opposes (or a Claim and an "
            "Event), with the kind."
        ),
        "properties": {
            "@type": _literal("ItemList"),
            "identifier": {"type": "integer", "description": "The contradiction's id."},
            "name": {"type": "string"},
            "additionalType": {"type": "string", "description": "The contradiction's kind."},
            "description": {"type": "string"},
            "itemListElement": {
                "type": "array",
                "minItems": 2,
                "maxItems": 2,
                "items": {
                    "oneOf": [
                        {"$ref": "#/components/schemas/JsonLdClaim"},
                        {"$ref": "#/components/schemas/JsonLdEvent"},
                    ]
                },
            },
        },
        "required": ["@type", "identifier", "name", "additionalType", "itemListElement"],
    },
}

CONTEXT = {"@context": _literal("https://schema.org")}


def jsonld_document(item_component: str, *, many: bool) -> dict:
    """A JSON-LD response: one item with its @context, or a page as an ItemList."""
    item = {"$ref": f"#/components/schemas/{item_component}"}
    if not many:
        return {
            "allOf": [{"type": "object", "properties": CONTEXT, "required": ["@context"]}, item]
        }
    return {
        "type": "object",
        "properties": {
            **CONTEXT,
            "@type": _literal("ItemList"),
            "itemListElement": {"type": "array", "items": item},
            "nextItem": {
                **NULLABLE_STRING,
                "format": "uri",
                "description": "The next page (JSON-LD too), or null on the last.",
            },
        },
        "required": ["@context", "@type", "itemListElement", "nextItem"],
    }


class AutoSchema(SpectacularAutoSchema):
    def _get_response_for_code(
        self, serializer, status_code, media_types=None, direction="response"
    ):
        response = super()._get_response_for_code(serializer, status_code, media_types, direction)
        content = response.get("content")
        if not content or not str(status_code).startswith("2"):
            return response
        many = self._is_list_view(serializer)
        for renderer in self.view.get_renderers():
            media_type = renderer.media_type.split(";")[0]
            if media_type not in content:
                continue
            if media_type == "text/csv":
                content[media_type]["schema"] = CSV_SCHEMA
            elif getattr(renderer, "jsonld_item", None):
                self._register_jsonld_components()
                content[media_type]["schema"] = jsonld_document(renderer.jsonld_item, many=many)
        return response

    def _register_jsonld_components(self):
        for name, schema in JSONLD_COMPONENTS.items():
            self.registry.register_on_missing(
                ResolvedComponent(
                    name=name, type=ResolvedComponent.SCHEMA, schema=schema, object=name
                )
            )
