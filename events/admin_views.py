"""The editors' view of registrations: list, filters, counts by status and CSV export."""

import django_filters

from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from .models import EventPage, Registration
from .services import status_counts


def events_with_registrations(request):
    return EventPage.objects.filter(pk__in=Registration.objects.values("event")).order_by("-start")


class RegistrationFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Registration.Status.choices)
    event = django_filters.ModelChoiceFilter(label=_("Event"), queryset=events_with_registrations)

    class Meta:
        model = Registration
        fields = ["status", "event"]


class RegistrationIndexView(IndexView):
    """The usual listing, headed by how many registrations the current filter holds per status."""

    results_template_name = "events/admin/registration_index_results.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = status_counts(self.get_queryset())
        context["status_counts"] = [(label, counts[value]) for value, label in Registration.Status.choices]
        return context


class RegistrationViewSet(ModelViewSet):
    """Registrations in the admin menu, exportable as CSV or XLSX."""

    model = Registration
    icon = "form"
    menu_label = _("Registrations")
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = RegistrationIndexView
    filterset_class = RegistrationFilterSet
    list_display = [
        "name",
        "email",
        Column("event", label=_("Event")),
        Column("status", label=_("Status"), accessor="get_status_display"),
        DateColumn("created_at", label=_("Registered at")),
    ]
    list_export = [
        "event",
        "name",
        "email",
        "organisation",
        "role",
        "needs",
        "get_status_display",
        "language",
        "created_at",
    ]
    export_headings = {
        "event": _("Event"),
        "needs": _("Accessibility or dietary needs"),
        "get_status_display": _("Status"),
    }
    export_filename = "registrations"
    search_fields = ["name", "email", "organisation"]
    form_fields = ["event", "name", "email", "organisation", "role", "needs", "consent", "status"]
    inspect_view_enabled = True
    copy_view_enabled = False
