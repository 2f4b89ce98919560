from django.urls import path

from watch_schemes import views

app_name = "watch_schemes"

urlpatterns = [
    path("", views.finder, name="finder"),
    path("schemes/<int:pk>-<slug:slug>/", views.scheme_detail, name="scheme"),
    path("schemes/<int:pk>/", views.scheme_detail, name="scheme_short"),
    path("schemes/<int:pk>/join/", views.JoinView.as_view(), name="join"),
    path("schemes/<int:pk>/join/sent/", views.join_sent, name="join_sent"),
    path("membership/<str:token>/", views.membership, name="membership"),
    path("membership/<str:token>/unsubscribe/", views.one_click_unsubscribe, name="one_click_unsubscribe"),
    path("schemes.geojson", views.schemes_geojson, name="geojson"),
    path("start/", views.RegisterSchemeView.as_view(), name="register"),
    path("your-schemes/", views.my_schemes, name="my_schemes"),
    path("your-schemes/<int:pk>/", views.manage, name="manage"),
    path("your-schemes/<int:pk>/change/", views.EditSchemeView.as_view(), name="edit"),
    path("your-schemes/<int:pk>/members/<int:member_pk>/", views.decide_member, name="decide_member"),
    path("your-schemes/<int:pk>/message/", views.SendMessageView.as_view(), name="message"),
    path("your-schemes/<int:pk>/review/", views.ConfirmReviewView.as_view(), name="review"),
    path("your-schemes/<int:pk>/coordinators/add/", views.AddCoordinatorView.as_view(), name="add_coordinator"),
    path("your-schemes/<int:pk>/hand-over/", views.HandoverView.as_view(), name="hand_over"),
]
