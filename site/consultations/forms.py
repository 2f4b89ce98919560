"""Forms for the engagement ladder: the hub's filters, "tell me what came of it", alerts, joining a group and
publishing a group's output. Public forms are ProtectedForms (honeypot, one-time token, rate limits)."""

from urllib.parse import urlencode

from django import forms
from taggit.models import Tag

from consultations import policies
from core.engagement import EngagementLevel
from core.models import Ward
from core.protection import ProtectedForm

EMAIL_ERRORS = {
    "required": "Enter your email address",
    "invalid": "Enter an email address in the correct format, like name@example.com",
}


def _email_field(help_text):
    return forms.EmailField(
        label="Email address",
        help_text=help_text,
        error_messages=EMAIL_ERRORS,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )


class HubFilterForm(forms.Form):
    """The hub's filters, sent by GET so a filtered list has its own address and works without JavaScript."""

    level = forms.ChoiceField(required=False, label="Rung of the ladder")
    status = forms.ChoiceField(required=False, label="Status")
    ward = forms.ModelChoiceField(
        queryset=Ward.objects.none(), required=False, label="Ward", to_field_name="code", empty_label="All wards"
    )
    topic = forms.ChoiceField(required=False, label="Topic")

    def __init__(self, *args, activities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = [("", "All rungs"), *EngagementLevel.choices]
        self.fields["status"].choices = [("", "Any status")] + [
            (status.value, status.label) for status in policies.STATUS_ORDER
        ]
        self.fields["ward"].queryset = Ward.objects.order_by("name")
        topics = (
            Tag.objects.filter(consultations_consultationpagetag_items__content_object__in=activities)
            .distinct()
            .order_by("name")
            .values_list("slug", "name")
        )
        self.fields["topic"].choices = [("", "All topics"), *topics]

    def query_string(self):
        """The filters as they are, for the pagination links."""
        data = {key: value for key, value in self.data.items() if key in self.fields and value}
        return urlencode(data)


class HearBackForm(ProtectedForm):
    """ "Tell me what came of it": the one thing a resident leaves on an activity at consult or above."""

    form_name = "consultation-hear-back"

    email = _email_field("We email you once, when we publish what we did with what residents said. Then we delete it.")


class AlertsForm(ProtectedForm):
    """Alerts about new activities in chosen wards or on chosen topics (double opt-in)."""

    form_name = "consultation-alerts"

    email = _email_field("We send a link to this address. Nothing is sent until you click it.")
    wards = forms.ModelMultipleChoiceField(
        queryset=Ward.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Wards you want to hear about",
        help_text="Select all that apply. Activities for the whole borough are always included.",
    )
    topics = forms.ModelMultipleChoiceField(
        queryset=Tag.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Topics you want to hear about",
        help_text="Select all that apply.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wards"].queryset = Ward.objects.order_by("name")
        self.fields["topics"].queryset = (
            Tag.objects.filter(consultations_consultationpagetag_items__isnull=False).distinct().order_by("name")
        )

    def clean(self):
        data = super().clean()
        if not data.get("wards") and not data.get("topics") and "wards" not in self.errors:
            self.add_error("wards", "Select at least one ward or topic to hear about")
        return data


class JoinGroupForm(ProtectedForm):
    form_name = "task-group-join"

    message = forms.CharField(
        required=False,
        max_length=1000,
        label="Why would you like to join? (optional)",
        help_text="A sentence or two for the group's lead: what you know about the problem, or what you can offer.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": "Write 1,000 characters or fewer"},
    )


class OutputForm(forms.Form):
    title = forms.CharField(max_length=150, label="Title", error_messages={"required": "Enter a title"})
    summary = forms.CharField(
        label="What the group produced",
        help_text="What it says and what happens next. It is published on the group's page.",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Say what the group produced"},
    )
    link = forms.URLField(
        required=False,
        assume_scheme="https",
        label="Link to the full document (optional)",
        error_messages={"invalid": "Enter a web address in the correct format, like https://example.org/report"},
    )
