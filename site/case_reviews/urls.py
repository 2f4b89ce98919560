from django.urls import path

from case_reviews import views

app_name = "case_reviews"

urlpatterns = [
    # The applicant's journey: every address after "apply/" carries their signed link.
    path("apply/", views.start, name="start"),
    path("apply/<str:token>/", views.overview, name="overview"),
    path("apply/<str:token>/incidents/", views.incidents, name="incidents"),
    path("apply/<str:token>/incidents/add/", views.incident_add, name="incident_add"),
    path("apply/<str:token>/incidents/<int:incident_id>/report/", views.report_add, name="report_add"),
    path("apply/<str:token>/incidents/<int:incident_id>/remove/", views.incident_remove, name="incident_remove"),
    path("apply/<str:token>/evidence/", views.evidence, name="evidence"),
    path("apply/<str:token>/evidence/<int:evidence_id>/remove/", views.evidence_remove, name="evidence_remove"),
    path("apply/<str:token>/evidence/<int:evidence_id>/", views.evidence_download, name="evidence_download"),
    path("apply/<str:token>/saved/", views.saved, name="saved"),
    path("apply/<str:token>/check-your-answers/", views.check, name="check"),
    path("apply/<str:token>/sent/", views.sent, name="sent"),
    path("apply/<str:token>/<slug:slug>/", views.step, name="step"),
    # The case officers' desk.
    path("cases/", views.cases, name="cases"),
    path("cases/statistics.csv", views.statistics_csv, name="statistics_csv"),
    path("cases/<int:pk>/", views.case_detail, name="case"),
    path("cases/<int:pk>/export.json", views.case_export, name="export"),
    path("cases/<int:pk>/evidence/<int:evidence_id>/", views.staff_evidence_download, name="staff_evidence"),
    path(
        "cases/<int:pk>/recommendations/<int:recommendation_id>/",
        views.recommendation_update,
        name="recommendation",
    ),
]
