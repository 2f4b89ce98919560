"""The personal-data registry: every app declares which of its records hold people's details, why, and for how long.

One list serves four duties a partnership owes residents under UK GDPR:

- the privacy notice (`/privacy/what-we-keep/`) is generated from it, so it can never drift from the code;
- a subject-access export gathers one person's records from every app (Art. 15);
- erasure on request removes what the law lets us remove and says why the rest is kept (Art. 17);
- the retention rules (`core.retention`) carry out the periods the notice promises.

Apps register in their AppConfig.ready():

    personal_data.register("meetings.Booking", fields=[...], purpose=..., lawful_basis=..., retention=...,
                           subject=lambda email: Booking.objects.filter(email__iexact=email))
"""

import datetime
import decimal
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.db import transaction


@dataclass(frozen=True)
class Declaration:
    model_label: str
    fields: tuple[str, ...]
    purpose: str
    lawful_basis: str
    retention: str
    subject: Callable  # email -> QuerySet of this person's records
    erasable: bool = True
    erasure_note: str = ""
    anonymise: Callable | None = field(default=None)  # queryset -> None, where erasure keeps a de-personalised row
    # The person's identity itself (their account): erased last, and only when nothing else had to be kept,
    # because a record we must keep (a coordinator role, a case) still needs its person reachable.
    is_identity: bool = False

    @property
    def model(self):
        return apps.get_model(self.model_label)

    @property
    def title(self):
        return str(self.model._meta.verbose_name_plural).capitalize()

    @property
    def field_labels(self):
        labels = []
        for name in self.fields:
            try:
                labels.append(str(self.model._meta.get_field(name).verbose_name))
            except Exception:  # a property rather than a field: show its name in words
                labels.append(name.replace("_", " "))
        return labels


_declarations: dict[str, Declaration] = {}


def register(model_label, *, fields, purpose, lawful_basis, retention, subject, erasable=True, erasure_note="",
             anonymise=None, is_identity=False):  # fmt: skip
    _declarations[model_label] = Declaration(
        model_label=model_label,
        fields=tuple(fields),
        purpose=purpose,
        lawful_basis=lawful_basis,
        retention=retention,
        subject=subject,
        erasable=erasable,
        erasure_note=erasure_note,
        anonymise=anonymise,
        is_identity=is_identity,
    )


def declarations():
    """Every declaration, grouped by app in the order apps are installed."""
    order = {config.label: index for index, config in enumerate(apps.get_app_configs())}
    return sorted(_declarations.values(), key=lambda d: (order.get(d.model_label.split(".")[0], 999), d.model_label))


def _plain(value):
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple | set):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if hasattr(value, "all") and callable(value.all):  # a related manager
        return [str(item) for item in value.all()]
    if hasattr(value, "name") and hasattr(value, "url"):  # an uploaded file: name it, never inline it
        return value.name or None
    return str(value)


def _record_as_dict(declaration, record):
    row = {"record": f"{record._meta.verbose_name} {record.pk}"}
    for name in declaration.fields:
        value = getattr(record, name, None)
        row[name] = _plain(value() if callable(value) and not hasattr(value, "all") else value)
    return row


def subject_access_export(email):
    """One person's records from every app, as plain data: {model label: {"title", "purpose", ..., "records"}}."""
    email = email.strip()
    export = {}
    for declaration in declarations():
        records = [_record_as_dict(declaration, record) for record in declaration.subject(email)]
        if records:
            export[declaration.model_label] = {
                "what": declaration.title,
                "purpose": declaration.purpose,
                "lawful_basis": declaration.lawful_basis,
                "kept_for": declaration.retention,
                "records": records,
            }
    return export


@dataclass(frozen=True)
class ErasureResult:
    erased: dict  # model label -> number of records erased
    kept: dict  # model label -> (number kept, why)


def erase(email):
    """Erase one person's records wherever the law allows; say what is kept and why. All or nothing."""
    erased, kept = {}, {}
    ordered = sorted(declarations(), key=lambda d: d.is_identity)
    with transaction.atomic():
        for declaration in ordered:
            records = declaration.subject(email.strip())
            count = records.count()
            if not count:
                continue
            if declaration.is_identity and kept:
                kept[declaration.model_label] = (count, "Kept while records we must keep are linked to it.")
            elif not declaration.erasable:
                kept[declaration.model_label] = (count, declaration.erasure_note)
            elif declaration.anonymise is not None:
                declaration.anonymise(records)
                erased[declaration.model_label] = count
            else:
                records.delete()
                erased[declaration.model_label] = count
    return ErasureResult(erased=erased, kept=kept)
