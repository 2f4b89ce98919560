"""Front-end accounts: people who have signed up and confirmed their email address."""

import factory
from allauth.account.models import EmailAddress

from tests.factories import UserFactory

PASSWORD = "correct-horse-battery"


class AccountFactory(UserFactory):
    """A watch coordinator or venue manager whose email address is confirmed, so they can sign in."""

    @factory.post_generation
    def confirmed_email(self, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.create(user=self, email=self.email, verified=extracted is not False, primary=True)
