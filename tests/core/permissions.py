"""The shared kernel: who may do what in the admin with the partnership's staff roles, and the public contact form.

Communications officers write pages and read contact messages; case officers only sign in; partnership admins
hold everything, including users, settings, wards and the email outbox.
"""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from core.models import HomePage
from tests.permissions import ANYONE, Matrix, Route, World

COMMS = "communications officer"
ADMIN = "partnership admin"
ANY_STAFF = {COMMS, "case officer", ADMIN}


def world():
    from core.demo.loader import load_demo_data
    from core.models import SubjectAccessExport
    from tests.factories import StaffFactory

    load_demo_data()
    admin = StaffFactory(groups=["Partnership admins"])
    export = SubjectAccessExport.objects.create(
        email="resident@example.org", requested_by=admin, expires_at=timezone.now() + timedelta(days=7),
        content={"core": []},
    )  # fmt: skip
    return World(
        objects={
            "home": HomePage.objects.first().pk,
            "site": Site.objects.get(is_default_site=True).pk,
            "export": export.pk,
        },
        users={ADMIN: admin},
    )


def is_a_download(response):
    return response.status_code == 200 and "attachment" in response.get("Content-Disposition", "")


def contact_sent_needs_a_message(response):
    """Without a message sent in this session, "sent" sends you back to the form: only a 200 is the page."""
    return response.status_code == 200


MATRIX = Matrix(
    app="core",
    world=world,
    routes=[
        Route("core:contact", "open the contact form", lambda w: "/contact/", ANYONE),
        Route("core:contact_sent", "see a sent message's reference without sending one", lambda w: "/contact/sent/",
              set(), succeeded=contact_sent_needs_a_message),
        Route("robots_txt", "read robots.txt", lambda w: "/robots.txt", ANYONE),
        Route("wagtailadmin_home", "open the admin", lambda w: "/admin/", ANY_STAFF),
        Route("wagtailadmin_pages:edit", "edit a page", lambda w: f"/admin/pages/{w['home']}/edit/", {COMMS, ADMIN}),
        Route("wagtailadmin_pages:add", "add a page", lambda w: f"/admin/pages/add/core/standardpage/{w['home']}/",
              {COMMS, ADMIN}),
        Route("wagtailsettings:edit", "change partnership settings",
              lambda w: f"/admin/settings/core/partnershipsettings/{w['site']}/", {ADMIN}),
        Route("wagtailusers_users:index", "manage users", lambda w: "/admin/users/", {ADMIN}),
        Route("wagtailsnippets_core_outboxmessage:list", "read the email outbox",
              lambda w: "/admin/snippets/core/outboxmessage/", {ADMIN}),
        Route("wagtailsnippets_core_contactmessage:list", "read contact messages",
              lambda w: "/admin/snippets/core/contactmessage/", {COMMS, ADMIN}),
        Route("wagtailsnippets_core_ward:list", "edit wards", lambda w: "/admin/snippets/core/ward/", {ADMIN}),
        Route("core:privacy_notice", "read what the partnership keeps and for how long",
              lambda w: reverse("core:privacy_notice"), ANYONE),
        Route("core_personal_data", "open personal data requests", lambda w: reverse("core_personal_data"), {ADMIN}),
        Route("core_personal_data_erase", "erase a person's data", lambda w: reverse("core_personal_data_erase"),
              {ADMIN}, method="post", data={"erase-email": "nobody@example.org"}),
        Route("core_subject_access_download", "download a subject-access export",
              lambda w: reverse("core_subject_access_download", args=[w["export"]]), {ADMIN}, succeeded=is_a_download),
    ],
)  # fmt: skip
