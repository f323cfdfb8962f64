from django.conf import settings


def static(prefix, view=None, **kwargs):
    """Serving MEDIA or STATIC files in development: nothing when DEBUG is off."""
    if not settings.DEBUG or not prefix or '://' in prefix:
        return []
    from django.urls import re_path
    from django.http import HttpResponseNotFound

    def serve(request, path, document_root=None, show_indexes=False):
        import os
        full = os.path.join(str(document_root or kwargs.get('document_root', '')), path)
        if not os.path.isfile(full):
            from django.http import Http404
            raise Http404('“%s” does not exist' % full)
        with open(full) as f:
            from django.http import HttpResponse
            return HttpResponse(f.read())
    return [re_path(r'^%s(?P<path>.*)$' % prefix.lstrip('/'), serve, kwargs=kwargs)]
