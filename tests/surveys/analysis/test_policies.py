"""The concern pipeline on a corpus written for the tests (tests/surveys/analysis/corpus.py): top words and
phrases, plurals and spellings merged, synonyms merged, stop-words gone, themes tagged, rounds compared (FP-001)."""

import datetime

import pytest

from surveys.analysis import policies
from tests.surveys.analysis import corpus
from tests.surveys.analysis.corpus import CORPUS


@pytest.fixture(scope="module")
def vocabulary():
    return policies.Vocabulary.build(synonyms=corpus.SYNONYMS, themes=corpus.THEMES)


@pytest.fixture(scope="module")
def analysis(vocabulary):
    return policies.analyse([policies.Text(text) for text in CORPUS], vocabulary)


def counts(analysis):
    return {term.label: term.count for term in analysis.top(50)}


def test_the_top_terms_are_the_counted_concerns(analysis):
    top = analysis.top(6)
    assert [(t.label, t.count) for t in top] == [
        ("speeding cars", 10),
        ("anti-social behaviour", 9),
        ("fly tipping", 6),
        ("drug dealing", 5),
        ("burglaries", 4),
        ("street lights", 4),
    ]
    assert [t.is_phrase for t in top] == [True, True, True, True, False, True]


def test_phrases_come_from_collocations(vocabulary):
    chunked = [policies.chunks(text, vocabulary) for text in CORPUS]
    phrases = policies.find_phrases(chunked)
    assert ("speed", "car") in phrases and ("car", "speed") in phrases
    assert ("fly", "tipping") in phrases
    assert ("drug", "dealing") in phrases
    assert ("street", "light") in phrases
    # Words that merely sit next to each other once or twice are not phrases.
    assert ("dog", "fouling") not in phrases
    assert ("car", "park") not in phrases


def test_a_phrase_threshold_grows_with_the_corpus():
    assert policies.phrase_threshold(40) == 3
    assert policies.phrase_threshold(40_000) == 80


def test_without_synonyms_anti_social_behaviour_is_still_a_trigram_phrase():
    texts = [policies.Text(t) for t in CORPUS]
    analysis = policies.analyse(texts, policies.Vocabulary.build())
    assert ("anti", "social", "behaviour") in analysis.phrases
    # "anti-social behaviour", "Anti social behaviour", the en-dashed one, "Antisocial behaviour": the hyphenated and
    # spaced forms merge (4 + the en dash), "antisocial" is one word, ASB an abbreviation: synonyms join those.
    assert counts(analysis)["anti social behaviour"] == 4


def test_plurals_and_word_forms_merge_and_show_the_most_common_form(analysis):
    labels = counts(analysis)
    assert "burglaries" in labels and "burglary" not in labels  # 2 "burglaries", 2 "burglary": first seen wins a tie
    assert labels["street lights"] == 4  # "street lighting" and "street lights" merged, shown as written most
    assert "speeding car" not in labels and "cars speeding" not in labels  # either order, either number


def test_american_spellings_merge_with_british():
    vocab = policies.Vocabulary.build()
    assert policies.words("antisocial behavior") == ["antisocial", "behaviour"]
    runs = policies.chunks("Bad behavior in the neighborhood center", vocab)
    assert [surface for run in runs for _key, surface in run] == ["bad", "behaviour", "centre"]


def test_synonyms_merge_into_the_main_term_as_the_officer_wrote_it(analysis):
    labels = counts(analysis)
    assert labels["anti-social behaviour"] == 9
    assert not {"asb", "antisocial", "behaviour", "behavior", "anti"} & set(labels)


def test_stop_words_are_gone(analysis):
    labels = counts(analysis)
    for word in ("the", "on", "at", "in", "and", "every", "really", "nothing", "lots", "near"):
        assert word not in labels
    # Domain stop-words (officers edit them): "estate" and "local" say nothing about a concern here.
    assert "estate" not in labels and "local" not in labels


def test_officers_domain_stop_words_replace_the_defaults():
    vocab = policies.Vocabulary.build(domain_stop_words=["underpass"])
    labels = counts(policies.analyse([policies.Text(t) for t in CORPUS], vocab))
    assert "underpass" not in labels
    assert labels["estate"] == 2


def test_no_phrase_is_made_across_a_stop_word_or_a_full_stop():
    vocab = policies.Vocabulary.build()
    runs = policies.chunks("Cars on the road. Dogs barking", vocab)
    assert [[surface for _k, surface in run] for run in runs] == [["cars"], ["road"], ["dogs", "barking"]]


def test_each_response_counts_a_term_once(vocabulary, analysis):
    fresh = policies.Analysis(vocabulary=vocabulary, phrases=analysis.phrases)
    fresh.add("Speeding cars, speeding cars, speeding cars!")
    assert counts(fresh) == {"speeding cars": 1}


