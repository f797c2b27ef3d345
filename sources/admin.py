from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sources.models import Article, IngestJob, Outlet
from statements.models import Statement


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ["name", "domain", "country"]
    search_fields = ["name", "domain"]


class StatementInline(admin.StackedInline):
    model = Statement
    extra = 0
    fields = [
        ("actor", "speaker_text"),
        "content",
        ("kind", "cue", "said_on", "date_precision"),
        ("topic", "stance", "review_status"),
    ]
    autocomplete_fields = ["actor", "topic"]
    show_change_link = True


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "outlet", "published_at", "status", "created_at"]
    list_filter = ["status", "language", "outlet"]
    search_fields = ["title", "url", "author", "text"]
    date_hierarchy = "published_at"
    list_select_related = ["outlet"]
    readonly_fields = ["content_hash", "job", "created_at", "updated_at", "error"]
    inlines = [StatementInline]


@admin.register(IngestJob)
class IngestJobAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "source", "status", "articles_created", "created_at"]
    list_filter = ["status", "kind"]
    search_fields = ["source", "error"]
    readonly_fields = [f.name for f in IngestJob._meta.fields]

    def has_add_permission(self, request):
        # Jobs are created by submitting articles (CLI, API, dashboard), not by hand.
        return False
