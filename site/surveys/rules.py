"""Who may do what with surveys (one predicate a line).

Raw responses, results with small numbers and exports are for officers with the `surveys.view_response`
permission (communications officers and partnership admins, granted in migration 0002). A background export's
file is for the officer who asked for it, and nobody else.
"""

import rules


@rules.predicate
def is_survey_officer(user):
    return user.is_active and user.is_staff and user.has_perm("surveys.view_response")


@rules.predicate
def requested_the_export(user, job):
    return job is not None and job.requested_by_id == user.pk


rules.add_perm("surveys.see_results", is_survey_officer)
rules.add_perm("surveys.export_responses", is_survey_officer)
rules.add_perm("surveys.import_responses", is_survey_officer)
rules.add_perm("surveys.download_export", is_survey_officer & requested_the_export)
