"""Class-based views: View.as_view() and its dispatch by method."""
from django.http import HttpResponseNotAllowed


class View:
    http_method_names = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'trace']

    def __init__(self, **kwargs):
        for key, value in kwargs.items():
            setattr(self, key, value)

    @classmethod
    def as_view(cls, **initkwargs):
        def view(request, *args, **kwargs):
            self = cls(**initkwargs)
            self.request = request
            self.args = args
            self.kwargs = kwargs
            return self.dispatch(request, *args, **kwargs)
        view.view_class = cls
        return view

    def dispatch(self, request, *args, **kwargs):
        method = request.method.lower()
        if method == 'head' and not hasattr(self, 'head'):
            method = 'get'
        if method in self.http_method_names and hasattr(self, method):
            return getattr(self, method)(request, *args, **kwargs)
        return self.http_method_not_allowed(request, *args, **kwargs)

    def http_method_not_allowed(self, request, *args, **kwargs):
        allowed = [m.upper() for m in self.http_method_names if hasattr(self, m)]
        return HttpResponseNotAllowed(allowed)
