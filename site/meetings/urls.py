from django.urls import path

from meetings import views

app_name = "meetings"

urlpatterns = [
    path("calendar.ics", views.meetings_feed, name="feed"),
    path("<int:meeting_id>/book/", views.BookSeatView.as_view(), name="book"),
    path("<int:meeting_id>/ask/", views.AskQuestionView.as_view(), name="ask"),
    path("booking/<str:token>/", views.booking_detail, name="booking"),
    path("booking/<str:token>/cancel/", views.cancel_booking, name="cancel"),
    path("booking/<str:token>/calendar.ics", views.booking_ics, name="booking_ics"),
    path("<int:meeting_id>/check-in/", views.check_in, name="check_in"),
    path("check-in/<str:code>/", views.check_in_booking, name="check_in_booking"),
    path("<int:meeting_id>/attendees/", views.attendees, name="attendees"),
    path("<int:meeting_id>/cancel/", views.cancel_meeting, name="cancel_meeting"),
    path("<int:meeting_id>/questions/", views.questions, name="questions"),
    path("desk/", views.desk, name="desk"),
]
