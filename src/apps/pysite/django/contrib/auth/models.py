from django.db import models


class AnonymousUser:
    id = None
    pk = None
    username = ''
    is_staff = False
    is_active = False
    is_superuser = False
    is_anonymous = True
    is_authenticated = False

    def __str__(self):
        return 'AnonymousUser'


class AbstractUser(models.Model):
    pass


class User(AbstractUser):
    pass
