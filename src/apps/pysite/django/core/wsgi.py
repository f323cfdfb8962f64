import django
from django.core.handlers import WSGIHandler


def get_wsgi_application():
    django.setup()
    return WSGIHandler()
