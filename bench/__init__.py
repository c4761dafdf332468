"""The benchmark: bench/run.py serves the site with gunicorn and measures it (see README.md)."""
