"""Who may read the concern analysis: the officers who may read survey results (their answers are its input).

Keeping the themes, stop-words and synonyms, importing text and publishing follow model permissions granted to
communications officers and partnership admins (migration 0002).
"""

import rules

from surveys.rules import is_survey_officer

rules.add_perm("concern_analysis.see_concerns", is_survey_officer)
