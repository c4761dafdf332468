"""A review's body is 50,000 characters at most, checked by the model and the database too; and
every review is rendered again with cmark-gfm, which replaced Python-Markdown: what the stored
HTML shows is what a save would now make (tables, strikethrough and bare links included)."""

import django.core.validators
import django.db.models.functions.text
import django.db.models.lookups
from django.db import migrations, models

from reviews.markdown import excerpt, render_markdown

BATCH = 500


def render_again(apps, schema_editor):
    Review = apps.get_model("reviews", "Review")
    batch = []
    for review in Review.objects.only("pk", "body").iterator(chunk_size=BATCH):
        review.body_html = render_markdown(review.body)
        review.excerpt = excerpt(review.body_html)
        batch.append(review)
        if len(batch) == BATCH:
            Review.objects.bulk_update(batch, ["body_html", "excerpt"])
            batch = []
    Review.objects.bulk_update(batch, ["body_html", "excerpt"])


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0003_review_film_published_idx"),
    ]

    operations = [
        migrations.AlterField(
            model_name="review",
            name="body",
            field=models.TextField(
                help_text="Markdown.",
                max_length=50000,
                validators=[django.core.validators.MaxLengthValidator(50000)],
            ),
        ),
        migrations.AddConstraint(
            model_name="review",
            constraint=models.CheckConstraint(
                condition=django.db.models.lookups.LessThanOrEqual(
                    django.db.models.functions.text.Length("body"), 50000
                ),
                name="review_body_max_length",
                violation_error_message="A review is 50,000 characters at most.",
            ),
        ),
        migrations.RunPython(render_again, migrations.RunPython.noop, elidable=True),
    ]
