# The chapter–practice link, once: one ChapterPractice row per pair of translation keys,
# copied from the two many-to-many fields it replaces (removed in the next migrations).

from django.db import migrations, models


def copy_links(apps, schema_editor):
    """Every pair either field named, each chapter's practices in title order as shown so far."""
    chapter_model = apps.get_model("guidelines", "GuideChapterPage")
    practice_model = apps.get_model("practices", "PracticePage")
    link_model = apps.get_model("guidelines", "ChapterPractice")
    page_model = apps.get_model("wagtailcore", "Page")
    chosen_on_chapters = chapter_model._meta.get_field("practices").remote_field.through.objects.values_list(
        "guidechapterpage__translation_key", "page__translation_key"
    )
    named_on_practices = practice_model._meta.get_field("related_chapters").remote_field.through.objects.values_list(
        "page__translation_key", "practicepage__translation_key"
    )
    pairs = set(chosen_on_chapters) | set(named_on_practices)
    titles = {}
    for key, title in page_model.objects.filter(translation_key__in={p for _c, p in pairs}).order_by("-pk").values_list(
        "translation_key", "title"
    ):
        titles[key] = title
    by_chapter = {}
    for chapter_key, practice_key in pairs:
        by_chapter.setdefault(chapter_key, []).append(practice_key)
    link_model.objects.bulk_create(
        link_model(chapter_key=chapter_key, practice_key=practice_key, sort_order=position)
        for chapter_key, practice_keys in by_chapter.items()
        for position, practice_key in enumerate(sorted(practice_keys, key=lambda key: titles.get(key, "").casefold()))
    )


class Migration(migrations.Migration):
    dependencies = [
        ("guidelines", "0002_guides_and_chapters"),
        ("practices", "0002_practice_pages"),
    ]

    operations = [
        migrations.CreateModel(
            name="ChapterPractice",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("chapter_key", models.UUIDField(db_index=True, verbose_name="chapter")),
                ("practice_key", models.UUIDField(db_index=True, verbose_name="practice")),
                ("sort_order", models.PositiveIntegerField(default=0, verbose_name="position in the chapter")),
            ],
            options={
                "verbose_name": "chapter and practice link",
                "verbose_name_plural": "chapter and practice links",
                "ordering": ["sort_order", "pk"],
                "constraints": [
                    models.UniqueConstraint(fields=("chapter_key", "practice_key"), name="unique_chapter_practice")
                ],
            },
        ),
        migrations.RunPython(copy_links, migrations.RunPython.noop),
    ]
