from django.urls import path

from safe_places import views

app_name = "safe_places"

urlpatterns = [
    path("", views.finder, name="finder"),
    path("venues/<int:pk>-<slug:slug>/", views.venue_detail, name="venue"),
    path("venues/<int:pk>/", views.venue_detail, name="venue_short"),
    path("venues/<int:pk>/report-a-concern/", views.ReportConcernView.as_view(), name="report_concern"),
    path("venues/<int:pk>/report-a-concern/sent/", views.concern_sent, name="concern_sent"),
    path("venues.json", views.venues_json, name="venues_json"),
    path("venues.geojson", views.venues_geojson, name="venues_geojson"),
    path("register/", views.RegisterVenueView.as_view(), name="register"),
    path("your-venues/", views.my_venues, name="my_venues"),
    path("your-venues/<int:pk>/change/", views.EditVenueView.as_view(), name="edit"),
    path("your-venues/<int:pk>/renew/", views.RenewVenueView.as_view(), name="renew"),
    path("your-venues/<int:pk>/leave/", views.WithdrawVenueView.as_view(), name="withdraw"),
    path("your-venues/<int:pk>/dates/", views.HoursExceptionsView.as_view(), name="exceptions"),
]
