from django.urls import path

from partnership import views

app_name = "partnership"

urlpatterns = [
    path("search/", views.search, name="search"),
]
