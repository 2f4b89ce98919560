"""What every public page shares, worked out once and kept in the cache until an editor changes it.

Every page shows the same header, menu, priorities panel and footer, and looks up the same Wagtail site and
partnership settings. Rendering those on each request cost more than the page itself (see bench/README.md), so
they are cached, and so are whole pages for residents who are not signed in (core.middleware.AnonymousPageCache).

Invalidation is by *content generation*: every cache key below includes a token that changes whenever content a
resident could see changes (a page published, unpublished, moved or deleted; a snippet, site setting, site or
language saved or deleted: see `connect_signals`). Old entries are never looked up again and expire by their
timeout. With Redis (REDIS_URL) every web process and machine shares the token, so a publish is seen everywhere at
once; with the local-memory cache each process has its own, which is why production without Redis keeps short
timeouts (settings.CONTENT_CACHE_SECONDS).

The cache is an optimisation, never a dependency: if it fails (Redis down) the page is rendered as if nothing was
cached, and the failure is logged.
"""

import logging
import uuid

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

GENERATION_KEY = "content-generation"
_REQUEST_ATTRIBUTE = "_content_generation"


def timeout():
    """Seconds a shared fragment or anonymous page is kept (a safety net: publishing forgets them at once).

    0 turns the caching off (the test settings do, so that tests building pages without publishing them see
    their pages at once).
    """
    return getattr(settings, "CONTENT_CACHE_SECONDS", 300)


_CHANGES_AT_ATTRIBUTE = "_content_changes_at"


def changes_at(request, when):
    """Say that what this request's page shows will change by itself at `when`, with nobody publishing anything:
    an activity opens or closes, a meeting starts, booking closes. A kept copy of the page (the anonymous page
    cache, a CDN) is not served after the earliest such moment, so "open now" is never shown after it closed.
    `when` of None (nothing scheduled) is ignored."""
    if when is None or request is None:
        return
    current = getattr(request, _CHANGES_AT_ATTRIBUTE, None)
    if current is None or when < current:
        setattr(request, _CHANGES_AT_ATTRIBUTE, when)


def first_after(now, *moments):
    """The earliest of `moments` still to come (None when none is): when a page showing them next changes."""
    upcoming = [moment for moment in moments if moment is not None and moment > now]
    return min(upcoming, default=None)


def seconds_to_keep(request, now):
    """How long this request's page may be kept: the usual timeout, cut short by the earliest change the page
    declared (changes_at). 0 means do not keep it."""
    seconds = timeout()
    when = getattr(request, _CHANGES_AT_ATTRIBUTE, None)
    if when is not None:
        seconds = min(seconds, int((when - now).total_seconds()))
    return max(seconds, 0)


def enabled():
    return timeout() > 0


def generation(request=None):
    """The current content generation token, read once per request."""
    if request is not None:
        token = getattr(request, _REQUEST_ATTRIBUTE, None)
        if token is not None:
            return token
    try:
        token = cache.get(GENERATION_KEY)
        if token is None:
            token = uuid.uuid4().hex[:12]
            # add(), not set(): two processes starting at once must agree on one token.
            if not cache.add(GENERATION_KEY, token, None):
                token = cache.get(GENERATION_KEY) or token
    except Exception:  # the cache is down: fall back to a token nobody shares, i.e. no caching
        logger.exception("Cache unavailable: rendering without shared fragments")
        token = f"nocache-{uuid.uuid4().hex}"
    if request is not None:
        setattr(request, _REQUEST_ATTRIBUTE, token)
    return token


def content_changed(**kwargs):
    """Forget every shared fragment and cached page: called by the signals below when published content changes."""
    try:
        cache.set(GENERATION_KEY, uuid.uuid4().hex[:12], None)
    except Exception:
        logger.exception("Cache unavailable: could not forget cached fragments")


def key(request, name, *parts):
    return ":".join(["fragment", name, generation(request), *(str(part) for part in parts)])


def get(cache_key):
    if not enabled() or cache_key.split(":", 2)[-1].startswith("nocache-"):
        return None
    try:
        return cache.get(cache_key)
    except Exception:
        logger.exception("Cache unavailable: reading %s", cache_key)
        return None


def put(cache_key, value, seconds=None):
    if not enabled() or cache_key.split(":", 2)[-1].startswith("nocache-"):
        return
    try:
        cache.set(cache_key, value, timeout() if seconds is None else seconds)
    except Exception:
        logger.exception("Cache unavailable: writing %s", cache_key)


def remember(request, name, parts, build):
    """The cached value of `build()` for this content generation and these key parts, building it on a miss."""
    if not enabled():
        return build()
    cache_key = key(request, name, *parts)
    value = get(cache_key)
    if value is None:
        value = build()
        put(cache_key, value)
    return value


def context_processor(request):
    """`content_generation` for `{% cache %}` tags in templates: a lazy value, read only if a template uses it."""
    from django.utils.functional import SimpleLazyObject

    return {
        "content_generation": SimpleLazyObject(lambda: generation(request)),
        "content_cache_seconds": timeout(),
    }


# --- what counts as a change ----------------------------------------------------------------------------------


_watched_models = None


def _models_whose_changes_show():
    """Snippets, site settings, sites and locales: everything but pages that a public page may render.

    Some snippets are staff-only records kept in the admin for officers (the outbox, the audit log, contact
    messages, venue concerns, postcodes) and say so with `shown_on_public_pages = False`. They are written by
    residents' own submissions, so if they counted, every booking in a surge would empty the page cache."""
    global _watched_models
    if _watched_models is None:
        from wagtail.contrib.settings.registry import registry as settings_registry
        from wagtail.models import Locale, Site
        from wagtail.snippets.models import get_snippet_models

        snippets = {model for model in get_snippet_models() if getattr(model, "shown_on_public_pages", True)}
        _watched_models = frozenset({*snippets, *settings_registry, Site, Locale})
    return _watched_models


def _saved(sender, instance, **kwargs):
    if sender in _models_whose_changes_show():
        content_changed()


def _deleted(sender, instance, **kwargs):
    from wagtail.models import Page

    if sender in _models_whose_changes_show() or isinstance(instance, Page):
        content_changed()


def connect_signals():
    """Publishing, unpublishing, moving or deleting any page, or saving a snippet or setting, forgets the caches.

    The save and delete receivers listen to every model and check the sender when called, because snippets are
    registered after this app is ready.
    """
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

    page_published.connect(content_changed, dispatch_uid="core.caching.published")
    page_unpublished.connect(content_changed, dispatch_uid="core.caching.unpublished")
    post_page_move.connect(content_changed, dispatch_uid="core.caching.moved")
    page_slug_changed.connect(content_changed, dispatch_uid="core.caching.slug_changed")
    post_save.connect(_saved, dispatch_uid="core.caching.saved")
    post_delete.connect(_deleted, dispatch_uid="core.caching.deleted")
