"""The ASB Case Review's rules, pure: no database, no clock. Every threshold number is data (CT-040).

- `ThresholdRules`: the partnership's rules as data (the number of complaints, the two windows, local variants),
  built from the case review settings; `evaluate_threshold` applies them to the incidents an applicant lists
  (CT-030..CT-036) and says, in plain English, why each incident counts or does not.
- `check_threshold_decision`: what an officer's threshold decision must contain (CT-030 "must be treated as met",
  CT-034 discretionary reasons against persistence, harm and adequacy of response).
- Working-day clocks against the England and Wales bank holidays (CT-083..CT-088).
- `yearly_statistics`: the four statutory counts per reporting year, worked out from the records (CT-016..CT-018).
"""

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

import holidays as holidays_package

MAXIMUM_COMPLAINTS = 3  # s.104(4): the number set in the procedures may be no higher than three (CT-030)


VEXATIOUS = "vexatious"
LATE_REPORTS = "late_reports"
DISQUALIFIER_LABELS = {
    VEXATIOUS: "the application is malicious or vexatious",
    LATE_REPORTS: "the complaints were made just before applying, with no time for the agencies to investigate",
}


class RulesInvalid(ValueError):
    """The partnership's threshold rules break the law or make no sense; the message says which."""


def add_months(start: date, months: int) -> date:
    """The corresponding date `months` later; a day the later month lacks becomes its last day (31 Jan -> 28/29 Feb)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def within_months(start: date, end: date, months: int) -> bool:
    """Whether `end` falls on or after `start` and no later than `months` calendar months after it (CT-031/032).

    The requirement's validation reads "must be <= 1 calendar month" (and 6 for the application), so the
    corresponding date itself counts. That is the generous reading of "within one month beginning with": a
    complaint it admits can never be one the Act required us to count and we refused.
    """
    return start <= end <= add_months(start, months)


@dataclass(frozen=True)
class ThresholdRules:
    """The partnership's threshold as data (CT-030, CT-036, CT-040). Defaults are the statutory minimum rules."""

    complaints_needed: int = MAXIMUM_COMPLAINTS
    complaint_window_months: int = 1
    application_window_months: int = 6
    # CT-036 (i): five or more reports from different people about the same problem within six months.
    several_people_enabled: bool = False
    several_people_count: int = 5
    # CT-036 (ii): one hate incident or hate crime within six months.
    hate_incident_enabled: bool = False
    # CT-036 (iii): two qualifying complaints where at least one involves hate.
    hate_with_reports_enabled: bool = False
    hate_with_reports_count: int = 2
    # CT-038: disqualifiers the partnership may put in its procedures; each must be explained to the applicant.
    vexatious_enabled: bool = False
    late_reports_enabled: bool = False
    investigation_working_days: int = 10

    def __post_init__(self):
        if not 1 <= self.complaints_needed <= MAXIMUM_COMPLAINTS:
            raise RulesInvalid(
                f"The number of complaints must be between 1 and {MAXIMUM_COMPLAINTS}: the law lets the procedures "
                "set a lower number, never a higher one (s.104(4))."
            )
        if self.complaint_window_months < 1 or self.application_window_months < 1:
            raise RulesInvalid("The complaint and application windows must each be at least one month.")
        if self.several_people_count < 2 or self.hate_with_reports_count < 1:
            raise RulesInvalid("The local variants need at least two people, and at least one report.")
        if self.investigation_working_days < 1:
            raise RulesInvalid("The time the agencies need to investigate a complaint must be at least one day.")

    @property
    def disqualifiers(self):
        """The disqualifiers switched on, as {key: label}, in the order an officer sees them (CT-038)."""
        out = {}
        if self.vexatious_enabled:
            out[VEXATIOUS] = DISQUALIFIER_LABELS[VEXATIOUS]
        if self.late_reports_enabled:
            out[LATE_REPORTS] = DISQUALIFIER_LABELS[LATE_REPORTS]
        return out


@dataclass(frozen=True)
class Report:
    """One report of an incident to one agency (an incident reported to the police and the council has two)."""

    reported_on: date
    agency: str
    reported_by: str = ""


@dataclass(frozen=True)
class IncidentFacts:
    """What the applicant says happened, and each agency it was reported to (CT-033: one incident, many reports)."""

    happened_on: date
    reports: tuple = ()
    hate: bool = False
    label: str = ""


@dataclass(frozen=True)
class IncidentVerdict:
    incident: IncidentFacts
    qualifies: bool
    reason: str
    counted_report: Report | None = None


