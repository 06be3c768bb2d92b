"""The filterable listing of practices, and the cards its feed, exports and case studies reuse.

Every query here runs once per request, whatever the number of practices: facets are
counted with one aggregate query each, and snippets are looked up in bulk by their
translation key (translations of a page keep pointing at the source-language snippets).
"""

from django import forms
from django.core.paginator import Paginator
from django.db.models import Count, F, Q
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from home.models import Country, DecisionType, ParticipationMethod
from portal.i18n import localized_in_bulk

from .models import ParticipationLevel, PracticePage, TargetGroup

PER_PAGE = 12


class PracticeFilterForm(forms.Form):
    """Parses the GET parameters of the listing; a malformed value is simply not applied."""

    SORT_CHOICES = [("newest", _("Newest first")), ("title", _("A–Z"))]

    country = forms.ChoiceField(label=_("Country"), choices=Country.choices, required=False)
    method = forms.UUIDField(label=_("Method"), required=False)
    level = forms.ChoiceField(label=_("Participation level"), choices=ParticipationLevel.choices, required=False)
    decision = forms.ChoiceField(label=_("Decision type"), choices=DecisionType.choices, required=False)
    tag = forms.CharField(label=_("Topic"), max_length=100, required=False)
    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2100, required=False)
    group = forms.ChoiceField(label=_("Target group"), choices=TargetGroup.choices, required=False)
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORT_CHOICES, required=False)

    FACETS = ["country", "method", "level", "decision", "tag", "year", "group"]

    def selected(self):
        """The valid, non-empty filters: {facet name: value}."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: data[name] for name in self.FACETS if data.get(name) not in (None, "")}


def filter_q(name, value):
    """The condition one filter puts on PracticePage."""
    return {
        "country": Q(country=value),
        "method": Q(methods__translation_key=value),
        "level": Q(participation_level=value),
        "decision": Q(decision_type=value),
        "tag": Q(tags__name=value),
        "year": Q(start_date__year=value),
        "group": Q(target_groups__has=value),
    }[name]


def apply_filters(queryset, filters):
    # One filter() per condition: methods and tags are many-valued, and each must hold.
    for name, value in filters.items():
        queryset = queryset.filter(filter_q(name, value))
    return queryset.distinct() if {"method", "tag"} & set(filters) else queryset


def in_active_language(objects):
    """{translation_key: object in the active language, else the object itself}, one query."""
    return {obj.translation_key: obj for obj in localized_in_bulk(objects) if obj is not None}


def live_practices(index_page):
    """The live, public case studies of one listing (so of one language)."""
    return index_page.listed(PracticePage)


def filtered_practices(index_page, filters, sort=None):
    """The listing's results, filtered and sorted as the visitor chose, before paging.

    The listing, its feed and its exports all show these.
    """
    queryset = apply_filters(live_practices(index_page), filters).select_related("organisation")
    if sort == "title":
        return queryset.order_by("title", "pk")
    return queryset.order_by(F("start_date").desc(nulls_last=True), "-first_published_at", "pk")


class PracticeListing:
    """What the listing template shows: the filter form with counts, and one page of results."""

    def __init__(self, index_page, params):
        self.index_page = index_page
        self.form = PracticeFilterForm(params)
        self.filters = self.form.selected()
        self.sort = self.form.cleaned_data.get("sort") or "newest"
        self.base = live_practices(index_page)
        self.facets = self.build_facets()
        self.page_obj = Paginator(self.results(), PER_PAGE).get_page(params.get("page"))
        self.practices = prepare_cards(list(self.page_obj))

    def results(self):
        return filtered_practices(self.index_page, self.filters, self.sort)

    def others(self, facet):
        """The practices left by every filter except `facet`: what its options narrow."""
        return apply_filters(self.base, {k: v for k, v in self.filters.items() if k != facet})

    def counts(self, facet, key):
        rows = self.others(facet).order_by().values(key).annotate(n=Count("pk", distinct=True))
        return {row[key]: row["n"] for row in rows if row[key] not in (None, "")}

    def build_facets(self):
        """Each facet: name, label, and its options as (value, label, count, selected)."""
        facets = []

        def add(name, options):
            selected = self.filters.get(name)
            choices = [
                {"value": str(value), "label": label, "count": count, "selected": value == selected}
                for value, label, count in options
            ]
            if selected is not None and not any(choice["selected"] for choice in choices):
                # A valid value that matches nothing stays visible and selected, with 0.
                choices.append({"value": str(selected), "label": str(selected), "count": 0, "selected": True})
            facets.append({"name": name, "label": self.form.fields[name].label, "options": choices})

        def from_choices(name, choices, counts):
            add(name, [(code, label, counts[code]) for code, label in choices if code in counts])

        from_choices("country", Country.choices, self.counts("country", "country"))

        method_counts = self.counts("method", "methods__translation_key")
        methods = ParticipationMethod.objects.filter(translation_key__in=method_counts)
        names = in_active_language(methods)
        add(
            "method",
            sorted(
                ((key, names[key].name, count) for key, count in method_counts.items() if key in names),
                key=lambda option: option[1].lower(),
            ),
        )
        from_choices("level", ParticipationLevel.choices, self.counts("level", "participation_level"))
        from_choices("decision", DecisionType.choices, self.counts("decision", "decision_type"))
        tag_counts = self.counts("tag", "tags__name")
        add("tag", [(name, name, count) for name, count in sorted(tag_counts.items(), key=lambda t: t[0].lower())])
        years = (
            self.others("year")
            .order_by()
            .annotate(year=ExtractYear("start_date"))
            .values("year")
            .annotate(n=Count("pk", distinct=True))
        )
        add(
            "year",
            [
                (row["year"], str(row["year"]), row["n"])
                for row in sorted(years, key=lambda r: r["year"] or 0, reverse=True)
                if row["year"]
            ],
        )
        group_counts = self.others("group").aggregate(
            **{code: Count("pk", distinct=True, filter=Q(target_groups__has=code)) for code in TargetGroup.values}
        )
        from_choices("group", TargetGroup.choices, {code: n for code, n in group_counts.items() if n})
        return facets

    @property
    def sort_options(self):
        return [
            {"value": value, "label": label, "selected": value == self.sort}
            for value, label in PracticeFilterForm.SORT_CHOICES
        ]

    @property
    def is_filtered(self):
        return bool(self.filters)


def prepare_cards(practices):
    """Attach the reader's-language names of methods and organisations, in bulk."""
    method_links = PracticePage.methods.through.objects.filter(practicepage__in=practices).select_related(
        "participationmethod"
    )
    methods_by_page = {}
    for link in method_links:
        methods_by_page.setdefault(link.practicepage_id, []).append(link.participationmethod)
    all_methods = [method for methods in methods_by_page.values() for method in methods]
    method_names = in_active_language(all_methods)
    organisations = in_active_language([p.organisation for p in practices])
    for practice in practices:
        practice.method_names = [method_names[m.translation_key].name for m in methods_by_page.get(practice.pk, [])]
        organisation = practice.organisation
        practice.where = organisations[organisation.translation_key].name if organisation else practice.municipality
    return practices
