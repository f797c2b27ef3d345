from rest_framework.routers import DefaultRouter

from sources.api import ArticleViewSet, IngestJobViewSet
from statements.api.views import (
    ActorViewSet,
    ContradictionViewSet,
    StatementViewSet,
    TopicViewSet,
)

router = DefaultRouter()
router.register("actors", ActorViewSet, basename="actor")
router.register("topics", TopicViewSet, basename="topic")
router.register("articles", ArticleViewSet, basename="article")
router.register("statements", StatementViewSet, basename="statement")
router.register("contradictions", ContradictionViewSet, basename="contradiction")
router.register("jobs", IngestJobViewSet, basename="ingestjob")

urlpatterns = router.urls
