"""The meetings desk in the Wagtail admin menu, for the staff who run Face the Public meetings."""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem


class MeetingsDeskMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("meetings.see_attendees")


@hooks.register("register_admin_menu_item")
def register_meetings_desk():
    return MeetingsDeskMenuItem(
        "Meetings desk", reverse("meetings:desk"), icon_name="group", name="meetings-desk", order=350
    )
