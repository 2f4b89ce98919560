import pytest

from partnership.search import search_public_pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def partnership_demo(demo_site):
    from partnership.demo import load

    load()


def titles(query):
    return [page.title for page in search_public_pages(query)]


def test_community_trigger_finds_the_asb_case_review_advice(partnership_demo):
    assert "How to report anti-social behaviour" in titles("community trigger")


def test_asb_finds_anti_social_behaviour(partnership_demo):
    assert "How to report anti-social behaviour" in titles("ASB")


def test_without_the_synonym_the_phrase_is_not_found(partnership_demo):
    from partnership.models import SearchSynonym

    SearchSynonym.objects.filter(terms__icontains="community trigger").delete()
    assert "How to report anti-social behaviour" not in titles("community trigger")


def test_the_search_page_lists_results(client, partnership_demo):
    body = client.get("/search/?q=burglary").content.decode()
    assert "Protect your home from burglary" in body
    assert "result" in body


def test_an_empty_search_shows_the_form_only(client, partnership_demo):
    response = client.get("/search/")
    assert response.status_code == 200
    assert "Nothing matched" not in response.content.decode()


@pytest.mark.parametrize("query", ['"burglary"', 'burg"lary', '"', '"community trigger"', "o'clock \\ *"])
def test_quotes_and_search_syntax_in_a_query_are_searched_as_words_not_a_server_error(client, partnership_demo, query):
    """SQLite's full-text search raised a syntax error on a double quote (found by the form fuzzer)."""
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    if query == '"burglary"':
        assert "Protect your home from burglary" in response.content.decode()
