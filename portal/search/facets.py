"""Search facets: content type, country, method, decision type, topic and year, with counts.

Page types declare the facets they offer in `search_facets` ({facet name: field name});
left at None, the facets are inferred from well-known field names, so a new page type
joins without touching this module.
"""

import uuid
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from wagtail.models import TranslatableMixin, get_page_models

# Facet name -> field names tried, in order, when a page type declares no search_facets.
INFERRED_FIELDS = {
    "country": ["country"],
    "method": ["methods"],
    "decision_type": ["decision_type", "decision_types"],
    "topic": ["tags"],
    "year": ["year", "start_date", "start"],
}
FACET_LABELS = {
    "type": _("Content type"),
    "country": _("Country"),
    "method": _("Participation method"),
    "decision_type": _("Decision type"),
    "topic": _("Topic"),
    "year": _("Year"),
}
MAX_VALUES_PER_FACET = 20


def model_facets(model):
    """{facet name: field} for a page type."""
    declared = getattr(model, "search_facets", None)
    if declared is None:
        declared = {}
        names = {f.name for f in model._meta.get_fields()}
        for facet, candidates in INFERRED_FIELDS.items():
            found = next((name for name in candidates if name in names), None)
            if found:
                declared[facet] = found
    return {facet: model._meta.get_field(name) for facet, name in declared.items()}


def _kind(model_field):
    if getattr(model_field, "remote_field", None) and model_field.many_to_many:
        related = model_field.related_model
        if related.__name__ == "Tag" or hasattr(related, "slug") and not issubclass(related, TranslatableMixin):
            return "tag"
        return "snippet"
    if isinstance(model_field, (models.DateField, models.DateTimeField)):
        return "date_year"
    if isinstance(model_field, models.JSONField) or model_field.get_lookup("has") is not None:
        return "list"
    return "value"


def _choices(model_field):
    """(code, label) pairs a field accepts, also for list fields that keep them on their form field."""
    if model_field.flatchoices:
        return list(model_field.flatchoices)
    if _kind(model_field) == "list":
        return list(getattr(model_field.formfield(), "choices", []) or [])
    return []


def _lookup(model_field):
    """The ORM path a facet value is compared with."""
    return {
        "tag": f"{model_field.name}__slug",
        "snippet": f"{model_field.name}__translation_key",
        "date_year": f"{model_field.name}__year",
    }.get(_kind(model_field), model_field.name)


def _valid(model_field, value):
    kind = _kind(model_field)
    if kind == "snippet":
        try:
            return str(uuid.UUID(value))
        except ValueError:
            return None
    if kind == "date_year" or isinstance(model_field, models.IntegerField):
        return int(value) if value.isdigit() and len(value) == 4 else None
    choices = _choices(model_field)
    if choices:
        return value if value in {str(code) for code, _label in choices} else None
    return value[:100] or None


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    options: list = field(default_factory=list)


