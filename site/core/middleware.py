from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language

from core import caching

# Staff and account pages are never served from the shared caches.
ADMIN_PREFIXES = ("/admin/", "/django-admin/", "/accounts/", "/anymail/")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The strict policy everywhere the public goes; a looser one for the Wagtail admin.

    Wagtail's editor still relies on inline styles and a few inline scripts, and shows page previews in a
    same-origin frame. The admin is for signed-in staff only, so it alone gets those allowances.
    """

    admin_prefixes = ("/admin/", "/django-admin/")

    def process_response(self, request, response):
        if request.path.startswith(self.admin_prefixes) and not getattr(response, "_csp_replace", None):
            if self._signed_in_staff(request):
                # No hash here: a browser ignores 'unsafe-inline' in any directive that also lists a hash or nonce.
                response._csp_replace = {
                    "script-src": [SELF, UNSAFE_INLINE],
                    "style-src": [SELF, UNSAFE_INLINE],
                    "frame-ancestors": [SELF],
                    "frame-src": [SELF],
                }
            else:
                # Sign-in, password reset and the second-factor step: no inline script for anyone not yet signed
                # in (the editor, which needs it, is out of reach); Wagtail's own scripts still set inline styles.
                response._csp_replace = {"style-src": [SELF, UNSAFE_INLINE]}
        return super().process_response(request, response)

    @staticmethod
    def _signed_in_staff(request):
        """Signed in, and past the second factor (django_otp's middleware adds is_verified) where one is needed."""
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return False
        is_verified = getattr(user, "is_verified", None)
        return is_verified is None or is_verified()


class SharedLookupsMiddleware:
    """The Wagtail site and its settings for this host, from the cache instead of the database on every request.

    Wagtail looks the site up by host name and each site setting by site once per request; every public page
    needs both (the menu, the header, the footer). They change only when an administrator edits them, which starts a
    new content generation (core.caching), so one cached copy per host serves every request until then.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not caching.enabled() or request.path.startswith(ADMIN_PREFIXES):
            return self.get_response(request)
        from django.http.request import split_domain_port

        # Keyed by what Wagtail matches a site on. Nothing is looked up here: a request that needs no site (a
        # health check on /robots.txt) touches neither the cache's copy nor the database.
        cache_key = caching.key(request, "site", split_domain_port(request._get_raw_host())[0], request.get_port())
        found = caching.get(cache_key)
        if found is not None:
            request._wagtail_site = found["site"]
            for attribute, value in found["settings"].items():
                value._request = request  # as BaseSiteSetting.for_request does, for page URLs relative to this site
                setattr(request, attribute, value)
        response = self.get_response(request)
        if found is None and getattr(request, "_wagtail_site", None) is not None:
            caching.put(cache_key, {"site": request._wagtail_site, "settings": self._settings_on(request)})
        return response

    @staticmethod
    def _settings_on(request):
        from wagtail.contrib.settings.models import BaseSiteSetting
        from wagtail.contrib.settings.registry import registry

        found = {}
        for model in registry:
            if issubclass(model, BaseSiteSetting) and hasattr(request, model.get_cache_attr_name()):
                found[model.get_cache_attr_name()] = getattr(request, model.get_cache_attr_name())
        return found


class AnonymousPageCacheMiddleware:
    """Whole Wagtail pages kept for residents who are not signed in, until an editor publishes a change.

    Only a page that is the same for everyone is kept: a GET of a Wagtail page with no query string, from someone
    with no session or pending message, answered 200 as HTML without setting a cookie, without using a CSRF token
    (so no form) and without asking not to be cached. Anyone signed in, and every form, search and finder, is
    rendered each time. Publishing anything starts a new content generation (core.caching), so no resident sees an
    old page after a publish; settings.CONTENT_CACHE_SECONDS bounds how long a page may otherwise be kept, and a
    page whose content changes with time (an activity opening, a meeting starting) says when through
    core.caching.changes_at, so its copy is not kept past that moment.

    Placed last in MIDDLEWARE, so a cached page still passes through every other middleware (security headers,
    CSP, sessions) exactly like a rendered one.
    """

    header = "X-Page-Cache"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._could_cache(request):
            return self.get_response(request)
        cache_key = caching.key(request, "page", request.get_host(), get_language(), request.path)
        cached = caching.get(cache_key)
        if cached is not None:
            return self._rebuild(cached)
        response = self.get_response(request)
        if getattr(request, "_page_cache_view", False) and self._may_keep(request, response):
            seconds = caching.seconds_to_keep(request, timezone.now())
            if seconds <= 0:
                return response
            cdn_seconds = min(getattr(settings, "CDN_PAGE_CACHE_SECONDS", 0), seconds)
            if cdn_seconds:
                patch_cache_control(response, public=True, max_age=0, s_maxage=cdn_seconds)
            caching.put(cache_key, self._freeze(response), seconds)
            response[self.header] = "miss"
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        from wagtail.views import serve

        request._page_cache_view = view_func is serve

    @staticmethod
    def _could_cache(request):
        return (
            caching.enabled()
            and request.method == "GET"
            and not request.GET
            and not request.path.startswith(ADMIN_PREFIXES)
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "messages" not in request.COOKIES
        )

    @staticmethod
    def _may_keep(request, response):
        cache_control = response.get("Cache-Control", "").lower()
        vary = {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}
        session = getattr(request, "session", None)
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and response.get("Content-Type", "").startswith("text/html")
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not (session is not None and session.modified)
            and not any(word in cache_control for word in ("private", "no-cache", "no-store", "max-age=0"))
            and vary <= {"cookie", "accept-encoding"}
        )

    @staticmethod
    def _freeze(response):
        extras = {name: value for name, value in vars(response).items() if name.startswith("_csp")}
        return (response.status_code, list(response.items()), response.content, extras)

    def _rebuild(self, cached):
        from django.http import HttpResponse

        status, headers, content, extras = cached
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        for name, value in extras.items():
            setattr(response, name, value)
        response[self.header] = "hit"
        return response
