from django.urls import path

from statements import views

app_name = "statements"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("search", views.search, name="search"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("export.json", views.export_json, name="export_json"),
    path("feeds/contradictions/", views.ContradictionFeed(), name="feed"),
    path("feeds/topics/<slug:slug>/", views.TopicContradictionFeed(), name="topic_feed"),
    path("feeds/actors/<slug:slug>/", views.ActorContradictionFeed(), name="actor_feed"),
    path("contradictions/live/", views.overview_live, name="overview_live"),
    path("contradictions/<int:pk>/", views.contradiction_detail, name="contradiction_detail"),
    path("statements/<int:pk>/", views.statement_detail, name="statement_detail"),
    path("ingest/", views.ingest, name="ingest"),
    path("ingest/jobs/<int:pk>/", views.ingest_job, name="ingest_job"),
    path("actors/", views.actor_index, name="actor_list"),
    path("actors/<slug:slug>/", views.actor_detail, name="actor_detail"),
    path("topics/", views.topic_index, name="topic_list"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic_detail"),
]
