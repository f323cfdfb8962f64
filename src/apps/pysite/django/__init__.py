"""Django, as the simulator models it (the parts tutorials use)."""
import _dockersim

__version__ = _dockersim.django_version()
VERSION = tuple([int(p) for p in __version__.split('.')[:3]] + ['final', 0])


def get_version(version=None):
    return __version__


def setup(set_prefix=True):
    from django.apps import apps
    from django.conf import settings
    apps.populate(settings.INSTALLED_APPS)
