"""Responses with written concerns, themes and imported text for the concern-analysis tests."""

import datetime
import itertools

from django.utils import timezone

from surveys import services as survey_services
from surveys.analysis.models import SynonymGroup, Theme
from surveys.models import Answer, Response
from tests.surveys.analysis import corpus

_counter = itertools.count()


def add_concerns(survey, texts, *, ward=None, day=datetime.date(2026, 6, 1), question="concerns"):
    """One submitted response per text, answering the survey's free-text question, in `ward` on `day`."""
    made = []
    for text in texts:
        response = Response.objects.create(
            survey=survey,
            respondent_key=survey_services.respondent_key(scope="concern-tests", identity=str(next(_counter))),
            ward=ward,
            submitted_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(12))),
        )
        Answer.objects.create(response=response, question=question, value=text)
        made.append(response)
    return made


def add_vocabulary():
    """The corpus's synonyms and themes, as officers would keep them."""
    for term, variants in corpus.SYNONYMS:
        SynonymGroup.objects.create(term=term, variants="\n".join(variants))
    for order, (name, terms) in enumerate(corpus.THEMES):
        Theme.objects.create(name=name, terms="\n".join(terms), sort_order=order)
