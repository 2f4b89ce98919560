from django.urls import path

from core import views

app_name = "core"

urlpatterns = [
    path("contact/", views.ContactView.as_view(), name="contact"),
    path("contact/sent/", views.ContactSentView.as_view(), name="contact_sent"),
]
