from django.views.generic import TemplateView

from films.models import Film
from reviews.models import Review
from screenings.models import Screening


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["films"] = Film.objects.for_cards()[:6]
        context["reviews"] = Review.objects.published().for_list()[:3]
        upcoming = Screening.objects.upcoming()
        next_screening = upcoming.going_ahead().for_list().first()
        # Visitors who planned to come must not miss a cancellation before the next screening.
        called_off = upcoming.called_off()
        if next_screening:
            called_off = called_off.filter(starts_at__lt=next_screening.starts_at)
        context["next_screening"] = next_screening
        context["called_off"] = called_off.for_list()[:3]
        if next_screening is None:
            context["recent_screenings"] = Screening.objects.past().for_list()[:3]
        return context
