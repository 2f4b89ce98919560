"""Production: every secret comes from the environment, and the site refuses to start without one."""

from .base import *  # noqa: F403
from .base import env, env_bool, env_list, require_env

DEBUG = False
SECRET_KEY = require_env("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or [require_env("ALLOWED_HOSTS")]
require_env("DATABASE_URL")
WAGTAILADMIN_BASE_URL = require_env("WAGTAILADMIN_BASE_URL")
DEFAULT_FROM_EMAIL = require_env("DEFAULT_FROM_EMAIL")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_BACKEND = require_env("EMAIL_BACKEND")

# TLS ends at the load balancer, which says so in X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Preloading is a promise that every subdomain is HTTPS-only for good; turning it off is a deliberate choice.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_SAMESITE = "Lax"

if env("MEDIA_BUCKET"):
    # Several web machines share uploaded images and documents through object storage.
    STORAGES["default"] = {  # noqa: F405
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("MEDIA_BUCKET"),
            "custom_domain": env("MEDIA_CUSTOM_DOMAIN"),
            "endpoint_url": env("AWS_S3_ENDPOINT_URL"),
        },
    }

# A CDN in front (docs/operations.md, "CDN and front-end cache invalidation"): off unless one of these is set. When
# an editor publishes, unpublishes or moves a page, Wagtail purges that page's URLs from the CDN at once; what every
# page shows (menu, priorities panel, footer) expires with the CDN's copy after CDN_PAGE_CACHE_SECONDS.
WAGTAILFRONTENDCACHE = {}
if env("FRONTEND_CACHE_PURGE_URL"):
    # Varnish, Squid or any cache that accepts an HTTP PURGE.
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": env("FRONTEND_CACHE_PURGE_URL"),
    }
if env("CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": env("CLOUDFLARE_ZONE_ID"),
        "BEARER_TOKEN": require_env("CLOUDFLARE_API_TOKEN"),
    }
if env("CLOUDFRONT_DISTRIBUTION_ID"):
    # Credentials from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or the machine's role.
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": env("CLOUDFRONT_DISTRIBUTION_ID"),
    }
if WAGTAILFRONTENDCACHE:
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")  # noqa: F405
    # Each translation is a page of its own, purged when it is published: no URL rewriting per language.
    WAGTAILFRONTENDCACHE_LANGUAGES = []
# Pages the same for everyone (core.middleware.AnonymousPageCacheMiddleware) tell a CDN it may keep them this long
# (Cache-Control: s-maxage); browsers still revalidate. 0 sends no such header.
CDN_PAGE_CACHE_SECONDS = int(env("CDN_PAGE_CACHE_SECONDS", "0"))
