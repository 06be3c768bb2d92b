# The practice's own list of chapters, now kept in guidelines.ChapterPractice.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0002_practice_pages"),
        ("guidelines", "0003_chapter_practice_links"),
    ]

    operations = [
        migrations.RemoveField(model_name="practicepage", name="related_chapters"),
    ]
