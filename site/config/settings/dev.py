"""A laptop: SQLite, the database task queue, emails printed to the console."""

from .base import *  # noqa: F403
from .base import env

DEBUG = True
SECRET_KEY = env("SECRET_KEY", "dev-only-not-secret-0f4c1e7a9b2d4c8e")
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]", "testserver"]
INTERNAL_IPS = ["127.0.0.1"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DEMO_DATA_ALLOWED = True
