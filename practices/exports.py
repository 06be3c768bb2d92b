"""CSV and JSON exports of a practice listing, filtered and sorted as the listing is.

The words (names, labels, headers) are in the listing's language; the CSV is guarded
against formula injection, because spreadsheets run cells that start like a formula.
"""

import csv
import datetime

from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .listing import PracticeFilterForm, filtered_practices, prepare_cards

# Characters that make Excel, LibreOffice or Google Sheets read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = "; "

COLUMNS = [
    ("title", _("Title"), lambda p: p.title),
    ("url", _("Link"), lambda p: p.export_url),
    ("summary", _("Summary"), lambda p: p.summary),
    ("organisation", _("Organisation"), lambda p: p.where if p.organisation_id else ""),
    ("municipality", _("Municipality"), lambda p: p.municipality),
    ("region", _("Region"), lambda p: p.region),
    ("country_code", _("Country code"), lambda p: p.country),
    ("country", _("Country"), lambda p: p.get_country_display()),
    ("start_date", _("Start date"), lambda p: p.start_date),
    ("end_date", _("End date"), lambda p: p.end_date),
    ("ongoing", _("Ongoing"), lambda p: p.ongoing),
    ("methods", _("Participation methods"), lambda p: p.method_names),
    ("participation_level", _("Participation level"), lambda p: p.get_participation_level_display()),
    ("decision_type", _("Decision type"), lambda p: p.get_decision_type_display()),
    ("target_groups", _("Target groups"), lambda p: [str(label) for label in p.target_group_labels]),
    ("participants", _("Number of participants"), lambda p: p.participants),
    ("budget", _("Budget allocated"), lambda p: p.budget),
    ("currency", _("Currency"), lambda p: p.currency),
    ("tags", _("Topic tags"), lambda p: [tagged.tag.name for tagged in p.tagged_items.all()]),
    ("first_published_at", _("First published"), lambda p: p.first_published_at),
]


def exported_practices(index_page, request):
    """(filters, practices) as the listing at this query string shows them, every page at once."""
    form = PracticeFilterForm(request.GET)
    filters = form.selected()
    practices = filtered_practices(index_page, filters, form.cleaned_data.get("sort"))
    practices = prepare_cards(list(practices.prefetch_related("tagged_items__tag")))
    for practice in practices:
        practice.export_url = request.build_absolute_uri(practice.get_url(request))
    return filters, practices


def neutralise_formula(text):
    """A leading apostrophe makes spreadsheets show the cell as text instead of running it."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, list):
        return neutralise_formula(LIST_SEPARATOR.join(neutralise_formula(str(item)) for item in value))
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return neutralise_formula(str(value))


def csv_response(index_page, request):
    _filters, practices = exported_practices(index_page, request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{export_filename(index_page)}.csv"'
    response["X-Robots-Tag"] = "noindex"
    # A byte order mark tells spreadsheets the file is UTF-8 (Cyrillic, č, š, ž).
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([str(label) for _key, label, _value in COLUMNS])
    for practice in practices:
        writer.writerow([csv_cell(value(practice)) for _key, _label, value in COLUMNS])
    return response


def json_value(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat()
    return value


def json_response(index_page, request):
    filters, practices = exported_practices(index_page, request)
    data = {
        "language": index_page.locale.language_code,
        "count": len(practices),
        "filters": filters,
        "practices": [{key: json_value(value(practice)) for key, _label, value in COLUMNS} for practice in practices],
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'inline; filename="{export_filename(index_page)}.json"'
    # The listing itself is what search engines should show, not copies of its data.
    response["X-Robots-Tag"] = "noindex"
    return response


def export_filename(index_page):
    return f"{index_page.slug}-{index_page.locale.language_code}"
