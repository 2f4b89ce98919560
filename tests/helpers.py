"""Assertions the app test suites share."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client, url, **kwargs):
    """Fetch a page (asserting 200) and return how many database queries it took."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **kwargs)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return len(captured.captured_queries)


def assert_queries_do_not_grow(client, url, add_data, *, at_most=None):
    """A page's query count must not grow with the data: fetch it, add more data, fetch it again.

    The first fetch warms per-process caches (site root, settings), so the page is fetched twice before
    counting. `at_most` also caps the count itself.
    """
    count_queries(client, url)
    before = count_queries(client, url)
    add_data()
    after = count_queries(client, url)
    assert after <= before, f"{url}: {before} queries grew to {after} with more data"
    if at_most is not None:
        assert after <= at_most, f"{url}: {after} queries, more than {at_most}"
    return after
