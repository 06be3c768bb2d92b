"""Search facets: content type, country, method, decision type, topic and year, with counts.

Page types declare the facets they offer in `search_facets` ({facet name: field name}, see
home.models.BasePage); this module knows field kinds, not page types, so a new page type
joins by declaring its own.
"""

import uuid
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count, F, Q
from django.db.models.functions import ExtractYear
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page, TranslatableMixin, get_page_models

FACET_LABELS = {
    "type": _("Content type"),
    "country": _("Country"),
    "method": _("Participation method"),
    "decision_type": _("Decision type"),
    "topic": _("Topic"),
    "year": _("Year"),
}
MAX_VALUES_PER_FACET = 20


def faceted_page_models():
    """Page types that take part in faceted search: those with a `search_facets` declaration."""
    return [model for model in get_page_models() if getattr(model, "search_facets", None) is not None]


def model_facets(model):
    """{facet name: model field} that a page type declares."""
    return {facet: model._meta.get_field(name) for facet, name in model.search_facets.items()}


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
    """The facets the page types declare and what a query selected in them.

    `params` maps facet names to lists of raw values: a request's GET or a plain dict.
    """

    def __init__(self, params=None):
        self.models = faceted_page_models()
        self.fields = {model: model_facets(model) for model in self.models}
        self.type_values = {m._meta.label_lower: m for m in self.models}
        self.selected = self._parse(params)

    def _fields_for(self, facet):
        return [(model, fields[facet]) for model, fields in self.fields.items() if facet in fields]

    def _parse(self, params):
        selected = {}
        params = params or {}
        for name in FACET_LABELS:
            values = set()
            raw_values = params.getlist(name) if hasattr(params, "getlist") else params.get(name, [])
            for raw in raw_values[:MAX_VALUES_PER_FACET]:
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

    def counts(self, ids_for):
        """Facets with their options and counts.

        `ids_for(name)` gives the ids of the pages to count facet `name` over; facets given
        the same list are counted together, a few grouped queries per page type.
        """
        counters = {name: Counter() for name in FACET_LABELS}
        labels = {name: {} for name in FACET_LABELS}
        groups = {}
        for name in FACET_LABELS:
            ids = ids_for(name)
            groups.setdefault(id(ids), (ids, []))[1].append(name)
        for ids, names in groups.values():
            self._count(ids, names, counters, labels)
        facets = []
        for name, label in FACET_LABELS.items():
            selected = self.selected.get(name, ())
            options = [
                FacetOption(str(value), str(labels[name].get(value, value)), count, value in selected)
                for value, count in counters[name].most_common(MAX_VALUES_PER_FACET)
            ]
            if name == "year":
                options.sort(key=lambda option: option.value, reverse=True)
            if options:
                facets.append(Facet(name, label, options))
        return facets

    def _count(self, ids, names, counters, labels):
        """Count the facets `names` over the pages `ids`, skipping page types with no match."""
        # No ordering: Wagtail's page manager orders by path, which would group by page.
        by_type = Page.objects.filter(pk__in_ids=ids).order_by().values("content_type").annotate(n=Count("pk"))
        matched = {row["content_type"]: row["n"] for row in by_type}
        for model in self.models:
            content_type = ContentType.objects.get_for_model(model)
            if not matched.get(content_type.pk):
                continue
            if "type" in names:
                value = model._meta.label_lower
                counters["type"][value] += matched[content_type.pk]
                # Singular: Django's default plural only appends "s", which no translation
                # gets right ("stránka podujatias").
                labels["type"][value] = capfirst(model._meta.verbose_name)
            fields = {name: f for name, f in self.fields[model].items() if name in names}
            pages = model.objects.filter(pk__in_ids=ids).order_by()
            page_ids = ids
            if any(issubclass(other, model) for other in self.models if other is not model):
                pages = pages.filter(content_type=content_type)  # not the subclasses' pages too
                page_ids = list(pages.values_list("pk", flat=True))
            related = {name: f for name, f in fields.items() if _kind(f) in ("tag", "snippet")}
            for name, model_field in related.items():
                self._count_related(model_field, page_ids, counters[name], labels[name])
            own = {name: f for name, f in fields.items() if name not in related}
            if own:
                self._count_own(own, pages, counters, labels)

    def _count_own(self, fields, pages, counters, labels):
        """Facets kept on the page's own table: one grouped query for all of them."""
        columns = {name: f"facet_{name}" for name in fields}
        expressions = {
            columns[name]: ExtractYear(f.name) if _kind(f) == "date_year" else F(f.name) for name, f in fields.items()
        }
        rows = pages.annotate(**expressions).values(*expressions).annotate(n=Count("pk"))
        choices = {name: dict(_choices(f)) for name, f in fields.items()}
        for row in rows:
            for name, model_field in fields.items():
                value = row[columns[name]]
                values = set(value or []) if _kind(model_field) == "list" else [value]
                for value in values:
                    if value not in (None, ""):
                        counters[name][value] += row["n"]
                        labels[name][value] = choices[name].get(value, value)

    def _count_related(self, model_field, page_ids, counter, labels):
        """A many-to-many facet, counted on its link table."""
        through = model_field.remote_field.through
        target = model_field.m2m_reverse_field_name()
        links = through.objects.filter(**{f"{model_field.m2m_column_name()}__in_ids": page_ids}).order_by()
        page = Count(model_field.m2m_column_name(), distinct=True)
        if _kind(model_field) == "tag":
            for row in links.values(f"{target}__slug", f"{target}__name").annotate(n=page):
                counter[row[f"{target}__slug"]] += row["n"]
                labels[row[f"{target}__slug"]] = row[f"{target}__name"]
            return
        path = f"{target}__translation_key"
        for row in links.values(path).annotate(n=page):
            counter[str(row[path])] += row["n"]
        snippets = model_field.related_model.objects.filter(translation_key__in=list(counter))
        chosen = {}
        for snippet in snippets.select_related("locale"):
            key = str(snippet.translation_key)
            if key not in chosen or snippet.locale.language_code == get_language():
                chosen[key] = snippet
        labels.update({key: str(snippet) for key, snippet in chosen.items()})
