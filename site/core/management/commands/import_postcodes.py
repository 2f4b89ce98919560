from django.core.management.base import BaseCommand, CommandError

from core.importers import ImportFileError, import_postcodes


class Command(BaseCommand):
    help = "Load postcodes (ward, latitude, longitude) from an ONS Postcode Directory style CSV."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--batch-size", type=int, default=5000)

    def handle(self, *args, file, batch_size, **options):
        try:
            report = import_postcodes(path=file, batch_size=batch_size)
        except (ImportFileError, FileNotFoundError) as exc:
            raise CommandError(str(exc)) from exc
        for problem in report.problems:
            self.stderr.write(problem)
        self.stdout.write(self.style.SUCCESS(f"Postcodes: {report}"))
