from django.core.management.base import BaseCommand, CommandError

from core.importers import WARD_LOOKUP, ImportFileError, import_wards


class Command(BaseCommand):
    help = "Load the wards of one local authority from an ONS ward-to-district lookup CSV."

    def add_arguments(self, parser):
        parser.add_argument("local_authority", help="ONS code of the local authority, e.g. E06000042")
        parser.add_argument("--file", default=str(WARD_LOOKUP), help="Lookup CSV (default: shared/data)")

    def handle(self, *args, local_authority, file, **options):
        try:
            report = import_wards(local_authority_code=local_authority.strip().upper(), path=file)
        except (ImportFileError, FileNotFoundError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Wards: {report}"))
