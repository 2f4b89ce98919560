"""The scheme in the Wagtail admin: venues to decide on, the concerns queue, the list of venue types."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.admin.widgets.button import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from safe_places.admin_views import DecideVenueView, ResolveConcernView
from safe_places.models import Venue, VenueConcern, VenueType


class VenueViewSet(SnippetViewSet):
    """Every venue, with the ones waiting for a decision first to hand; status changes go through "Decide"."""

    model = Venue
    icon = "pick"
    menu_label = "Venues"
    add_to_admin_menu = False
    inspect_view_enabled = True
    list_display = ["name", "venue_type", "postcode", "status", "next_check_due", "updated_at"]
    list_filter = ["status", "venue_type"]
    search_fields = ["name", "postcode", "address"]
    list_per_page = 50
    ordering = ["status", "name"]
    inspect_view_fields = [
        "name", "venue_type", "address", "postcode", "latitude", "longitude", "phone", "website",
        "contact_name", "contact_email", "status", "decision_reason", "verified_by", "verified_at",
        "next_check_due", "trained_staff", "training_date", "training_provider", "open_to_public",
        "has_liability_insurance", "accessible_premises", "agrees_to_procedure", "step_free",
        "accessible_toilet", "quiet_space", "hearing_loop", "manager", "source", "created_at", "updated_at",
    ]  # fmt: skip
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("venue_type"),
                FieldPanel("address"),
                FieldPanel("postcode"),
                FieldPanel("latitude"),
                FieldPanel("longitude"),
                FieldPanel("phone"),
                FieldPanel("website"),
            ],
            heading="The venue",
        ),
        MultiFieldPanel(
            [
                FieldPanel("step_free"),
                FieldPanel("accessible_toilet"),
                FieldPanel("quiet_space"),
                FieldPanel("hearing_loop"),
                FieldPanel("hours_note"),
            ],
            heading="Access and hours",
        ),
        FieldPanel("next_check_due"),
    ]


class VenueConcernViewSet(SnippetViewSet):
    """What residents reported about venues (SP-051): new ones first, resolved through "Resolve"."""

    model = VenueConcern
    icon = "warning"
    menu_label = "Concerns"
    inspect_view_enabled = True
    list_display = ["reference", "venue", "kind", "status", "created_at"]
    list_filter = ["status", "kind"]
    search_fields = ["reference", "details"]
    ordering = ["status", "-created_at"]
    inspect_view_fields = ["reference", "venue", "kind", "details", "email", "status", "resolution", "resolved_by", "resolved_at", "created_at"]  # fmt: skip
    panels = [FieldPanel("details", read_only=True)]


class VenueTypeViewSet(SnippetViewSet):
    model = VenueType
    icon = "tag"
    menu_label = "Venue types"
    list_display = ["name", "slug"]


class SafePlacesGroup(SnippetViewSetGroup):
    menu_label = "Safe Places"
    menu_icon = "pick"
    menu_order = 400
    items = (VenueViewSet, VenueConcernViewSet, VenueTypeViewSet)


register_snippet(SafePlacesGroup)


@hooks.register("register_admin_urls")
def safe_places_admin_urls():
    return [
        path("safe-places/venues/<int:pk>/decide/", DecideVenueView.as_view(), name="safe_places_decide"),
        path("safe-places/concerns/<int:pk>/resolve/", ResolveConcernView.as_view(), name="safe_places_resolve"),
    ]


@hooks.register("register_snippet_listing_buttons")
def decision_buttons(snippet, user, next_url=None):
    if isinstance(snippet, Venue) and user.has_perm("safe_places.decide_venue", snippet):
        yield ListingButton("Decide", url=reverse("safe_places_decide", args=[snippet.pk]), priority=5)
    if isinstance(snippet, VenueConcern) and snippet.status == "new" and user.has_perm("safe_places.resolve_concern"):
        yield ListingButton("Resolve", url=reverse("safe_places_resolve", args=[snippet.pk]), priority=5)
