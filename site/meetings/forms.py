"""Public forms for meetings (booking, a question on its own) and the staff check-in search."""

from django import forms

from core.protection import ProtectedForm
from meetings.models import Adjustment

NAME = {
    "max_length": 100,
    "label": "Your name",
    "error_messages": {"required": "Enter your name", "max_length": "Your name must be 100 characters or fewer"},
    "widget": forms.TextInput(attrs={"autocomplete": "name"}),
}
EMAIL_ERRORS = {
    "required": "Enter your email address",
    "invalid": "Enter an email address in the correct format, like name@example.com",
}


class BookingForm(ProtectedForm):
    """Book seats without an account (issue 7, 2): reasonable adjustments and a question are optional."""

    form_name = "meeting-booking"

    name = forms.CharField(**NAME)
    email = forms.EmailField(
        label="Email address",
        help_text="We send your booking code and a link to change or cancel your booking here.",
        error_messages=EMAIL_ERRORS,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    phone = forms.CharField(
        required=False,
        max_length=30,
        label="Phone number (optional)",
        help_text="Only if you would like us to call you about your booking or access needs.",
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    seats = forms.TypedChoiceField(
        coerce=int,
        label="How many seats do you need?",
        error_messages={"required": "Select how many seats you need"},
    )
    adjustments = forms.MultipleChoiceField(
        required=False,
        choices=Adjustment.choices,
        widget=forms.CheckboxSelectMultiple,
        label="Do you need any of these to take part? (optional)",
        help_text="We will tell the organiser so it is ready on the night. Select all that apply.",
    )
    adjustments_detail = forms.CharField(
        required=False,
        max_length=1000,
        label="Tell us more about what you need (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Write 1,000 characters or fewer about what you need"},
    )
    question = forms.CharField(
        required=False,
        max_length=2000,
        label="Your question for the panel (optional)",
        help_text="Questions about one person's case cannot be answered in public.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": "Your question must be 2,000 characters or fewer"},
    )
    consent = forms.BooleanField(
        label="I agree that the partnership keeps these details to run the meeting, and deletes them 6 months after",
        error_messages={"required": "Tick the box to agree that we keep your details to run the meeting"},
    )

    def __init__(self, *args, max_seats=4, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seats"].choices = [(n, str(n)) for n in range(1, max_seats + 1)]

    def clean(self):
        data = super().clean()
        if Adjustment.OTHER in data.get("adjustments", []) and not data.get("adjustments_detail", "").strip():
            self.add_error("adjustments_detail", "Tell us what else you need")
        return data


class QuestionForm(ProtectedForm):
    """A question for the panel without booking a seat (FP-008)."""

    form_name = "meeting-question"

    name = forms.CharField(**NAME)
    email = forms.EmailField(
        label="Email address",
        help_text="So we can tell you when the answer is published.",
        error_messages=EMAIL_ERRORS,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    text = forms.CharField(
        max_length=2000,
        label="Your question for the panel",
        help_text="Questions about one person's case cannot be answered in public.",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": "Enter your question",
            "max_length": "Your question must be 2,000 characters or fewer",
        },
    )


class CheckInSearchForm(forms.Form):
    q = forms.CharField(
        required=False,
        max_length=100,
        label="Name or booking code",
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off", "spellcheck": "false"}),
    )


class AcceptQuestionForm(forms.Form):
    priority = forms.ModelChoiceField(
        queryset=None, required=False, label="Link to a priority (optional)", empty_label="No priority"
    )

    def __init__(self, *args, **kwargs):
        from partnership.models import PriorityPage

        super().__init__(*args, **kwargs)
        self.fields["priority"].queryset = PriorityPage.objects.live().order_by("title")


class MergeQuestionForm(forms.Form):
    into = forms.ModelChoiceField(
        queryset=None, label="Same as", error_messages={"required": "Select the question it repeats"}
    )

    def __init__(self, *args, question, **kwargs):
        from meetings.models import Question

        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = (
            Question.objects.filter(meeting_id=question.meeting_id).exclude(pk=question.pk).exclude(status="merged")
        )


class DeclineQuestionForm(forms.Form):
    reason = forms.CharField(
        label="Reason", max_length=500, error_messages={"required": "Give a reason for declining the question"}
    )


class AnswerQuestionForm(forms.Form):
    answer = forms.CharField(
        label="The panel's answer",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Write the panel's answer"},
    )
    answered_by = forms.CharField(label="Answered by (name, role, agency)", max_length=150, required=False)
    follow_up = forms.CharField(
        label="What the partnership will do (optional)",
        help_text='Becomes a "You said, we did" item for a communications officer to publish.',
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
