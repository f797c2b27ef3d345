"""API views for articles (list, detail, ingest) and ingest jobs (progress)."""

import hashlib

import django_filters as filters
import orjson
from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.serializers import as_serializer_error

from sources import services
from sources.models import Article, IngestJob
from sources.serializers import (
    ArticleDetailSerializer,
    ArticleSerializer,
    IdempotencyConflictSerializer,
    IngestAcceptedSerializer,
    IngestJobSerializer,
    IngestJobSummarySerializer,
    IngestSerializer,
)
from statements.api.filters import FilterBackend, StrictOrderingFilter, SyncFilterSet, outlet_q
from statements.api.permissions import TokenScope
from statements.api.renderers import CsvRenderer, OrjsonRenderer, ReadFormatsOnly
from statements.models import ApiToken
from statements.selectors import api as selectors


class ArticleFilter(SyncFilterSet):
    outlet = filters.CharFilter(method="filter_outlet", help_text="Outlet id or exact name.")
    published_after = filters.DateFilter(
        field_name="published_at", lookup_expr="date__gte", help_text="Published on or after."
    )
    published_before = filters.DateFilter(
        field_name="published_at", lookup_expr="date__lte", help_text="Published on or before."
    )

    class Meta:
        model = Article
        fields = ["status", "job"]

    q = filters.CharFilter(field_name="title", lookup_expr="icontains", help_text="Title contains.")

    def filter_outlet(self, queryset, name, value):
        return queryset.filter(outlet_q(value, "outlet"))


@extend_schema_view(
    create=extend_schema(
        summary="Ingest articles",
        description=(
            "Give exactly one of `url`, `text`, `html`, `items` or `file` (JSON or multipart), "
            "plus optional `title`, `outlet` and `published`. The work runs in the "
            "background: poll the returned job URL for progress."
        ),
        request=IngestSerializer,
        parameters=[
            OpenApiParameter(
                "Idempotency-Key",
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                description=(
                    "Optional, up to 255 characters. A retry with the same key (same client) "
                    "answers 200 with the original job and ingests nothing; the same key with "
                    "a different body answers 422."
                ),
            )
        ],
        responses={
            200: OpenApiResponse(
                IngestAcceptedSerializer, description="A retry: the job created before."
            ),
            202: OpenApiResponse(IngestAcceptedSerializer, description="Job created."),
            400: OpenApiResponse(description="The input is missing, ambiguous or invalid."),
            422: OpenApiResponse(
                IdempotencyConflictSerializer,
                description="The Idempotency-Key was used for a different request.",
            ),
        },
    )
)
class ArticleViewSet(
    ReadFormatsOnly,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Stored articles; POST submits new ones for ingestion."""

    filter_backends = [FilterBackend, StrictOrderingFilter]
    filterset_class = ArticleFilter
    # Cursor paging keys on the first ordering field, so only non-null fields are offered.
    ordering = ["-id"]
    ordering_fields = ["created_at", "updated_at", "title", "id"]
    renderer_classes = [OrjsonRenderer, CsvRenderer]
    # Applies to POST only (statements.api.throttling.WriteScopedRateThrottle).
    throttle_scope = "ingest"

    def get_queryset(self):
        if self.action == "retrieve":
            return selectors.article_detail()
        return selectors.article_list()

    def get_serializer_class(self):
        if self.action == "create":
            return IngestSerializer
        if self.action == "retrieve":
            return ArticleDetailSerializer
        return ArticleSerializer

    def create(self, request, *args, **kwargs):
        self._refuse_oversized_body(request)
        key = self._idempotency_key(request)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        arguments = serializer.job_arguments()
        created = True
        try:
            if key is None:
                job = services.ingest_job_create(**arguments, user=request.user)
            else:
                job, created = services.ingest_job_create_idempotent(
                    key=key,
                    client=f"user:{request.user.pk}",
                    fingerprint=hashlib.sha256(
                        orjson.dumps(arguments, option=orjson.OPT_SORT_KEYS, default=str)
                    ).hexdigest(),
                    **arguments,
                    user=request.user,
                )
        except services.IdempotencyConflict as exc:
            return Response(
                {"detail": str(exc), "job": exc.job.pk},
                status=status.HTTP_422_UNPROCESSABLE_ENTITY,
            )
        except DjangoValidationError as exc:
            raise ValidationError(as_serializer_error(exc)) from exc
        job_url = reverse("ingestjob-detail", args=[job.pk], request=request)
        # The task may already have run (eager mode), so report the job's current status.
        job.refresh_from_db(fields=["status"])
        body = IngestAcceptedSerializer({"id": job.pk, "status": job.status, "url": job_url})
        headers = {"Location": job_url}
        if not created:
            # A retry: the original job again, nothing new ingested.
            headers["Idempotent-Replayed"] = "true"
            return Response(body.data, status=status.HTTP_200_OK, headers=headers)
        return Response(body.data, status=status.HTTP_202_ACCEPTED, headers=headers)

    @staticmethod
    def _idempotency_key(request) -> str | None:
        key = request.headers.get("Idempotency-Key")
        if key is None:
            return None
        if not (1 <= len(key) <= 255 and key.isascii() and key.isprintable()):
            raise ValidationError(
                {"Idempotency-Key": ["1 to 255 printable ASCII characters (e.g. a UUID)."]}
            )
        return key

    @staticmethod
    def _refuse_oversized_body(request):
        # DRF streams a JSON body without Django's size check; refuse before reading it.
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if limit and length > limit:
            raise ValidationError(
                {"non_field_errors": [f"The body is {length:,} bytes; the limit is {limit:,}."]}
            )


class IngestJobFilter(SyncFilterSet):
    class Meta:
        model = IngestJob
        fields = ["status", "kind"]


class IngestJobViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Ingest jobs: status, counts and per-item errors; the detail lists every article.

    With an API token you see the jobs submitted with your token's user; in a staff
    session (editors, admins), every job. Another's job is not found (404).
    """

    permission_classes = [TokenScope, IsAuthenticated]
    renderer_classes = [OrjsonRenderer, CsvRenderer]
    filter_backends = [FilterBackend, StrictOrderingFilter]
    filterset_class = IngestJobFilter
    ordering = ["-id"]
    ordering_fields = ["created_at", "updated_at", "id"]

    def get_queryset(self):
        token = self.request.auth if isinstance(self.request.auth, ApiToken) else None
        return selectors.ingest_job_list(
            user=self.request.user, token=token, detail=self.action == "retrieve"
        )

    def get_serializer_class(self):
        return IngestJobSerializer if self.action == "retrieve" else IngestJobSummarySerializer
