from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP


class Command(BaseCommand):
    help = "Print the current sign-in code of a demo staff account (development only, where demo data is allowed)."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from accounts.demo import DEMO_AUTHENTICATOR_KEY

        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError("Codes are only printed for demo accounts, where demo data is allowed.")
        device = TOTPDevice.objects.filter(
            user__email__iexact=email, confirmed=True, key=DEMO_AUTHENTICATOR_KEY
        ).first()
        if device is None:
            raise CommandError(f"{email} has no demo authenticator: run `manage.py load_demo_data` first.")
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        self.stdout.write(f"{totp.token():0{device.digits}d}")