@dataclass(frozen=True)
class ThresholdOutcome:
    """The result of applying the rules. `met` is the automatic threshold only: a "not met" is never a refusal,
    because the relevant bodies may still decide to review under their discretion (CT-034, CT-039)."""

    met: bool
    route: str  # "automatic", "several-people", "hate-incident", "hate-with-reports" or "" when not met
    qualifying: int
    needed: int
    verdicts: list = field(default_factory=list)
    summary: str = ""
    # CT-038: qualifying complaints made too recently for the agencies to have investigated them, when the
    # partnership's procedures disqualify an application that meets the number only because of them.
    too_recent: int = 0
    late_reports_may_apply: bool = False


ROUTE_LABELS = {
    "automatic": "enough qualifying complaints",
    "several-people": "reports from several people about the same problem",
    "hate-incident": "a hate incident",
    "hate-with-reports": "complaints including a hate incident",
}


def judge_incident(incident: IncidentFacts, *, applied_on: date, rules: ThresholdRules) -> IncidentVerdict:
    """Whether one incident is a qualifying complaint (CT-031, CT-032), using its best report.

    Any one report that meets both windows is enough: the same incident reported to several agencies counts once
    (CT-033), and the earliest in-time report is the one counted.
    """
    if not incident.reports:
        return IncidentVerdict(incident, False, "It was not reported to any agency.")
    late_report = late_application = False
    for report in sorted(incident.reports, key=lambda r: r.reported_on):
        if report.reported_on < incident.happened_on or report.reported_on > applied_on:
            continue
        if not within_months(incident.happened_on, report.reported_on, rules.complaint_window_months):
            late_report = True
            continue
        if not within_months(report.reported_on, applied_on, rules.application_window_months):
            late_application = True
            continue
        return IncidentVerdict(incident, True, "It was reported in time and the application is in time.", report)
    if late_application:
        return IncidentVerdict(
            incident,
            False,
            f"The application was made more than {_months(rules.application_window_months)} after it was reported.",
        )
    if late_report:
        return IncidentVerdict(
            incident,
            False,
            f"It was reported more than {_months(rules.complaint_window_months)} after it happened.",
        )
    return IncidentVerdict(incident, False, "The dates given for the report do not fit the date it happened.")


def _months(count):
    return "one month" if count == 1 else f"{count} months"


def evaluate_threshold(
    incidents: Iterable[IncidentFacts], *, applied_on: date, rules: ThresholdRules
) -> ThresholdOutcome:
    """Apply the partnership's rules to an application's incidents (CT-030..CT-036).

    The statutory route (N qualifying complaints) is tried first; then each local variant the partnership has
    switched on. Incidents are distinct records, so duplicates across agencies are already one (CT-033).
    """
    verdicts = [judge_incident(incident, applied_on=applied_on, rules=rules) for incident in incidents]
    qualifying = [v for v in verdicts if v.qualifies]
    count = len(qualifying)
    route = ""
    if count >= rules.complaints_needed:
        route = "automatic"
    elif (
        rules.hate_with_reports_enabled
        and count >= rules.hate_with_reports_count
        and any(v.incident.hate for v in qualifying)
    ):
        route = "hate-with-reports"
    elif rules.hate_incident_enabled and any(v.incident.hate for v in qualifying):
        route = "hate-incident"
    elif rules.several_people_enabled:
        window_start = add_months(applied_on, -rules.application_window_months)
        people = {
            report.reported_by.strip().casefold()
            for v in verdicts
            for report in v.incident.reports
            if report.reported_by.strip() and window_start <= report.reported_on <= applied_on
        }
        if len(people) >= rules.several_people_count:
            route = "several-people"
    met = bool(route)
    too_recent = 0
    late_may_apply = False
    if rules.late_reports_enabled:
        too_recent = sum(
            1
            for v in qualifying
            if is_too_recent(v.counted_report.reported_on, applied_on, rules.investigation_working_days)
        )
        late_may_apply = route == "automatic" and count - too_recent < rules.complaints_needed
    if met:
        summary = f"The threshold appears to be met: {ROUTE_LABELS[route]}."
    else:
        summary = (
            f"The threshold does not appear to be met automatically: {count} of the {rules.complaints_needed} "
            "qualifying complaints needed. The agencies can still decide to carry out a review, looking at how "
            "persistent the behaviour is, the harm it causes and how well the agencies responded."
        )
    if late_may_apply:
        summary += (
            f" {too_recent} of the complaints were made less than {rules.investigation_working_days} working days "
            "before this application. This area's procedures allow the agencies time to investigate a complaint "
            "first, so they may decide a review is not needed yet; they will tell you why."
        )
    return ThresholdOutcome(
        met, route, count, rules.complaints_needed, verdicts, summary, too_recent=too_recent,
        late_reports_may_apply=late_may_apply,
    )  # fmt: skip


