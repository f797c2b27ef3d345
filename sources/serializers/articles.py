"""Article and ingest-job shapes for the API."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from sources.models import Article, IngestJob


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
