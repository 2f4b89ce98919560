from django_tasks import task

from core import notifications, retention


@task()
def send_outbox_message(message_id):
    notifications.deliver(message_id)


@task()
def send_due_outbox_messages():
    return notifications.send_due_messages()


@task()
def apply_retention_periods():
    return retention.apply_all()
