"""The views of a practice listing and of a case study; `routes.py` puts them under the pages.

Each view is `view(page, request, ...)`: the listing and the case study render their page
with what the request asks for; the share form hands a valid submission to `services`.
"""

from django_ratelimit.core import is_ratelimited

from django.db.models import F, Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.formats import number_format

from guidelines.links import CHAPTER_PAGES, chapter_keys, pages_for_keys
from portal.i18n import localized_in_bulk

from . import exports, services
from .emails import notify_submission
from .feeds import PracticeFeed
from .forms import SharePracticeForm
from .listing import PracticeListing, in_active_language, prepare_cards
from .models import PracticePage
from .structured_data import practice_data

SUBMISSION_RATE = "5/h"
SIMILAR_COUNT = 3


def listing(index_page, request):
    """The filtered, paged listing with its facets, and links to the form, feed and exports."""
    # The exports hold every result of the filters and sort chosen, not one page of them.
    params = request.GET.copy()
    params.pop("page", None)
    return index_page.render(
        request,
        context_overrides={
            "listing": PracticeListing(index_page, request.GET),
            "submit_url": index_page.url + index_page.reverse_subpage("submit"),
            "feed_url": index_page.url + index_page.reverse_subpage("feed"),
            "export_csv_url": index_page.url + index_page.reverse_subpage("export_csv"),
            "export_json_url": index_page.url + index_page.reverse_subpage("export_json"),
            "export_query": params.urlencode(),
        },
    )


def submit(index_page, request):
    """Show the form; a valid submission becomes a draft in moderation, spam becomes nothing."""
    form = SharePracticeForm(request.POST or None, request.FILES or None, locale=index_page.locale)
    context = {"page": index_page, "form": form}
    if request.method == "POST" and form.is_valid():
        # Only complete submissions count towards the limit: a typo costs nobody a try.
        if is_ratelimited(
            request, group="practices:share", key="ip", rate=SUBMISSION_RATE, method="POST", increment=True
        ):
            return TemplateResponse(request, "practices/share_practice_limited.html", context, status=429)
        if not form.is_spam:
            practice = services.submit_practice(index_page, **form.submission())
            notify_submission(practice)
        return redirect(index_page.url + index_page.reverse_subpage("submit_thanks"))
    return TemplateResponse(request, "practices/share_practice.html", context)


def submit_thanks(index_page, request):
    return TemplateResponse(request, "practices/share_practice_thanks.html", {"page": index_page})


def feed(index_page, request):
    return PracticeFeed(index_page)(request)


def export_csv(index_page, request):
    return exports.csv_response(index_page, request)


def export_json(index_page, request):
    return exports.json_response(index_page, request)


def formatted_amount(amount, decimal_places=0):
    """A number in the active language's format, with thousands grouped."""
    return number_format(amount, decimal_pos=decimal_places, use_l10n=True, force_grouping=True)


def case_study_context(practice):
    """The facts panel, related chapters and similar practices of one case study."""
    methods = list(practice.methods.all())
    method_names = in_active_language(methods)
    [organisation] = localized_in_bulk([practice.organisation])
    [contact] = localized_in_bulk([practice.contact])
    budget = practice.budget
    decimals = 0 if budget is None or budget == budget.to_integral_value() else 2
    similar = (
        PracticePage.objects.live()
        .public()
        .filter(locale_id=practice.locale_id)
        .exclude(pk=practice.pk)
        .filter(
            Q(methods__translation_key__in=[m.translation_key for m in methods])
            | (Q(decision_type=practice.decision_type) & ~Q(decision_type=""))
        )
        .distinct()
        .order_by(F("start_date").desc(nulls_last=True), "title")[:SIMILAR_COUNT]
    )
    index_page = practice.get_parent()
    return {
        "index_page": index_page,
        "method_names": [method_names[m.translation_key].name for m in methods],
        "organisation": organisation,
        "contact": contact,
        "participants": formatted_amount(practice.participants) if practice.participants is not None else "",
        "budget": formatted_amount(budget, decimals) if budget is not None else "",
        "tags": list(practice.tags.all()),
        "related_chapters": sorted(
            pages_for_keys(chapter_keys(practice.translation_key), CHAPTER_PAGES), key=lambda page: page.path
        ),
        "similar_practices": prepare_cards(list(similar)),
    }


def case_study(practice, request):
    """One case study with its facts in the reader's language, and its schema.org Article."""
    context = case_study_context(practice)
    context["structured_data"] = practice_data(request, practice, context)
    return practice.render(request, context_overrides=context)
