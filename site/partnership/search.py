"""Searching the public content, with the synonyms editors keep (`SearchSynonym`)."""

from wagtail.models import Page
from wagtail.search.query import Or, Phrase, PlainText

from partnership import policies
from partnership.models import SearchSynonym


def search_public_pages(query, *, site=None):
    """Live, public pages matching the query or any synonym of a phrase in it, best match first."""
    groups = [synonym.group for synonym in SearchSynonym.objects.all()]
    phrases = policies.expand_search_terms(query, groups)
    if not phrases:
        return Page.objects.none()
    pages = Page.objects.live().public()
    if site is not None:
        pages = pages.in_site(site)
    terms = [PlainText(phrases[0])] + [Phrase(phrase) if " " in phrase else PlainText(phrase) for phrase in phrases[1:]]
    search_query = terms[0] if len(terms) == 1 else Or(terms)
    return pages.search(search_query).annotate_score("score")
