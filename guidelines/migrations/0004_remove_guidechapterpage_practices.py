# The chapter's own list of practices, now kept in ChapterPractice (0003).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("guidelines", "0003_chapter_practice_links"),
    ]

    operations = [
        migrations.RemoveField(model_name="guidechapterpage", name="practices"),
    ]
