"""The application's question pages (GOV.UK "question pages" pattern) and the case officers' step forms.

Each page's form owns a few fields of the application; errors are plain English and say what to do. Nothing here
asks for an age or sets a minimum age (CT-024).
"""

from datetime import date

from django import forms

from case_reviews.models import (
    Agency,
    Appeal,
    Application,
    Basis,
    BehaviourType,
    ContactChannel,
    Disqualifier,
    Evidence,
    HateMotivation,
    PccReview,
    Recommendation,
    Relationship,
    RelevantBody,
    Tenure,
    ThresholdRoute,
    VictimInvolvement,
)
from core.forms import whole_number
from core.models import User

YES_NO = [("yes", "Yes"), ("no", "No")]


def yes_no_field(label, *, help_text="", required=False):
    return forms.TypedChoiceField(
        label=label,
        help_text=help_text,
        choices=YES_NO,
        widget=forms.RadioSelect,
        required=required,
        coerce=lambda value: value == "yes",
        empty_value=None,
        error_messages={"required": f"Select yes or no: {label[0].lower() + label[1:]}"},
    )


class DateParts:
    """A GOV.UK date input: three boxes (day, month, year) for each name in `date_fields`, checked together."""

    date_fields: dict = {}

    def add_date_fields(self):
        for name, (label, hint, _required) in self.date_fields.items():
            for part, width in (("day", 2), ("month", 2), ("year", 4)):
                self.fields[f"{name}_{part}"] = forms.CharField(
                    required=False,
                    max_length=4,
                    widget=forms.TextInput(attrs={"inputmode": "numeric", "class": f"govuk-input--width-{width}"}),
                )
            self.date_meta = {**getattr(self, "date_meta", {}), name: {"label": label, "hint": hint}}

    def clean_dates(self, cleaned):
        for name, (label, _hint, required) in self.date_fields.items():
            parts = [str(cleaned.get(f"{name}_{part}") or "").strip() for part in ("day", "month", "year")]
            if not any(parts):
                cleaned[name] = None
                if required:
                    self.add_error(f"{name}_day", f"Enter {label.lower()}")
                continue
            numbers = [whole_number(part) for part in parts]
            if None in numbers:
                self.add_error(f"{name}_day", f"{label} must be a real date, in numbers, like 27 3 2025")
                continue
            day, month, year = numbers
            try:
                value = date(year, month, day)
            except ValueError:
                self.add_error(f"{name}_day", f"{label} must be a real date, like 27 3 2025")
                continue
            if year < 2000:
                self.add_error(f"{name}_day", f"{label} must be after the year 2000")
                continue
            if value > date.today():
                self.add_error(f"{name}_day", f"{label} must be today or in the past")
                continue
            cleaned[name] = value
        return cleaned

    def date_inputs(self):
        """Each date as the template's GOV.UK date input needs it; the error sits on the day box."""
        out = []
        for name, meta in self.date_meta.items():
            errors = self[f"{name}_day"].errors
            parts = [
                {"field": self[f"{name}_{part}"], "label": part.capitalize(), "width": width}
                for part, width in (("day", 2), ("month", 2), ("year", 4))
            ]
            out.append({"name": name, **meta, "error": errors[0] if errors else "", "parts": parts})
        return out

    def plain_fields(self):
        return [field for field in self if not any(field.name.startswith(f"{name}_") for name in self.date_fields)]

    def set_date_initial(self, name, value):
        if value:
            self.initial.update({f"{name}_day": value.day, f"{name}_month": value.month, f"{name}_year": value.year})


# Applicant pages --------------------------------------------------------------------------------------------------


class StepForm(forms.ModelForm):
    """One question page: a ModelForm over the fields it owns."""

    def answers(self):
        return {name: self.cleaned_data[name] for name in self._meta.fields if name in self.cleaned_data}


class BasisForm(StepForm):
    basis = forms.ChoiceField(
        label="Who is applying?",
        choices=Basis.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select who is applying"},
    )
    people_affected = forms.IntegerField(
        label="How many people or households are affected? (optional)",
        required=False,
        min_value=1,
        max_value=10000,
        error_messages={"invalid": "Enter the number of people as a number, like 5"},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-4"}),
    )

    class Meta:
        model = Application
        fields = ["basis", "people_affected"]


