"""Running, caching and updating analyses; pictures that render offline; importing free text; publishing."""

import datetime
import io

import pytest
from django.utils import timezone
from PIL import Image

from core.exceptions import DomainError
from surveys.analysis import querysets, results, services
from surveys.analysis.models import CachedAnalysis, ConcernPublication, ImportedText, StopWord, TextSet
from surveys.analysis.redaction import ADDRESS, EMAIL
from tests.surveys.analysis.factories import add_concerns

pytestmark = pytest.mark.django_db
NOW = timezone.make_aware(datetime.datetime(2026, 9, 1, 9))


def analysed(survey, **filters):
    return services.analysis_for(services.Source(survey=survey, question="concerns", **filters), now=NOW)


def test_a_survey_question_is_analysed_with_the_officers_vocabulary(answered):
    cached = analysed(answered)
    assert cached.status == CachedAnalysis.Status.DONE
    assert cached.total == cached.done == 40
    shown = results.present(cached, querysets.vocabulary())
    assert [(t.label, t.count) for t in shown.top[:4]] == [
        ("speeding cars", 10),
        ("anti-social behaviour", 9),
        ("fly tipping", 6),
        ("drug dealing", 5),
    ]
    assert shown.themes[0].name == "Speeding and parking" and shown.themes[0].count == 10


def test_the_word_cloud_renders_offline_with_its_font_embedded(answered, monkeypatch):
    import nltk

    monkeypatch.setattr(nltk, "download", lambda *a, **k: pytest.fail("nothing may be downloaded"))
    cached = analysed(answered)
    image = Image.open(io.BytesIO(bytes(cached.png)))
    assert image.format == "PNG" and image.size == (900, 480)
    assert "@font-face" in cached.svg and "base64," in cached.svg
    assert "speeding cars" in cached.svg and "anti-social behaviour" in cached.svg


def test_the_alt_text_and_the_table_match_the_frequencies(answered):
    cached = analysed(answered)
    shown = results.present(cached, querysets.vocabulary())
    assert shown.alt == (
        "Word cloud of the words and phrases residents used most in 40 answers. Largest: speeding cars (10), "
        "anti-social behaviour (9), fly tipping (6), drug dealing (5) and burglaries (4). The table lists every count."
    )
    assert f"<title>{shown.alt}</title>" in cached.svg
    counts = cached.result["counts"]
    assert [(t.key, t.count) for t in shown.top] == sorted(counts.items(), key=lambda kc: (-kc[1], kc[0]))[:50]


def test_an_analysis_is_cached_and_a_vocabulary_edit_gives_a_new_one(answered):
    first = analysed(answered)
    assert analysed(answered).pk == first.pk
    StopWord.objects.create(word="underpass")
    second = analysed(answered)
    assert second.pk != first.pk
    assert "underpass" not in second.result["counts"]


def test_filters_by_ward_date_and_theme(answered, wards):
    assert analysed(answered, ward=wards[1]).total == 10
    assert analysed(answered, theme="Drugs").result["counts"]["dealing drug"] == 5
    assert analysed(answered, theme="Drugs").total == 5
    assert analysed(answered, date_from=datetime.date(2026, 6, 2)).total == 0


def test_a_large_analysis_runs_in_the_background_with_progress(answered, django_capture_on_commit_callbacks):
    source = services.Source(survey=answered, question="concerns")
    with django_capture_on_commit_callbacks(execute=True):
        cached = services.analysis_for(source, now=NOW, inline_limit=5)
        assert cached.status == CachedAnalysis.Status.WAITING and cached.total == 40
    cached.refresh_from_db()
    assert cached.status == CachedAnalysis.Status.DONE and cached.done == cached.total == 40
    assert services.build(cached.pk).status == CachedAnalysis.Status.DONE  # safe to run twice


def test_one_new_response_updates_the_cached_counts(answered, wards, django_capture_on_commit_callbacks):
    whole = analysed(answered)
    other_ward = analysed(answered, ward=wards[1])
    before = dict(whole.result["counts"])
    with django_capture_on_commit_callbacks(execute=True):
        add_concerns(answered, ["Speeding cars and fly tipping again"], ward=wards[0])
    whole.refresh_from_db()
    other_ward.refresh_from_db()
    assert whole.result["counts"]["car speed"] == before["car speed"] + 1
    assert whole.result["counts"]["fly tipping"] == before["fly tipping"] + 1
    assert whole.result["themes"]["Speeding and parking"] == 11
    assert whole.total == 41
    assert other_ward.total == 10  # the response is from another ward
    # The task is safe to run twice, and a response the full run already read is never added again.
    new = answered.responses.order_by("pk").last()
    assert services.add_response(response=new) == 0
    assert services.add_response(response=answered.responses.order_by("pk").first()) == 0
    whole.refresh_from_db()
    assert whole.total == 41


