from django.urls import path

from statements import views

app_name = "statements"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("contradictions/<int:pk>/", views.contradiction_detail, name="contradiction_detail"),
    path("actors/", views.actor_index, name="actor_list"),
    path("actors/<slug:slug>/", views.actor_detail, name="actor_detail"),
    path("topics/", views.topic_index, name="topic_list"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic_detail"),
]
