"""`field__in_ids=[...]`: membership in thousands of ids, sent as one parameter.

A search can match thousands of pages; their ids then filter the facet counts. A plain `__in`
would send one parameter per id (SQLite caps them) and make psycopg adapt each; here the list
travels as one JSON text (SQLite) or array literal (PostgreSQL, as `= ANY`, which the planner
sizes from the array and hashes, rather than guessing 200 rows for a subquery).
"""

import json

from django.db.models import Field, ForeignObject, Lookup


class InIds(Lookup):
    lookup_name = "in_ids"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        ids = [int(pk) for pk in self.rhs]
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s::bigint[])", [*lhs_params, "{" + ",".join(map(str, ids)) + "}"]
        if connection.vendor == "sqlite":
            return f"{lhs} IN (SELECT value FROM json_each(%s))", [*lhs_params, json.dumps(ids)]  # noqa: S608
        if not ids:
            return "1 = 0", []
        return f"{lhs} IN ({', '.join(['%s'] * len(ids))})", [*lhs_params, *ids]


# Plain fields and relations (a child page's `page_ptr`, a link table's foreign keys).
Field.register_lookup(InIds)
ForeignObject.register_lookup(InIds)
