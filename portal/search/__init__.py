"""Site search: normalisation, a ranked database backend, facets, views and the query report."""
