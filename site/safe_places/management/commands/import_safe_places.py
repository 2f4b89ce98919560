from django.core.management.base import BaseCommand, CommandError

from core.models import User
from safe_places.importers import ImportFileError, import_venues


class Command(BaseCommand):
    help = (
        "Import Safe Places venues from a CSV file (the libraries dataset or the scheme's own layout) and "
        "report every row created, updated or skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--authority", help="Libraries dataset only: import this authority_id (Milton Keynes: 80).")
        parser.add_argument(
            "--approve-as",
            metavar="EMAIL",
            help="Approve the venues, checked by this partnership admin. Without it they wait for approval.",
        )

    def handle(self, *args, file, authority=None, approve_as=None, **options):
        approver = None
        if approve_as:
            approver = User.objects.filter(email__iexact=approve_as, is_staff=True).first()
            if approver is None:
                raise CommandError(f"No staff account with the email {approve_as}.")
        try:
            report = import_venues(path=file, approve_as=approver, authority_id=authority)
        except (ImportFileError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        for line in report.lines():
            self.stdout.write(line)
