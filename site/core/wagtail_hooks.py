from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core import privacy_views
from core.models import AuditEvent, ContactMessage, LocalAuthority, OutboxMessage, Postcode, Ward


class WardViewSet(SnippetViewSet):
    model = Ward
    icon = "site"
    list_display = ["name", "code", "local_authority"]
    list_filter = ["local_authority"]
    search_fields = ["name", "code"]
    panels = [FieldPanel("name"), FieldPanel("code"), FieldPanel("local_authority")]


class LocalAuthorityViewSet(SnippetViewSet):
    model = LocalAuthority
    icon = "home"
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


class PostcodeViewSet(SnippetViewSet):
    model = Postcode
    icon = "pick"
    list_display = ["postcode", "ward", "latitude", "longitude"]
    search_fields = ["postcode"]
    list_per_page = 50


class PlacesGroup(SnippetViewSetGroup):
    menu_label = "Places"
    menu_icon = "site"
    items = (WardViewSet, LocalAuthorityViewSet, PostcodeViewSet)


class OutboxMessageViewSet(SnippetViewSet):
    """Staff see what is waiting to be sent, what went and what failed, and why."""

    model = OutboxMessage
    icon = "mail"
    menu_label = "Email outbox"
    add_to_admin_menu = True
    menu_order = 900
    inspect_view_enabled = True
    list_display = ["subject", "to", "status", "attempts", "created_at", "sent_at", "delivery_status"]
    list_filter = ["status", "purpose"]
    search_fields = ["subject", "to"]
    inspect_view_fields = [
        "to", "subject", "purpose", "status", "attempts", "next_attempt_at", "last_error",
        "created_at", "sent_at", "provider_message_id", "delivery_status", "body_text",
    ]  # fmt: skip


class ContactMessageViewSet(SnippetViewSet):
    """Residents' messages, for the officers who answer them."""

    model = ContactMessage
    icon = "mail"
    menu_label = "Contact messages"
    add_to_admin_menu = True
    menu_order = 800
    inspect_view_enabled = True
    list_display = ["reference", "name", "email", "created_at", "answered_at"]
    search_fields = ["reference", "name", "email"]
    panels = [FieldPanel("answered_at")]


register_snippet(PlacesGroup)
register_snippet(OutboxMessageViewSet)
register_snippet(ContactMessageViewSet)


class AuditEventViewSet(SnippetViewSet):
    """Partnership admins answer "who saw or changed this person's data?". Nobody can add, change or remove rows."""

    model = AuditEvent
    icon = "history"
    menu_label = "Audit log"
    add_to_admin_menu = True
    menu_order = 950
    list_display = ["at", "actor_label", "action", "object_label", "detail"]
    list_filter = ["action"]
    search_fields = ["actor_label", "object_label", "detail"]
    list_per_page = 100


register_snippet(AuditEventViewSet)


class PersonalDataMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("core.add_subjectaccessexport")


@hooks.register("register_admin_urls")
def personal_data_admin_urls():
    return [
        path("personal-data/", privacy_views.personal_data_requests, name="core_personal_data"),
        path("personal-data/erase/", privacy_views.erase_person, name="core_personal_data_erase"),
        path(
            "personal-data/exports/<int:pk>/download/",
            privacy_views.download_subject_access_export,
            name="core_subject_access_download",
        ),
    ]


@hooks.register("register_admin_menu_item")
def personal_data_menu_item():
    return PersonalDataMenuItem(
        "Personal data requests", reverse("core_personal_data"), icon_name="user", order=960, name="personal-data"
    )
