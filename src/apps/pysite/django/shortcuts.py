from django.http import HttpResponse, HttpResponseRedirect, HttpResponsePermanentRedirect, Http404
from django.template.loader import render_to_string


def render(request, template_name, context=None, content_type=None, status=None, using=None):
    content = render_to_string(template_name, context, request)
    return HttpResponse(content, content_type, status)


def redirect(to, *args, permanent=False, **kwargs):
    cls = HttpResponsePermanentRedirect if permanent else HttpResponseRedirect
    if hasattr(to, 'get_absolute_url'):
        return cls(to.get_absolute_url())
    if isinstance(to, str) and ('/' in to or '.' in to):
        return cls(to)
    from django.urls import reverse
    return cls(reverse(to, args=args, kwargs=kwargs))


def get_object_or_404(klass, *args, **kwargs):
    manager = klass.objects if hasattr(klass, 'objects') else klass
    return manager.get(*args, **kwargs)


def get_list_or_404(klass, *args, **kwargs):
    manager = klass.objects if hasattr(klass, 'objects') else klass
    items = list(manager.filter(*args, **kwargs))
    if not items:
        raise Http404('No objects match the given query.')
    return items
