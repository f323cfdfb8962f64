import django
from django.core.handlers import WSGIHandler


def get_asgi_application():
    django.setup()
    return WSGIHandler()
