"""Article, ingest-job and ingest-request shapes for the API."""

import json
from pathlib import PurePath
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from sources.models import Article, IngestJob
from sources.parsing import IngestInputError, decode_bytes, parse_published

INPUT_FIELDS = ("url", "text", "html", "items", "file")
ITEM_STRING_KEYS = ("url", "title", "outlet", "author", "published", "text")
# File name suffix, then declared content type, decide how an upload is parsed.
FILE_SUFFIX_TYPES = {".html": "html", ".htm": "html", ".json": "json", ".jsonl": "jsonl"}
FILE_MEDIA_TYPES = {"text/html": "html", "application/json": "json"}


class ArticleRefSerializer(serializers.ModelSerializer):
    """An article as embedded in a statement: enough to cite it."""

    outlet = serializers.CharField(
        source="outlet.name", default=None, allow_null=True, read_only=True
    )

    class Meta:
        model = Article
        fields = ["id", "title", "url", "outlet", "published_at"]


class ArticleSerializer(serializers.ModelSerializer):
    outlet = serializers.CharField(
        source="outlet.name", default=None, allow_null=True, read_only=True
    )
    statement_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Article
        fields = [
            "id",
            "url",
            "title",
            "author",
            "outlet",
            "published_at",
            "language",
            "status",
            "error",
            "job",
            "statement_count",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class ArticleDetailSerializer(ArticleSerializer):
    class Meta(ArticleSerializer.Meta):
        fields = [*ArticleSerializer.Meta.fields, "text"]
        read_only_fields = fields


class JobArticleSerializer(serializers.ModelSerializer):
    api_url = serializers.SerializerMethodField()

    class Meta:
        model = Article
        fields = ["id", "title", "url", "api_url", "status", "error"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_api_url(self, article) -> str:
        return reverse("article-detail", args=[article.pk], request=self.context.get("request"))


# What a job shows in the list and the detail alike.
JOB_FIELDS = [
    "id",
    "url",
    "kind",
    "source",
    "content_type",
    "options",
    "status",
    "error",
    "errors",
    "articles_total",
    "articles_created",
    "articles_duplicate",
    "articles_failed",
    "statements_found",
    "contradictions_found",
    "attempts",
    "created_at",
    "updated_at",
    "started_at",
    "finished_at",
]


class IngestJobSummarySerializer(serializers.ModelSerializer):
    """A job in a list: its counts, its errors and the articles that failed."""

    url = serializers.HyperlinkedIdentityField(view_name="ingestjob-detail")
    errors = serializers.SerializerMethodField(
        help_text=(
            "One line per item that failed: the item (URL, title or position) and why. "
            "Items that never became an article (bad input, a fetch error) appear only here."
        )
    )
    failed_articles = JobArticleSerializer(
        many=True, read_only=True, help_text="Stored articles of this job whose extraction failed."
    )

    class Meta:
        model = IngestJob
        fields = [*JOB_FIELDS, "failed_articles"]
        read_only_fields = fields

    def get_errors(self, job) -> list[str]:
        return [line for line in job.error.splitlines() if line.strip()]


class IngestJobSerializer(IngestJobSummarySerializer):
    """A job in full: every article it stored, each with its status and error."""

    url = serializers.HyperlinkedIdentityField(view_name="ingestjob-detail")
    articles = JobArticleSerializer(many=True, read_only=True)
    failed_articles = None  # the detail lists every article instead

    class Meta:
        model = IngestJob
        fields = [*JOB_FIELDS, "articles"]
        read_only_fields = fields


class IngestAcceptedSerializer(serializers.Serializer):
    """The 202 answer to an ingest request: where to poll for progress."""

    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=IngestJob.Status.choices)
    url = serializers.URLField(help_text="The job's progress endpoint.")


class IdempotencyConflictSerializer(serializers.Serializer):
    detail = serializers.CharField()
    job = serializers.IntegerField(help_text="The job the key was first used for.")


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
