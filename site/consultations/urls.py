"""Routes under /get-involved/ that are not Wagtail pages. The hub itself and each activity and group are pages
(editors write, preview and translate them); their slugs may not take these first path segments
(`models.pages.RESERVED_SLUGS`)."""

from django.urls import path

from consultations import views

app_name = "consultations"

urlpatterns = [
    path("alerts/", views.AlertsView.as_view(), name="alerts"),
    path("alerts/sent/", views.alerts_sent, name="alerts_sent"),
    path("alerts/confirm/<str:token>/", views.confirm_alerts, name="confirm_alerts"),
    path("alerts/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("activities/<int:page_id>/hear-back/", views.HearBackView.as_view(), name="hear_back"),
    path("groups/mine/", views.my_groups, name="my_groups"),
    path("groups/<int:group_id>/join/", views.JoinGroupView.as_view(), name="join"),
    path("groups/<int:group_id>/leave/", views.leave_group, name="leave"),
    path("groups/<int:group_id>/members/", views.members, name="members"),
    path("groups/<int:group_id>/outputs/new/", views.publish_output, name="publish_output"),
    path("ladder-report/", views.ladder_report, name="ladder_report"),
    path("ladder-report.csv", views.ladder_report_csv, name="ladder_report_csv"),
]
