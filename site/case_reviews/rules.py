"""Who may see case reviews (issue 10, GD-013): only case officers and partnership admins, whose groups hold the
case review permissions. Communications officers, watch coordinators, Safe Places venues and residents cannot.
An applicant sees only their own application, through its signed link, which needs no predicate."""

import rules


def _holds(codename):
    @rules.predicate
    def predicate(user):
        return (
            user.is_authenticated
            and user.is_active
            and user.is_staff
            and (
                user.is_superuser
                or user.groups.filter(
                    permissions__codename=codename, permissions__content_type__app_label="case_reviews"
                ).exists()
            )
        )

    return predicate


is_case_officer = _holds("change_application")
can_export = _holds("export_application")

rules.add_perm("case_reviews.see_cases", is_case_officer)
rules.add_perm("case_reviews.work_cases", is_case_officer)
rules.add_perm("case_reviews.export_cases", can_export)
