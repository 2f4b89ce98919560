"""The demo: schemes across Milton Keynes wards in every status, coordinators, members and a message (issue 8)."""

import pytest

from watch_schemes import demo
from watch_schemes.models import Member, SchemeMessage, WatchScheme


@pytest.mark.django_db
def test_demo_has_every_status_and_is_idempotent(demo_site):
    demo.load()
    demo.load()
    assert set(WatchScheme.objects.values_list("status", flat=True)) == {"pending", "active", "inactive", "closed"}
    assert WatchScheme.objects.count() == len(demo.SCHEMES)
    assert WatchScheme.objects.filter(ward__isnull=False).values("ward").distinct().count() == len(demo.SCHEMES)
    assert Member.objects.count() == len(demo.MEMBERS)
    assert SchemeMessage.objects.count() == 1
    coordinator = WatchScheme.objects.get(name="Westfield Road Home Watch").coordinator_roles.get(role="main").user
    assert coordinator.email == demo.COORDINATOR_EMAIL and coordinator.check_password("safer-neighbourhoods-demo")