def test_a_response_submitted_while_a_rebuild_runs_is_counted_when_it_finishes(answered, wards, monkeypatch):
    """The gap: a response arriving while a large analysis is counted in the background (its own add_response
    finding the analysis still running) is added when the run finishes, once, not at the next rebuild."""
    from surveys.analysis import policies

    cached = services.analysis_for(services.Source(survey=answered, question="concerns"), now=NOW, inline_limit=5)
    assert cached.status == CachedAnalysis.Status.WAITING
    analyse = policies.analyse
    arrived = []

    def analyse_while_residents_answer(texts, vocab, **kwargs):
        texts = list(texts)
        (response,) = add_concerns(answered, ["Speeding cars and fly tipping by the shops"], ward=wards[0])
        arrived.append(response)
        # Its task runs now, mid-build: the analysis is running, so it is left to the build.
        assert CachedAnalysis.objects.get(pk=cached.pk).status == CachedAnalysis.Status.RUNNING
        assert services.add_response(response=response) == 0
        return analyse(texts, vocab, **kwargs)

    monkeypatch.setattr(policies, "analyse", analyse_while_residents_answer)
    built = services.build(cached.pk)
    assert built.status == CachedAnalysis.Status.DONE
    assert built.total == built.done == 41 and built.result["responses"] == 41
    assert built.result["counts"]["car speed"] == 11 and built.result["counts"]["fly tipping"] == 7
    assert built.result["themes"]["Speeding and parking"] == 11
    assert built.result["added"] == [arrived[0].pk]
    # Its task running late, after the build, adds nothing twice.
    assert services.add_response(response=arrived[0]) == 0
    built.refresh_from_db()
    assert built.total == 41


def test_a_response_confirmed_by_email_after_a_full_run_is_added(answered, wards):
    from surveys.models import Response

    (waiting,) = add_concerns(answered, ["Burglaries on our road"], ward=wards[0])
    Response.objects.filter(pk=waiting.pk).update(status=Response.Status.AWAITING_CONFIRMATION)
    add_concerns(answered, ["Drug dealing by the garages"], ward=wards[0])  # a newer response, counted now
    whole = analysed(answered)
    assert whole.total == 41 and whole.result["waiting"] == [waiting.pk]
    waiting.refresh_from_db()
    waiting.status = Response.Status.SUBMITTED
    waiting.save(update_fields=["status"])
    assert services.add_response(response=waiting) == 1
    whole.refresh_from_db()
    assert whole.total == 42 and whole.result["counts"]["burglary"] == 5
    assert services.add_response(response=waiting) == 0  # once


def test_removed_responses_make_the_analyses_be_rebuilt(answered):
    analysed(answered)
    answered.responses.first().delete()
    assert not CachedAnalysis.objects.exists()
    assert analysed(answered).total == 39


def test_free_text_is_imported_redacted_and_analysed_the_same_way(officer, wards):
    csv_text = (
        "Question,Ward,Date\n"
        f"Speeding cars outside 14 Saxon Gate,{wards[0].name},2026-03-04\n"
        "Why is nobody tackling speeding cars? email me jo@example.org,,04/03/2026\n"
        ",,\n"
        "Speeding cars again,Nowhere,not a date\n"
        "Fly tipping and speeding cars,,\n"
    )
    report = services.import_text_set(
        name="Face the Public, March", description="", csv_text=csv_text, user=officer, now=NOW
    )
    assert report.imported == 3
    assert [number for number, _reason in report.skipped] == [4, 5]
    texts = list(ImportedText.objects.order_by("pk").values_list("text", "ward", "written_on"))
    assert texts[0] == (f"Speeding cars outside {ADDRESS}", wards[0].pk, datetime.date(2026, 3, 4))
    assert EMAIL in texts[1][0] and texts[1][2] == datetime.date(2026, 3, 4)
    cached = services.analysis_for(services.Source(text_set=report.text_set), now=NOW)
    assert cached.result["counts"]["car speed"] == 3


def test_an_import_without_a_text_column_is_refused_and_keeps_nothing(officer):
    with pytest.raises(DomainError, match="column called “text”"):
        services.import_text_set(name="Bad", description="", csv_text="ward,date\nx,y\n", user=officer, now=NOW)
    assert not TextSet.objects.exists()


def test_publishing_needs_a_written_answer_question_and_unpublishing_removes_it(answered, officer):
    with pytest.raises(DomainError):
        services.publish_concerns(
            survey=answered, question="age", show_cloud=True, show_table=True, show_themes=True, user=officer, now=NOW
        )
    services.publish_concerns(
        survey=answered, question="concerns", show_cloud=True, show_table=False, show_themes=True, user=officer, now=NOW
    )
    assert ConcernPublication.objects.get().show_table is False
    services.publish_concerns(
        survey=answered,
        question="concerns",
        show_cloud=False,
        show_table=False,
        show_themes=False,
        user=officer,
        now=NOW,
    )
    assert not ConcernPublication.objects.exists()


def test_retention_forgets_old_imports_and_caches(officer, answered):
    from core import retention

    services.import_text_set(name="Old", description="", csv_text="text\nspeeding\n", user=officer, now=NOW)
    analysed(answered)
    deleted = retention.apply_all(now=NOW + datetime.timedelta(days=3 * 365 + 1))
    assert deleted["concern-imported-text"] >= 1
    assert deleted["concern-cached-analyses"] >= 1
    assert not TextSet.objects.exists() and not CachedAnalysis.objects.exists()


def test_the_demo_analyses_the_demo_surveys_concerns_with_themes_linked_to_priorities(demo_site):
    from partnership import demo as partnership_demo
    from surveys import demo as survey_demo
    from surveys.analysis import demo
    from surveys.analysis.models import Theme

    partnership_demo.load()
    survey_demo.load()
    cached = demo.load()
    again = demo.load()  # idempotent
    assert again.pk == cached.pk and Theme.objects.count() == len(demo.THEMES)
    assert Theme.objects.get(name="Litter and fly-tipping").priority.title == "Sustainable community support"
    assert cached.status == CachedAnalysis.Status.DONE and cached.public_png
    themes = cached.result["themes"]
    assert themes["Speeding and parking"] > themes["Noise"] > 0
    assert ConcernPublication.objects.get().question == "concerns"
