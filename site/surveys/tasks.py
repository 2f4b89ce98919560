"""Background work for surveys: long exports. Safe to run twice (a finished export is left as it is)."""

import io
import tempfile

from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from surveys import exports
from surveys.models import ExportJob


@task()
def run_export(job_id):
    return write_export(job_id)


def write_export(job_id, *, now=None):
    """Write an export's file, recording progress as it goes; returns the job (or None if it is gone)."""
    with transaction.atomic():
        job = ExportJob.objects.select_for_update(of=("self",)).filter(pk=job_id).select_related("survey").first()
        if job is None or job.status in (ExportJob.Status.DONE, ExportJob.Status.RUNNING):
            return job
        job.status = ExportJob.Status.RUNNING
        job.save(update_fields=["status"])

    def progress(count):
        ExportJob.objects.filter(pk=job.pk).update(done=min(count, job.total))

    survey = job.survey.specific
    try:
        with tempfile.TemporaryFile() as handle:
            if job.format == ExportJob.Format.XLSX:
                exports.write_xlsx(survey, handle, progress=progress)
            else:
                text = io.TextIOWrapper(handle, encoding="utf-8", newline="", write_through=True)
                exports.write_csv(survey, text, progress=progress)
                text.detach()
            handle.seek(0)
            job.file.save(f"{survey.slug}-{timezone.localdate():%Y-%m-%d}.{job.format}", File(handle), save=False)
    except Exception as exc:
        ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.FAILED, error=str(exc)[:2000])
        raise
    job.status = ExportJob.Status.DONE
    job.done = job.total
    job.finished_at = now or timezone.now()
    job.save(update_fields=["status", "done", "finished_at", "file"])
    return job
