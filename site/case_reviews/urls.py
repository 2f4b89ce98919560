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
    path("apply/<str:token>/people/", views.people, name="people"),
    path("apply/<str:token>/people/add/", views.person_add, name="person_add"),
    path("apply/<str:token>/people/<int:person_id>/remove/", views.person_remove, name="person_remove"),
    path("apply/<str:token>/evidence/", views.evidence, name="evidence"),
    path("apply/<str:token>/evidence/<int:evidence_id>/remove/", views.evidence_remove, name="evidence_remove"),
    path("apply/<str:token>/evidence/<int:evidence_id>/", views.evidence_download, name="evidence_download"),
    path("apply/<str:token>/saved/", views.saved, name="saved"),
    path("apply/<str:token>/check-your-answers/", views.check, name="check"),
    path("apply/<str:token>/sent/", views.sent, name="sent"),
    path("apply/<str:token>/<slug:slug>/", views.step, name="step"),
    # Other ways to apply (CT-070..CT-072).
    path("application-form/", views.application_form, name="paper_form"),
    path("application-form.txt", views.application_form_text, name="paper_form_text"),
    path("application-form.docx", views.application_form_docx, name="paper_form_docx"),
    path("do-you-know/", views.partner_letter, name="partner_letter"),
    path("do-you-know.txt", views.partner_letter_text, name="partner_letter_text"),
    # The case officers' desk.
    path("cases/", views.cases, name="cases"),
    path("cases/letters-to-post/", views.letters_to_post, name="letters_to_post"),
    path("cases/statistics.csv", views.statistics_csv, name="statistics_csv"),
    path("cases/<int:pk>/", views.case_detail, name="case"),
    path("cases/<int:pk>/export.json", views.case_export, name="export"),
    path("cases/<int:pk>/evidence/<int:evidence_id>/", views.staff_evidence_download, name="staff_evidence"),
    path("cases/<int:pk>/letters/<int:letter_id>/", views.letter_print, name="letter_print"),
    path("cases/<int:pk>/letters/<int:letter_id>/sent/", views.letter_sent, name="letter_sent"),
    path(
        "cases/<int:pk>/recommendations/<int:recommendation_id>/",
        views.recommendation_update,
        name="recommendation",
    ),
]
