from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import SearchQueriesReportView


@hooks.register("register_admin_urls")
def register_search_report_urls():
    return [
        path("reports/searches/", SearchQueriesReportView.as_view(), name="search_terms_report"),
        path(
            "reports/searches/results/",
            SearchQueriesReportView.as_view(results_only=True),
            name="search_terms_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_search_report_menu_item():
    return MenuItem(_("Visitor searches"), reverse("search_terms_report"), icon_name="search", order=1310)
