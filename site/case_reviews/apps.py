from django.apps import AppConfig


class CaseReviewsConfig(AppConfig):
    name = "case_reviews"
    verbose_name = "ASB Case Reviews (Community Trigger)"

    def ready(self):
        from case_reviews import retention, rules, signals  # noqa: F401
        from core import demo

        demo.register("case_reviews", "case_reviews.demo.load", after=["partnership"])
        _register_personal_data()


def _register_personal_data():
    """Declare every model holding personal data, for the privacy notice, subject access and erasure."""
    from django.db.models import Q

    from case_reviews.models import AffectedPerson, Application, Evidence, Incident, IncidentReport, Letter, PccReview
    from core import personal_data

    basis = "Public task: Anti-social Behaviour, Crime and Policing Act 2014, s.104 (UK GDPR Art 6(1)(e), Art 9(2)(g))"
    retention = "Six years after the case is closed (configurable), then anonymised; drafts never sent: 31 days"
    note = "Kept for the statutory review record; anonymised after the retention period."
    personal_data.register(
        "case_reviews.Application",
        fields=[
            "reference",
            "applicant_name",
            "organisation_name",
            "email",
            "phone",
            "address",
            "postcode",
            "relationship",
            "victim_name",
            "victim_address",
            "victim_postcode",
            "victim_phone",
            "victim_email",
            "tenure",
            "landlord",
            "contact_channel",
            "safe_times",
            "behaviour_type",
            "hate_motivations",
            "description",
            "location",
            "witnesses",
            "impact",
            "desired_outcome",
            "health_or_disability",
            "communication_needs",
            "victim_support_referral",
            "equality",
            "status",
            "submitted_at",
            "threshold_met",
            "threshold_reasons",
            "disqualifier",
            "disqualifier_reasons",
            "outcome_summary",
            "closure_reason",
        ],
        purpose="To review how the agencies responded to persistent anti-social behaviour (ASB Case Review).",
        lawful_basis=basis,
        retention=retention,
        subject=lambda email: Application.objects.for_subject(email),
        erasable=False,
        erasure_note=note,
    )
    personal_data.register(
        "case_reviews.Incident",
        fields=["happened_on", "happened_at_time", "what_happened", "hate"],
        purpose="The incidents an applicant lists, to decide whether the case review threshold is met.",
        lawful_basis=basis,
        retention=retention,
        subject=lambda email: Incident.objects.filter(application__in=Application.objects.for_subject(email)),
        erasable=False,
        erasure_note=note,
    )
    personal_data.register(
        "case_reviews.IncidentReport",
        fields=["reported_on", "agency", "agency_name", "officer", "reference", "action_promised", "outcome"],
        purpose="Which agencies each incident was reported to, so one incident counts once.",
        lawful_basis=basis,
        retention=retention,
        subject=lambda email: IncidentReport.objects.filter(
            incident__application__in=Application.objects.for_subject(email)
        ),
        erasable=False,
        erasure_note=note,
    )
    personal_data.register(
        "case_reviews.AffectedPerson",
        fields=["name", "contact", "consents"],
        purpose="The other people affected that a group, or one of several neighbours, names on an application, "
        "and whether each agreed to it (CT-022).",
        lawful_basis=basis,
        retention=retention,
        # Found by the applicant's email, or by the person's own when it is how they said to reach them.
        subject=lambda email: AffectedPerson.objects.filter(
            Q(application__in=Application.objects.for_subject(email)) | Q(contact__iexact=email)
        ),
        erasable=False,
        erasure_note=note,
    )
    personal_data.register(
        "case_reviews.Evidence",
        fields=["kind", "original_name", "content_type", "size", "uploaded_at"],
        purpose="Documents and pictures an applicant sends in support, and written consent.",
        lawful_basis=basis,
        retention=retention,
        subject=lambda email: Evidence.objects.filter(application__in=Application.objects.for_subject(email)),
        erasable=False,
        erasure_note=note,
    )
    personal_data.register(
        "case_reviews.Letter",
        fields=["key", "subject", "body", "channel", "created_at", "emailed", "sent_at"],
        purpose="The letters sent to an applicant at each step, kept so they can be printed and posted when post is "
        "the safe way to reach them.",
        lawful_basis=basis,
        retention=retention,
        subject=lambda email: Letter.objects.filter(application__in=Application.objects.for_subject(email)),
        erasable=False,
        erasure_note=note,
    )
    personal_data.register(
        "case_reviews.PccReview",
        fields=["about", "by_agency", "details", "requested_at", "decision", "decision_reasons", "decided_at"],
        purpose="A request for the Police and Crime Commissioner to review a decision on a case (CT-106).",
        lawful_basis=basis,
        retention=retention,
        subject=lambda email: PccReview.objects.filter(application__in=Application.objects.for_subject(email)),
        erasable=False,
        erasure_note=note,
    )
