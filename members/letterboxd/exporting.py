"""Everything a member keeps here, as a zip: Letterboxd's CSVs in Letterboxd's column layout (so
that Letterboxd, or this club, imports them) and `filmclub.json` with all of it, the fields the
CSVs have no column for included (how they saw it, format, spoilers, drafts, comments, lists).

A rating is written as Letterboxd writes it (0.5 to 5); `Letterboxd URI` holds the film's
address here. Dates are the member's (YYYY-MM-DD)."""

import csv
import io
import json
import zipfile

from django.db.models import F
from django.utils import timezone

from members.letterboxd.reader import BASE
from members.models import MemberList, WatchlistEntry
from reviews.models import Comment, Review, ReviewLike

DIARY = [*BASE, "Rating", "Rewatch", "Tags", "Watched Date"]
REVIEWS = [*BASE, "Rating", "Rewatch", "Review", "Tags", "Watched Date"]
RATINGS = [*BASE, "Rating"]
COMMENTS = ["Date", "Comment", "Comment On", "Letterboxd URI"]


def stars(rating):
    return f"{rating / 2:g}" if rating else ""


def day(moment):
    return timezone.localdate(moment).isoformat() if moment else ""


def csv_text(header, rows):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


class Export:
    """One member's data, read in a handful of queries, written as files."""

    def __init__(self, member, site):
        self.member = member
        self.site = site
        self.logs = list(
            Review.objects.filter(author=member)
            .select_related("film")
            # Undated logs (a rating alone) first on every database: SQLite puts NULL first,
            # PostgreSQL last, unless told.
            .order_by(F("watched_on").asc(nulls_first=True), "published_at", "pk")
        )
        self.published = [log for log in self.logs if log.is_published]

    def film_columns(self, film, when):
        return [day(when), film.title, film.year or "", self.site + film.get_absolute_url()]

    def files(self):
        watchlist = WatchlistEntry.objects.filter(member=self.member).select_related("film")
        self.watchlist = list(watchlist.order_by("added_at", "pk"))
        return {
            "diary.csv": self.diary(),
            "reviews.csv": self.reviews(),
            "ratings.csv": self.ratings(),
            "watched.csv": self.watched(),
            "likes/films.csv": self.likes(),
            "watchlist.csv": csv_text(
                BASE, [self.film_columns(entry.film, entry.added_at) for entry in self.watchlist]
            ),
            "comments.csv": self.comments(),
            **self.lists(),
            "filmclub.json": self.json(),
        }

    def log_columns(self, log):
        return self.film_columns(log.film, log.published_at)

    def diary(self):
        dated = [log for log in self.published if log.watched_on]
        return csv_text(
            DIARY,
            [
                [*self.log_columns(log), stars(log.rating), "Yes" if log.is_rewatch else "",
                 log.tags, log.watched_on.isoformat()]
                for log in dated
            ],
        )  # fmt: skip

    def reviews(self):
        return csv_text(
            REVIEWS,
            [
                [*self.log_columns(log), stars(log.rating), "Yes" if log.is_rewatch else "",
                 log.body, log.tags, log.watched_on.isoformat() if log.watched_on else ""]
                for log in self.published if log.has_text
            ],
        )  # fmt: skip

    def ratings(self):
        """Each film's current rating: the rated log logged last (Review.current_ratings)."""
        current = {}
        for log in self.published:
            if log.rating:
                current[log.film_id] = log
        return csv_text(
            RATINGS, [[*self.log_columns(log), stars(log.rating)] for log in current.values()]
        )

    def watched(self):
        first = {}
        for log in self.published:
            first.setdefault(log.film_id, log)
        return csv_text(BASE, [self.log_columns(log) for log in first.values()])

    def likes(self):
        liked = {}
        for log in self.published:
            if log.liked:
                liked.setdefault(log.film_id, log)
        return csv_text(BASE, [self.log_columns(log) for log in liked.values()])

    def comments(self):
        self.comment_list = list(
            Comment.objects.filter(author=self.member, is_deleted=False)
            .select_related("review")
            .order_by("created_at", "pk")
        )
        return csv_text(
            COMMENTS,
            [
                [day(comment.created_at), comment.body, comment.review.title or str(comment.review),
                 self.site + comment.get_absolute_url()]
                for comment in self.comment_list
            ],
        )  # fmt: skip

    def lists(self):
        """Each list as Letterboxd exports one: lists/<slug>.csv (Position empty on an unranked
        list, so that the import knows it is not ranked)."""
        self.member_lists = list(
            MemberList.objects.filter(owner=self.member).prefetch_related("entries__film")
        )
        files = {}
        for member_list in self.member_lists:
            out = io.StringIO()
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(["Letterboxd list export v7"])
            writer.writerow(["Date", "Name", "Tags", "URL", "Description"])
            writer.writerow(
                [day(member_list.created_at), member_list.title, "", "", member_list.description]
            )
            writer.writerow([])
            writer.writerow(["Position", "Name", "Year", "URL", "Description"])
            for entry in member_list.entries.all():
                writer.writerow(
                    [entry.position if member_list.is_ranked else "", entry.film.title,
                     entry.film.year or "",
                     self.site + entry.film.get_absolute_url(), entry.note]
                )  # fmt: skip
            files[f"lists/{member_list.slug}.csv"] = out.getvalue()
        return files

    def json(self):
        member = self.member
        likes = ReviewLike.objects.filter(member=member).select_related("review")
        data = {
            "exported_at": timezone.now().isoformat(),
            "member": {
                "handle": member.username,
                "display_name": member.display_name,
                "email": member.email,
                "bio": member.bio,
                "joined": member.date_joined.isoformat(),
            },
            "logs": [log_data(log) for log in self.logs],
            "comments": [
                {"review": comment.review.slug, "created_at": comment.created_at.isoformat(),
                 "body": comment.body, "reply_to": comment.parent_id, "id": comment.pk}
                for comment in self.comment_list
            ],
            "watchlist": [
                {"film": entry.film.title, "year": entry.film.year, "slug": entry.film.slug,
                 "added_at": entry.added_at.isoformat()}
                for entry in self.watchlist
            ],
            "liked_reviews": [like.review.slug for like in likes.order_by("created_at", "pk")],
            "following": list(member.following_set.values_list("followed__username", flat=True)),
            "favourites": list(member.favourites.values_list("film__slug", flat=True)),
            "lists": [list_data(member_list) for member_list in self.member_lists],
        }  # fmt: skip
        return json.dumps(data, ensure_ascii=False, indent=2)


def log_data(log):
    return {
        "film": log.film.title,
        "year": log.film.year,
        "slug": log.film.slug,
        "watched_on": log.watched_on.isoformat() if log.watched_on else None,
        "rewatch": log.is_rewatch,
        "rating": stars(log.rating) or None,
        "liked": log.liked,
        "format": log.format,
        "how_i_saw_it": log.how_i_saw_it,
        "tags": log.tag_list,
        "title": log.title,
        "review": log.body,
        "contains_spoilers": log.contains_spoilers,
        "status": log.status,
        "published_at": log.published_at.isoformat() if log.published_at else None,
        "address": log.slug,
    }


def list_data(member_list):
    return {
        "title": member_list.title,
        "description": member_list.description,
        "ranked": member_list.is_ranked,
        "public": member_list.is_public,
        "films": [
            {"position": entry.position, "film": entry.film.title, "year": entry.film.year,
             "note": entry.note}
            for entry in member_list.entries.all()
        ],
    }  # fmt: skip


def export_zip(member, site):
    """The zip's bytes. `site` is the site's address (https://example.org), for the links."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in Export(member, site).files().items():
            archive.writestr(name, text)
    return out.getvalue()
