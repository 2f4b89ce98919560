"""Addresses outside the survey pages themselves: poll votes, and the officer's results, exports and imports.

The resident's journey lives under each survey page's own address (SurveyPage's routes).
"""

from django.urls import include, path

from surveys import views

app_name = "surveys"

urlpatterns = [
    path("polls/<int:poll_id>/vote/", views.PollVoteView.as_view(), name="poll_vote"),
    path("results/<int:survey_id>/", views.officer_results, name="results"),
    path("results/<int:survey_id>/responses.csv", views.export_csv, name="export_csv"),
    path("results/<int:survey_id>/responses.xlsx", views.export_xlsx, name="export_xlsx"),
    path("results/<int:survey_id>/exports/", views.start_export, name="start_export"),
    path("results/<int:survey_id>/import/", views.import_responses, name="import"),
    path("exports/<uuid:job_id>/", views.export_progress, name="export"),
    path("exports/<uuid:job_id>/status/", views.export_status, name="export_status"),
    path("exports/<uuid:job_id>/download/", views.export_download, name="export_download"),
    path("ward-populations/", views.import_populations, name="import_populations"),
]

# The published word cloud of residents' concerns (surveys.analysis), at /surveys/concerns/<survey>/cloud.png.
urlpatterns += [path("concerns/", include("surveys.analysis.public_urls"))]
