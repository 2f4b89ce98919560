"""Pure rules of the engagement ladder: no ORM, no clock (the caller passes `now`).

- An activity's status follows from its dates, and from whether the partnership has marked it complete.
- The outcome rule (EL-007, FP-011): at consult and above, "complete" means residents have been told what came of
  it, so an activity cannot be complete until its "You said, we did" outcome is published. Inform owes no outcome.
- Alerts (issue 4, 3): a subscription matches a new activity that shares a ward or a topic with it; an activity
  with no wards is borough-wide, so it concerns every ward.
- The ladder report's share at involve and co-produce.
- Who may do what in a task-and-finish group (the co-produce rung).
"""

from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from core.engagement import EngagementLevel

# EL-007 asks for a feedback obligation "with a due date"; when editors give none, the partnership's custom of
# reporting back within twelve weeks of closing applies.
DEFAULT_OUTCOME_DUE_AFTER = timedelta(weeks=12)


class Status(StrEnum):
    UPCOMING = "upcoming"
    OPEN = "open"
    CLOSED = "closed"
    COMPLETE = "complete"

    @property
    def label(self):
        return STATUS_LABELS[self]


STATUS_LABELS = {
    Status.UPCOMING: "Upcoming",
    Status.OPEN: "Open now",
    Status.CLOSED: "Closed",
    Status.COMPLETE: "Outcome published",
}

# The hub lists what residents can do now first, then what is coming, then what has finished.
STATUS_ORDER = [Status.OPEN, Status.UPCOMING, Status.CLOSED, Status.COMPLETE]


def status_at(*, opens_at, closes_at, is_complete, now):
    """Where an activity is at `now`. `closes_at` may be empty: an ongoing activity stays open."""
    if is_complete:
        return Status.COMPLETE
    if opens_at and now < opens_at:
        return Status.UPCOMING
    if closes_at is None or now < closes_at:
        return Status.OPEN
    return Status.CLOSED


def owes_outcome(level):
    """Consult, involve and co-produce owe residents a "You said, we did" answer (EL-007); inform does not."""
    return EngagementLevel(level).owes_feedback


def may_mark_complete(*, level, outcome_published):
    """The outcome rule: an activity at consult or above is complete only once its outcome is published."""
    return outcome_published or not owes_outcome(level)


OUTCOME_MISSING = (
    "This activity is at the “{level}” level, so residents are owed a “You said, we did” answer. "
    "Publish at least one answer with this activity as its source before marking it complete."
)


def outcome_due(*, level, closes_at, given):
    """When the outcome is owed: the date editors gave, else twelve weeks after closing (consult and above)."""
    if given or not owes_outcome(level) or closes_at is None:
        return given
    return (closes_at + DEFAULT_OUTCOME_DUE_AFTER).date()


def alert_matches(*, activity_wards, activity_topics, wanted_wards, wanted_topics):
    """Does a subscription (wards and topics the resident chose) want to hear about this activity?

    Sets of ward codes and topic slugs. A borough-wide activity (no wards) matches anyone who chose a ward.
    """
    activity_wards, wanted_wards = set(activity_wards), set(wanted_wards)
    ward_match = bool(wanted_wards) and (not activity_wards or bool(activity_wards & wanted_wards))
    topic_match = bool(set(activity_topics) & set(wanted_topics))
    return ward_match or topic_match


def share(part, whole):
    """A whole-number percentage, 0 when there is nothing to share."""
    return round(100 * part / whole) if whole else 0


# Ways to engage on each rung, from the partnership's own table (seed 004, "Ways to engage").
WAYS_BY_RUNG = {
    EngagementLevel.INFORM: [
        "website",
        "email",
        "social_media",
        "press",
        "reports",
        "presentations",
        "newsletter",
        "personal_visits",
        "existing_networks",
    ],
    EngagementLevel.CONSULT: [
        "community_partnership",
        "public_meeting",
        "focus_group",
        "survey",
        "paper",
        "phone",
        "website",
        "email",
        "social_media",
        "personal_visits",
        "existing_networks",
    ],
    EngagementLevel.INVOLVE: [
        "event",
        "workshop",
        "research",
        "strategy",
        "public_meeting",
        "parish_council",
        "existing_networks",
    ],
    EngagementLevel.CO_PRODUCE: [
        "task_and_finish_group",
        "public_meeting",
        "existing_networks",
        "community_group",
        "toolkit",
    ],
}


# Task-and-finish groups -------------------------------------------------------------------------------------------


class GroupRole(StrEnum):
    """Someone's relation to one task-and-finish group."""

    LEAD = "lead"  # the staff member or resident the partnership made the group's lead
    MEMBER = "member"  # a resident whose request to join was accepted
    RESIDENT = "resident"  # anyone else, signed in or not
    OFFICER = "officer"  # a communications officer or partnership admin, who oversees every group


class GroupAction(StrEnum):
    ACCEPT = "accept"  # accept or decline a request to join
    PUBLISH = "publish"  # publish an output on the group's page
    SEE_MEMBERS = "see_members"  # see who the members are and who has asked to join


GROUP_PERMISSIONS = {
    GroupRole.LEAD: {GroupAction.ACCEPT, GroupAction.PUBLISH, GroupAction.SEE_MEMBERS},
    GroupRole.MEMBER: {GroupAction.SEE_MEMBERS},
    GroupRole.RESIDENT: set(),
    GroupRole.OFFICER: {GroupAction.ACCEPT, GroupAction.PUBLISH, GroupAction.SEE_MEMBERS},
}


def group_may(role, action):
    """The permission matrix for task-and-finish groups (issue 4, 4)."""
    return GroupAction(action) in GROUP_PERMISSIONS[GroupRole(role)]


@dataclass(frozen=True)
class LadderCell:
    """One row of the ladder report: activities per rung in one ward (or borough-wide, or all) in one year."""

    year: int
    area: str
    counts: tuple  # one count per rung, in ladder order

    @property
    def total(self):
        return sum(self.counts)

    @property
    def share_involve_and_above(self):
        return share(self.counts[2] + self.counts[3], self.total)
