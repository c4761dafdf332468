from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0004_review_body_cmark"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="review",
            index=models.Index(
                condition=models.Q(("is_hidden", False), ("status", "published")),
                fields=["-published_at"],
                name="review_shown_idx",
            ),
        ),
    ]
