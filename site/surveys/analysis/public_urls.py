"""The published word cloud's address (included by surveys.urls, beside the survey results)."""

from django.urls import re_path

from surveys.analysis import views

app_name = "concern_analysis_public"

urlpatterns = [
    re_path(r"^(?P<survey_id>\d+)/cloud\.(?P<fmt>png|svg)$", views.public_picture, name="cloud"),
]
