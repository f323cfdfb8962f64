"""on_delete handlers, named as migrations write them."""


class CASCADE:
    path = 'django.db.models.deletion.CASCADE'


class PROTECT:
    path = 'django.db.models.deletion.PROTECT'


class SET_NULL:
    path = 'django.db.models.deletion.SET_NULL'


class SET_DEFAULT:
    path = 'django.db.models.deletion.SET_DEFAULT'


class DO_NOTHING:
    path = 'django.db.models.deletion.DO_NOTHING'


class RESTRICT:
    path = 'django.db.models.deletion.RESTRICT'
