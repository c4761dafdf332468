"""The import's background task: a large export is applied by the task worker (bin/serve runs
it), batch by batch, while the member watches the progress page."""

from django_tasks import task

from members.letterboxd import applying


@task()
def import_letterboxd(job_id):
    """Idempotent: it resumes from the job's progress, and each row checks what it would write."""
    applying.run(job_id)
