from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Forget a staff member's authenticator and recovery codes (a lost phone). They set up a new one the next "
        "time they sign in, so check who is asking before running this."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        from accounts.services import reset_second_factor
        from core.models import User

        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            raise CommandError(f"No account has the email address {email}.")
        reset_second_factor(user=user)
        self.stdout.write(f"Second factor reset for {user.email}: they will set up a new one at their next sign-in.")
