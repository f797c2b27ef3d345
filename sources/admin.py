from django.contrib import admin, messages
from simple_history.admin import SimpleHistoryAdmin

from sources.models import Article, ArticleVersion, IngestJob, Outlet, Source, SourceItem, Story
from sources.subscriptions.scheduling import source_pause, source_poll_now, source_resume
from statements.models import Statement
from statements.services.contradiction_claims import contradictions_claims_sync_for_articles


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


class ArticleVersionInline(admin.TabularInline):
    model = ArticleVersion
    extra = 0
    fields = ["replaced_at", "fetched_at", "title", "text"]
    readonly_fields = fields
    ordering = ["-replaced_at"]

    def has_add_permission(self, request, obj=None):
        # Versions are what a page said before it changed: recorded, never written by hand.
        return False


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "outlet", "published_at", "language", "status", "story"]
    list_filter = ["status", "language", "outlet"]
    search_fields = ["title", "url", "author", "text"]
    date_hierarchy = "published_at"
    list_select_related = ["outlet", "story"]
    readonly_fields = ["content_hash", "job", "created_at", "updated_at", "error", "minhash"]
    raw_id_fields = ["story"]
    inlines = [StatementInline, ArticleVersionInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The outlet or the inline statements' speakers and dates may have changed: the
        # contradictions keep copies of them for the dashboard's filters.
        contradictions_claims_sync_for_articles(article_ids=[form.instance.pk])


class StoryArticleInline(admin.TabularInline):
    model = Article
    fk_name = "story"
    extra = 0
    fields = ["title", "outlet", "url", "published_at"]
    readonly_fields = fields
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    list_display = ["__str__", "created_at"]
    search_fields = ["title"]
    inlines = [StoryArticleInline]


@admin.register(IngestJob)
class IngestJobAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "source", "status", "articles_created", "created_at"]
    list_filter = ["status", "kind"]
    search_fields = ["source", "error"]
    readonly_fields = [f.name for f in IngestJob._meta.fields]

    def has_add_permission(self, request):
        # Jobs are created by submitting articles (CLI, API, dashboard), not by hand.
        return False


class SourceItemInline(admin.TabularInline):
    model = SourceItem
    extra = 0
    fields = ["title", "link", "first_seen_at", "article", "error"]
    readonly_fields = fields
    show_change_link = False
    ordering = ["-first_seen_at"]

    def has_add_permission(self, request, obj=None):
        # Items are recorded by polling, never by hand.
        return False


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "kind",
        "outlet",
        "enabled",
        "last_polled_at",
        "last_new_item_at",
        "error_streak",
        "items_seen",
        "disabled_reason",
    ]
    list_filter = ["enabled", "kind", "language", "outlet"]
    search_fields = ["name", "url", "last_error", "disabled_reason"]
    list_select_related = ["outlet"]
    autocomplete_fields = ["official_actor"]
    actions = ["pause", "resume", "poll_now"]
    readonly_fields = [
        "next_poll_at",
        "enqueued_at",
        "polling_started_at",
        "last_polled_at",
        "last_new_item_at",
        "last_error",
        "error_streak",
        "disabled_reason",
        "items_seen",
        "etag",
        "last_modified",
        "created_at",
        "updated_at",
    ]
    inlines = [SourceItemInline]

    @admin.action(description="Pause selected sources")
    def pause(self, request, queryset):
        for pk in queryset.values_list("pk", flat=True):
            source_pause(source_id=pk, reason=f"Paused by {request.user.get_username()}.")
        self.message_user(request, f"Paused {queryset.count()} source(s).")

    @admin.action(description="Resume selected sources")
    def resume(self, request, queryset):
        for pk in queryset.values_list("pk", flat=True):
            source_resume(source_id=pk)
        self.message_user(request, f"Resumed {queryset.count()} source(s).")

    @admin.action(description="Poll selected sources now")
    def poll_now(self, request, queryset):
        enabled = list(queryset.filter(enabled=True).values_list("pk", flat=True))
        for pk in enabled:
            source_poll_now(source_id=pk)
        self.message_user(request, f"Queued a poll of {len(enabled)} source(s).")
        if len(enabled) < queryset.count():
            self.message_user(
                request, "Paused sources were skipped; resume them first.", messages.WARNING
            )
