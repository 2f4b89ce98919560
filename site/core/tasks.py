from django_tasks import task

from core import notifications


@task()
def send_outbox_message(message_id):
    notifications.deliver(message_id)