def is_too_recent(reported_on: date, applied_on: date, investigation_working_days: int) -> bool:
    """Whether a complaint was made "just before applying" (CT-038): fewer than the partnership's number of working
    days before the application, so the agencies had no time to investigate. Exactly that many days is enough."""
    return working_days_between(reported_on, applied_on) < investigation_working_days


# The officer's decision ---------------------------------------------------------------------------------------

DISCRETIONARY_FACTORS = {
    "persistence": "the persistence of the anti-social behaviour",
    "harm": "the harm or potential harm caused",
    "response": "the adequacy of the agencies' response",
}


def check_threshold_decision(
    *,
    met: bool,
    automatic: ThresholdOutcome,
    reasons: str,
    factors: dict,
    disqualifier: str = "",
    disqualifier_reasons: str = "",
    rules: ThresholdRules | None = None,
) -> dict:
    """Problems with an officer's threshold decision, as {field: message}; empty when it can be recorded.

    CT-030: when enough qualifying complaints were made the threshold MUST be treated as met, so "not met" is
    refused, unless a disqualifier the partnership's own procedures contain applies and is recorded with its
    reasons (CT-038). A "met" that follows the rules (the number or a local variant) needs only its reasons.
    CT-034/035: any other decision is discretionary and is recorded against persistence, harm and the adequacy of
    the response, each with its reason. Every decision carries reasons the applicant is told (CT-081).
    """
    rules = rules or ThresholdRules()
    problems = {}
    if disqualifier:
        if disqualifier not in rules.disqualifiers:
            problems["disqualifier"] = (
                "That disqualifier is not in this partnership's procedures, so it cannot be applied."
            )
        elif met:
            problems["disqualifier"] = "A disqualified application does not meet the threshold: choose 'Not met'."
        elif not (disqualifier_reasons or "").strip():
            problems["disqualifier_reasons"] = (
                "Explain why the disqualifier applies: the applicant will be told these reasons."
            )
        elif disqualifier == LATE_REPORTS and not automatic.late_reports_may_apply:
            problems["disqualifier"] = (
                "This disqualifier applies only when the number of complaints is reached because of complaints "
                f"made fewer than {rules.investigation_working_days} working days before the application; "
                "here it is not."
            )
    if automatic.met and automatic.route == "automatic" and not met and not disqualifier:
        problems["met"] = (
            f"The application lists {automatic.qualifying} qualifying complaints, so the law says the threshold "
            "must be treated as met."
        )
    if not (reasons or "").strip():
        problems["reasons"] = "Give the reasons for the decision: the applicant will be told them."
    if not (met and automatic.met) and not disqualifier:
        for key, label in DISCRETIONARY_FACTORS.items():
            if not (factors.get(key) or "").strip():
                problems[key] = f"Record your view of {label}: the decision is discretionary (s.104(5))."
    return problems


# Working-day clocks ---------------------------------------------------------------------------------------------


def bank_holidays(years: Iterable[int]) -> frozenset:
    """England and Wales bank holidays (the two share one calendar), substitute days included (CT-088)."""
    return frozenset(holidays_package.country_holidays("GB", subdiv="ENG", years=list(years)).keys())


def is_working_day(day: date, closed: frozenset) -> bool:
    return day.weekday() < 5 and day not in closed


