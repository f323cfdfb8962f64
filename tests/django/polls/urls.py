from django.urls import path, re_path

from . import views

app_name = "polls"
urlpatterns = [
    path("", views.index, name="index"),
    path("empty/", views.empty, name="empty"),
    path("<int:question_id>/", views.detail, name="detail"),
    path("api", views.api),
    path("about/", views.About.as_view(), name="about"),
    re_path(r"^archive/(?P<year>[0-9]{4})/$", views.archive, name="archive"),
]
