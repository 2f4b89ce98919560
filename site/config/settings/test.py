"""The test suite: tasks run at once, emails are captured, passwords hash fast."""

from .base import *  # noqa: F403
from .base import PROJECT_DIR

SECRET_KEY = "test-only-not-secret"
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "testserver"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# The Immediate backend, not the Dummy one: the Dummy backend silently stops Wagtail's index updates.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "anymail.backends.test.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Tests build pages with factories, without publishing them: shared fragments and pages are not cached unless a
# test turns the caching on (tests/performance).
CONTENT_CACHE_SECONDS = 0
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = PROJECT_DIR / "var" / "test-media"
WAGTAILADMIN_BASE_URL = "http://testserver"
DEMO_DATA_ALLOWED = True
