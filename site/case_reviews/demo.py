"""Demo ASB Case Reviews for SaferMK (seed 004: "The Community Trigger process has been agreed and is monitored through
the SaferMK Partnership"): the information page, two dated versions of the procedures, the statistics page, the
relevant bodies of Milton Keynes, and one case in every status, including an appeal and a closed case with
recommendations. Dated from today, so the clocks always show something due and something overdue.

Idempotent: pages are matched on their slug, bodies on their name, cases on their applicant's email address.
"""

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from wagtail.models import Site

from case_reviews import services
from case_reviews.models import (
    Application,
    CaseReviewPage,
    CaseReviewProcedurePage,
    CaseReviewSettings,
    CaseReviewStatisticsPage,
    Incident,
    IncidentReport,
    PccArea,
    RelevantBody,
    YearNote,
)
from core.models import LocalAuthority

BODIES = [
    ("Milton Keynes City Council", "council", "community.safety@example.org"),
    ("Thames Valley Police", "police", "asb.mk@example.org"),
    ("NHS Bedfordshire, Luton and Milton Keynes Integrated Care Board", "health", "safeguarding.blmk@example.org"),
    ("MK Community Homes (social housing)", "housing", "tenancy.mk@example.org"),
]
WHAT_IT_IS = (
    "<p>If you, or someone you know, keep reporting anti-social behaviour and feel nothing is being done, you can ask "
    "the agencies to review the case together. The council, Thames Valley Police, the NHS and housing providers meet, "
    "look at what has been reported and what each of them has done, and agree what to do next.</p>"
    "<p>Here 'anti-social behaviour' means behaviour that causes harassment, alarm or distress, which is more than "
    "nuisance or annoyance.</p>"
)
WHAT_IT_IS_NOT = (
    "<p>It is not a complaints procedure. To complain about how an organisation treated you, use its complaints "
    "process; you can then go to the Local Government and Social Care Ombudsman, the Housing Ombudsman or, for the "
    "police, the Independent Office for Police Conduct (IOPC).</p>"
    "<p>It cannot be used to report new anti-social behaviour: call 101, or 999 in an emergency.</p>"
)
OTHER_WAYS = (
    "<ul><li>Phone the Community Safety Team on 01908 252080 and we will fill in the form with you.</li>"
    "<li>Ask at the Civic Offices, 1 Saxon Gate East, MK9 3EJ, for a paper form or help in person.</li>"
    "<li>Ask a councillor, support worker or someone you trust to apply for you, with your agreement.</li></ul>"
)
PROCEDURE_BODY = (
    "<h2>Who can apply</h2><p>Any victim of anti-social behaviour, or someone acting for them with their consent: "
    "an individual, a business or a community group.</p>"
    "<h2>The threshold</h2><p>A review takes place when three qualifying complaints have been made in six months, or "
    "when one hate incident has been reported. Otherwise the partners decide, looking at the persistence of the "
    "behaviour, the harm caused and the adequacy of the response.</p>"
    "<h2>What happens</h2><ol><li>We acknowledge the application within 2 working days and name your single point "
    "of contact.</li><li>We decide whether the threshold is met within 15 working days.</li><li>A review meeting, "
    "chaired by someone independent of the case, is held within 20 working days.</li><li>You are consulted on the "
    "draft action plan and sent the outcome within 10 working days of the meeting.</li></ol>"
)
APPEAL_ROUTE = (
    "<p>If you are unhappy with how your application was handled or how the review was carried out, you can ask the "
    "Office of the Police and Crime Commissioner for Thames Valley to review it, within 20 working days of our "
    "decision. Grounds: the threshold was wrongly judged not met; the review did not consider a relevant process, "
    "policy or protocol; or it did not consider relevant information.</p>"
)

