from rest_framework.routers import DefaultRouter

from sources.api import ArticleViewSet, IngestJobViewSet
from statements.api.deletions import DeletionViewSet
from statements.api.views import (
    ActorViewSet,
    ContradictionViewSet,
    EventViewSet,
    StatementViewSet,
    TopicViewSet,
    WebhookViewSet,
)

router = DefaultRouter()
router.register("actors", ActorViewSet, basename="actor")
router.register("topics", TopicViewSet, basename="topic")
router.register("articles", ArticleViewSet, basename="article")
router.register("statements", StatementViewSet, basename="statement")
router.register("contradictions", ContradictionViewSet, basename="contradiction")
router.register("jobs", IngestJobViewSet, basename="ingestjob")
router.register("events", EventViewSet, basename="event")
router.register("webhooks", WebhookViewSet, basename="webhook")
router.register("deletions", DeletionViewSet, basename="deletion")

urlpatterns = router.urls
