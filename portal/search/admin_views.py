"""The editors' report of what visitors search for, including searches that found nothing."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn
from wagtail.admin.views.reports import ReportView

from .models import SearchTerm


class SearchQueriesReportView(ReportView):
    page_title = _("Visitor searches")
    header_icon = "search"
    index_url_name = "search_terms_report"
    index_results_url_name = "search_terms_report_results"
    any_permission_required = ["wagtailadmin.access_admin"]
    is_searchable = True
    search_fields = ["query_string"]
    columns = [
        Column("query_string", label=_("Query"), sort_key="query_string"),
        Column("language", label=_("Language"), sort_key="language"),
        NumberColumn("hits", label=_("Searches"), sort_key="hits"),
        NumberColumn("no_result_hits", label=_("Searches without results"), sort_key="no_result_hits"),
        NumberColumn("last_result_count", label=_("Results last time"), sort_key="last_result_count"),
        DateColumn("last_searched_at", label=_("Last searched"), sort_key="last_searched_at"),
    ]
    list_export = ["query_string", "language", "hits", "no_result_hits", "last_result_count", "last_searched_at"]
    default_ordering = "-hits"

    def get_queryset(self):
        queryset = SearchTerm.objects.all()
        if self.request.GET.get("no_results"):
            queryset = queryset.filter(no_result_hits__gt=0)
        return queryset
