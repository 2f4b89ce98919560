from django.conf import settings
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
    path("surveys/", include("surveys.urls")),
    path("meetings/", include("meetings.urls")),
    path("accounts/", include("accounts.urls")),
    path("neighbourhood-watch/", include("watch_schemes.urls")),
    path("", include("core.urls")),
    path("", include("partnership.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
