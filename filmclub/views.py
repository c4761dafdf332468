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
        context["next_screening"] = Screening.objects.upcoming().going_ahead().for_list().first()
        if context["next_screening"] is None:
            context["recent_screenings"] = Screening.objects.past().for_list()[:3]
        return context
