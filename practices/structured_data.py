"""schema.org Article data of a case study: what it is about, where and when it happened."""

from django.utils import timezone

from portal.structured_data import absolute_url, iso_datetime, organisation_data


def location_created(practice, organisation):
    address = {"@type": "PostalAddress", "addressCountry": practice.country}
    if practice.municipality:
        address["addressLocality"] = practice.municipality
    if practice.region:
        address["addressRegion"] = practice.region
    name = practice.municipality or (organisation.name if organisation else "") or practice.get_country_display()
    return {"@type": "Place", "name": str(name), "address": address}


def temporal_coverage(practice):
    """An ISO 8601 interval; ".." leaves an ongoing practice open-ended."""
    if not practice.start_date:
        return None
    start = practice.start_date.isoformat()
    if practice.ongoing:
        return f"{start}/.."
    if practice.end_date and practice.end_date != practice.start_date:
        return f"{start}/{practice.end_date.isoformat()}"
    return start


def practice_data(request, practice, context):
    """An Article; `context` is the case study's context (names already in the reader's language)."""
    tags = [tag.name for tag in context["tags"]]
    about = [{"@type": "Thing", "name": name} for name in context["method_names"]]
    if practice.decision_type:
        about.append({"@type": "Thing", "name": str(practice.get_decision_type_display())})
    organisation = context["organisation"]
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": practice.title,
        "description": practice.summary,
        "url": absolute_url(request, practice.get_url(request)),
        "inLanguage": practice.content_language,
        "about": about,
        "keywords": tags,
        "locationCreated": location_created(practice, organisation),
    }
    tz = timezone.get_current_timezone()
    if practice.first_published_at:
        data["datePublished"] = iso_datetime(practice.first_published_at, tz)
    if practice.last_published_at:
        data["dateModified"] = iso_datetime(practice.last_published_at, tz)
    coverage = temporal_coverage(practice)
    if coverage:
        data["temporalCoverage"] = coverage
    if organisation is not None:
        data["sourceOrganization"] = organisation_data(organisation)
    return data
