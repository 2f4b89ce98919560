"""The forms residents answer: one per section, built from its questions, with GOV.UK-style messages."""

import datetime

from django import forms
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator

from core.forms import PostcodeField, whole_number
from core.protection import ProtectedForm
from surveys.policies import LONG_TEXT_MAX, OTHER_OPTION, OTHER_SUFFIX, SHORT_TEXT_MAX, Kind

# Numbers residents type are stored in a 32-bit column; nobody needs more for a survey answer.
NUMBER_LIMIT = 1_000_000_000
EARLIEST_YEAR, LATEST_YEAR = 1900, 2100


def _short(text, size=80):
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


class DateInput(forms.MultiWidget):
    """Day, month and year boxes (the GOV.UK date input); rendered by surveys/fields/date.html."""

    def __init__(self, attrs=None):
        box = {"inputmode": "numeric", "spellcheck": "false"}
        super().__init__([forms.TextInput(box), forms.TextInput(box), forms.TextInput(box)], attrs)

    def decompress(self, value):
        if isinstance(value, str) and value:
            try:
                date = datetime.date.fromisoformat(value)
            except ValueError:
                return [None, None, None]
            return [date.day, date.month, date.year]
        return [None, None, None]


class DateField(forms.MultiValueField):
    """A date typed as day, month and year, returned as "YYYY-MM-DD", with messages that say what is wrong."""

    widget = DateInput

    def __init__(self, *, label_text, **kwargs):
        self.label_text = label_text
        fields = [forms.CharField(max_length=4, required=False) for _ in range(3)]
        super().__init__(fields, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        if not data_list or not any(part not in (None, "") for part in data_list):
            return ""
        day, month, year = ((part or "").strip() for part in data_list)
        names = [name for name, part in (("day", day), ("month", month), ("year", year)) if not part]
        if names:
            raise forms.ValidationError(f"The date must include a {' and a '.join(names)}", code="incomplete")
        if None in (whole_number(day), whole_number(month), whole_number(year)):
            raise forms.ValidationError("Enter the date in numbers, like 27 3 2024", code="invalid")
        if len(year) != 4:
            raise forms.ValidationError("The year must include 4 numbers, like 2024", code="invalid")
        try:
            date = datetime.date(int(year), int(month), int(day))
        except ValueError as exc:
            raise forms.ValidationError("The date must be a real date, like 27 3 2024", code="invalid") from exc
        if not EARLIEST_YEAR <= date.year <= LATEST_YEAR:
            raise forms.ValidationError(
                f"The date must be between {EARLIEST_YEAR} and {LATEST_YEAR}", code="out_of_range"
            )
        return date.isoformat()


def field_for(question, wards):
    """The Django form field that asks `question` (its answer comes back in the shape policies describes)."""
    kind, text = question.kind, question.text
    common = {"label": text, "help_text": question.help_text, "required": question.required}
    if kind in (Kind.SINGLE_CHOICE, Kind.AGREEMENT_SCALE, Kind.RATING):
        return forms.ChoiceField(
            choices=[(o, o) for o in question.options],
            widget=forms.RadioSelect,
            error_messages={
                "required": f"Select an answer to “{_short(text)}”",
                "invalid_choice": f"Select one of the answers to “{_short(text)}”",
            },
            **common,
        )
    if kind == Kind.MULTIPLE_CHOICE:
        return forms.MultipleChoiceField(
            choices=[(o, o) for o in question.options],
            widget=forms.CheckboxSelectMultiple,
            error_messages={
                "required": f"Select at least one answer to “{_short(text)}”",
                "invalid_choice": f"Select from the answers to “{_short(text)}”",
            },
            **common,
        )
    if kind in (Kind.SHORT_TEXT, Kind.LONG_TEXT):
        limit = SHORT_TEXT_MAX if kind == Kind.SHORT_TEXT else LONG_TEXT_MAX
        return forms.CharField(
            max_length=limit,
            widget=forms.TextInput if kind == Kind.SHORT_TEXT else forms.Textarea(attrs={"rows": 5}),
            error_messages={
                "required": f"Enter your answer to “{_short(text)}”",
                "max_length": f"Your answer must be {limit:,} characters or fewer",
                "null_characters_not_allowed": "Your answer contains a character we cannot store; remove it",
            },
            **common,
        )
    if kind == Kind.NUMBER:
        low = question.minimum if question.minimum is not None else -NUMBER_LIMIT
        high = question.maximum if question.maximum is not None else NUMBER_LIMIT
        field = forms.IntegerField(
            widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
            error_messages={
                "required": f"Enter a number for “{_short(text)}”",
                "invalid": "Enter a whole number, like 3",
            },
            **common,
        )
        field.validators = [
            MinValueValidator(low, message=f"The number must be {low:,} or more"),
            MaxValueValidator(high, message=f"The number must be {high:,} or less"),
        ]
        return field
    if kind == Kind.DATE:
        return DateField(
            label_text=text,
            error_messages={"required": f"Enter a date for “{_short(text)}”", "incomplete": "Enter the full date"},
            **common,
        )
    if kind == Kind.WARD:
        return forms.ChoiceField(
            choices=[("", "Choose a ward"), *wards],
            error_messages={
                "required": "Select your ward",
                "invalid_choice": "Select a ward from the list",
            },
            **common,
        )
    if kind == Kind.POSTCODE:
        field = PostcodeField(**{**common, "help_text": question.help_text or "For example, MK9 3EJ"})
        field.error_messages["required"] = "Enter your postcode, like MK9 3EJ"
        field.validators = [
            *(v for v in field.validators if not isinstance(v, MaxLengthValidator)),
            MaxLengthValidator(10, message="That postcode is too long. Enter a postcode like MK9 3EJ."),
        ]
        return field
    raise ValueError(f"No form field for {kind}")


class SectionForm(ProtectedForm):
    """One section of a survey: the questions a resident with the answers so far is shown."""

    form_name = "survey-section"

    def __init__(self, *args, questions, wards=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[question.reference] = field_for(question, wards)
            if question.allow_other:
                self.fields[question.reference + OTHER_SUFFIX] = forms.CharField(
                    required=False,
                    max_length=SHORT_TEXT_MAX,
                    label=f"If you chose “{OTHER_OPTION}”, say what",
                    error_messages={"max_length": f"Your answer must be {SHORT_TEXT_MAX} characters or fewer"},
                )
        # The honeypot and token come first in the class; keep the questions in the officer's order after them.
        self.order_fields([name for name in self.fields if name not in ("website", "submission_token")])

    @staticmethod
    def initial_from(questions, answers):
        initial = {}
        for question in questions:
            value = answers.get(question.reference)
            if value is None:
                continue
            if question.kind == Kind.RATING:
                value = str(value)
            elif question.kind == Kind.DATE:
                value = DateInput().decompress(value)
            initial[question.reference] = value
            if question.allow_other:
                initial[question.reference + OTHER_SUFFIX] = answers.get(question.reference + OTHER_SUFFIX, "")
        return initial

    def clean(self):
        cleaned = super().clean()
        for question in self.questions:
            if not question.allow_other:
                continue
            chosen = cleaned.get(question.reference)
            chose_other = chosen == OTHER_OPTION or (isinstance(chosen, list) and OTHER_OPTION in chosen)
            other = question.reference + OTHER_SUFFIX
            if chose_other and not (cleaned.get(other) or "").strip():
                self.add_error(other, f"Say what you mean by “{OTHER_OPTION}”")
        return cleaned

    def answers(self):
        """The cleaned answers in the shape the survey rules expect (see surveys.policies)."""
        answers = {}
        for question in self.questions:
            value = self.cleaned_data.get(question.reference)
            if value in (None, "", []):
                continue
            answers[question.reference] = int(value) if question.kind == Kind.RATING else value
            other = question.reference + OTHER_SUFFIX
            if question.allow_other and self.cleaned_data.get(other):
                answers[other] = self.cleaned_data[other].strip()
        return answers

    def question_fields(self):
        """(question, bound field, "other" bound field or None) in order, for the template."""
        return [
            (
                question,
                self[question.reference],
                self[question.reference + OTHER_SUFFIX] if question.allow_other else None,
            )
            for question in self.questions
        ]


class SubmitForm(ProtectedForm):
    """The check-your-answers page's button: its one-time token makes twenty identical posts one response."""

    form_name = "survey-submit"


class ConfirmByEmailForm(SubmitForm):
    email = forms.EmailField(
        label="Email address",
        help_text="We will send you a link to confirm your answers. We do not keep your email address.",
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )


class SaveForLaterForm(ProtectedForm):
    form_name = "survey-save"

    email = forms.EmailField(
        label="Email address",
        help_text="We will email you a link to come back to your answers. We do not keep your email address.",
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )


class PollForm(ProtectedForm):
    form_name = "poll"

    def __init__(self, *args, poll, **kwargs):
        kwargs["prefix"] = kwargs.get("prefix") or f"poll-{poll.pk}"  # two polls on one page keep their own ids
        super().__init__(*args, **kwargs)
        self.poll = poll
        self.fields["option"] = forms.TypedChoiceField(
            label=poll.question,
            coerce=int,
            choices=[(option.pk, option.text) for option in poll.options.all()],
            widget=forms.RadioSelect,
            error_messages={"required": "Select an answer", "invalid_choice": "Select one of the answers"},
        )


class ImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text="The first row names the columns: reference, submitted_at, ward and one column per question "
        "short name (the same columns as the CSV export).",
        error_messages={"required": "Choose a CSV file"},
    )


class PopulationImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file of ward populations",
        help_text="Columns: ward_code, population (for example ONS mid-year estimates).",
        error_messages={"required": "Choose a CSV file"},
    )
    source = forms.CharField(label="Source", max_length=200, required=False)


class ResultsFilterForm(forms.Form):
    ward = forms.ChoiceField(label="Ward", required=False)
    date_from = forms.DateField(
        label="From", required=False, widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter a real date"},
    )  # fmt: skip
    date_to = forms.DateField(
        label="To", required=False, widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter a real date"},
    )  # fmt: skip

    def __init__(self, *args, wards=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ward"].choices = [("", "All wards"), *wards]
