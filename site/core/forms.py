import re

from django import forms

from core.exceptions import InvalidPostcode
from core.postcodes import normalise_postcode
from core.protection import ProtectedForm

# At most 18 digits: every such number fits a 64-bit database integer, and int() refuses strings of over 4,300
# digits outright (a guard against slow conversions), so a longer one is simply not a number we use.
_WHOLE_NUMBER = re.compile(r"[0-9]{1,18}")


def whole_number(text):
    """The whole number typed or posted as ``text``, or None when it is not one.

    Only the digits 0 to 9 count. ``str.isdigit`` also accepts superscripts and other
    characters that ``int`` refuses ("¹"), which turned a stray keystroke into a server error.
    """
    text = str(text if text is not None else "").strip()
    return int(text) if _WHOLE_NUMBER.fullmatch(text) else None


class PostcodeField(forms.CharField):
    """A UK postcode, normalised to "MK9 3EJ", with a plain-English error saying what is wrong."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 10)
        kwargs.setdefault("help_text", "For example, MK9 3EJ")
        super().__init__(**kwargs)
        self.widget.attrs.update({"autocomplete": "postal-code", "spellcheck": "false"})

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return value
        try:
            return normalise_postcode(value)
        except InvalidPostcode as exc:
            raise forms.ValidationError(exc.message, code="invalid_postcode") from exc


class ContactForm(ProtectedForm):
    form_name = "contact"

    name = forms.CharField(
        max_length=100,
        label="Your name",
        error_messages={"required": "Enter your name"},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label="Email address",
        help_text="We only use this to reply to you.",
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    postcode = PostcodeField(
        required=False,
        label="Postcode (optional)",
        help_text="So we know which neighbourhood you mean. For example, MK9 3EJ",
    )
    message = forms.CharField(
        max_length=5000,
        label="Your message",
        help_text="Do not use this form to report a crime. In an emergency call 999; otherwise call 101.",
        error_messages={
            "required": "Enter your message",
            "max_length": "Your message must be 5,000 characters or fewer",
        },
        widget=forms.Textarea(attrs={"rows": 6}),
    )
