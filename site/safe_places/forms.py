from django import forms

from core.forms import PostcodeField
from core.protection import ProtectedForm
from safe_places import policies
from safe_places.models import ACCESSIBILITY_FEATURES, VenueConcern, VenueType

FEATURE_CHOICES = [(name, label) for name, label in ACCESSIBILITY_FEATURES]
DAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
TIME_WIDGET = forms.TimeInput(format="%H:%M", attrs={"type": "time", "class": "govuk-input--width-5"})


class FinderForm(forms.Form):
    """The finder's search: a postcode, or the point "Use my location" fills in; then filters (SP-031)."""

    postcode = PostcodeField(
        required=False,
        label="Postcode",
        help_text="Where are you? For example, MK9 3EJ",
        error_messages={"max_length": "That postcode is too long. Enter a postcode like MK9 3EJ."},
    )
    latitude = forms.FloatField(required=False, min_value=49, max_value=61, widget=forms.HiddenInput)
    longitude = forms.FloatField(required=False, min_value=-9, max_value=2, widget=forms.HiddenInput)
    open_now = forms.BooleanField(required=False, label="Only show places open now")
    features = forms.MultipleChoiceField(
        required=False,
        choices=FEATURE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        label="Accessibility (optional)",
        help_text="Only show places with everything you tick.",
    )

    def clean(self):
        data = super().clean()
        has_point = data.get("latitude") is not None and data.get("longitude") is not None
        if not data.get("postcode") and not has_point and "postcode" not in self.errors:
            self.add_error("postcode", "Enter a postcode, like MK9 3EJ, to find a Safe Place near you.")
        return data

    @property
    def point(self):
        data = self.cleaned_data
        if data.get("latitude") is not None and data.get("longitude") is not None and not data.get("postcode"):
            return data["latitude"], data["longitude"]
        return None


def weekly_hours_fields():
    fields = {}
    for key, day in zip(DAY_KEYS, policies.WEEKDAYS, strict=True):
        fields[f"{key}_opens"] = forms.TimeField(
            required=False, label=f"{day}: opens", widget=TIME_WIDGET,
            error_messages={"invalid": f"Enter {day}'s opening time like 09:00"},
        )  # fmt: skip
        fields[f"{key}_closes"] = forms.TimeField(
            required=False, label=f"{day}: closes",
            help_text="A closing time earlier than the opening time means after midnight.",
            widget=TIME_WIDGET, error_messages={"invalid": f"Enter {day}'s closing time like 17:30"},
        )  # fmt: skip
    return fields


