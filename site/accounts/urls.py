"""Front-end accounts at /accounts/: "Your account" (`accounts:home`) and allauth's pages.

allauth's URL names are not namespaced (`account_login`, `account_signup`, `account_logout`,
`account_reset_password`, `account_change_password`, `account_email`, ...): its own views and templates
reverse them by those names. Our own pages live in the `accounts` namespace.
"""

from django.urls import include, path

from accounts import views

own_patterns = [
    path("", views.AccountHomeView.as_view(), name="home"),
]

urlpatterns = [
    path("", include((own_patterns, "accounts"))),
    path("", include("allauth.urls")),
]
