"""The meetings desk in the Wagtail admin menu, and the FP-003 check on the admin dashboard, for the staff who
run Face the Public meetings."""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component


class MeetingsDeskMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("meetings.see_attendees")


@hooks.register("register_admin_menu_item")
def register_meetings_desk():
    return MeetingsDeskMenuItem(
        "Meetings desk", reverse("meetings:desk"), icon_name="group", name="meetings-desk", order=350
    )


class AccountabilityPanel(Component):
    """Dashboard panel: does this reporting year have a Face the Public meeting held or scheduled? (FP-003: reg
    12(4)(a) SI 2007/1830 asks for one or more public meetings each year.) A warning when it has none."""

    name = "face_the_public_year"
    template_name = "meetings/admin/accountability_panel.html"
    order = 90  # above Wagtail's own panels: a legal duty outranks recent edits

    def get_context_data(self, parent_context):
        from meetings.views import accountability_context

        request = parent_context["request"]
        return {**super().get_context_data(parent_context), **accountability_context(request.user)}


@hooks.register("construct_homepage_panels")
def add_accountability_panel(request, panels):
    if request.user.has_perm("meetings.see_attendees"):
        panels.append(AccountabilityPanel())