class VenueDetailsForm(forms.Form):
    """A venue's own details, as it registers or keeps them current (SP-020 to SP-024)."""

    name = forms.CharField(
        max_length=120, label="Name of the venue", error_messages={"required": "Enter the name of the venue"}
    )
    venue_type = forms.ModelChoiceField(
        queryset=VenueType.objects.all(), label="Type of venue", empty_label="Choose a type",
        error_messages={"required": "Choose the type of venue"},
    )  # fmt: skip
    address = forms.CharField(
        label="Address", help_text="Without the postcode.", widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the venue's address"},
    )  # fmt: skip
    postcode = PostcodeField(label="Postcode", error_messages={"required": "Enter the venue's postcode"})
    latitude = forms.FloatField(
        required=False, min_value=49, max_value=61, label="Latitude (optional)",
        help_text="Only if the postcode's centre is not where your entrance is. The map fills this in.",
        error_messages={"min_value": "Enter a latitude in the UK, between 49 and 61", "max_value": "Enter a latitude in the UK, between 49 and 61"},
    )  # fmt: skip
    longitude = forms.FloatField(
        required=False, min_value=-9, max_value=2, label="Longitude (optional)",
        error_messages={"min_value": "Enter a longitude in the UK, between -9 and 2", "max_value": "Enter a longitude in the UK, between -9 and 2"},
    )  # fmt: skip
    phone = forms.CharField(max_length=30, required=False, label="Phone number (optional)")
    website = forms.URLField(required=False, label="Website (optional)", assume_scheme="https")
    contact_name = forms.CharField(
        max_length=100, label="Contact person", help_text="Who we talk to about the scheme. Never shown publicly.",
        error_messages={"required": "Enter the name of the contact person"},
    )  # fmt: skip
    contact_email = forms.EmailField(
        required=False, label="Contact email (optional)", help_text="Never shown publicly.",
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
    )  # fmt: skip
    bank_holidays = forms.ChoiceField(
        choices=policies.BANK_HOLIDAY_RULES, widget=forms.RadioSelect, label="On bank holidays",
        initial=policies.BANK_HOLIDAY_CLOSED,
    )  # fmt: skip
    hours_note = forms.CharField(max_length=200, required=False, label="Anything else about your hours (optional)")
    features = forms.MultipleChoiceField(
        required=False, choices=FEATURE_CHOICES, widget=forms.CheckboxSelectMultiple,
        label="Accessibility", help_text="Tick everything your venue has.",
    )  # fmt: skip
    trained_staff = forms.IntegerField(
        min_value=0, max_value=999, label="How many of your staff are trained in the Safe Place procedure?",
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3", "inputmode": "numeric"}),
        error_messages={"required": "Enter how many staff are trained, or 0"},
    )  # fmt: skip
    training_date = forms.DateField(
        required=False, label="When were they last trained? (optional)",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Enter the training date like 2026-03-31"},
    )  # fmt: skip
    training_provider = forms.CharField(max_length=100, required=False, label="Who trained them? (optional)")
    open_to_public = forms.BooleanField(
        label="The venue is open to the public", error_messages={"required": "Confirm the venue is open to the public"}
    )
    has_liability_insurance = forms.BooleanField(
        label="The venue has live public liability insurance",
        error_messages={"required": "Confirm the venue has public liability insurance"},
    )
    accessible_premises = forms.BooleanField(
        label="The premises are accessible to disabled people",
        error_messages={"required": "Confirm the premises are accessible to disabled people"},
    )
    agrees_to_procedure = forms.BooleanField(
        label="Our staff will follow the Safe Place procedure when someone asks for help",
        error_messages={"required": "Confirm your staff will follow the Safe Place procedure"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(weekly_hours_fields())

    def clean(self):
        data = super().clean()
        for key, day in zip(DAY_KEYS, policies.WEEKDAYS, strict=True):
            opens, closes = data.get(f"{key}_opens"), data.get(f"{key}_closes")
            if (opens is None) != (closes is None) and not self.errors.get(f"{key}_opens"):
                missing = f"{key}_closes" if closes is None else f"{key}_opens"
                self.add_error(missing, f"Enter both times for {day}, or leave both empty if you are closed")
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            self.add_error("longitude", "Enter both the latitude and the longitude, or neither")
        return data

    def hour_fields(self):
        return [
            (day, self[f"{key}_opens"], self[f"{key}_closes"])
            for key, day in zip(DAY_KEYS, policies.WEEKDAYS, strict=True)
        ]

    def other_fields(self):
        return [field for field in self.visible_fields() if not field.name.endswith(("_opens", "_closes"))]

    def week(self):
        data = self.cleaned_data
        return tuple(
            (policies.Period(data[f"{key}_opens"], data[f"{key}_closes"]),) if data.get(f"{key}_opens") else ()
            for key in DAY_KEYS
        )

    def venue_data(self):
        data = dict(self.cleaned_data)
        features = set(data.pop("features", []))
        for name, _label in ACCESSIBILITY_FEATURES:
            data[name] = name in features
        return data

    @classmethod
    def initial_for(cls, venue):
        initial = {name: getattr(venue, name) for name in cls.base_fields if hasattr(venue, name)}
        initial["venue_type"] = venue.venue_type_id
        initial["features"] = [name for name, _label in ACCESSIBILITY_FEATURES if getattr(venue, name)]
        initial["latitude"], initial["longitude"] = venue.latitude, venue.longitude
        for key, day in zip(DAY_KEYS, venue.weekly_hours, strict=True):
            if day:
                initial[f"{key}_opens"], initial[f"{key}_closes"] = day[0].opens, day[0].closes
        return initial


class RegisterVenueForm(ProtectedForm, VenueDetailsForm):
    form_name = "safe-places-register"


class RenewVenueForm(forms.Form):
    trained_staff = forms.IntegerField(
        min_value=1, max_value=999, label="How many of your staff are trained in the Safe Place procedure now?",
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3", "inputmode": "numeric"}),
        error_messages={"required": "Enter how many staff are trained", "min_value": "At least one member of staff must be trained to stay in the scheme"},
    )  # fmt: skip
    training_date = forms.DateField(
        label="When were they last trained?", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": "Enter the date of the last training", "invalid": "Enter the training date like 2026-03-31"},
    )  # fmt: skip
    confirm = forms.BooleanField(
        label="Our details and opening hours on this website are correct",
        error_messages={"required": "Confirm your details are correct, or change them first"},
    )


class WithdrawVenueForm(forms.Form):
    confirm = forms.BooleanField(
        label="Yes, take our venue out of the Safe Places scheme",
        error_messages={"required": "Tick the box to confirm you want to leave the scheme"},
    )


class HoursExceptionForm(forms.Form):
    date = forms.DateField(
        label="Date", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": "Enter the date", "invalid": "Enter the date like 2026-12-24"},
    )  # fmt: skip
    opens = forms.TimeField(
        required=False,
        label="Opens (optional)",
        help_text="Leave both times empty if you are closed all day.",
        widget=TIME_WIDGET,
    )
    closes = forms.TimeField(required=False, label="Closes (optional)", widget=TIME_WIDGET)
    note = forms.CharField(
        max_length=100, required=False, label="Note for visitors (optional)", help_text="For example, Christmas Eve."
    )

    def clean(self):
        data = super().clean()
        if (data.get("opens") is None) != (data.get("closes") is None) and not self.errors:
            self.add_error(
                "closes" if data.get("closes") is None else "opens",
                "Enter both times, or leave both empty if you are closed all day",
            )
        return data


class ReportConcernForm(ProtectedForm):
    """A resident reports a problem with a Safe Place; no account needed (SP-051)."""

    form_name = "safe-places-concern"

    kind = forms.ChoiceField(
        choices=VenueConcern.Kind.choices, widget=forms.RadioSelect, label="What went wrong?",
        error_messages={"required": "Choose what went wrong"},
    )  # fmt: skip
    details = forms.CharField(
        max_length=3000, label="Tell us what happened",
        help_text="When it was, and what you saw. Do not use this form to report a crime: call 999 in an emergency, otherwise 101.",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Tell us what happened", "max_length": "Keep it to 3,000 characters or fewer"},
    )  # fmt: skip
    email = forms.EmailField(
        required=False, label="Email address (optional)", help_text="Only if you would like a reply.",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
    )  # fmt: skip
