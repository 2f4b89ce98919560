"""Background work for the concern analysis: large analyses, and new responses added to the cached counts.
Each task is safe to run twice (a finished analysis is left as it is; a response is added only by the signal
that fires once when it is submitted)."""

from django_tasks import task

from surveys.analysis import services


@task()
def build_analysis(cached_id):
    cached = services.build(cached_id)
    return cached.status if cached else None


@task()
def add_response(response_id):
    from surveys.models import Response

    response = Response.objects.filter(pk=response_id, status="submitted").select_related("ward").first()
    return services.add_response(response=response) if response else 0
