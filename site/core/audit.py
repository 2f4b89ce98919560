"""Record who handled personal data (DESIGN: "log access"); each app calls `record` wherever staff see or change it.

    audit.record(actor=request.user, action=audit.VIEW, obj=case, request=request)

The event names the record by type and number only. A resident acting through a signed link is logged with the
actor left empty and a detail saying so.
"""

from django.contrib.contenttypes.models import ContentType

from core.models import AuditEvent

VIEW = AuditEvent.Action.VIEW
CREATE = AuditEvent.Action.CREATE
CHANGE = AuditEvent.Action.CHANGE
EXPORT = AuditEvent.Action.EXPORT
DOWNLOAD = AuditEvent.Action.DOWNLOAD
DELETE = AuditEvent.Action.DELETE


def _label_for(actor):
    if actor is None or not getattr(actor, "is_authenticated", False):
        return "Someone not signed in"
    return actor.email


def record(*, actor, action, obj=None, detail="", request=None, label=None):
    """Add one event. `obj` may be a model instance or None (a bulk export names what it covered in `label`)."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    content_type = ContentType.objects.get_for_model(obj) if obj is not None else None
    if label is None:
        label = f"{obj._meta.verbose_name.capitalize()} {obj.pk}" if obj is not None else ""
    return AuditEvent.objects.create(
        actor=user,
        actor_label=_label_for(actor),
        action=action,
        content_type=content_type,
        object_id=str(obj.pk) if obj is not None else "",
        object_label=label[:200],
        detail=detail[:300],
        path=request.path[:300] if request is not None else "",
    )


def events_for(obj):
    """Everything that happened to one record, newest first."""
    return AuditEvent.objects.for_object(obj)
