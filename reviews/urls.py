from django.urls import path

from reviews import feeds, views

app_name = "reviews"

urlpatterns = [
    path("reviews/", views.ReviewListView.as_view(), name="list"),
    path("reviews/new/", views.ReviewCreateView.as_view(), name="create"),
    path("reviews/feed/", feeds.LatestReviewsFeed(), name="feed"),
    path("reviews/<slug:slug>/", views.ReviewDetailView.as_view(), name="detail"),
    path("reviews/<slug:slug>/edit/", views.ReviewUpdateView.as_view(), name="update"),
    path("reviews/<slug:slug>/delete/", views.ReviewDeleteView.as_view(), name="delete"),
    path("reviews/<slug:slug>/moderate/", views.moderate_review, name="moderate"),
    path("reviews/<slug:slug>/like/", views.like_review, name="like"),
    path("reviews/<slug:slug>/comments/", views.post_comment, name="comment"),
    path("comments/<int:pk>/", views.comment_link, name="comment-link"),
    path("comments/<int:pk>/edit/", views.CommentUpdateView.as_view(), name="comment-update"),
    path("comments/<int:pk>/delete/", views.CommentDeleteView.as_view(), name="comment-delete"),
    path("comments/<int:pk>/moderate/", views.moderate_comment, name="comment-moderate"),
    path("films/<slug:slug>/reviews/", views.FilmReviewListView.as_view(), name="film-list"),
    path("films/<slug:slug>/reviews/feed/", feeds.FilmReviewsFeed(), name="film-feed"),
    path("films/<slug:slug>/rate/", views.rate_film, name="rate"),
]
