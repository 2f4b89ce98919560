"""The "Your account" page lists what the person manages; each feature app adds its own section.

A feature app registers its section in its AppConfig.ready():

    from accounts import dashboard

    dashboard.register(
        "Your Safe Places venues",
        "safe_places:my_venues",
        lambda user: Venue.objects.filter(managers=user).count(),
        description="Keep your opening hours and details up to date, and renew each year.",
    )

- `title` is the section's heading, in the person's words ("Your watch schemes").
- `url_name` is a URL name reversed without arguments: the login_required page where they manage them.
- `count(user)` says how many the signed-in person manages, in one database query at most (the page
  runs one per section, so its cost does not grow with the data).
- `description` (optional) is one sentence under the heading.

Sections appear in the order they were registered (the order of INSTALLED_APPS). Registering the same
`url_name` again replaces the section, so a reloaded app does not list itself twice. This module imports
no feature app: apps depend on it, never the other way round.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class Section:
    title: str
    url_name: str
    count: Callable
    description: str = ""


@dataclass(frozen=True)
class SectionSummary:
    """A section as one person sees it: where to go and how many things they manage there."""

    title: str
    url: str
    count: int
    description: str


_sections: dict[str, Section] = {}


def register(title, url_name, count, *, description=""):
    """Add a section to everyone's "Your account" page (see the module docstring)."""
    _sections[url_name] = Section(title=title, url_name=url_name, count=count, description=description)


def unregister(url_name):
    _sections.pop(url_name, None)


def sections():
    return list(_sections.values())


def summaries_for(user):
    """Every registered section, with the person's own count: one query per section."""
    return [
        SectionSummary(
            title=section.title,
            url=reverse(section.url_name),
            count=section.count(user),
            description=section.description,
        )
        for section in _sections.values()
    ]
