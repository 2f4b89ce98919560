"""Surveys for tests: built as officers build them, through the page's StreamField."""

import factory

from surveys.models import Poll, PollOption


def question(kind, reference, text=None, **extra):
    value = {
        "text": text or f"Question {reference}",
        "reference": reference,
        "help_text": extra.pop("help_text", ""),
        "required": extra.pop("required", True),
        "show_if_reference": extra.pop("show_if_reference", ""),
        "show_if_answer": extra.pop("show_if_answer", ""),
        "publish": extra.pop("publish", True),
        **extra,
    }
    return {"type": kind, "value": value}


def section(title, *questions, intro="", equality=False):
    return {
        "type": "section",
        "value": {"title": title, "intro": intro, "equality_monitoring": equality, "questions": list(questions)},
    }


def make_survey(parent, *, sections=None, slug=None, **fields):
    """Add and publish a survey under `parent` (the demo's Safer neighbourhoods questions by default)."""
    from surveys.demo import SECTIONS
    from surveys.models import SurveyPage

    make_survey.counter += 1
    page = parent.add_child(
        instance=SurveyPage(
            title=fields.pop("title", f"Survey {make_survey.counter}"),
            slug=slug or f"survey-{make_survey.counter}",
            sections=sections if sections is not None else SECTIONS,
            **fields,
        )
    )
    page.save_revision().publish()
    return SurveyPage.objects.get(pk=page.pk)


make_survey.counter = 0


class PollFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Poll

    question = factory.Sequence(lambda n: f"What should we tackle first? ({n})")

    @factory.post_generation
    def options(self, create, extracted, **kwargs):
        for text in extracted or ("Speeding", "Litter", "Noise"):
            PollOption.objects.create(poll=self, text=text)
