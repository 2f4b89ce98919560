"""Who may see and change what around a meeting (issue 7 permission matrix).

Attendee lists, contact details and reasonable adjustments are for meeting staff only: staff users whose group
holds the booking permissions (communications officers and partnership admins). A resident sees only their own
booking, through its signed link, which needs no predicate.
"""

import rules


@rules.predicate
def is_meeting_staff(user):
    return (
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and (
            user.is_superuser
            or user.groups.filter(
                permissions__codename="change_booking", permissions__content_type__app_label="meetings"
            ).exists()
        )
    )


rules.add_perm("meetings.see_attendees", is_meeting_staff)
rules.add_perm("meetings.check_in", is_meeting_staff)
rules.add_perm("meetings.triage_questions", is_meeting_staff)
rules.add_perm("meetings.cancel_meeting", is_meeting_staff)
