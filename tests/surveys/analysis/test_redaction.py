"""Redaction (GD-013): every kind of personal detail is masked; ordinary words pass untouched."""

import pytest

from surveys.analysis.redaction import (
    ADDRESS,
    EMAIL,
    PHONE,
    POSTCODE,
    REGISTRATION,
    has_personal_details,
    redact,
    redact_many,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("email jo.bloggs+mk@example.co.uk please", f"email {EMAIL} please"),
        ("J_Smith@milton-keynes.gov.uk", EMAIL),
        ("ring 07700 900123 tonight", f"ring {PHONE} tonight"),
        ("call 01908 254533", f"call {PHONE}"),
        ("+44 7700 900123", PHONE),
        ("(01908) 252-080", PHONE),
        ("0044 1908 252080", PHONE),
        ("lives at MK9 3EJ", f"lives at {POSTCODE}"),
        ("mk14 6ab is where", f"{POSTCODE} is where"),
        ("postcode MK93EJ", f"postcode {POSTCODE}"),
        ("a car AB12 CDE parks there", f"a car {REGISTRATION} parks there"),
        ("van A123 BCD", f"van {REGISTRATION}"),
        ("old car ABC 123D", f"old car {REGISTRATION}"),
        ("reg ab12 cde", f"reg {REGISTRATION}"),
        ("number plate: kx65abc", f"number plate: {REGISTRATION}"),
        ("the man at 14 Saxon Gate deals", f"the man at {ADDRESS} deals"),
        ("3a acacia avenue", ADDRESS),
        ("12-14 High Street", ADDRESS),
        ("at 7, Church Lane", f"at {ADDRESS}"),
        ("22 Fishermead Boulevard", ADDRESS),
    ],
)
def test_every_kind_of_personal_detail_is_masked(text, expected):
    assert redact(text) == expected
    assert has_personal_details(text)


@pytest.mark.parametrize(
    "text",
    [
        "3 cars on the road every night",
        "speeding at 30 mph on the A5 and the V7 Saxon Street",
        "24 hours a day since 2016",
        "in mk14 the kids gather (MK14 area)",
        "2 kids park their bikes",
        "the 300 bus is late",
        "5 or 6 youths at the underpass",
        "a5 and a421 are racetracks",
        "Drug dealing near the local centre",
        "fly-tipping, ASB and burglary",
        "reported it 3 times, crime ref not given",
        "between 10pm and 2am",
        "",
    ],
)
def test_ordinary_words_are_untouched(text):
    assert redact(text) == text
    assert not has_personal_details(text)


def test_redaction_is_idempotent():
    text = "jo@example.org, 07700 900123, MK9 3EJ, AB12 CDE, 14 Saxon Gate"
    once = redact(text)
    assert redact(once) == once
    assert once == f"{EMAIL}, {PHONE}, {POSTCODE}, {REGISTRATION}, {ADDRESS}"


def test_many_texts_are_redacted_exactly_as_each_one_alone():
    """redact_many (used for every analysis) scans the texts together: nothing may leak between them or be missed."""
    texts = [
        "jo@example.org, 07700 900123, MK9 3EJ, AB12 CDE, 14 Saxon Gate",
        "Speeding cars on the grid roads",
        "",
        None,
        "ring 07700",
        "900123 tonight",  # a phone number split across two answers is two ordinary numbers
        "reg ab12 cde and a@b.co.uk",
        "3 cars on the road every night",
        "14",
        "Saxon Gate",
        "mk14 6ab is where",
        "in mk14 the kids gather (MK14 area)",
        "text with a \x00 inside 07700 900123",
    ]
    assert redact_many(texts) == [redact(text) for text in texts]
    assert redact_many(texts[:-1])[4:6] == ["ring 07700", "900123 tonight"]
