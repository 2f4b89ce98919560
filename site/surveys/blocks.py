"""The blocks officers build surveys and polls from in the Wagtail admin.

Why a StreamField and not an InlinePanel of question models: a survey is sections, each holding questions of
ten different kinds, each kind with its own settings (choices and "other" for choice questions, limits for
numbers, the top of a rating). A StreamField gives every kind its own small form, nests questions inside
sections (Wagtail cannot nest InlinePanels), lets officers reorder by dragging, and keeps the whole
questionnaire in the page's revisions, so a draft, a preview and a rollback cover the questions too.
Answers point at a question by its short name (`reference`), which officers choose and which names the
column in exports and the condition of a conditional question.
"""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from surveys.policies import REFERENCE_PATTERN, Kind


class QuestionBlock(blocks.StructBlock):
    """What every question has: its words, a short name, whether it must be answered, and when it shows."""

    text = blocks.CharBlock(label="Question", max_length=300)
    reference = blocks.CharBlock(
        label="Short name",
        max_length=50,
        help_text="Names this question in exports and conditions, e.g. crime-perception. Small letters, numbers, hyphens.",
    )
    help_text = blocks.CharBlock(required=False, max_length=300, label="Hint", help_text="Shown under the question.")
    required = blocks.BooleanBlock(required=False, default=True, help_text="Residents must answer it.")
    show_if_reference = blocks.CharBlock(
        required=False,
        label="Only show if question",
        help_text="The short name of a question in an earlier section. Leave empty to always show.",
    )
    show_if_answer = blocks.CharBlock(required=False, label="... was answered", help_text="The answer, exactly.")
    publish = blocks.BooleanBlock(
        required=False,
        default=True,
        label="Publish the results of this question",
        help_text="Only published questions appear on the public results page (free text never does).",
    )

    class Meta:
        icon = "help"
        form_classname = "struct-block survey-question"

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if not REFERENCE_PATTERN.match(value.get("reference") or ""):
            errors["reference"] = ValidationError(
                "Use small letters, numbers and single hyphens, like crime-perception."
            )
        if bool(value.get("show_if_reference")) != bool(value.get("show_if_answer")):
            errors["show_if_answer"] = ValidationError("Give both the question and the answer, or neither.")
        if errors:
            raise blocks.StructBlockValidationError(block_errors=errors)
        return value


class ChoiceQuestionBlock(QuestionBlock):
    choices = blocks.ListBlock(blocks.CharBlock(max_length=200, label="Answer"), min_num=2, label="Answers")
    allow_other = blocks.BooleanBlock(
        required=False, label='Add "Other" with a box to say what', help_text="Adds an answer “Other”."
    )


class NumberQuestionBlock(QuestionBlock):
    minimum = blocks.IntegerBlock(required=False, label="Smallest number allowed")
    maximum = blocks.IntegerBlock(required=False, label="Largest number allowed")


class RatingQuestionBlock(QuestionBlock):
    maximum = blocks.ChoiceBlock(
        choices=[("5", "1 to 5"), ("10", "1 to 10")], default="5", label="Scale", help_text="1 is the lowest."
    )


class QuestionStreamBlock(blocks.StreamBlock):
    single_choice = ChoiceQuestionBlock(label="Single choice")
    multiple_choice = ChoiceQuestionBlock(label="Multiple choice", icon="list-ul")
    agreement_scale = QuestionBlock(label="Agreement scale (strongly agree to strongly disagree)", icon="order")
    short_text = QuestionBlock(label="Short text", icon="pilcrow")
    long_text = QuestionBlock(label="Long text", icon="doc-full")
    number = NumberQuestionBlock(label="Number", icon="plus")
    date = QuestionBlock(label="Date", icon="date")
    ward = QuestionBlock(label="Ward", icon="site")
    postcode = QuestionBlock(label="UK postcode (finds the ward)", icon="pick")
    rating = RatingQuestionBlock(label="Rating", icon="pick")


class SectionBlock(blocks.StructBlock):
    """A section of a survey: one page of questions for the resident."""

    title = blocks.CharBlock(max_length=150, help_text="The page heading residents see for this section.")
    intro = blocks.TextBlock(required=False, help_text="A sentence or two before the questions.")
    equality_monitoring = blocks.BooleanBlock(
        required=False,
        label="Equality monitoring",
        help_text="Every question here is optional and residents can skip the section. Its answers are "
        "special category data: reported only in totals, never per ward in public.",
    )
    questions = QuestionStreamBlock()

    class Meta:
        icon = "folder-open-inverse"


def questions_from_stream(sections):
    """Turn a `sections` StreamField value into the pure `Questionnaire` the rules work on."""
    from surveys.policies import Condition, Question, Questionnaire, Section

    built = []
    for section_block in sections:
        section = section_block.value
        questions = []
        for block in section["questions"]:
            value = block.value
            show_if = None
            if value.get("show_if_reference") and value.get("show_if_answer"):
                show_if = Condition(value["show_if_reference"].strip(), value["show_if_answer"].strip())
            maximum = value.get("maximum")
            questions.append(
                Question(
                    reference=value["reference"],
                    kind=Kind(block.block_type),
                    text=value["text"],
                    help_text=value.get("help_text") or "",
                    required=bool(value.get("required")) and not section["equality_monitoring"],
                    choices=tuple(value.get("choices") or ()),
                    allow_other=bool(value.get("allow_other")),
                    minimum=value.get("minimum"),
                    maximum=int(maximum) if maximum not in (None, "") else None,
                    show_if=show_if,
                    publish=bool(value.get("publish")),
                )
            )
        built.append(
            Section(
                title=section["title"],
                intro=section.get("intro") or "",
                equality_monitoring=bool(section["equality_monitoring"]),
                questions=tuple(questions),
            )
        )
    return Questionnaire(sections=tuple(built))


class PollBlock(blocks.StructBlock):
    """A quick poll (seed 003: Havant's monthly poll) that any page can embed: one question, one vote each."""

    poll = SnippetChooserBlock("surveys.Poll")

    class Meta:
        icon = "tasks"
        template = "surveys/blocks/poll.html"
