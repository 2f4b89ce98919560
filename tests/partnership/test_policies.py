import pytest

from partnership.policies import derive_progress, expand_search_terms


def test_no_actions_means_no_progress_yet():
    progress = derive_progress([])
    assert progress.percent is None
    assert progress.label == "No actions yet"
    assert progress.summary == "No actions have been set yet."


def test_progress_is_the_share_of_actions_done():
    progress = derive_progress(["done", "in_progress", "planned", "done"])
    assert progress.percent == 50
    assert progress.label == "In progress"
    assert progress.summary == "2 of 4 actions done."


def test_stopped_actions_do_not_count_against_completion():
    progress = derive_progress(["done", "done", "stopped"])
    assert progress.percent == 100
    assert progress.label == "Complete"
    assert progress.summary == "2 of 2 actions done (1 stopped)."


def test_all_actions_stopped():
    progress = derive_progress(["stopped", "stopped"])
    assert progress.percent is None
    assert progress.label == "All actions stopped"


def test_nothing_begun_is_not_started():
    assert derive_progress(["planned", "planned"]).label == "Not started"
    assert derive_progress(["planned"]).summary == "0 of 1 action done."


def test_an_unknown_status_is_refused():
    with pytest.raises(ValueError, match="Unknown action status: finished"):
        derive_progress(["done", "finished"])


SYNONYMS = [
    {"community trigger", "asb case review"},
    {"asb", "anti-social behaviour", "antisocial behaviour"},
]


def test_a_phrase_brings_its_synonyms():
    assert expand_search_terms("Community  Trigger", SYNONYMS) == ["community trigger", "asb case review"]


def test_synonyms_match_whole_words_only():
    assert expand_search_terms("basb", SYNONYMS) == ["basb"]
    assert expand_search_terms("report asb now", SYNONYMS) == [
        "report asb now",
        "anti-social behaviour",
        "antisocial behaviour",
        "asb",
    ]


@pytest.mark.parametrize(
    ("query", "terms"),
    [('"fly tipping"', ["fly tipping"]), ('fly"tipping', ["fly tipping"]), ('"', []), ('""  ""', [])],
)
def test_double_quotes_are_not_passed_to_the_search_engine(query, terms):
    assert expand_search_terms(query, SYNONYMS) == terms


def test_an_empty_query_has_no_terms():
    assert expand_search_terms("   ", SYNONYMS) == []