class ApplicantForm(StepForm):
    applicant_name = forms.CharField(
        label="Your full name",
        max_length=150,
        error_messages={"required": "Enter your full name: we cannot accept an anonymous application"},
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
    )
    organisation_name = forms.CharField(
        label="Business or group name (if you are applying for one)", max_length=150, required=False
    )
    email = forms.EmailField(
        label="Email address",
        required=False,
        help_text="We will only use it to write to you about this application.",
        error_messages={"invalid": "Enter an email address in the right format, like name@example.com"},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    phone = forms.CharField(
        label="Phone number",
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "class": "govuk-input--width-20"}),
    )
    address = forms.CharField(
        label="Address",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
    )
    postcode = forms.CharField(
        label="Postcode",
        max_length=10,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "class": "govuk-input--width-10"}),
    )

    class Meta:
        model = Application
        fields = ["applicant_name", "organisation_name", "email", "phone", "address", "postcode"]

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("email") or cleaned.get("phone") or cleaned.get("address")) and not self.errors:
            self.add_error("email", "Enter an email address, a phone number or an address so we can reach you")
        return cleaned


class VictimForm(StepForm):
    relationship = forms.ChoiceField(
        label="How do you know the person affected?",
        choices=Relationship.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how you know the person affected"},
    )
    victim_name = forms.CharField(
        label="Their full name", max_length=150, error_messages={"required": "Enter the name of the person affected"}
    )
    victim_address = forms.CharField(
        label="Their address (optional)", required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )
    victim_postcode = forms.CharField(
        label="Their postcode (optional)",
        max_length=10,
        required=False,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
    )
    victim_phone = forms.CharField(
        label="Their phone number (optional)",
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "class": "govuk-input--width-20"}),
    )
    victim_email = forms.EmailField(
        label="Their email address (optional)",
        required=False,
        error_messages={"invalid": "Enter their email address in the right format, like name@example.com"},
    )
    victim_consent = forms.BooleanField(
        label="They have agreed to me applying for them",
        help_text="You can send their written consent on the evidence page, if you have it.",
        error_messages={"required": "Confirm the person affected has agreed to you applying for them"},
    )

    class Meta:
        model = Application
        fields = [
            "relationship",
            "victim_name",
            "victim_address",
            "victim_postcode",
            "victim_phone",
            "victim_email",
            "victim_consent",
        ]


