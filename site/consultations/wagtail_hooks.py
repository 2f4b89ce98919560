"""The ladder report in the Wagtail admin menu, for the officers who plan engagement (it is public too)."""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem


class LadderReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("consultations.see_ladder_report_admin")


@hooks.register("register_admin_menu_item")
def register_ladder_report():
    return LadderReportMenuItem(
        "Engagement ladder",
        reverse("consultations:ladder_report"),
        icon_name="list-ul",
        name="ladder-report",
        order=360,
    )