CASES = [
    # (demo key, status to reach, days since it was sent, name, contact channel, incidents)
    ("received", "received", 1, "Aisha Rahman", "email", 3),
    ("overdue-ack", "received", 6, "Tom Walsh", "phone", 2),
    ("acknowledged", "acknowledged", 9, "Grace Mensah", "email", 3),
    ("met", "threshold_met", 20, "Daniel Kowalski", "letter", 4),
    ("not-met", "threshold_not_met", 25, "Fiona Hughes", "email", 1),
    ("meeting", "meeting_scheduled", 30, "Olu Adeyemi", "phone", 3),
    ("held", "review_held", 45, "Karen Brooks", "email", 3),
    ("plan", "action_plan_shared", 55, "Imran Siddiqui", "phone", 5),
    ("outcome", "outcome_sent", 70, "Lucy Pearce", "email", 3),
    ("appeal", "appeal", 90, "Mohammed Ali", "phone", 2),
    ("closed", "closed", 200, "Sarah Thompson", "letter", 3),
    ("pcc", "pcc_review", 40, "Ben Carter", "letter", 3),
]
ORDER = ["received", "acknowledged", "threshold_met", "meeting_scheduled", "review_held", "action_plan_shared",
         "outcome_sent", "appeal", "closed"]  # fmt: skip


@transaction.atomic
def load(stdout=None):
    home = Site.objects.get(is_default_site=True).root_page
    page = _pages(home)
    bodies = [RelevantBody.objects.get_or_create(name=n, defaults={"kind": k, "email": e})[0] for n, k, e in BODIES]
    review_settings = CaseReviewSettings.load()
    if not review_settings.contact_email:
        review_settings.contact_name = "SaferMK Community Safety Team"
        review_settings.contact_email = "safermk@example.org"
        review_settings.contact_phone = "01908 252080"
        review_settings.contact_address = "SaferMK\nCivic Offices\n1 Saxon Gate East\nCentral Milton Keynes\nMK9 3EJ"
        review_settings.hate_incident_enabled = True
        review_settings.local_rules_explanation = (
            "The SaferMK Partnership agreed that a single hate incident is enough, because hate incidents do "
            "particular harm and are often under-reported."
        )
        review_settings.save()
    if not review_settings.pcc_office_name:
        review_settings.pcc_review_enabled = True
        review_settings.pcc_office_name = "Office of the Police and Crime Commissioner for Thames Valley"
        review_settings.pcc_office_email = "asb.casereview@opcc.example.org"
        review_settings.late_reports_enabled = True
        review_settings.investigation_working_days = 10
        review_settings.disqualifiers_explanation = (
            "The agencies need a fair chance to act on a complaint before it is reviewed. If the number of "
            "complaints is reached only because of complaints made in the last 10 working days, we will first "
            "give the agencies time to investigate, and you can apply again."
        )
        review_settings.save()
    area, _ = PccArea.objects.get_or_create(name="Thames Valley")
    area.local_authorities.add(*LocalAuthority.objects.filter(code="E06000042"))
    officer = get_user_model().objects.filter(email="cases@example.org").first()
    created = 0
    if officer is not None:
        for spec in CASES:
            if not Application.objects.filter(email=_email(spec[3])).exists():
                _case(spec, officer, bodies)
                created += 1
    YearNote.objects.get_or_create(
        year_starting=_year_start(timezone.localdate()) - 1,
        defaults={
            "note": "One review was held at the partnership's discretion after two reports involving a "
            "vulnerable victim."
        },
    )
    if stdout:
        stdout.write(f"ASB Case Reviews: pages at {page.url_path}, {created} demo cases created")


def _email(name):
    return name.lower().replace(" ", ".") + "@example.org"


def _year_start(day):
    return day.year if day.month >= 4 else day.year - 1


