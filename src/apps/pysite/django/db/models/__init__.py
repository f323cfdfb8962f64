"""Model classes and fields as makemigrations reads them; queries are not simulated."""
import _dockersim

NOT_PROVIDED = object()
_counter = [0]


from django.db.models.deletion import CASCADE, PROTECT, SET_NULL, SET_DEFAULT, DO_NOTHING, RESTRICT


class Field:
    # kwargs kept in the migration even at their default value
    always = ()
    # kwargs dropped when they equal this value
    defaults = {}
    relation = False
    db_type = 'varchar'

    def __init__(self, verbose_name=None, name=None, **kwargs):
        _counter[0] += 1
        self.creation_counter = _counter[0]
        self.kwargs = dict(kwargs)
        if verbose_name is not None:
            self.kwargs['verbose_name'] = verbose_name
        if name is not None:
            self.kwargs['name'] = name
        for key, value in self.defaults.items():
            if key in self.kwargs and self.kwargs[key] == value and key not in self.always:
                self.kwargs.pop(key)
        self.name = None
        self.null = kwargs.get('null', False)
        self.blank = kwargs.get('blank', False)
        self.default = kwargs.get('default', NOT_PROVIDED)
        self.primary_key = kwargs.get('primary_key', False)

    def deconstruct_kwargs(self):
        return self.kwargs


class AutoField(Field):
    pass


class BigAutoField(Field):
    pass


class SmallAutoField(Field):
    pass


class CharField(Field):
    pass


class TextField(Field):
    pass


class SlugField(Field):
    defaults = {'max_length': 50}


class EmailField(Field):
    always = ('max_length',)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault('max_length', 254)
        super().__init__(*args, **kwargs)


class URLField(Field):
    defaults = {'max_length': 200}


class IntegerField(Field):
    pass


class BigIntegerField(Field):
    pass


class SmallIntegerField(Field):
    pass


class PositiveIntegerField(Field):
    pass


class PositiveSmallIntegerField(Field):
    pass


class PositiveBigIntegerField(Field):
    pass


class FloatField(Field):
    pass


class DecimalField(Field):
    pass


class BooleanField(Field):
    pass


class DateField(Field):
    pass


class DateTimeField(Field):
    pass


class TimeField(Field):
    pass


class DurationField(Field):
    pass


class UUIDField(Field):
    pass


class JSONField(Field):
    pass


class BinaryField(Field):
    pass


class GenericIPAddressField(Field):
    pass


class FileField(Field):
    defaults = {'upload_to': ''}


class ImageField(FileField):
    pass


class ForeignKey(Field):
    relation = True

    def __init__(self, to, on_delete=None, **kwargs):
        super().__init__(**kwargs)
        self.to = to
        self.on_delete = on_delete


class OneToOneField(ForeignKey):
    pass


class ManyToManyField(Field):
    relation = True

    def __init__(self, to, **kwargs):
        super().__init__(**kwargs)
        self.to = to
        self.on_delete = None


class Q:
    def __init__(self, *args, **kwargs):
        self.args = args
        self.kwargs = kwargs


class F:
    def __init__(self, name):
        self.name = name


def _not_simulated(model, what):
    raise NotImplementedError(
        "dockersim: Django's ORM (%s.objects.%s()) is not simulated: the database cannot be queried"
        % (model, what))


class Manager:
    def __init__(self, model=None):
        self.model = model

    def __getattr__(self, name):
        model = self.model.__name__ if self.model is not None else 'Model'

        def query(*args, **kwargs):
            _not_simulated(model, name)
        return query


class Options:
    def __init__(self, model, app_label):
        self.model = model
        self.app_label = app_label
        self.model_name = model.__name__.lower()
        self.object_name = model.__name__


class ModelBase:
    pass


class Model:
    def __init__(self, *args, **kwargs):
        for key, value in kwargs.items():
            setattr(self, key, value)

    def save(self, *args, **kwargs):
        _not_simulated(type(self).__name__, 'save')

    def delete(self, *args, **kwargs):
        _not_simulated(type(self).__name__, 'delete')

    def __str__(self):
        return '%s object (%s)' % (type(self).__name__, getattr(self, 'pk', None))

    class DoesNotExist(Exception):
        pass

    class MultipleObjectsReturned(Exception):
        pass


class _Objects:
    """`Model.objects`: a manager that names the model it was reached from."""
    pass


Model.objects = Manager()
