"""What migration files are made of: Migration and its operations."""


class Migration:
    initial = False
    dependencies = []
    operations = []
    replaces = []

    def __init__(self, name=None, app_label=None):
        self.name = name
        self.app_label = app_label


class Operation:
    def __init__(self, *args, **kwargs):
        self.args = args
        self.kwargs = kwargs


class CreateModel(Operation):
    def __init__(self, name, fields, options=None, bases=None, managers=None):
        self.name = name
        self.fields = fields


class DeleteModel(Operation):
    def __init__(self, name):
        self.name = name


class AddField(Operation):
    def __init__(self, model_name, name, field, preserve_default=True):
        self.model_name = model_name
        self.name = name
        self.field = field


class RemoveField(Operation):
    def __init__(self, model_name, name):
        self.model_name = model_name
        self.name = name


class AlterField(AddField):
    pass


class RenameField(Operation):
    def __init__(self, model_name, old_name, new_name):
        self.model_name = model_name
        self.old_name = old_name
        self.name = new_name


class RenameModel(Operation):
    def __init__(self, old_name, new_name):
        self.old_name = old_name
        self.name = new_name


class AlterModelOptions(Operation):
    pass


class AlterUniqueTogether(Operation):
    pass


class AddIndex(Operation):
    pass


class AddConstraint(Operation):
    pass


class RunPython(Operation):
    noop = None


class RunSQL(Operation):
    noop = ''


def swappable_dependency(value):
    return (value.split('.')[0], '__first__')