class FacetSet:
    """The facets of the live page types and what a request selected in them."""

    def __init__(self, params):
        self.models = [m for m in get_page_models() if hasattr(m, "search_facets")]
        self.fields = {model: model_facets(model) for model in self.models}
        self.type_values = {m._meta.label_lower: m for m in self.models}
        self.selected = self._parse(params)

    def _fields_for(self, facet):
        return [(model, fields[facet]) for model, fields in self.fields.items() if facet in fields]

    def _parse(self, params):
        selected = {}
        for name in FACET_LABELS:
            values = set()
            for raw in params.getlist(name)[:MAX_VALUES_PER_FACET]:
                raw = raw.strip()
                if name == "type":
                    ok = raw if raw in self.type_values else None
                else:
                    ok = next((v for _m, f in self._fields_for(name) if (v := _valid(f, raw)) is not None), None)
                if ok is not None:
                    values.add(ok)
            if values:
                selected[name] = values
        return selected

    def filter(self, queryset, exclude=None):
        """Pages of `queryset` that have every selected facet value (one facet OR'd within)."""
        for name, values in self.selected.items():
            if name == exclude:
                continue
            if name == "type":
                content_types = ContentType.objects.get_for_models(*[self.type_values[v] for v in values]).values()
                queryset = queryset.filter(content_type__in=[ct.pk for ct in content_types])
                continue
            matching = Q(pk__in=[])
            for model, model_field in self._fields_for(name):
                if _kind(model_field) == "list":
                    # A delimited-codes field has a `has` lookup; a JSON list is matched on its quoted code.
                    has = model_field.get_lookup("has") is not None
                    condition = Q()
                    for value in values:
                        if has:
                            condition |= Q(**{f"{model_field.name}__has": value})
                        else:
                            condition |= Q(**{f"{model_field.name}__icontains": f'"{value}"'})
                else:
                    condition = Q(**{f"{_lookup(model_field)}__in": values})
                matching |= Q(id__in=model.objects.filter(condition).values_list("pk", flat=True))
            queryset = queryset.filter(matching)
        return queryset

    def counts(self, matching_for):
        """Facets with their options and counts. `matching_for(name)` gives the pages to count."""
        facets = []
        for name, label in FACET_LABELS.items():
            pages = matching_for(name)
            counter, labels = Counter(), {}
            if name == "type":
                for row in pages.order_by().values("content_type").annotate(n=Count("pk")):
                    model = ContentType.objects.get_for_id(row["content_type"]).model_class()
                    if model is not None and model._meta.label_lower in self.type_values:
                        counter[model._meta.label_lower] += row["n"]
                        # Singular: Django's default plural only appends "s", which no
                        # translation gets right ("stránka podujatias").
                        labels[model._meta.label_lower] = capfirst(model._meta.verbose_name)
            else:
                for model, model_field in self._fields_for(name):
                    self._count_field(model, model_field, pages, counter, labels)
            options = [
                FacetOption(str(value), str(labels.get(value, value)), count, value in self.selected.get(name, ()))
                for value, count in counter.most_common(MAX_VALUES_PER_FACET)
            ]
            if name == "year":
                options.sort(key=lambda option: option.value, reverse=True)
            if options:
                facets.append(Facet(name, label, options))
        return facets

    def _count_field(self, model, model_field, pages, counter, labels):
        # No ordering: Wagtail's page manager orders by path, which would group by page.
        rows = model.objects.filter(pk__in=pages.values("pk")).order_by()
        kind = _kind(model_field)
        if kind == "list":
            choices = dict(_choices(model_field))
            for codes in rows.values_list(model_field.name, flat=True):
                for code in set(codes or []):
                    counter[code] += 1
                    labels[code] = choices.get(code, code)
        elif kind == "date_year":
            for row in rows.annotate(y=ExtractYear(model_field.name)).values("y").annotate(n=Count("pk")):
                if row["y"]:
                    counter[row["y"]] += row["n"]
        elif kind == "tag":
            path = model_field.name
            for row in rows.values(f"{path}__slug", f"{path}__name").annotate(n=Count("pk", distinct=True)):
                if row[f"{path}__slug"]:
                    counter[row[f"{path}__slug"]] += row["n"]
                    labels[row[f"{path}__slug"]] = row[f"{path}__name"]
        elif kind == "snippet":
            path = f"{model_field.name}__translation_key"
            for row in rows.values(path).annotate(n=Count("pk", distinct=True)):
                if row[path]:
                    counter[str(row[path])] += row["n"]
            snippets = model_field.related_model.objects.filter(translation_key__in=list(counter))
            chosen = {}
            for snippet in snippets.select_related("locale"):
                key = str(snippet.translation_key)
                if key not in chosen or snippet.locale.language_code == _active_language():
                    chosen[key] = snippet
            labels.update({key: str(snippet) for key, snippet in chosen.items()})
        else:
            choices = dict(model_field.flatchoices)
            for row in rows.values(model_field.name).annotate(n=Count("pk")):
                value = row[model_field.name]
                if value not in (None, ""):
                    counter[value] += row["n"]
                    labels[value] = choices.get(value, value)


def _active_language():
    from django.utils.translation import get_language

    return get_language()
