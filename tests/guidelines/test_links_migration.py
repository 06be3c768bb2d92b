"""The data migration that moved the two many-to-many fields into ChapterPractice.

The test database has only the new schema, so a child process takes a SQLite file (a copy
of the run's migrated template when there is one, tests/demo_server.py), migrates it back to
just before the move, fills the old fields and migrates forward again.
"""

import json
import os
import shutil
import subprocess
import sys

from django.conf import settings

SCRIPT = r"""
import json

import django

django.setup()

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("guidelines", "0002_guides_and_chapters"), ("practices", "0002_practice_pages")]
executor = MigrationExecutor(connection)
executor.migrate(BEFORE)
old = executor.loader.project_state(BEFORE).apps
locale = old.get_model("wagtailcore", "Locale").objects.first()
content_types = old.get_model("contenttypes", "ContentType").objects


def page(app, model, title, path, **fields):
    content_type, _ = content_types.get_or_create(app_label=app, model=model.lower())
    return old.get_model(app, model).objects.create(
        title=title, slug=path, path=path, depth=len(path) // 4, url_path=f"/{path}/", locale=locale,
        content_type=content_type, **fields,
    )


first = page("guidelines", "GuideChapterPage", "Posvetovanje", "0001000A", intro="", body="[]", decision_types="")
second = page("guidelines", "GuideChapterPage", "Vrednotenje", "0001000B", intro="", body="[]", decision_types="")
practice_fields = dict(summary="", body="[]", country="SI", participation_level="consult", decision_type="budget",
                       target_groups="", currency="EUR", outcomes="", obstacles="", lessons="", gallery="[]",
                       documents="[]", municipality="", region="", ongoing=False)
zeta = page("practices", "PracticePage", "Proračun v Ajdovščini", "0001000C", **practice_fields)
alpha = page("practices", "PracticePage", "Forum v Celju", "0001000D", **practice_fields)
# Historical models are not clusterable: write the through rows the fields kept.
chosen = first._meta.get_field("practices").remote_field.through.objects
chosen.create(guidechapterpage_id=first.pk, page_id=zeta.pk)
named = alpha._meta.get_field("related_chapters").remote_field.through.objects
named.create(practicepage_id=alpha.pk, page_id=first.pk)
named.create(practicepage_id=alpha.pk, page_id=second.pk)
named.create(practicepage_id=zeta.pk, page_id=first.pk)

executor = MigrationExecutor(connection)
executor.migrate(executor.loader.graph.leaf_nodes())
keys = {str(p.translation_key): p.title for p in (first, second, zeta, alpha)}
from guidelines.links import ChapterPractice

print(json.dumps([
    [keys[str(link.chapter_key)], keys[str(link.practice_key)], link.sort_order]
    for link in ChapterPractice.objects.order_by("chapter_key", "sort_order")
]))
"""


def test_both_old_fields_become_one_ordered_link_per_pair(tmp_path, migrated_sqlite):
    if migrated_sqlite is not None:
        # Going back three migrations is quicker than migrating an empty file.
        shutil.copyfile(migrated_sqlite, tmp_path / "before.sqlite3")
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'before.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    links = sorted(json.loads(result.stdout.strip().splitlines()[-1]))
    assert links == [
        ["Posvetovanje", "Forum v Celju", 0],
        ["Posvetovanje", "Proračun v Ajdovščini", 1],
        ["Vrednotenje", "Forum v Celju", 0],
    ]
