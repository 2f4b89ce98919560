"""An export's file goes with its record (deleted by retention after a week, or by hand)."""

from django.db.models.signals import post_delete
from django.dispatch import receiver

from surveys.models import ExportJob


@receiver(post_delete, sender=ExportJob)
def delete_export_file(sender, instance, **kwargs):
    if instance.file:
        instance.file.delete(save=False)