def _pages(home):
    page = CaseReviewPage.objects.filter(slug="asb-case-review").first()
    if page is None:
        page = CaseReviewPage(
            title="ASB Case Review",
            slug="asb-case-review",
            intro="Ask the agencies to review together how they have responded to anti-social behaviour you have "
            "reported.",
            what_it_is=WHAT_IT_IS,
            what_it_is_not=WHAT_IT_IS_NOT,
            other_ways_to_apply=OTHER_WAYS,
            search_description="The ASB Case Review (also known as the Community Trigger) in Milton Keynes.",
        )
        home.add_child(instance=page)
    today = timezone.localdate()
    versions = [
        ("procedures-2023", "2.0", date(2023, 6, 1), "Renamed the ASB Case Review; added the hate incident rule.",
         date(2023, 4, 18)),
        ("procedures-2025", "3.0", date(2025, 10, 1), "Single point of contact for every victim; victims consulted "
         "on the draft action plan; independent chairs (statutory guidance, July 2025).", date(2025, 9, 9)),
    ]  # fmt: skip
    for slug, version, in_force, changed, consulted in versions:
        if not CaseReviewProcedurePage.objects.filter(slug=slug).exists():
            page.add_child(
                instance=CaseReviewProcedurePage(
                    title=f"ASB Case Review procedures {in_force.year}",
                    slug=slug,
                    version=version,
                    in_force_from=in_force,
                    next_review_on=date(max(in_force.year + 2, today.year), in_force.month, 1),
                    consulted_on=consulted,
                    consultees="Thames Valley Police and Crime Commissioner\nMK Community Homes\nOther registered "
                    "social housing providers in Milton Keynes",
                    what_changed=changed,
                    body=PROCEDURE_BODY,
                    appeal_route=APPEAL_ROUTE,
                )
            )
    if not CaseReviewStatisticsPage.objects.exists():
        page.add_child(
            instance=CaseReviewStatisticsPage(
                title="ASB Case Review statistics",
                slug="statistics",
                intro="The figures the law asks us to publish each year, worked out from our case records.",
            )
        )
    return page


def _disqualified_then_pcc(application, officer, sent_at):
    """Three complaints made just before applying: disqualified under the procedures (CT-038); the applicant then
    asked the Police and Crime Commissioner to review the decision (CT-106)."""
    application = services.acknowledge(application=application, user=officer, spoc=officer,
                                       now=sent_at + timedelta(days=1))  # fmt: skip
    application = services.decide_threshold(
        application=application, user=officer, met=False, route="not_met", now=sent_at + timedelta(days=8),
        reasons="All three complaints were made in the ten days before the application.",
        disqualifier="late_reports",
        disqualifier_reasons="The police and housing had not had time to investigate the three complaints made in "
        "the fortnight before you applied. They are investigating now.",
        signposting="Your single point of contact will update you on the investigation; you can apply again.",
    )  # fmt: skip
    services.request_pcc_review(application=application, user=officer, now=sent_at + timedelta(days=12),
                                details="The applicant says the behaviour has gone on for a year, reported "
                                "before to a housing officer who has since left.")  # fmt: skip


