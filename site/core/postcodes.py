"""UK postcodes: how residents type them and what we store (pure rules, no database)."""

import re

from core.exceptions import InvalidPostcode

# Outward code (area, district) then inward code (sector, unit), as Royal Mail allocates them.
_POSTCODE = re.compile(
    r"^(?P<outward>[A-PR-UWYZ](?:[0-9][0-9]?|[A-HK-Y][0-9][0-9]?|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY])"
    r"|GIR)(?P<inward>[0-9][ABD-HJLNP-UW-Z]{2})$"
)
_OUTWARD_ONLY = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")


def normalise_postcode(raw):
    """Return the postcode as Royal Mail writes it ("MK9 3EJ"), or raise InvalidPostcode saying why.

    Residents type postcodes in any case, with or without a space, and sometimes with a letter O for
    a zero in the inward part; all of those are accepted. A postcode is checked for its shape only: whether
    it exists is a question for the postcode table.
    """
    if raw is None or not str(raw).strip():
        raise InvalidPostcode("Enter a postcode, like MK9 3EJ.")
    compact = re.sub(r"[\s\-]+", "", str(raw)).upper()
    if not compact.isalnum():
        raise InvalidPostcode("A postcode can only contain letters and numbers, like MK9 3EJ.")
    if _OUTWARD_ONLY.match(compact) and len(compact) <= 4:
        raise InvalidPostcode("Enter your full postcode, like MK9 3EJ, not just the first part.")
    if len(compact) > 7:
        raise InvalidPostcode("That postcode is too long. Enter a postcode like MK9 3EJ.")
    if len(compact) < 5:
        raise InvalidPostcode("That postcode is too short. Enter a postcode like MK9 3EJ.")
    if compact[-3] == "O":
        compact = compact[:-3] + "0" + compact[-2:]
    match = _POSTCODE.match(compact)
    if not match:
        raise InvalidPostcode("Enter a real UK postcode, like MK9 3EJ.")
    return f"{match['outward']} {match['inward']}"


def is_valid_postcode(raw):
    try:
        normalise_postcode(raw)
    except InvalidPostcode:
        return False
    return True