def add_working_days(start: date, days: int, closed: frozenset | None = None) -> date:
    """The date `days` working days after `start` (the start day itself is not counted), skipping weekends and
    bank holidays. A request received on a Friday with a 2-working-day target is due on Tuesday."""
    closed = bank_holidays(range(start.year, start.year + 2 + days // 200)) if closed is None else closed
    day = start
    remaining = days
    while remaining > 0:
        day += timedelta(days=1)
        if is_working_day(day, closed):
            remaining -= 1
    return day


def working_days_between(start: date, end: date, closed: frozenset | None = None) -> int:
    """How many working days after `start`, up to and including `end` (0 when `end` is not later)."""
    if end <= start:
        return 0
    closed = bank_holidays(range(start.year, end.year + 1)) if closed is None else closed
    return sum(1 for n in range(1, (end - start).days + 1) if is_working_day(start + timedelta(days=n), closed))


# Yearly statistics -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseFacts:
    """The dates the statistics need from one case; nothing that identifies anyone (GD-013)."""

    submitted_on: date | None
    threshold_decided_on: date | None = None
    threshold_met: bool | None = None
    review_held_on: date | None = None
    has_recommendations: bool = False
    area: str = ""  # the PCC area the case falls in (CT-107); "" when not known


@dataclass
class YearCounts:
    start: date
    end: date
    applications: int = 0
    threshold_not_met: int = 0
    reviews: int = 0
    reviews_with_recommendations: int = 0
    areas: dict = field(default_factory=dict)  # PCC area name -> YearCounts for that area alone (CT-107)

    @property
    def by_area(self):
        """The year's counts for each PCC area, by name, the unknown area ("") last."""
        return sorted(self.areas.items(), key=lambda item: (item[0] == "", item[0]))

    @property
    def label(self):
        if self.start.year == self.end.year:
            return str(self.start.year)
        return f"{self.start:%B %Y} to {self.end:%B %Y}"

    @property
    def key(self):
        return self.start.year


def reporting_year_start(day: date, start_month: int = 4) -> date:
    """The first day of the reporting year holding `day` (April to March by default, CT-016/CT-018)."""
    year = day.year if day.month >= start_month else day.year - 1
    return date(year, start_month, 1)


def yearly_statistics(cases: Iterable[CaseFacts], *, start_month: int = 4) -> list:
    """The four CT-016 counts for every reporting year with any activity, newest first (CT-017).

    Each count falls in the year its event happened: an application in the year it was submitted, a "not met"
    in the year it was decided, a review (and whether it made recommendations) in the year it was held. Each year
    also holds the same counts for each PCC area its cases fall in (CT-107), which add up to the year's.
    """
    years: dict = {}

    def year_of(day):
        start = reporting_year_start(day, start_month)
        if start not in years:
            years[start] = YearCounts(start=start, end=add_months(start, 12) - timedelta(days=1))
        return years[start]

    def area_of(counts, case):
        if case.area not in counts.areas:
            counts.areas[case.area] = YearCounts(start=counts.start, end=counts.end)
        return counts.areas[case.area]

    for case in cases:
        if case.submitted_on:
            counts = year_of(case.submitted_on)
            for target in (counts, area_of(counts, case)):
                target.applications += 1
        if case.threshold_decided_on and case.threshold_met is False:
            counts = year_of(case.threshold_decided_on)
            for target in (counts, area_of(counts, case)):
                target.threshold_not_met += 1
        if case.review_held_on:
            counts = year_of(case.review_held_on)
            for target in (counts, area_of(counts, case)):
                target.reviews += 1
                target.reviews_with_recommendations += bool(case.has_recommendations)
    return sorted(years.values(), key=lambda y: y.start, reverse=True)


# Retention --------------------------------------------------------------------------------------------------


def retention_ends(closed_on: date, years: int) -> date:
    """The day a closed case's personal data is anonymised: `years` after closure (GD-020, default 6)."""
    return add_months(closed_on, 12 * years)


# Workflow: which step may follow which (CT-080, CT-090, CT-100) --------------------------------------------------

TRANSITIONS = {
    "acknowledge": {"received"},
    "decide_threshold": {"received", "acknowledged"},
    "schedule_meeting": {"threshold_met"},
    "hold_review": {"meeting_scheduled"},
    "share_action_plan": {"review_held"},
    "send_outcome": {"review_held", "action_plan_shared"},
    "open_appeal": {"threshold_not_met", "outcome_sent"},
    "decide_appeal": {"appeal"},
    # CT-106: the Police and Crime Commissioner's review, when the partnership has switched it on.
    "request_pcc_review": {"threshold_not_met", "outcome_sent"},
    "record_pcc_decision": {"pcc_review"},
    "close": {"received", "acknowledged", "threshold_not_met", "outcome_sent"},
    "add_recommendation": {
        "threshold_not_met",
        "review_held",
        "action_plan_shared",
        "outcome_sent",
        "appeal",
    },
}


PCC_ACTIONS = {"request_pcc_review", "record_pcc_decision"}


def can(action: str, status: str, *, pcc_review_enabled: bool = True) -> bool:
    """Whether `action` may follow `status`. The PCC review steps exist only when the partnership has switched the
    route on (CT-106); a case already with the PCC can still have the PCC's decision recorded."""
    if action == "request_pcc_review" and not pcc_review_enabled:
        return False
    return status in TRANSITIONS.get(action, set())


@dataclass(frozen=True)
class Targets:
    """Working-day targets from the settings (CT-083..CT-086, CT-103)."""

    acknowledge: int = 2
    threshold: int = 15
    meeting: int = 20
    outcome: int = 10
    appeal_window: int = 20
    appeal_decision: int = 15
    pcc_review: int = 20


@dataclass(frozen=True)
class Due:
    step: str
    due_on: date

    def overdue(self, today: date) -> bool:
        return today > self.due_on


def next_due(status: str, dates: dict, targets: Targets, closed: frozenset | None = None) -> Due | None:
    """What the case officers owe next and by when, in working days (CT-083..CT-088). `dates` holds the dates the
    case has reached: submitted, decided, meeting, held, outcome, appeal, pcc (when the PCC was asked)."""

    def plus(key, days):
        return add_working_days(dates[key], days, closed)

    if status in ("received",):
        return Due("Acknowledge the application", plus("submitted", targets.acknowledge))
    if status == "acknowledged":
        return Due("Decide whether the threshold is met", plus("submitted", targets.threshold))
    if status == "threshold_met":
        return Due("Hold the review meeting", plus("decided", targets.meeting))
    if status == "meeting_scheduled":
        return Due("Hold the review meeting", dates["meeting"])
    if status in ("review_held", "action_plan_shared"):
        return Due("Send the outcome and action plan", plus("held", targets.outcome))
    if status == "threshold_not_met":
        return Due("Close the case once the appeal window has passed", plus("decided", targets.appeal_window))
    if status == "outcome_sent":
        return Due("Close the case once the appeal window has passed", plus("outcome", targets.appeal_window))
    if status == "appeal":
        return Due("Decide the appeal", plus("appeal", targets.appeal_decision))
    if status == "pcc_review":
        return Due("Record the Police and Crime Commissioner's decision", plus("pcc", targets.pcc_review))
    return None


# Evidence uploads (CT-057) --------------------------------------------------------------------------------------

ALLOWED_UPLOADS = {
    # extension: (content types a browser may send, the file's opening bytes)
    "pdf": ({"application/pdf"}, (b"%PDF",)),
    "jpg": ({"image/jpeg"}, (b"\xff\xd8\xff",)),
    "jpeg": ({"image/jpeg"}, (b"\xff\xd8\xff",)),
    "png": ({"image/png"}, (b"\x89PNG\r\n\x1a\n",)),
    "docx": (
        {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/octet-stream"},
        (b"PK\x03\x04",),
    ),
    "txt": ({"text/plain"}, None),
}
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_FILES = 10


def check_upload(*, name: str, content_type: str, size: int, head: bytes) -> str:
    """Why an upload is refused, or "" when it may be stored. Checked on the name, the declared type, the size and
    the file's first bytes, before anything is written (issue 10: wrong-type and oversized uploads refused)."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ALLOWED_UPLOADS:
        return "The file must be a PDF, a Word document (.docx), a JPG or PNG picture, or a text file."
    if size == 0:
        return "The file is empty."
    if size > MAX_UPLOAD_BYTES:
        return f"The file must be smaller than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB."
    types, signatures = ALLOWED_UPLOADS[extension]
    if content_type.split(";")[0].strip().lower() not in types:
        return "The file's type does not match its name. Save it again as a PDF, Word, JPG, PNG or text file."
    if signatures and not any(head.startswith(signature) for signature in signatures):
        return "The file is not what its name says. Save it again as a PDF, Word, JPG, PNG or text file."
    if signatures is None and b"\x00" in head:
        return "The file is not a plain text file."
    return ""


# Other people affected, and a group's agreement (CT-022) ---------------------------------------------------------

MAX_AFFECTED_PEOPLE = 50
NAMES_OTHER_PEOPLE = {"one_of_several", "group"}


def group_consent_problem(*, basis: str, consenting: int, needed: int) -> str:
    """Why a group application cannot go on yet, or "". A partnership may require `needed` of the other people
    named on a group application to have agreed to it (Reigate and Banstead ask for five signatures); 0 requires
    none, and an application by one of several neighbours or for one person is never held back by it."""
    if basis != "group" or needed <= 0 or consenting >= needed:
        return ""
    still = needed - consenting
    more = "1 more person who has" if still == 1 else f"{still} more people who have"
    return (
        f"This area needs at least {needed} people in the group to have agreed to the application. You have "
        f"added {consenting} who {'has' if consenting == 1 else 'have'} agreed: add {more} agreed, or ask the case "
        "review team about other ways to apply."
    )
