"""Responses change, the cached analyses follow: a submitted response is added to them in the background once
the transaction commits; removed responses (retention, an officer) make the survey's analyses be rebuilt."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from surveys.analysis import services, tasks
from surveys.models import Response


@receiver(post_save, sender=Response, dispatch_uid="concern_analysis_response_saved")
def response_saved(sender, instance, created, update_fields=None, raw=False, **kwargs):
    if raw or instance.status != Response.Status.SUBMITTED:
        return
    # Created as submitted, or confirmed by email later (status saved): either way it now counts, once.
    if created or (update_fields and "status" in update_fields):
        response_id = instance.pk
        transaction.on_commit(lambda: tasks.add_response.enqueue(response_id))


@receiver(post_delete, sender=Response, dispatch_uid="concern_analysis_response_deleted")
def response_deleted(sender, instance, **kwargs):
    services.forget_survey(instance.survey_id)
