"""The admin site: its URLs (index redirects to the login page) and model registration."""
from django.http import HttpResponseRedirect, HttpResponse
from django.urls import path
import _dockersim


class ModelAdmin:
    list_display = ('__str__',)

    def __init__(self, model=None, admin_site=None):
        self.model = model


class TabularInline:
    pass


class StackedInline:
    pass


def _never_cache(response):
    """never_cache's headers; the admin reads the session (Vary: Cookie)."""
    response['Expires'] = _dockersim.now_http_date()
    response['Cache-Control'] = 'max-age=0, no-cache, no-store, must-revalidate, private'
    response.vary_cookie = True
    return response


def _index(request):
    return _never_cache(HttpResponseRedirect('/admin/login/?next=%s' % request.path))


def _login(request):
    if request.method == 'POST':
        raise NotImplementedError('dockersim: logging in to the Django admin is not simulated')
    return _never_cache(HttpResponse(_dockersim.page('admin_login', {'next': request.GET.get('next', '/admin/')})))


class AdminSite:
    def __init__(self, name='admin'):
        self.name = name
        self._registry = {}
        self.site_header = 'Django administration'

    def register(self, model_or_iterable, admin_class=None, **options):
        models = model_or_iterable if isinstance(model_or_iterable, (list, tuple)) else [model_or_iterable]
        for m in models:
            self._registry[m] = (admin_class or ModelAdmin)(m, self)

    def unregister(self, model):
        self._registry.pop(model, None)

    def is_registered(self, model):
        return model in self._registry

    @property
    def urls(self):
        patterns = [
            path('', _index, name='index'),
            path('login/', _login, name='login'),
            path('<path:rest>', _index, name='catchall'),
        ]
        return (patterns, 'admin', self.name)


site = AdminSite()


def register(*models, site=None):
    def wrapper(admin_class):
        for m in models:
            (site or globals()['site']).register(m, admin_class)
        return admin_class
    return wrapper


def autodiscover():
    pass
