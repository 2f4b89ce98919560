from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from core import views as core_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("anymail/", include("anymail.urls")),
    path("safe-places/", include("safe_places.urls")),
    path("meetings/", include("meetings.urls")),
    path("surveys/", include("surveys.urls")),
    path("accounts/", include("accounts.urls")),
    path("neighbourhood-watch/", include("watch_schemes.urls")),
    path("get-involved/", include("consultations.urls")),
    path("case-review/", include("case_reviews.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Pages and the public forms answer in every language: /about/ in English, /pl/about/ in Polish.
urlpatterns += i18n_patterns(
    path("", include("core.urls")),
    path("", include("partnership.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
