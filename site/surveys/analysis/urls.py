"""The officer's concern-analysis addresses, under the Wagtail admin (wagtail_hooks registers them)."""

from django.urls import path, re_path

from surveys.analysis import views

app_name = "concern_analysis"

urlpatterns = [
    path("", views.concerns, name="concerns"),
    path("compare/", views.compare, name="compare"),
    path("import/", views.import_text, name="import"),
    path("publish/<int:survey_id>/", views.publish, name="publish"),
    re_path(r"^(?P<cached_id>\d+)/cloud\.(?P<fmt>png|svg)$", views.picture, name="cloud"),
]
