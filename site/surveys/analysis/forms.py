"""The officer's forms: what to analyse and how to filter it, two rounds to compare, publishing, CSV import."""

from django import forms

DATE_WIDGET = {"type": "date"}


def _date_field(label):
    return forms.DateField(
        label=label,
        required=False,
        widget=forms.DateInput(attrs=DATE_WIDGET),
        error_messages={"invalid": "Enter a real date, for example 31/5/2026"},
    )


class ConcernFilterForm(forms.Form):
    """Source (a survey's written-answer question, or an imported set), then ward, dates and theme."""

    source = forms.ChoiceField(label="Answers to analyse", error_messages={"invalid_choice": "Choose what to analyse"})
    ward = forms.ChoiceField(label="Ward", required=False)
    date_from = _date_field("From")
    date_to = _date_field("To")
    theme = forms.ChoiceField(label="Theme", required=False)

    def __init__(self, *args, sources=(), wards=(), themes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = list(sources)
        self.fields["ward"].choices = [("", "All wards"), *wards]
        self.fields["theme"].choices = [("", "All themes"), *((name, name) for name in themes)]

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", "The “to” date must be on or after the “from” date")
        return data


class CompareForm(forms.Form):
    before = forms.ChoiceField(label="Earlier round", error_messages={"required": "Choose the earlier round"})
    after = forms.ChoiceField(label="Later round", error_messages={"required": "Choose the later round"})

    def __init__(self, *args, sources=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["before"].choices = [("", "Choose a round"), *sources]
        self.fields["after"].choices = [("", "Choose a round"), *sources]

    def clean(self):
        data = super().clean()
        if data.get("before") and data.get("before") == data.get("after"):
            self.add_error("after", "Choose a different round to compare with")
        return data


class PublishForm(forms.Form):
    show_cloud = forms.BooleanField(label="Show the word cloud", required=False)
    show_table = forms.BooleanField(label="Show the table of words and phrases", required=False)
    show_themes = forms.BooleanField(label="Show the theme counts", required=False)


class ImportTextForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=150,
        help_text="For example “Questions for the Bletchley Face the Public meeting, March 2026”.",
        error_messages={"required": "Enter a name for the imported text"},
    )
    description = forms.CharField(label="Where it came from (optional)", required=False, widget=forms.Textarea)
    file = forms.FileField(
        label="CSV file",
        help_text="A column called text (or question, comment, concern or answer); optional columns ward (ONS code "
        "or name) and date (2026-05-31). Email addresses, phone numbers, postcodes, vehicle registrations and "
        "addresses are removed before the text is stored.",
        error_messages={"required": "Choose a CSV file"},
    )
