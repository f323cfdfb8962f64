from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.generic import TemplateView


class Question:
    def __init__(self, id, text):
        self.id = id
        self.question_text = text


def index(request):
    questions = [Question(1, "What's up?"), Question(2, "Tabs or spaces?")]
    context = {"latest_question_list": questions, "greeting": "hi", "items": [1, 2, 3], "html": "<b>"}
    return render(request, "polls/index.html", context)


def empty(request):
    return render(request, "polls/index.html", {})


def detail(request, question_id):
    if question_id > 10:
        raise Http404("Question does not exist")
    return HttpResponse("You're looking at question %s." % question_id)


def api(request):
    return JsonResponse({"ok": True, "items": [1, 2], "q": request.GET.get("q", "")})


def archive(request, year):
    return HttpResponse("Archive for %s" % year)


class About(TemplateView):
    template_name = "polls/base.html"
