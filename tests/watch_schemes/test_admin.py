"""The admin side: deciding on schemes, the audit report with its CSV, alerts to wards (issue 8, seed 004)."""

import csv
import io

import pytest
from django.urls import reverse

from core.models import OutboxMessage
from tests.factories import WardFactory
from tests.watch_schemes.factories import MemberFactory, WatchSchemeFactory, main_coordinator
from watch_schemes.models import WatchScheme

pytestmark = pytest.mark.django_db


def test_admin_approves_a_pending_scheme_with_its_verification_nw020(client, partnership_admin):
    scheme = WatchSchemeFactory()
    client.force_login(partnership_admin)
    url = reverse("watch_schemes_decide", args=[scheme.pk])
    assert scheme.name in client.get(url).content.decode()
    client.post(url, {"decision": "approve", "verification": "volunteer"})
    scheme.refresh_from_db()
    assert (scheme.status, scheme.verification, scheme.approved_by) == ("active", "volunteer", partnership_admin)


def test_admin_declines_with_a_reason(client, partnership_admin):
    scheme = WatchSchemeFactory()
    client.force_login(partnership_admin)
    url = reverse("watch_schemes_decide", args=[scheme.pk])
    assert "Say why" in client.post(url, {"decision": "decline", "reason": ""}).content.decode()
    client.post(url, {"decision": "decline", "reason": "Duplicate of Lakes Estate Watch"})
    assert WatchScheme.objects.get().status == "closed"


def test_audit_by_ward_with_wards_without_a_scheme_and_csv(client, partnership_admin):
    covered, empty = WardFactory(name="Bletchley East"), WardFactory(name="Olney")
    scheme = WatchSchemeFactory(active=True, ward=covered, name="Westfield Watch")
    MemberFactory(scheme=scheme, accepted=True, email="private@example.net")
    client.force_login(partnership_admin)
    page = client.get(reverse("watch_schemes_audit")).content.decode()
    assert "Westfield Watch" in page and "Olney" in page and "private@example.net" not in page
    response = client.get(reverse("watch_schemes_audit") + "?format=csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:4] == ["Scheme", "Type", "Ward", "Status"]
    assert rows[1][0] == "Westfield Watch" and rows[1][2] == "Bletchley East" and rows[1][8] == "1"
    assert main_coordinator(scheme).email in rows[1][9]
    assert "private@example.net" not in response.content.decode()
    assert empty.name not in [row[2] for row in rows[1:]]


def test_audit_query_count_does_not_grow(client, partnership_admin):
    from tests.helpers import assert_queries_do_not_grow

    WatchSchemeFactory(active=True, ward=WardFactory())
    client.force_login(partnership_admin)

    def add_data():
        for _ in range(4):
            MemberFactory(scheme=WatchSchemeFactory(active=True, ward=WardFactory()), accepted=True)

    assert_queries_do_not_grow(client, reverse("watch_schemes_audit") + "?format=csv", add_data)


def test_ward_alert_from_the_admin_nw073(client, partnership_admin):
    ward = WardFactory()
    member = MemberFactory(scheme=WatchSchemeFactory(active=True, ward=ward), accepted=True)
    client.force_login(partnership_admin)
    response = client.post(
        reverse("watch_schemes_ward_alert"), {"wards": [ward.pk], "subject": "Scam calls", "body": "Hang up."}
    )
    assert response.status_code == 302
    assert OutboxMessage.objects.get(purpose="watch_schemes.message").to == member.email
