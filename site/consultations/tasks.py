"""Background work for engagement activities. Each task is idempotent (see services)."""

from django_tasks import task

from consultations import services
from consultations.models import ConsultationPage


@task()
def alert_subscribers(page_id):
    activity = ConsultationPage.objects.filter(pk=page_id).first()
    return services.send_alerts(activity=activity) if activity else 0


@task()
def tell_residents_the_outcome(page_id):
    activity = ConsultationPage.objects.filter(pk=page_id).first()
    return services.tell_residents(activity=activity) if activity else 0
