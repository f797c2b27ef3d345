"""API views for articles (list, detail, ingest) and ingest jobs (progress)."""

import django_filters as filters
from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.serializers import as_serializer_error

from sources import services
from sources.models import Article
from sources.serializers import (
    ArticleDetailSerializer,
    ArticleSerializer,
    IngestAcceptedSerializer,
    IngestJobSerializer,
    IngestSerializer,
)
from statements.api.filters import StrictOrderingFilter
from statements.selectors import api as selectors


class ArticleFilter(filters.FilterSet):
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

    def filter_outlet(self, queryset, name, value):
        query = Q(outlet__name__iexact=value)
        if value.isdigit():
            query |= Q(outlet_id=int(value))
        return queryset.filter(query)


@extend_schema_view(
    create=extend_schema(
        summary="Ingest articles",
        description=(
            "Give exactly one of `url`, `text`, `html`, `items` or `file` (JSON or multipart), "
            "plus optional `title`, `outlet` and `published`. The work runs in the "
            "background: poll the returned job URL for progress."
        ),
        request=IngestSerializer,
        responses={
            202: OpenApiResponse(IngestAcceptedSerializer, description="Job created."),
            400: OpenApiResponse(description="The input is missing, ambiguous or invalid."),
        },
    )
)
class ArticleViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Stored articles; POST submits new ones for ingestion."""

    filter_backends = [DjangoFilterBackend, StrictOrderingFilter]
    filterset_class = ArticleFilter
    ordering_fields = ["published_at", "created_at", "title", "id"]
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
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            job = services.ingest_job_create(**serializer.job_arguments(), user=request.user)
        except DjangoValidationError as exc:
            raise ValidationError(as_serializer_error(exc)) from exc
        job_url = reverse("ingestjob-detail", args=[job.pk], request=request)
        # The task may already have run (eager mode), so report the job's current status.
        job.refresh_from_db(fields=["status"])
        body = IngestAcceptedSerializer({"id": job.pk, "status": job.status, "url": job_url})
        return Response(body.data, status=status.HTTP_202_ACCEPTED, headers={"Location": job_url})

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


class IngestJobViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """An ingest job's progress: status, counts, error and the articles it stored."""

    serializer_class = IngestJobSerializer

    def get_queryset(self):
        return selectors.ingest_job_list()
