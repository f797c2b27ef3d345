"""The ingest request: exactly one of a URL, text, HTML, items or an uploaded file.

Each input is validated here (size, URL, dates, item keys), so a bad request is a 400
that names the field before anything is stored.
"""

import json
from pathlib import PurePath
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from sources.models import IngestJob
from sources.parsing import IngestInputError, decode_bytes, parse_published

INPUT_FIELDS = ("url", "text", "html", "items", "file")
ITEM_STRING_KEYS = ("url", "title", "outlet", "author", "published", "text")
# File name suffix, then declared content type, decide how an upload is parsed.
FILE_SUFFIX_TYPES = {".html": "html", ".htm": "html", ".json": "json", ".jsonl": "jsonl"}
FILE_MEDIA_TYPES = {"text/html": "html", "application/json": "json"}


def _limit_bytes(size: int, what: str) -> None:
    limit = settings.GAINSAY_UPLOAD_MAX_BYTES
    if size > limit:
        raise serializers.ValidationError(
            f"{what} is {size:,} bytes; the limit is {limit:,} bytes."
        )


def _validate_url(value: str) -> str:
    scheme = urlsplit(value).scheme.lower()
    if scheme not in ("http", "https"):
        shown = f"'{scheme}'" if scheme else "missing"
        raise serializers.ValidationError(
            f"URL scheme is {shown}; only http and https are fetched."
        )
    try:
        URLValidator(schemes=["http", "https"])(value)
    except DjangoValidationError as exc:
        raise serializers.ValidationError(f"{value!r} is not a valid URL.") from exc
    return value


def _validate_published(value: str) -> str:
    try:
        parse_published(value)
    except IngestInputError as exc:
        raise serializers.ValidationError(str(exc)) from exc
    return value


class IngestItemSerializer(serializers.Serializer):
    """One article of a batch (documents the shape; validation is in IngestSerializer)."""

    text = serializers.CharField()
    url = serializers.URLField(required=False)
    title = serializers.CharField(required=False)
    outlet = serializers.CharField(required=False)
    author = serializers.CharField(required=False)
    published = serializers.CharField(required=False, help_text="ISO date or datetime.")


@extend_schema_field(IngestItemSerializer(many=True))
class JSONOrStringField(serializers.JSONField):
    """JSON as sent in a JSON body, or a JSON-encoded string as a multipart form sends it."""

    def to_internal_value(self, data):
        if isinstance(data, str):
            try:
                data = json.loads(data)
            except ValueError:
                self.fail("invalid")
        return super().to_internal_value(data)


class IngestSerializer(serializers.Serializer):
    """Exactly one input (url, text, html, items or file), plus optional metadata.

    Validation here is about shape only; `ingest_job_create` decides what is accepted.
    """

    url = serializers.CharField(required=False, max_length=2000, help_text="http(s) page.")
    text = serializers.CharField(
        required=False, allow_blank=True, trim_whitespace=False, help_text="Plain text."
    )
    html = serializers.CharField(
        required=False, allow_blank=True, trim_whitespace=False, help_text="An HTML page."
    )
    items = JSONOrStringField(
        required=False,
        help_text="A list of {url, title, outlet, published, text} objects.",
    )
    file = serializers.FileField(
        required=False, help_text="Text, HTML (.html), JSON (.json) or JSON lines (.jsonl)."
    )
    title = serializers.CharField(required=False, allow_blank=True, max_length=500)
    outlet = serializers.CharField(required=False, allow_blank=True, max_length=200)
    published = serializers.CharField(
        required=False, allow_blank=True, help_text="ISO date or datetime (YYYY-MM-DD[THH:MM])."
    )

    def validate_url(self, value):
        return _validate_url(value.strip())

    def validate_text(self, value):
        if not value.strip():
            raise serializers.ValidationError("The text is empty.")
        _limit_bytes(len(value.encode()), "The text")
        return value

    def validate_html(self, value):
        if not value.strip():
            raise serializers.ValidationError("The HTML is empty.")
        _limit_bytes(len(value.encode()), "The HTML")
        return value

    def validate_items(self, value):
        if not isinstance(value, list) or not value:
            raise serializers.ValidationError("Must be a non-empty list of article objects.")
        for index, item in enumerate(value, 1):
            if not isinstance(item, dict):
                raise serializers.ValidationError(f"Item {index} is not an object.")
            for key in ITEM_STRING_KEYS:
                if item.get(key) is not None and not isinstance(item[key], str):
                    raise serializers.ValidationError(f"Item {index}: {key!r} must be a string.")
            if not (item.get("text") or "").strip():
                raise serializers.ValidationError(f"Item {index} has no text.")
            try:
                if item.get("url"):
                    _validate_url(item["url"])
                if item.get("published"):
                    _validate_published(item["published"])
            except serializers.ValidationError as exc:
                raise serializers.ValidationError(f"Item {index}: {exc.detail[0]}") from exc
        _limit_bytes(len(json.dumps(value).encode()), "The items")
        return value

    def validate_file(self, value):
        name = f"The file {value.name!r}"
        _limit_bytes(value.size, name)
        try:
            payload = decode_bytes(value.read(), name=name)
        except IngestInputError as exc:
            raise serializers.ValidationError(str(exc)) from exc
        # Decoded here so a bad upload is a 400 now, not a failed job later.
        return {"name": value.name, "payload": payload, "content_type": _file_content_type(value)}

    def validate_published(self, value):
        return _validate_published(value.strip()) if value.strip() else value

    def validate(self, attrs):
        given = [name for name in INPUT_FIELDS if name in attrs]
        if len(given) > 1:
            raise serializers.ValidationError(
                f"Give exactly one input; got {len(given)}: {', '.join(given)}."
            )
        if not given:
            raise serializers.ValidationError(
                f"Give exactly one input: {', '.join(INPUT_FIELDS)}; none was given."
            )
        return attrs

    def job_arguments(self) -> dict:
        """The keyword arguments for `sources.services.ingest_job_create`."""
        data = self.validated_data
        options = {k: data[k] for k in ("title", "outlet", "published") if data.get(k)}
        if "url" in data:
            return {"kind": IngestJob.Kind.URL, "source": data["url"], "options": options}
        if "items" in data:
            return {
                "kind": IngestJob.Kind.BATCH,
                "payload": json.dumps(data["items"], ensure_ascii=False),
                "content_type": "json",
                "options": options,
            }
        if "file" in data:
            upload = data["file"]
            return {
                "kind": IngestJob.Kind.FILE,
                "source": upload["name"],
                "payload": upload["payload"],
                "content_type": upload["content_type"],
                "options": options,
            }
        content_type = "html" if "html" in data else "text"
        payload = data[content_type]
        return {
            "kind": IngestJob.Kind.TEXT,
            "payload": payload,
            "content_type": content_type,
            "options": options,
        }


def _file_content_type(upload) -> str:
    suffix = PurePath(upload.name or "").suffix.lower()
    media = (getattr(upload, "content_type", "") or "").split(";")[0].strip().lower()
    return FILE_SUFFIX_TYPES.get(suffix) or FILE_MEDIA_TYPES.get(media) or "text"
