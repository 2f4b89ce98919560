"""Redaction: personal details in residents' free text are masked before anything is shown or published.

Residents write what worries them, and some write more than they should: "the man at 14 Saxon Gate deals from
his car, AB12 CDE, ring me on 07700 900123". Officers read concerns to see patterns, not people, so every text
is passed through `redact` before it is stored from an import, shown in the admin or fed to a word cloud
(GD-013: access restriction and no personal data where it is not needed).

Masked, each with a plain label a reader understands:
    email addresses              [email removed]
    phone numbers (UK)           [phone removed]
    full postcodes               [postcode removed]   (a district such as "MK14" on its own stays: it names an area)
    vehicle registrations        [registration removed]
    house numbers with a street  [address removed]

The rules are deliberately careful about ordinary words: "3 cars", "24 hours", "the A5 at night", "30 mph" and
"MK14" pass untouched. Pure functions: no database, no clock.
"""

import re
from itertools import compress

EMAIL = "[email removed]"
PHONE = "[phone removed]"
POSTCODE = "[postcode removed]"
REGISTRATION = "[registration removed]"
ADDRESS = "[address removed]"
MASKS = (EMAIL, PHONE, POSTCODE, REGISTRATION, ADDRESS)

_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)

# Full UK postcodes (outward code, space optional, inward code), in any case: "MK9 3EJ", "mk93ej", "GIR 0AA".
_POSTCODE = re.compile(r"\b(?:GIR ?0AA|[A-Z]{1,2}\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})\b", re.IGNORECASE)

# UK phone numbers: 10 or 11 digits starting 0 (or +44 / 0044), with spaces, dots, dashes or brackets between.
_PHONE = re.compile(r"(?<![\w+])(?:(?:\+|00)\s?44\s?(?:\(0\)\s?)?|\(?0)\d(?:[\s.\-)]{0,2}\d){8,9}(?!\w)")

# Vehicle registrations as printed on plates (capitals): current "AB12 CDE", prefix "A123 BCD", suffix "ABC 123D",
# and dateless "ABC 123". Lower-case plates are masked only after a word that says a plate follows ("reg ab12 cde"),
# because lower-case "mk14 the" or "a5 and" are ordinary words.
_PLATE = r"(?:[A-Z]{2}\d{2} ?[A-Z]{3}|[A-Z]\d{1,3} ?[A-Z]{3}|[A-Z]{3} ?\d{1,3}[A-Z]|[A-Z]{3} ?\d{3,4})"
_REGISTRATION = re.compile(rf"\b{_PLATE}\b")
_REGISTRATION_AFTER_CUE = re.compile(
    rf"(?P<cue>\b(?:reg(?:istration)?(?: number)?|number ?plate|plates?|licen[cs]e plate)\s*(?:no\.?|number)?[:\s]\s*)"
    rf"(?P<plate>{_PLATE})\b",
    re.IGNORECASE,
)

# Street types that are never ordinary words after a number ("12 acacia avenue").
_STREET_TYPES = (
    "road|rd|street|avenue|ave|lane|crescent|gardens|grove|terrace|mews|boulevard|court|square|parade|"
    "close|place|drive|way|gate|walk|view|rise|row|hill|croft|green|end|park|chase|meadow|mead|field|fields|leys"
)
# The street's own name: one to three words, none of them a small word ("3 cars on the road" is no address).
_SMALL_WORDS = (
    "a|an|the|and|or|on|in|at|of|to|by|for|from|near|past|up|down|off|into|outside|behind|per|times|cars|"
    "people|kids|youths|days|nights|weeks|hours|years|minutes|mins|mph|am|pm"
)
_NAME_WORD = rf"(?!(?:{_SMALL_WORDS}|{_STREET_TYPES})\b)[A-Za-z][A-Za-z'\u2019-]*"
_ADDRESS = re.compile(
    rf"\b\d{{1,4}}[A-Za-z]?(?:\s*[,-]\s*\d{{1,4}}[A-Za-z]?)?,?\s+(?:{_NAME_WORD}\s+){{1,3}}(?:{_STREET_TYPES})\b",
    re.IGNORECASE,
)


_DIGIT = re.compile(r"\d").search


def redact(text):
    """The text with email addresses, phone numbers, full postcodes, registrations and addresses masked."""
    if not text:
        return ""
    # Every detail but an email address holds a digit, and most answers hold neither: skip the scans then.
    if "@" in text:
        text = _EMAIL.sub(EMAIL, text)
    if _DIGIT(text):
        text = _redact_numbers(text)
    return text


def _redact_numbers(text):
    """Postcodes, registrations, phone numbers and addresses: the details that hold a digit."""
    text = _POSTCODE.sub(POSTCODE, text)
    lowered = text.lower()
    if "reg" in lowered or "plate" in lowered:  # every cue has one of these
        text = _REGISTRATION_AFTER_CUE.sub(lambda m: m.group("cue") + REGISTRATION, text)
    text = _REGISTRATION.sub(REGISTRATION, text)
    text = _PHONE.sub(PHONE, text)
    return _ADDRESS.sub(ADDRESS, text)


# Every personal detail above holds a digit, or an "@" for an email address. No pattern can match across a NUL
# (none of them matches it, and "\b" and the lookarounds treat it as they treat the end of a text), so texts
# joined by NULs are redacted exactly as each one alone would be.
_JOIN = "\x00"
_ALL_BUT_DIGITS_AT_AND_JOIN = bytes(set(range(256)) - set(b"0123456789@\x00"))


def redact_many(texts):
    """`redact` on each of many texts, done at C speed: one pass over all of them finds the few that hold an "@"
    or a digit (most residents' answers hold neither), and those few are redacted together, one pass per pattern
    over the ones that can hold its kind of detail."""
    texts = [text or "" for text in texts]
    marks = _JOIN.join(texts).encode("utf-8", "surrogatepass").translate(None, _ALL_BUT_DIGITS_AT_AND_JOIN)
    marks = marks.split(_JOIN.encode())
    if len(marks) != len(texts):  # a text holding a NUL itself: redact each one alone
        return [redact(text) for text in texts]
    needing = list(compress(range(len(texts)), marks))
    for redact_these, which in (
        (lambda joined: _EMAIL.sub(EMAIL, joined), [index for index in needing if b"@" in marks[index]]),
        (_redact_numbers, [index for index in needing if marks[index].strip(b"@")]),
    ):
        if which:
            redacted = redact_these(_JOIN.join(texts[index] for index in which)).split(_JOIN)
            for index, text in zip(which, redacted, strict=True):
                texts[index] = text
    return texts


def has_personal_details(text):
    """Whether redaction would change the text (used to check published output, and in tests)."""
    return redact(text) != text
