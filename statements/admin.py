from django.contrib import admin, messages
from simple_history.admin import SimpleHistoryAdmin

from statements.models import Actor, ActorAlias, ActorRole, Contradiction, Statement, Topic
from statements.services import contradiction_review


class ActorAliasInline(admin.TabularInline):
    model = ActorAlias
    extra = 1
    fields = ["text", "normalized"]


class ActorRoleInline(admin.TabularInline):
    model = ActorRole
    fk_name = "person"
    extra = 1
    autocomplete_fields = ["organisation"]


@admin.register(Actor)
class ActorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "parent", "status", "updated_at"]
    list_filter = ["kind", "status"]
    search_fields = ["name", "aliases__text", "wikidata_id"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    inlines = [ActorAliasInline, ActorRoleInline]
    actions = ["approve"]

    @admin.action(description="Approve selected proposed actors", permissions=["change"])
    def approve(self, request, queryset):
        updated = queryset.filter(status=Actor.Status.PROPOSED).update(status=Actor.Status.APPROVED)
        self.message_user(request, f"{updated} actor(s) approved.", messages.SUCCESS)


@admin.register(Topic)
class TopicAdmin(SimpleHistoryAdmin):
    list_display = ["name", "stance_a", "stance_b", "updated_at"]
    search_fields = ["name", "description", "stance_a_cues", "stance_b_cues"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Statement)
class StatementAdmin(SimpleHistoryAdmin):
    list_display = ["short_content", "actor", "said_on", "kind", "topic", "stance", "review_status"]
    list_filter = ["kind", "origin", "review_status", "date_precision", "topic"]
    search_fields = ["content", "speaker_text", "actor__name", "article__title"]
    autocomplete_fields = ["actor", "article", "topic"]
    date_hierarchy = "said_on"
    list_select_related = ["actor", "topic"]
    readonly_fields = ["created_at", "updated_at"]

    @admin.display(description="Content")
    def short_content(self, obj):
        return obj.content[:100]

    def save_model(self, request, obj, form, change):
        # An editor's touch locks the statement against re-extraction.
        if (
            change
            and obj.origin == Statement.Origin.EXTRACTED
            and "review_status" not in (form.changed_data)
        ):
            obj.review_status = Statement.Review.CORRECTED
        if not change:
            obj.origin = Statement.Origin.EDITOR
        super().save_model(request, obj, form, change)


@admin.register(Contradiction)
class ContradictionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "topic", "kind", "score", "status", "reviewer", "detected_at"]
    list_filter = ["status", "kind", "topic"]
    search_fields = [
        "explanation",
        "statement_a__content",
        "statement_b__content",
        "statement_a__actor__name",
        "statement_b__actor__name",
    ]
    list_select_related = ["topic", "reviewer", "statement_a", "statement_b"]
    raw_id_fields = ["statement_a", "statement_b"]
    readonly_fields = ["detected_at", "updated_at", "reviewer", "reviewed_at"]
    actions = ["confirm", "dismiss"]

    def _review(self, request, queryset, status):
        for contradiction in queryset:
            contradiction_review(contradiction=contradiction, status=status, user=request.user)
        self.message_user(
            request, f"{queryset.count()} contradiction(s) {status}.", messages.SUCCESS
        )

    @admin.action(description="Confirm selected contradictions", permissions=["change"])
    def confirm(self, request, queryset):
        self._review(request, queryset, Contradiction.Status.CONFIRMED)

    @admin.action(description="Dismiss selected contradictions", permissions=["change"])
    def dismiss(self, request, queryset):
        self._review(request, queryset, Contradiction.Status.DISMISSED)
