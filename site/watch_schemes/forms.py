from django import forms

from core.forms import PostcodeField
from core.models import Ward
from core.protection import ProtectedForm
from watch_schemes.models import SchemeType, Verification

EMAIL_ERRORS = {
    "required": "Enter an email address",
    "invalid": "Enter an email address in the correct format, like name@example.com",
}


class FinderForm(forms.Form):
    """A resident's postcode, to find the schemes covering it or the nearest (NW-050)."""

    postcode = PostcodeField(
        label="Postcode",
        help_text="For example, MK9 3EJ",
        error_messages={"required": "Enter a postcode, like MK9 3EJ", "max_length": "That postcode is too long."},
    )


class SchemeDetailsForm(forms.Form):
    """A scheme's profile and area, as its coordinator registers or keeps it (NW-010, NW-011)."""

    name = forms.CharField(
        max_length=120, label="Name of the scheme", help_text="For example, Lakes Estate North Home Watch.",
        error_messages={"required": "Enter the name of the scheme"},
    )  # fmt: skip
    scheme_type = forms.ChoiceField(
        choices=SchemeType.choices, widget=forms.RadioSelect, label="Type of scheme", initial="home",
        error_messages={"required": "Choose the type of scheme"},
    )  # fmt: skip
    streets = forms.CharField(
        required=False, label="Streets the scheme covers (optional)", help_text="One street a line.",
        widget=forms.Textarea(attrs={"rows": 4}),
    )  # fmt: skip
    postcodes = forms.CharField(
        required=False, label="Postcodes the scheme covers",
        help_text="One a line, or separated by commas. Give at least one, unless you draw the area on the map.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip
    area = forms.CharField(
        required=False, label="Area drawn on the map (optional)",
        help_text="Filled in when you draw on the map. Leave it empty if you listed the postcodes.",
        widget=forms.Textarea(attrs={"rows": 2, "data-watch-area-input": ""}),
    )  # fmt: skip
    households = forms.IntegerField(
        required=False, min_value=0, max_value=100000, label="Households covered (optional)",
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-5", "inputmode": "numeric"}),
        error_messages={"invalid": "Enter the number of households, like 15", "min_value": "Enter 0 or more"},
    )  # fmt: skip
    start_date = forms.DateField(
        required=False, label="When did the scheme start? (optional)",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Enter the date like 2024-05-01"},
    )  # fmt: skip
    description = forms.CharField(
        required=False, max_length=2000, label="About the scheme (optional)", widget=forms.Textarea(attrs={"rows": 3})
    )
    meeting_details = forms.CharField(
        required=False, max_length=1000, label="Meetings (optional)",
        help_text="When and where members meet, for example: first Tuesday of the month, 7pm, the community centre.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip
    website = forms.URLField(required=False, label="Website (optional)", assume_scheme="https")
    show_area = forms.BooleanField(
        required=False, label="Show the scheme's streets, postcodes and area publicly",
        help_text="Otherwise residents see only the ward and an approximate location.",
    )  # fmt: skip
    show_coordinator_contact = forms.BooleanField(
        required=False, label="Show my name and email address on the scheme's page",
        help_text="Otherwise residents ask to join through this website and we pass their request on.",
    )  # fmt: skip

    FIELDS = (
        "name", "scheme_type", "streets", "postcodes", "area", "households", "start_date", "description",
        "meeting_details", "website", "show_area", "show_coordinator_contact",
    )  # fmt: skip

    @classmethod
    def initial_for(cls, scheme):
        initial = {name: getattr(scheme, name) for name in cls.FIELDS}
        initial["postcodes"] = "\n".join(scheme.postcodes)
        return initial


class RegisterSchemeForm(ProtectedForm, SchemeDetailsForm):
    form_name = "watch-register"

    accepts_code_of_conduct = forms.BooleanField(
        label="I agree to the Neighbourhood Watch code of ethics and standards",
        error_messages={"required": "Agree to the code of ethics and standards to register a scheme"},
    )
    accepts_data_protection = forms.BooleanField(
        label="I will follow the data-protection rules for members' details",
        error_messages={"required": "Agree to the data-protection rules to register a scheme"},
    )


class JoinForm(ProtectedForm):
    """A resident asks to join a scheme: only what the coordinator needs (NW-064)."""

    form_name = "watch-join"

    name = forms.CharField(max_length=100, label="Your name", error_messages={"required": "Enter your name"},
                           widget=forms.TextInput(attrs={"autocomplete": "name"}))  # fmt: skip
    email = forms.EmailField(
        label="Email address", error_messages=EMAIL_ERRORS,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )  # fmt: skip
    street = forms.CharField(
        max_length=120, label="Your street", help_text="So the coordinator knows you live in the scheme's area.",
        error_messages={"required": "Enter your street"},
    )  # fmt: skip
    consent = forms.BooleanField(
        label="I agree to the scheme's coordinators holding these details and emailing me about the scheme",
        help_text="Only the coordinators see them. You can unsubscribe or leave at any time, from any email.",
        error_messages={"required": "Agree to the coordinators holding your details, or we cannot pass on your request"},
    )  # fmt: skip


class MessageForm(forms.Form):
    subject = forms.CharField(max_length=150, label="Subject", error_messages={"required": "Enter a subject"})
    body = forms.CharField(
        max_length=5000, label="Message", widget=forms.Textarea(attrs={"rows": 8}),
        help_text="We add how to unsubscribe and the 999 and 101 numbers at the end.",
        error_messages={"required": "Enter your message", "max_length": "Keep it to 5,000 characters or fewer"},
    )  # fmt: skip


class WardAlertForm(MessageForm):
    wards = forms.ModelMultipleChoiceField(
        queryset=Ward.objects.order_by("name"), widget=forms.CheckboxSelectMultiple, label="Wards",
        error_messages={"required": "Choose at least one ward"},
    )  # fmt: skip


class ConfirmReviewForm(forms.Form):
    confirm = forms.BooleanField(
        label="The scheme's details, area and coordinators on this website are correct",
        error_messages={"required": "Confirm the details are correct, or change them first"},
    )


class CoordinatorForm(forms.Form):
    email = forms.EmailField(
        label="Their email address", help_text="They need an account on this website first.",
        error_messages=EMAIL_ERRORS,
    )  # fmt: skip


class HandoverForm(CoordinatorForm):
    note = forms.CharField(
        required=False, max_length=1000, label="Note for the log (optional)", widget=forms.Textarea(attrs={"rows": 2})
    )
    stay_as_co_coordinator = forms.BooleanField(required=False, label="Stay on as a co-coordinator")


class ApproveForm(forms.Form):
    verification = forms.ChoiceField(
        choices=Verification.choices, widget=forms.RadioSelect, label="How has the scheme been checked?",
        initial="self",
    )  # fmt: skip


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label="Why is it declined?", widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why: the coordinator will read it"},
    )  # fmt: skip