def _case(spec, officer, bodies):
    key, target, days_ago, name, channel, incident_count = spec
    now = timezone.now()
    sent_at = now - timedelta(days=days_ago)
    application = Application.objects.create(
        basis={"plan": "on_behalf", "meeting": "group"}.get(key, "self"),
        organisation_name="Example Court Residents' Association" if key == "meeting" else "",
        people_affected=6 if key == "meeting" else None,
        applicant_name="Nadia Brown (support worker)" if key == "plan" else name,
        relationship="professional" if key == "plan" else "",
        victim_name=name if key == "plan" else "",
        victim_consent=key == "plan",
        email=_email(name),
        phone="07700 900" + str(100 + len(key)),
        address="Flat 4, Example Court, Bletchley, Milton Keynes",
        postcode="MK2 2HQ",
        contact_channel=channel,
        safe_times="Weekdays after 5pm",
        tenure="housing_association",
        landlord="MK Community Homes",
        behaviour_type="hate" if key in ("not-met", "appeal") else "asb",
        description="Repeated shouting, loud music and threats from a neighbour; rubbish left outside my door.",
        location="Stairwell and car park of Example Court",
        impact="I am not sleeping and I am afraid to leave the flat after dark.",
        desired_outcome="For the agencies to work together so the behaviour stops.",
        declaration=True,
        data_sharing_consent=True,
        created_at=sent_at - timedelta(hours=1),
        updated_at=sent_at,
    )
    if key == "meeting":
        # A residents' association applying for the block: two neighbours named, both agreed (CT-022).
        for name, contact, consents in (
            ("Jane Okoro", "Flat 7, Example Court; phone after 6pm", True),
            ("Peter Lin", "peter.lin@example.org", True),
        ):
            services.add_affected_person(application=application, name=name, contact=contact, consents=consents,
                                         now=sent_at)  # fmt: skip
    for n in range(incident_count):
        # The PCC case's complaints were all made in the fortnight before applying (CT-038).
        happened = sent_at.date() - timedelta(days=n + 3 if key == "pcc" else 14 * n + 5)
        incident = Incident.objects.create(application=application, happened_on=happened, what_happened=(
            "Loud music until 3am and shouting in the stairwell."), hate=key in ("not-met", "appeal") and n == 0)  # fmt: skip
        IncidentReport.objects.create(incident=incident, reported_on=happened + timedelta(days=1), agency="police",
                                      reference=f"TVP-43{n}{days_ago:03d}", action_promised="An officer will visit.")  # fmt: skip
        if n == 0:
            IncidentReport.objects.create(incident=incident, reported_on=happened + timedelta(days=2), agency="housing",
                                          agency_name="MK Community Homes", action_promised="A warning letter.")  # fmt: skip
    application = services.submit_application(application=application, now=sent_at)
    if target == "pcc_review":
        _disqualified_then_pcc(application, officer, sent_at)
        return
    reach = ORDER.index(target if target != "threshold_not_met" else "threshold_met")
    step_at = sent_at
    if reach >= 1 or target == "threshold_not_met":
        step_at += timedelta(days=1)
        application = services.acknowledge(application=application, user=officer, spoc=officer, now=step_at,
                                           victim_support_offered=True)  # fmt: skip
    if target == "threshold_not_met":
        services.decide_threshold(
            application=application, user=officer, met=False, route="not_met", now=step_at + timedelta(days=10),
            reasons="One complaint was made in the last six months; the partners found no pattern of persistence.",
            persistence="One report in six months.", harm="Distress, no risk of harm identified.",
            response="Police visited within 24 hours and housing wrote to the neighbour.",
            signposting="Referred to MK Mediation and to Victim Support.",
        )  # fmt: skip
        return
    if reach >= 2:
        step_at += timedelta(days=10)
        application = services.decide_threshold(
            application=application, user=officer, met=True, now=step_at,
            route="local_variant" if key == "appeal" else "automatic",
            reasons="A hate incident was reported; under our procedures one hate incident meets the threshold."
            if key == "appeal"
            else f"{incident_count} qualifying complaints in six months, so the threshold is met.",
        )  # fmt: skip
    if reach >= 3:
        step_at += timedelta(days=5)
        application = services.schedule_meeting(
            application=application, user=officer, meeting_at=step_at + timedelta(days=12), now=step_at,
            chair="Inspector Rachel Obi", chair_independence="Chair from Bedford Borough CSP (reciprocal chairs)",
            victim_involvement="virtual",
        )  # fmt: skip
    if reach >= 4:
        step_at += timedelta(days=12)
        application = services.hold_review(application=application, user=officer, now=step_at)
        for body, text in (
            (bodies[3], "Serve a tenancy warning and review the tenancy in eight weeks."),
            (bodies[1], "Neighbourhood team to patrol Example Court on Friday and Saturday nights."),
        ):
            services.add_recommendation(application=application, user=officer, text=text, owner=body,
                                        due_on=(step_at + timedelta(days=42)).date(), now=step_at)  # fmt: skip
    if reach >= 5:
        step_at += timedelta(days=3)
        application = services.share_action_plan(application=application, user=officer, now=step_at)
    if reach >= 6:
        step_at += timedelta(days=4)
        application = services.send_outcome(application=application, user=officer, now=step_at, summary=(
            "The partners agreed an action plan: a tenancy warning, weekend patrols and a named housing officer."))  # fmt: skip
    if reach >= 7:
        step_at += timedelta(days=5)
        services.open_appeal(application=application, user=officer, ground="facts", now=step_at,
                             details="The review did not consider the noise diary I sent.")  # fmt: skip
        if target == "closed":
            services.decide_appeal(application=application, user=officer, outcome="properly_done", now=step_at
                                   + timedelta(days=10), reasons="The diary was considered at the meeting.")  # fmt: skip
    if target == "closed":
        for recommendation in application.recommendations.all():
            services.update_recommendation(recommendation=recommendation, user=officer, state="done")
        services.close_case(application=application, user=officer, now=step_at + timedelta(days=40),
                            reason="The action plan is complete and no further incidents have been reported.")  # fmt: skip
