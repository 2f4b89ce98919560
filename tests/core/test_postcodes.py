import pytest
from django import forms
from hypothesis import given
from hypothesis import strategies as st

from core.exceptions import InvalidPostcode
from core.forms import PostcodeField
from core.postcodes import is_valid_postcode, normalise_postcode


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("MK9 3EJ", "MK9 3EJ"),
        ("mk93ej", "MK9 3EJ"),
        ("  Mk9   3ej ", "MK9 3EJ"),
        ("MK9-3EJ", "MK9 3EJ"),
        ("SW1A 1AA", "SW1A 1AA"),
        ("EC1A1BB", "EC1A 1BB"),
        ("W1A 0AX", "W1A 0AX"),
        ("B33 8TH", "B33 8TH"),
        ("CR2 6XH", "CR2 6XH"),
        ("DN55 1PT", "DN55 1PT"),
        ("M1 1AE", "M1 1AE"),
        ("MK9 OEJ", "MK9 0EJ"),  # a letter O typed for a zero in the inward code
        ("GIR 0AA", "GIR 0AA"),
    ],
)
def test_postcodes_are_normalised_as_royal_mail_writes_them(typed, stored):
    assert normalise_postcode(typed) == stored


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter a postcode, like MK9 3EJ."),
        ("   ", "Enter a postcode, like MK9 3EJ."),
        ("MK9", "Enter your full postcode, like MK9 3EJ, not just the first part."),
        ("MK9 3E!", "A postcode can only contain letters and numbers, like MK9 3EJ."),
        ("MK9 3EJJJ", "That postcode is too long. Enter a postcode like MK9 3EJ."),
        ("Q1 1AA", "Enter a real UK postcode, like MK9 3EJ."),
        ("MK9 3CJ", "Enter a real UK postcode, like MK9 3EJ."),  # C is never used in the inward code
        ("12345", "Enter a real UK postcode, like MK9 3EJ."),
    ],
)
def test_a_malformed_postcode_gets_a_plain_english_reason(typed, message):
    with pytest.raises(InvalidPostcode) as error:
        normalise_postcode(typed)
    assert error.value.message == message


def test_postcode_field_shows_the_reason_as_the_form_error():
    class Form(forms.Form):
        postcode = PostcodeField()

    form = Form(data={"postcode": "MK9"})
    assert not form.is_valid()
    assert form.errors["postcode"] == ["Enter your full postcode, like MK9 3EJ, not just the first part."]
    assert Form(data={"postcode": "mk9 3ej"}).is_valid()


@given(st.text(max_size=12))
def test_normalising_never_crashes_and_is_stable(raw):
    if is_valid_postcode(raw):
        once = normalise_postcode(raw)
        assert normalise_postcode(once) == once
        assert len(once) <= 8
