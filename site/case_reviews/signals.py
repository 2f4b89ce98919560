"""A deleted evidence row takes its file with it (drafts deleted by the retention rule, files removed by hand)."""

from django.db.models.signals import post_delete
from django.dispatch import receiver


@receiver(post_delete, sender="case_reviews.Evidence")
def delete_evidence_file(sender, instance, **kwargs):
    if instance.file:
        instance.file.delete(save=False)
