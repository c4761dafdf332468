"""Ratings in half stars: their labels, and a film's summary with its histogram's geometry."""

from dataclasses import dataclass


def half_stars(value):
    """'3½' for 7 half stars, '½' for 1, '5' for 10."""
    whole, half = divmod(value, 2)
    return f"{whole or ''}{'½' if half else ''}" or "0"


RATING_CHOICES = [
    (value, f"{half_stars(value)} {'star' if value <= 2 else 'stars'}") for value in range(1, 11)
]


@dataclass
class RatingSummary:
    average: float | None
    rated: int
    reviews: int
    counts: list

    @classmethod
    def of(cls, rows):
        """The summary of (rating, current ratings, reviews) rows (ReviewQuerySet.rating_counts)."""
        by_rating, reviews = {}, 0
        for rating, current, with_text in rows:
            by_rating[rating] = current
            reviews += with_text
        values = [value for value, _ in RATING_CHOICES]
        counts = [by_rating.get(value, 0) for value in values]
        rated = sum(counts)
        total = sum(value * count for value, count in zip(values, counts, strict=True))
        return cls(
            average=total / rated if rated else None, rated=rated, reviews=reviews, counts=counts
        )

    @property
    def average_label(self):
        """The average rounded to the nearest half star, as '3½'."""
        if self.average is None:
            return ""
        return half_stars(round(self.average))

    @property
    def bars(self):
        """One bar per half-star bucket, its height in percent of the tallest."""
        tallest = max(self.counts) or 1
        return [
            {
                "value": value,
                "label": label,
                "stars": half_stars(value),
                "count": count,
                "percent": round(100 * count / tallest),
                "x": (value - 1) * 20 + 2,
                "height": round(80 * count / tallest),
                "y": 80 - round(80 * count / tallest),
            }
            for (value, label), count in zip(RATING_CHOICES, self.counts, strict=True)
        ]
