"""The letters and emails an applicant receives at each step (CT-080, CT-081, CT-091, CT-093), in words case
officers can change (LetterTemplate in the admin). These defaults are used until someone edits one.

Placeholders in braces are filled in from the case; an unknown one is left as it is, so a typo never stops a
letter. Special-category details (health, hate motivation, equality answers) are never placeholders (GD-013).
"""

DEFAULT_LETTERS = {
    "received": (
        "We have received your ASB Case Review application {reference}",
        "Dear {name},\n\nThank you for applying for an ASB Case Review (also known as the Community Trigger). "
        "Your reference is {reference}.\n\nWe have passed your application to all the relevant bodies, as the law "
        "requires. We will acknowledge it by {due} and tell you who your single point of contact is.\n\n"
        "You can see the progress of your application here:\n{link}\n\nKeep this link private: anyone with it can "
        "see your application.\n\nIf you are in danger, call 999. To report new anti-social behaviour, call 101.",
    ),
    "acknowledged": (
        "Your ASB Case Review application {reference}: your point of contact",
        "Dear {name},\n\nWe have acknowledged your application {reference}. Your single point of contact is {spoc}: "
        "they will keep you updated and tell you before the case is closed.\n\nWe will decide whether the "
        "threshold for a review is met by {due}.\n\nIf you would like support, Victim Support can help whether "
        "or not you have reported a crime: ask {spoc} and they will refer you.",
    ),
    "threshold_met": (
        "Your ASB Case Review application {reference}: a review will take place",
        "Dear {name},\n\nThe relevant bodies have decided that the threshold for an ASB Case Review is met.\n\n"
        "Why: {reasons}\n\nWe will hold the review meeting by {due}. You can choose how to take part: in person, "
        "online, by a written statement, through a representative, or not at all. {spoc} will ask you.",
    ),
    "threshold_not_met": (
        "Your ASB Case Review application {reference}: the decision",
        "Dear {name},\n\nThe relevant bodies have decided that the threshold for an ASB Case Review is not met.\n\n"
        "Why: {reasons}\n\nWhat happens next: {signposting}\n\nIf you think the threshold was wrongly judged, you "
        "can appeal by {due}. {spoc} can explain how. {pcc_route}",
    ),
    "threshold_disqualified": (
        "Your ASB Case Review application {reference}: the decision",
        "Dear {name},\n\nThe relevant bodies have decided not to carry out an ASB Case Review, because "
        "{disqualifier}.\n\nWhy: {disqualifier_reasons}\n\nOur published procedures say: "
        "{disqualifiers_explanation}\n\nWhat happens next: {signposting}\n\nIf you think this was wrongly "
        "decided, you can appeal by {due}. {spoc} can explain how. {pcc_route}",
    ),
    "meeting_scheduled": (
        "Your ASB Case Review {reference}: the review meeting",
        "Dear {name},\n\nThe review meeting will be held on {meeting}. It will be chaired by {chair}.\n\n{spoc} "
        "will confirm how you have chosen to take part.",
    ),
    "action_plan_shared": (
        "Your ASB Case Review {reference}: the draft action plan",
        "Dear {name},\n\nThe review has taken place. Before the action plan is final, we would like your views on "
        "the draft: {spoc} will go through it with you.",
    ),
    "outcome_sent": (
        "Your ASB Case Review {reference}: the outcome",
        "Dear {name},\n\nThe review of your case is complete.\n\n{outcome}\n\nIf you are unhappy with how the "
        "review was carried out, you can appeal by {due}. {spoc} can explain how. {pcc_route}",
    ),
    "appeal_received": (
        "Your ASB Case Review {reference}: appeal received",
        "Dear {name},\n\nWe have received the appeal about your case {reference}. It will be decided by {due}.",
    ),
    "appeal_decided": (
        "Your ASB Case Review {reference}: the appeal decision",
        "Dear {name},\n\nThe appeal about your case {reference} has been decided.\n\n{reasons}",
    ),
    "pcc_review_requested": (
        "Your ASB Case Review {reference}: the Police and Crime Commissioner's review",
        "Dear {name},\n\nWe have passed your case {reference} to the {pcc_office}, who will review the decision "
        "you asked about. We have asked for their answer by {due}. {spoc} will tell you what they decide.",
    ),
    "pcc_review_decided": (
        "Your ASB Case Review {reference}: the Police and Crime Commissioner's decision",
        "Dear {name},\n\nThe {pcc_office} has reviewed the decision about your case {reference}.\n\n{reasons}"
        "\n\n{spoc} will explain what happens next.",
    ),
    "closed": (
        "Your ASB Case Review {reference} is closed",
        "Dear {name},\n\nYour case {reference} is now closed.\n\nWhy: {reasons}\n\nIf the behaviour starts again, "
        "report it: call 101, or 999 in an emergency. Thank you for telling us.",
    ),
}


# CT-071: agencies must explain the case review to every victim who makes a second ASB report within six months. This
# is the paragraph a partner puts in its letter or message to them, in words the partnership can change.
PARTNER_LETTER = (
    "Do you know about the ASB Case Review?",
    "You have told us about anti-social behaviour more than once. If you feel the problem is not being dealt with, "
    "you can ask for an ASB Case Review (also known as the Community Trigger). The council, the police, the NHS and "
    "housing providers will then look together at what has been reported and how they responded, and agree what "
    "to do next.\n\nYou can ask for a review if {threshold}. If you do not meet this, the agencies can still "
    "decide to hold one.\n\nYou can apply online at {apply_url}, by phone or by post, or ask someone to apply "
    "for you with your agreement. Contact: {contact}.\n\nTo report new anti-social behaviour, call 101. In an "
    "emergency, call 999.",
)


class _Leave(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def fill(text: str, values: dict) -> str:
    """Fill the placeholders; anything else in braces is left as written."""
    try:
        return text.format_map(_Leave(values))
    except (ValueError, IndexError, AttributeError, KeyError):
        return text


def letter(key: str, values: dict) -> tuple:
    """(subject, body) for one step, from the edited template if there is one, else the default."""
    from case_reviews.models import LetterTemplate

    edited = LetterTemplate.objects.filter(key=key).first()
    default = PARTNER_LETTER if key == "partner_letter" else DEFAULT_LETTERS[key]
    subject, body = (edited.subject, edited.body) if edited else default
    return fill(subject, values), fill(body, values)
