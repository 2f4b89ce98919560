"""The registry in the Wagtail admin: schemes (decided through "Decide"), the audit, ward alerts."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from watch_schemes.admin_views import AuditView, DecideSchemeView, WardAlertView
from watch_schemes.models import WatchScheme


class WatchSchemeViewSet(SnippetViewSet):
    """Every scheme, pending ones first to hand; status changes go through "Decide" and the services."""

    model = WatchScheme
    icon = "group"
    menu_label = "Neighbourhood Watch"
    menu_order = 410
    add_to_admin_menu = True
    inspect_view_enabled = True
    list_display = ["name", "scheme_type", "ward", "status", "verification", "review_due"]
    list_filter = ["status", "scheme_type", "verification"]
    search_fields = ["name", "streets"]
    ordering = ["status", "name"]
    inspect_view_fields = [
        "name", "scheme_type", "description", "streets", "postcodes", "ward", "households", "start_date",
        "meeting_details", "website", "status", "verification", "show_area", "show_coordinator_contact",
        "accepted_code_of_conduct_at", "accepted_data_protection_at", "approved_by", "approved_at",
        "decision_reason", "last_confirmed_on", "review_due", "created_at",
    ]  # fmt: skip

    def get_form_class(self, for_update=False):
        from django import forms

        class VerificationOnly(forms.ModelForm):
            class Meta:
                model = WatchScheme
                fields = ["verification"]

        return VerificationOnly


register_snippet(WatchSchemeViewSet)


@hooks.register("register_admin_urls")
def watch_schemes_admin_urls():
    return [
        path("neighbourhood-watch/schemes/<int:pk>/decide/", DecideSchemeView.as_view(), name="watch_schemes_decide"),
        path("neighbourhood-watch/audit/", AuditView.as_view(), name="watch_schemes_audit"),
        path("neighbourhood-watch/alert/", WardAlertView.as_view(), name="watch_schemes_ward_alert"),
    ]


class PermittedMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_reports_menu_item")
def audit_menu_item():
    return PermittedMenuItem("Neighbourhood Watch audit", reverse("watch_schemes_audit"), icon_name="list-ul",
                             permission="watch_schemes.audit")  # fmt: skip


@hooks.register("register_admin_menu_item")
def ward_alert_menu_item():
    return PermittedMenuItem("Watch alerts", reverse("watch_schemes_ward_alert"), icon_name="mail", order=411,
                             permission="watch_schemes.send_ward_alert")  # fmt: skip


@hooks.register("register_snippet_listing_buttons")
def decide_button(snippet, user, next_url=None):
    if (
        isinstance(snippet, WatchScheme)
        and snippet.status == "pending"
        and user.has_perm("watch_schemes.decide_scheme")
    ):
        yield ListingButton("Decide", url=reverse("watch_schemes_decide", args=[snippet.pk]), priority=5)
