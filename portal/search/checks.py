"""A system check that each page type's `search_facets` names facets the search page knows, on real fields."""

from django.core import checks
from django.core.exceptions import FieldDoesNotExist

from .facets import FACET_LABELS, faceted_page_models

# The content type facet comes from the page type itself, never from a field.
DECLARABLE_FACETS = [name for name in FACET_LABELS if name != "type"]


def facet_declaration_errors(model):
    """What is wrong with one page type's `search_facets` ({facet name: field name})."""
    declared = model.search_facets
    if not isinstance(declared, dict):
        message = "search_facets must be a dict {facet name: field name}"
        return [checks.Error(message, obj=model, id="portal_search.E001")]
    errors = []
    for facet, field_name in declared.items():
        if facet not in DECLARABLE_FACETS:
            errors.append(
                checks.Error(
                    f"search_facets names an unknown facet {facet!r}",
                    hint=f"Known facets: {', '.join(DECLARABLE_FACETS)}.",
                    obj=model,
                    id="portal_search.E002",
                )
            )
        try:
            model._meta.get_field(field_name)
        except FieldDoesNotExist:
            errors.append(
                checks.Error(
                    f"search_facets maps {facet!r} to {field_name!r}, which is not a field",
                    obj=model,
                    id="portal_search.E003",
                )
            )
    return errors


@checks.register(checks.Tags.models)
def check_search_facets(app_configs=None, **kwargs):
    return [error for model in faceted_page_models() for error in facet_declaration_errors(model)]