def test_themes_are_tagged_on_each_response(vocabulary):
    runs = policies.chunks("ASB and drug dealing by the garages", vocabulary)
    assert policies.themes_of(runs, vocabulary) == ["Anti-social behaviour", "Drugs"]
    runs = policies.chunks("Dealing drugs in the car park", vocabulary)
    assert policies.themes_of(runs, vocabulary) == ["Drugs"]
    assert policies.themes_of(policies.chunks("Lovely neighbours", vocabulary), vocabulary) == []


def test_theme_counts_in_the_corpus(analysis):
    assert analysis.themes == {
        "Speeding and parking": 10,
        "Anti-social behaviour": 9,
        "Litter and fly-tipping": 7,
        "Drugs": 5,
        "Burglary": 4,
        "Street lighting": 4,
    }


def test_theme_counts_by_ward_and_month(vocabulary):
    texts = [
        policies.Text("Speeding cars", ward="Bletchley East", date=datetime.date(2026, 5, 3)),
        policies.Text("cars speeding", ward="Bletchley East", date=datetime.date(2026, 6, 1)),
        policies.Text("speeding", ward="Olney", date=datetime.date(2026, 6, 9)),
        policies.Text("fly tipping", ward="Olney", date=datetime.date(2026, 6, 10)),
    ]
    analysis = policies.analyse(texts, vocabulary)
    assert analysis.theme_wards["Speeding and parking"] == {"Bletchley East": 2, "Olney": 1}
    assert analysis.theme_months["Speeding and parking"] == {"2026-05": 1, "2026-06": 2}
    assert analysis.theme_wards["Litter and fly-tipping"] == {"Olney": 1}


def test_one_new_response_updates_the_counts_as_a_full_run_would(vocabulary):
    texts = [policies.Text(t) for t in CORPUS]
    full = policies.analyse([*texts, policies.Text("Speeding cars and fly tipping")], vocabulary)
    incremental = policies.analyse(texts, vocabulary)
    restored = policies.Analysis.from_dict(incremental.to_dict(), vocabulary)
    restored.add("Speeding cars and fly tipping")
    assert restored.counts == full.counts
    assert restored.themes == full.themes
    assert restored.responses == len(CORPUS) + 1


def test_a_full_run_counts_exactly_what_adding_each_response_would(vocabulary):
    """The full run works per distinct segment and answer and counts in bulk; it must agree with one at a time."""
    wards, start = ["Bletchley East", "Olney", ""], datetime.date(2026, 5, 20)
    texts = [
        policies.Text(text, ward=wards[i % 3], date=start + datetime.timedelta(days=i) if i % 4 else None)
        for i, text in enumerate([*CORPUS, *CORPUS[:12], "", "...", "Speeding cars. Speeding cars, again!"])
    ]
    full = policies.analyse(texts, vocabulary)
    one_by_one = policies.Analysis(vocabulary=vocabulary, phrases=full.phrases)
    for text in texts:
        one_by_one.add(text.text, text.ward, text.date)
    assert full.to_dict() == one_by_one.to_dict()
    assert [(t.label, t.count) for t in full.top(50)] == [(t.label, t.count) for t in one_by_one.top(50)]
    reported = []
    in_steps = policies.analyse(texts, vocabulary, progress=lambda done, total: reported.append(done), every=7)
    assert in_steps.to_dict() == full.to_dict()
    assert reported[-1] == len(texts) and reported == sorted(reported)


def test_a_text_holding_the_separator_between_answers_stays_one_answer(vocabulary):
    texts = [policies.Text("Speeding cars\x00fly tipping"), policies.Text("Burglaries")]
    analysis = policies.analyse(texts, vocabulary)
    assert analysis.responses == analysis.with_terms == 2
    assert counts(analysis) == {"burglaries": 1, "cars": 1, "fly": 1, "speeding": 1, "tipping": 1}


def test_rounds_compared_by_share_of_responses():
    changes = policies.compare(
        {"Speeding": 10, "Burglary": 20}, 100, {"Speeding": 40, "Burglary": 10, "Drugs": 20}, 200
    )
    assert [(c.name, c.points, c.direction) for c in changes] == [
        ("Drugs", 10.0, "rose"),
        ("Speeding", 10.0, "rose"),
        ("Burglary", -15.0, "fell"),
    ]


def test_numbers_and_masks_never_become_words(vocabulary):
    runs = policies.chunks("Call 07700 900123 about 3 cars at 14 Saxon Gate, MK9 3EJ", vocabulary)
    surfaces = [surface for run in runs for _k, surface in run]
    assert surfaces == ["call", "cars"]
