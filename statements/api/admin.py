"""Admin for API tokens (created here, key shown once) and subscribers' webhooks."""

from django import forms
from django.contrib import admin, messages

from statements.models import ApiToken, Webhook, WebhookAttempt, WebhookDelivery
from statements.services.tokens import api_token_create, api_token_revoke


class ApiTokenCreateForm(forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["user", "name", "scope"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "prefix", "user", "scope", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["scope", ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "prefix", "user__username"]
    readonly_fields = ["prefix", "created_by", "created_at", "last_used_at", "revoked_at"]
    actions = ["revoke"]

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = ApiTokenCreateForm
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["user", "name", "scope"]
        return ["user", "name", "scope", *self.readonly_fields]

    def get_readonly_fields(self, request, obj=None):
        # A token's owner and scope are fixed: issue a new token rather than widen one.
        return [*self.readonly_fields, "user", "scope"] if obj else []

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        token, key = api_token_create(
            user=obj.user, name=obj.name, scope=obj.scope, created_by=request.user
        )
        obj.pk = token.pk
        obj.__dict__.update(token.__dict__)
        self.message_user(
            request,
            f"Token created. Copy the key now; it is not stored and will not be shown again: {key}",
            messages.WARNING,
        )

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request, queryset):
        for token in queryset.filter(revoked_at__isnull=True):
            api_token_revoke(token=token)
        self.message_user(request, "Revoked.", messages.SUCCESS)

    def has_delete_permission(self, request, obj=None):
        # Revoke instead: a revoked token keeps its record of who had access and when.
        return False


class WebhookAttemptInline(admin.TabularInline):
    model = WebhookAttempt
    extra = 0
    can_delete = False
    readonly_fields = ["number", "status_code", "response_snippet", "error", "duration_ms"]


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = ["id", "webhook", "event", "status", "attempts", "created_at", "finished_at"]
    list_filter = ["status", "event"]
    readonly_fields = ["webhook", "event", "payload", "status", "attempts", "finished_at"]
    inlines = [WebhookAttemptInline]


@admin.register(Webhook)
class WebhookAdmin(admin.ModelAdmin):
    list_display = ["url", "owner", "is_active", "created_at"]
    list_filter = ["is_active"]
    exclude = ["secret"]
    readonly_fields = ["created_at", "updated_at"]

    def has_add_permission(self, request):
        # Subscribers register through the API, which shows them the signing secret.
        return False
