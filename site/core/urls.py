from django.urls import path

from core import privacy_views, views

app_name = "core"

urlpatterns = [
    path("contact/", views.ContactView.as_view(), name="contact"),
    path("contact/sent/", views.ContactSentView.as_view(), name="contact_sent"),
    path("privacy/what-we-keep/", privacy_views.privacy_notice, name="privacy_notice"),
]
