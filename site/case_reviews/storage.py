"""Where applicants' evidence lives: never under MEDIA_ROOT and never at a public URL.

Files go to the storage named "case_review_evidence" in settings.STORAGES when there is one (object storage with
a private bucket in production; in-memory in tests), otherwise to a folder beside the media folder that the web
server does not serve (PRIVATE_MEDIA_ROOT, default var/private-media). The only way out is a view that checks who
is asking and writes an audit event (views.evidence_download, views.staff_evidence_download).
"""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.utils.deconstruct import deconstructible

ALIAS = "case_review_evidence"


def backend():
    if ALIAS in settings.STORAGES:
        return storages[ALIAS]
    location = getattr(settings, "PRIVATE_MEDIA_ROOT", None) or (Path(settings.MEDIA_ROOT).parent / "private-media")
    return FileSystemStorage(location=location, base_url=None)


@deconstructible
class PrivateEvidenceStorage(Storage):
    """Hands every call to the configured private backend, looked up each time so tests and settings can swap it."""

    def _open(self, name, mode="rb"):
        return backend().open(name, mode)

    def _save(self, name, content):
        return backend().save(name, content)

    def delete(self, name):
        return backend().delete(name)

    def exists(self, name):
        return backend().exists(name)

    def size(self, name):
        return backend().size(name)

    def listdir(self, path):
        return backend().listdir(path)

    def url(self, name):
        raise ValueError("Case review evidence has no public address: serve it through the permission-checked view.")
