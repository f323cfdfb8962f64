"""django.conf.settings: the project's settings module over Django's defaults."""
import os
import _dockersim
from django.core.exceptions import ImproperlyConfigured

GLOBAL_SETTINGS = {
    'DEBUG': False,
    'ALLOWED_HOSTS': [],
    'INSTALLED_APPS': [],
    'MIDDLEWARE': [],
    'TEMPLATES': [],
    'APPEND_SLASH': True,
    'ROOT_URLCONF': None,
    'STATIC_URL': None,
    'STATIC_ROOT': None,
    'STATICFILES_DIRS': [],
    'MEDIA_URL': '',
    'MEDIA_ROOT': '',
    'DATABASES': {},
    'TIME_ZONE': 'America/Chicago',
    'USE_TZ': True,
    'USE_I18N': True,
    'LANGUAGE_CODE': 'en-us',
    'SECRET_KEY': '',
    'DEFAULT_AUTO_FIELD': 'django.db.models.AutoField',
    'WSGI_APPLICATION': None,
    'AUTH_PASSWORD_VALIDATORS': [],
    'LOGIN_URL': '/accounts/login/',
    'LOGIN_REDIRECT_URL': '/accounts/profile/',
    'DEFAULT_CHARSET': 'utf-8',
}


class LazySettings:
    def __init__(self):
        self._wrapped = None

    def _setup(self, name=None):
        module = os.environ.get('DJANGO_SETTINGS_MODULE')
        if not module:
            desc = ('setting %s' % name) if name else 'settings'
            raise ImproperlyConfigured(
                'Requested %s, but settings are not configured. You must either define the environment '
                'variable DJANGO_SETTINGS_MODULE or call settings.configure() before accessing settings.' % desc
            )
        mod = _dockersim.import_module(module)
        values = dict(GLOBAL_SETTINGS)
        for key, value in _dockersim.module_vars(mod).items():
            if key.isupper():
                values[key] = value
        if values['SECRET_KEY'] == '' and False:
            raise ImproperlyConfigured('The SECRET_KEY setting must not be empty.')
        values['SETTINGS_MODULE'] = module
        self._wrapped = values

    def __getattr__(self, name):
        if self._wrapped is None:
            self._setup(name)
        if name in self._wrapped:
            return self._wrapped[name]
        raise AttributeError("'Settings' object has no attribute '%s'" % name)

    def configure(self, **options):
        if self._wrapped is not None:
            raise RuntimeError('Settings already configured.')
        values = dict(GLOBAL_SETTINGS)
        values.update(options)
        self._wrapped = values

    @property
    def configured(self):
        return self._wrapped is not None


settings = LazySettings()