class HomeForm(StepForm):
    tenure = forms.ChoiceField(
        label="Does the person affected rent or own their home?",
        choices=Tenure.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    landlord = forms.CharField(
        label="Landlord's name and contact details (optional)",
        max_length=200,
        required=False,
        help_text="For example the housing association's name and phone number.",
    )

    class Meta:
        model = Application
        fields = ["tenure", "landlord"]


class ContactForm(StepForm):
    contact_channel = forms.ChoiceField(
        label="How is it safe for us to contact you?",
        choices=ContactChannel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how it is safe for us to contact you"},
    )
    safe_times = forms.CharField(
        label="When is it safe to contact you? (optional)",
        max_length=200,
        required=False,
        help_text="For example, weekdays after 6pm.",
    )
    safe_to_leave_message = yes_no_field("Can we leave a message?")

    class Meta:
        model = Application
        fields = ["contact_channel", "safe_times", "safe_to_leave_message"]

    def clean(self):
        cleaned = super().clean()
        channel = cleaned.get("contact_channel")
        known = self.instance
        if channel == "email" and not known.email:
            self.add_error("contact_channel", "You have not given an email address: choose another way, or add one")
        if channel == "phone" and not known.phone:
            self.add_error("contact_channel", "You have not given a phone number: choose another way, or add one")
        if channel == "letter" and not known.address:
            self.add_error("contact_channel", "You have not given an address: choose another way, or add one")
        return cleaned


class BehaviourForm(StepForm):
    behaviour_type = forms.ChoiceField(
        label="What kind of behaviour is it?",
        choices=BehaviourType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what kind of behaviour it is"},
    )
    hate_motivations = forms.MultipleChoiceField(
        label="If it is a hate incident, what do you think it is about? (optional)",
        choices=HateMotivation.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Select all that apply.",
    )
    description = forms.CharField(
        label="Describe the behaviour",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Describe the behaviour"},
    )
    location = forms.CharField(label="Where does it happen? (optional)", max_length=300, required=False)
    several_households = yes_no_field("Does it affect more than one household or business?")
    witnesses = forms.CharField(
        label="Names of any witnesses (optional)",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    class Meta:
        model = Application
        fields = ["behaviour_type", "hate_motivations", "description", "location", "several_households", "witnesses"]


class ImpactForm(StepForm):
    impact = forms.CharField(
        label="How are the incidents affecting you?",
        max_length=5000,
        help_text="For example your health, whether you feel at risk, and what you have had to change.",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Tell us how the incidents are affecting you"},
    )
    desired_outcome = forms.CharField(
        label="What outcome would you like?",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Tell us what outcome you would like"},
    )

    class Meta:
        model = Application
        fields = ["impact", "desired_outcome"]


class SupportForm(StepForm):
    health_or_disability = forms.CharField(
        label="Is there anything about your health or a disability we should know? (optional)",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    communication_needs = forms.CharField(
        label="Do you need an interpreter, or information in another format? (optional)",
        max_length=1000,
        required=False,
        help_text="For example British Sign Language, large print or another language.",
    )
    victim_support_referral = yes_no_field("Would you like us to refer you to Victim Support?")

    class Meta:
        model = Application
        fields = ["health_or_disability", "communication_needs", "victim_support_referral"]


EQUALITY_QUESTIONS = {
    "age": ("Your age group", ["Under 18", "18 to 24", "25 to 44", "45 to 64", "65 to 74", "75 or over"]),
    "sex": ("Your sex", ["Female", "Male"]),
    "disability": ("Do you consider yourself disabled?", ["Yes", "No"]),
    "ethnicity": ("Your ethnic group", ["Asian or Asian British", "Black, Black British, Caribbean or African",
                                        "Mixed or multiple ethnic groups", "White", "Other ethnic group"]),
    "religion": ("Your religion or belief", ["No religion", "Christian", "Muslim", "Hindu", "Sikh", "Jewish",
                                             "Buddhist", "Other"]),
    "sexual_orientation": ("Your sexual orientation", ["Straight or heterosexual", "Gay or lesbian", "Bisexual",
                                                       "Other"]),
}  # fmt: skip
PREFER_NOT = "Prefer not to say"


class EqualityForm(forms.Form):
    """Equalities monitoring (CT-059): a separate, optional page; every question has "Prefer not to say"."""

    def __init__(self, *args, instance=None, **kwargs):
        super().__init__(*args, **kwargs)
        for key, (label, options) in EQUALITY_QUESTIONS.items():
            self.fields[key] = forms.ChoiceField(
                label=f"{label} (optional)",
                choices=[(o, o) for o in [*options, PREFER_NOT]],
                widget=forms.RadioSelect,
                required=False,
            )
            if instance is not None:
                self.initial[key] = instance.equality.get(key, "")

    def answers(self):
        return {"equality": {k: v for k, v in self.cleaned_data.items() if v}}


class DeclarationForm(StepForm):
    declaration = forms.BooleanField(
        label="The information I have given is correct to the best of my knowledge",
        error_messages={"required": "Confirm the information is correct to the best of your knowledge"},
    )
    data_sharing_consent = forms.BooleanField(
        label="I agree to my details, and those of anyone I apply for, being shared with the relevant bodies",
        help_text="The council, the police, the NHS integrated care board and social housing providers.",
        error_messages={
            "required": "A case review cannot go ahead unless the relevant bodies can see your details. If you do "
            "not agree, you can still report the behaviour by calling 101, or 999 in an emergency"
        },
    )

    class Meta:
        model = Application
        fields = ["declaration", "data_sharing_consent"]


class IncidentForm(DateParts, forms.Form):
    """One incident and the first agency it was reported to (CT-052)."""

    date_fields = {
        "happened_on": ("The date it happened", "For example, 27 3 2025", True),
        "reported_on": ("The date you reported it", "Leave blank if you did not report it", False),
    }
    what_happened = forms.CharField(
        label="What happened?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say briefly what happened"},
    )
    hate = yes_no_field("Do you think it was a hate incident?")
    agency = forms.ChoiceField(
        label="Who did you report it to?", choices=[("", "I did not report it"), *Agency.choices], required=False
    )
    agency_name = forms.CharField(label="Name of the organisation (if another)", max_length=150, required=False)
    officer = forms.CharField(label="Officer or team you spoke to (optional)", max_length=150, required=False)
    reference = forms.CharField(
        label="Reference or crime number (optional)",
        max_length=60,
        required=False,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20", "spellcheck": "false"}),
    )
    action_promised = forms.CharField(
        label="What did they say they would do? (optional)",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    reported_by = forms.CharField(label="Who reported it, if not you (optional)", max_length=150, required=False)

    field_order = ["what_happened", "hate", "agency", "agency_name", "officer", "reference", "action_promised",
                   "reported_by"]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_date_fields()

    def clean(self):
        cleaned = self.clean_dates(super().clean())
        agency, reported_on = cleaned.get("agency"), cleaned.get("reported_on")
        if agency and reported_on is None and not self.has_error("reported_on_day"):
            self.add_error("reported_on_day", "Enter the date you reported it")
        if reported_on and not agency:
            self.add_error("agency", "Select who you reported it to")
        happened = cleaned.get("happened_on")
        if happened and reported_on and reported_on < happened:
            self.add_error(
                "reported_on_day", "The date you reported it must be the same as or after the date it happened"
            )
        return cleaned

    def report(self):
        data = self.cleaned_data
        if not data.get("agency"):
            return None
        return {
            "reported_on": data["reported_on"],
            "agency": data["agency"],
            "agency_name": data["agency_name"],
            "officer": data["officer"],
            "reference": data["reference"],
            "action_promised": data["action_promised"],
            "reported_by": data["reported_by"],
        }


class ReportForm(DateParts, forms.Form):
    """Another agency the same incident was reported to (CT-033: it still counts once)."""

    date_fields = {"reported_on": ("The date you reported it", "For example, 27 3 2025", True)}
    agency = forms.ChoiceField(
        label="Who did you report it to?",
        choices=Agency.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select who you reported it to"},
    )
    agency_name = forms.CharField(label="Name of the organisation (if another)", max_length=150, required=False)
    officer = forms.CharField(label="Officer or team you spoke to (optional)", max_length=150, required=False)
    reference = forms.CharField(label="Reference or crime number (optional)", max_length=60, required=False)
    action_promised = forms.CharField(
        label="What did they say they would do? (optional)",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_date_fields()

    def clean(self):
        return self.clean_dates(super().clean())


class AffectedPersonForm(forms.Form):
    """Another person affected (CT-022): only what the case officer needs to reach them and know they agreed."""

    name = forms.CharField(
        label="Their name",
        max_length=150,
        error_messages={"required": "Enter the name of the person affected"},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    contact = forms.CharField(
        label="How can we contact them safely? (optional)",
        help_text="A phone number, an email address or their address, as you know it.",
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    consents = forms.BooleanField(
        label="They have agreed to this application being made for them",
        help_text="Some areas need a number of people in a group to agree. You can send their signed agreement "
        "on the evidence page, if you have it.",
        required=False,
    )


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label="Upload a file",
        help_text="PDF, Word (.docx), JPG, PNG or text, smaller than 10 MB.",
        error_messages={"required": "Select a file to upload", "empty": "The selected file is empty"},
    )
    kind = forms.ChoiceField(
        label="What is it?", choices=Evidence.Kind.choices, widget=forms.RadioSelect, initial=Evidence.Kind.EVIDENCE
    )


# Case officer forms -----------------------------------------------------------------------------------------------


def case_staff():
    return User.objects.filter(
        is_active=True, is_staff=True, groups__permissions__codename="change_application"
    ).distinct()


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.email


class AcknowledgeForm(forms.Form):
    spoc = StaffChoiceField(
        queryset=User.objects.none(),
        label="Single point of contact",
        error_messages={"required": "Choose the single point of contact"},
    )
    victim_support_offered = forms.BooleanField(label="Victim Support referral offered", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["spoc"].queryset = case_staff()


class ThresholdForm(forms.Form):
    met = forms.TypedChoiceField(
        label="Is the threshold met?",
        choices=[("yes", "Met"), ("no", "Not met")],
        widget=forms.RadioSelect,
        coerce=lambda v: v == "yes",
        error_messages={"required": "Select whether the threshold is met"},
    )
    route = forms.ChoiceField(
        label="On what basis?", choices=ThresholdRoute.choices, widget=forms.RadioSelect, initial="not_met"
    )
    reasons = forms.CharField(label="Reasons (the applicant is told these)", widget=forms.Textarea(attrs={"rows": 3}))
    persistence = forms.CharField(
        label="Persistence of the behaviour", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    harm = forms.CharField(label="Harm or potential harm", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    response = forms.CharField(
        label="Adequacy of the agencies' response", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    signposting = forms.CharField(
        label="Signposting or onward referral (if not met)", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    disqualifier = forms.ChoiceField(
        label="Does a disqualifier in our procedures apply?", required=False, widget=forms.RadioSelect
    )
    disqualifier_reasons = forms.CharField(
        label="Why the disqualifier applies (the applicant is told this)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        """The disqualifiers are offered only when the partnership's procedures contain one (CT-038)."""
        from case_reviews.models import CaseReviewSettings

        super().__init__(*args, **kwargs)
        enabled = CaseReviewSettings.load().disqualifiers
        if enabled:
            labels = dict(Disqualifier.choices)
            self.fields["disqualifier"].choices = [("", "No"), *((key, labels[key]) for key in enabled)]
            self.initial.setdefault("disqualifier", "")
        else:
            del self.fields["disqualifier"]
            del self.fields["disqualifier_reasons"]


class MeetingForm(forms.Form):
    meeting_at = forms.DateTimeField(
        label="Date and time of the meeting",
        help_text="For example 2025-07-14 14:00",
        input_formats=["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    chair = forms.CharField(label="Chair", max_length=150)
    chair_independence = forms.CharField(
        label="Why the chair is independent", max_length=300, required=False, help_text="e.g. from another CSP"
    )
    victim_involvement = forms.ChoiceField(
        label="How the victim has chosen to take part", choices=VictimInvolvement.choices, widget=forms.RadioSelect
    )


class NoteForm(forms.Form):
    note = forms.CharField(label="Note (optional)", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class OutcomeForm(forms.Form):
    summary = forms.CharField(
        label="The outcome, as the applicant will read it", widget=forms.Textarea(attrs={"rows": 4})
    )


class AppealForm(forms.Form):
    ground = forms.ChoiceField(label="Grounds", choices=Appeal.Ground.choices, widget=forms.RadioSelect)
    by_agency = forms.BooleanField(label="Escalated by an agency, not the applicant", required=False)
    details = forms.CharField(label="What the appeal says", widget=forms.Textarea(attrs={"rows": 3}))


class AppealDecisionForm(forms.Form):
    outcome = forms.ChoiceField(label="Decision", choices=Appeal.Outcome.choices, widget=forms.RadioSelect)
    reasons = forms.CharField(label="Reasons (the applicant is told these)", widget=forms.Textarea(attrs={"rows": 3}))


class PccRequestForm(forms.Form):
    """CT-106: the applicant asked the PCC to review a decision, or the partnership refers it (CT-104)."""

    by_agency = forms.BooleanField(label="Referred by the partnership, not the applicant", required=False)
    details = forms.CharField(label="What the PCC is asked to look at", widget=forms.Textarea(attrs={"rows": 3}))


class PccDecisionForm(forms.Form):
    decision = forms.ChoiceField(label="The PCC's decision", choices=PccReview.Decision.choices,
                                 widget=forms.RadioSelect)  # fmt: skip
    reasons = forms.CharField(
        label="The PCC's reasons (the applicant is told these)", widget=forms.Textarea(attrs={"rows": 3})
    )


class CloseForm(forms.Form):
    reason = forms.CharField(
        label="Why the case is closing (the applicant is told this)", widget=forms.Textarea(attrs={"rows": 3})
    )


class RecommendationForm(forms.Form):
    text = forms.CharField(label="Recommendation", widget=forms.Textarea(attrs={"rows": 2}))
    owner = forms.ModelChoiceField(queryset=RelevantBody.objects.filter(active=True), label="Owner agency")
    due_on = forms.DateField(label="Due by", widget=forms.DateInput(attrs={"type": "date"}))


class RecommendationStateForm(forms.Form):
    state = forms.ChoiceField(label="Status", choices=Recommendation.State.choices)
    note = forms.CharField(label="Note", required=False, max_length=1000)
