from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from simple_history.admin import SimpleHistoryAdmin

import statements.api.admin  # noqa: F401  (registers API tokens and webhooks)
from statements.models import (
    Actor,
    ActorAlias,
    ActorRole,
    Contradiction,
    Event,
    Proposition,
    Statement,
    StatementAppearance,
    Topic,
)
from statements.services import (
    actors_approve,
    contradiction_review,
    contradictions_detect_for_event,
    statement_appearance_split,
    statements_merge,
)
from statements.services.contradiction_claims import contradictions_claims_sync
from statements.services.topic_proposals import topic_proposal_reject
from statements.services.topics import TOPIC_FIELDS, topic_accept, topic_merge, topic_update


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
        updated = actors_approve(actors=queryset, user=request.user)
        self.message_user(request, f"{updated} actor(s) approved.", messages.SUCCESS)


class PropositionInline(admin.TabularInline):
    model = Proposition
    extra = 1
    fields = ["text", "supported_by_stance"]


@admin.register(Topic)
class TopicAdmin(SimpleHistoryAdmin):
    inlines = [PropositionInline]
    list_display = [
        "name",
        "status",
        "stance_a",
        "stance_b",
        "window_days",
        "event_window_days",
        "updated_at",
    ]
    list_filter = ["status"]
    search_fields = ["name", "description", "stance_a_cues", "stance_b_cues"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["rejected_by", "rejected_at"]
    actions = ["accept", "reject", "merge"]

    def save_model(self, request, obj, form, change):
        # Renames and cue edits go through the service that validates the two stances.
        if change:
            fields = {n: getattr(obj, n) for n in form.changed_data if n in TOPIC_FIELDS}
            try:
                topic_update(topic=obj, user=request.user, **fields)
            except ValidationError as exc:
                self.message_user(request, "; ".join(exc.messages), messages.ERROR)
            return
        super().save_model(request, obj, form, change)

    @admin.action(description="Accept selected proposed topics", permissions=["change"])
    def accept(self, request, queryset):
        proposed = queryset.filter(status=Topic.Status.PROPOSED)
        for topic in proposed:
            topic_accept(topic=topic, user=request.user)
        self.message_user(request, f"{proposed.count()} topic(s) accepted.", messages.SUCCESS)

    @admin.action(
        description="Reject selected proposed topics (their statements are not proposed again)",
        permissions=["change"],
    )
    def reject(self, request, queryset):
        rejected = 0
        for topic in queryset:
            try:
                topic_proposal_reject(topic=topic, user=request.user)
                rejected += 1
            except ValidationError as exc:
                self.message_user(request, "; ".join(exc.messages), messages.ERROR)
        self.message_user(request, f"{rejected} topic(s) rejected.", messages.SUCCESS)

    @admin.action(
        description="Merge selected topics into the one active topic selected",
        permissions=["change"],
    )
    def merge(self, request, queryset):
        active = [t for t in queryset if t.status == Topic.Status.ACTIVE]
        if len(active) != 1 or queryset.count() < 2:
            self.message_user(
                request,
                "Select exactly one active topic (the one kept) and the topics to fold into it.",
                messages.ERROR,
            )
            return
        target = active[0]
        moved = 0
        for source in queryset.exclude(pk=target.pk):
            moved += topic_merge(source=source, target=target, user=request.user)
        self.message_user(
            request,
            f"Merged into {target.name}: {moved} statement(s) moved and re-checked.",
            messages.SUCCESS,
        )


@admin.register(Event)
class EventAdmin(SimpleHistoryAdmin):
    list_display = ["title", "occurred_on", "topic", "confirms_stance", "updated_at"]
    list_filter = ["topic"]
    search_fields = ["title", "description"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["topic", "actors"]
    date_hierarchy = "occurred_on"
    readonly_fields = ["created_by", "created_at", "updated_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # After the actors are saved: hold the event against the claims it bears on.
        contradictions_detect_for_event(event=form.instance)


class StatementAppearanceInline(admin.TabularInline):
    model = StatementAppearance
    extra = 0
    fields = ["article", "outlet", "content", "content_start", "content_end", "published_at"]
    readonly_fields = fields
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        # Appearances come from ingestion and from the split/merge actions.
        return False


@admin.register(StatementAppearance)
class StatementAppearanceAdmin(admin.ModelAdmin):
    list_display = ["__str__", "outlet", "published_at", "seen_at"]
    list_select_related = ["outlet"]
    raw_id_fields = ["statement", "article"]
    readonly_fields = [
        "statement",
        "article",
        "outlet",
        "content",
        "content_start",
        "content_end",
        "published_at",
        "seen_at",
    ]
    actions = ["split"]

    def has_add_permission(self, request):
        return False

    @admin.action(
        description="Split selected appearances off as statements of their own",
        permissions=["change"],
    )
    def split(self, request, queryset):
        done = 0
        for appearance in queryset.select_related("statement", "article"):
            try:
                statement_appearance_split(appearance=appearance, user=request.user)
                done += 1
            except ValidationError as exc:
                self.message_user(request, "; ".join(exc.messages), messages.WARNING)
        self.message_user(request, f"{done} appearance(s) split off.", messages.SUCCESS)


@admin.register(Statement)
class StatementAdmin(SimpleHistoryAdmin):
    list_display = [
        "short_content",
        "actor",
        "said_on",
        "kind",
        "topic",
        "stance",
        "review_status",
        "outlet_count",
    ]
    list_filter = ["kind", "origin", "review_status", "date_precision", "topic"]
    search_fields = ["content", "speaker_text", "actor__name", "article__title"]
    autocomplete_fields = ["actor", "article", "topic"]
    date_hierarchy = "said_on"
    list_select_related = ["actor", "topic"]
    readonly_fields = [
        "created_at",
        "updated_at",
        "first_seen_at",
        "appearance_count",
        "outlet_count",
    ]
    inlines = [StatementAppearanceInline]
    actions = ["merge"]

    @admin.action(
        description="Merge selected statements into the first seen one", permissions=["change"]
    )
    def merge(self, request, queryset):
        chosen = list(queryset.order_by("first_seen_at", "pk"))
        if len(chosen) < 2:
            self.message_user(request, "Select at least two statements to merge.", messages.ERROR)
            return
        keep = chosen[0]
        for other in chosen[1:]:
            statements_merge(keep=keep, other=other, user=request.user)
        self.message_user(
            request, f"Merged {len(chosen) - 1} statement(s) into #{keep.pk}.", messages.SUCCESS
        )

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
        # The speaker, date or article may have changed: the contradictions' copies follow.
        contradictions_claims_sync(statement_ids=[obj.pk])


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
    list_select_related = ["topic", "reviewer", "statement_a", "statement_b", "event"]
    raw_id_fields = ["statement_a", "statement_b", "event"]
    readonly_fields = ["detected_at", "updated_at", "reviewer", "reviewed_at"]
    actions = ["confirm", "dismiss"]

    def _review(self, request, queryset, status):
        for contradiction in queryset:
            contradiction_review(contradiction=contradiction, status=status, user=request.user)
        self.message_user(
            request, f"{queryset.count()} contradiction(s) {status}.", messages.SUCCESS
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # Either claim may have been swapped for another statement.
        contradictions_claims_sync(contradiction_ids=[obj.pk])

    @admin.action(description="Confirm selected contradictions", permissions=["change"])
    def confirm(self, request, queryset):
        self._review(request, queryset, Contradiction.Status.CONFIRMED)

    @admin.action(description="Dismiss selected contradictions", permissions=["change"])
    def dismiss(self, request, queryset):
        self._review(request, queryset, Contradiction.Status.DISMISSED)
