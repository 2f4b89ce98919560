"""Reads for the concern analysis: the officer-edited vocabulary, and the free text to analyse with its ward
and date (from a survey question through `Answer.objects.free_text`, or from an imported set)."""

import hashlib
import json

from django.db.models import Max

from surveys.analysis import policies
from surveys.analysis.models import ImportedText, StopWord, SynonymGroup, Theme
from surveys.analysis.redaction import redact_many
from surveys.models import Answer, Response


def vocabulary():
    """The pipeline's Vocabulary from the themes, stop-words and synonyms officers keep (three small queries)."""
    return policies.Vocabulary.build(
        domain_stop_words=list(StopWord.objects.values_list("word", flat=True)),
        synonyms=[(group.term, group.variant_list()) for group in SynonymGroup.objects.all()],
        themes=[(theme.name, theme.term_list()) for theme in Theme.objects.all()],
    )


def fingerprint(vocab):
    """A short hash of a vocabulary: an edit to any list gives every analysis a new cache key."""
    data = [sorted(vocab.stop_words), [[*map(list, s[:2]), s[2]] for s in vocab.synonyms]]
    data.append([[t.name, sorted(map(list, t.terms))] for t in vocab.themes])
    return hashlib.sha256(json.dumps(data).encode()).hexdigest()[:16]


def counted_responses(survey, *, ward=None, date_from=None, date_to=None, through=None):
    """The survey's responses that count, within the filters, and none newer than response `through` if given."""
    responses = (
        Response.objects.filter(survey=survey).counted().filtered(ward=ward, date_from=date_from, date_to=date_to)
    )
    return responses if through is None else responses.filter(pk__lte=through)


def survey_texts(survey, question, *, ward=None, date_from=None, date_to=None, through=None):
    """The counted responses' answers to one free-text question, redacted, as pipeline Texts (in date order),
    each with its response's id as `ref`."""
    responses = counted_responses(survey, ward=ward, date_from=date_from, date_to=date_to, through=through)
    rows = [
        row
        for row in Answer.objects.free_text(question)
        .filter(response__in=responses)
        .values_list("value", "response__ward__name", "response__submitted_at", "response_id")
        .iterator(chunk_size=2000)
        if row[0].strip()
    ]
    redacted = redact_many([value for value, *_rest in rows])
    return [
        policies.Text(text=text, ward=ward_name or "", date=submitted.date(), ref=response_id)
        for text, (_value, ward_name, submitted, response_id) in zip(redacted, rows, strict=True)
    ]


def newest_response(survey):
    """The id of the survey's newest response (0 if none): where a full analysis stops reading."""
    return Response.objects.filter(survey=survey).aggregate(newest=Max("pk"))["newest"] or 0


def uncounted_responses(survey, through):
    """Ids of the survey's responses up to `through` that do not count yet (waiting for email confirmation):
    they are added to an analysis when they do."""
    counted = Response.objects.filter(survey=survey).counted()
    waiting = Response.objects.filter(survey=survey, pk__lte=through).exclude(pk__in=counted.values("pk"))
    return list(waiting.values_list("pk", flat=True))


def text_set_texts(text_set, *, ward=None, date_from=None, date_to=None):
    """An imported set's texts (stored already redacted), filtered the same way as a survey's."""
    texts = ImportedText.objects.filter(text_set=text_set)
    if ward is not None:
        texts = texts.filter(ward=ward)
    if date_from:
        texts = texts.filter(written_on__gte=date_from)
    if date_to:
        texts = texts.filter(written_on__lte=date_to)
    return [
        policies.Text(text=value, ward=ward_name or "", date=written_on)
        for value, ward_name, written_on in texts.values_list("text", "ward__name", "written_on").iterator()
    ]


def free_text_questions(survey):
    """[(reference, text)] of a survey's free-text questions."""
    return [(q.reference, q.text) for q in survey.questionnaire().questions() if q.is_free_text]
