from django.contrib import admin, messages
from simple_history.admin import SimpleHistoryAdmin

from sources.models import (
    Article,
    ArticleVersion,
    IngestJob,
    OutboxMessage,
    Outlet,
    Source,
    SourceItem,
    Story,
)
from sources.services import articles_reprocess, outbox_messages_redispatch
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
    actions = ["extract_again"]

    @admin.action(description="Extract statements again (failed articles)", permissions=["change"])
    def extract_again(self, request, queryset):
        ids = list(queryset.values_list("pk", flat=True))
        queued = articles_reprocess(article_ids=ids)
        self.message_user(request, f"Queued {queued} failed article(s) for extraction.")
        if queued < len(ids):
            self.message_user(
                request,
                f"{len(ids) - queued} article(s) had not failed and were left as they are.",
                messages.WARNING,
            )

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


class OutboxStateFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("unsent", "Unsent"), ("sent", "Sent")]

    def queryset(self, request, queryset):
        if self.value() == "unsent":
            return queryset.filter(sent_at__isnull=True)
        if self.value() == "sent":
            return queryset.filter(sent_at__isnull=False)
        return queryset


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """Tasks waiting to be published (broker down at commit) and those sent, read-only.

    Rows are written with the submission they are about and published by the re-dispatch;
    editing or deleting one by hand could lose a submission, so the admin only shows them
    and, for holders of the re-dispatch permission, publishes selected ones now.
    """

    list_display = ["id", "task", "args", "sent", "attempts", "created_at", "sent_at", "error"]
    list_filter = [OutboxStateFilter, "task"]
    search_fields = ["task", "last_error"]
    date_hierarchy = "created_at"
    readonly_fields = ["task", "args", "created_at", "sent_at", "attempts", "last_error"]
    actions = ["redispatch_now"]

    @admin.display(boolean=True, description="Sent", ordering="sent_at")
    def sent(self, message):
        return message.sent_at is not None

    @admin.display(description="Last error")
    def error(self, message):
        return message.last_error[:120]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # Sent rows are pruned after a week by the re-dispatch; unsent ones are submissions.
        return False

    def has_redispatch_permission(self, request):
        return request.user.has_perm("sources.redispatch_outboxmessage")

    @admin.action(description="Re-dispatch selected messages now", permissions=["redispatch"])
    def redispatch_now(self, request, queryset):
        ids = list(queryset.values_list("pk", flat=True))
        published = outbox_messages_redispatch(message_ids=ids)
        self.message_user(request, f"Published {published} of {len(ids)} message(s).")
        if published < len(ids):
            self.message_user(
                request,
                "Some could not be published (broker unreachable?); see their last error. "
                "The periodic re-dispatch keeps trying the unsent ones.",
                messages.WARNING,
            )


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
