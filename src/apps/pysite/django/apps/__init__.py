"""The app registry: INSTALLED_APPS, their configs and models."""
import _dockersim
from django.core.exceptions import ImproperlyConfigured

BUILTIN_LABELS = {
    'django.contrib.admin': 'admin',
    'django.contrib.auth': 'auth',
    'django.contrib.contenttypes': 'contenttypes',
    'django.contrib.sessions': 'sessions',
    'django.contrib.messages': 'messages',
    'django.contrib.staticfiles': 'staticfiles',
}


class AppConfig:
    name = None
    label = None
    verbose_name = None
    default_auto_field = None

    def __init__(self, app_name=None, app_module=None):
        if app_name is not None:
            self.name = app_name
        if self.label is None:
            self.label = self.name.rsplit('.', 1)[-1]
        self.models = []
        self.path = _dockersim.package_dir(self.name)

    def ready(self):
        pass

    def get_models(self):
        return list(self.models)


class Apps:
    def __init__(self):
        self.app_configs = []
        self.ready = False

    def populate(self, installed_apps):
        if self.ready:
            return
        from django.db import models
        for entry in installed_apps:
            config = None
            if entry in BUILTIN_LABELS:
                config = AppConfig(entry)
            elif _dockersim.is_package(entry):
                config = AppConfig(entry)
                apps_module = entry + '.apps'
                if _dockersim.module_exists(apps_module):
                    found = []
                    for value in _dockersim.module_vars(_dockersim.import_module(apps_module)).values():
                        if _dockersim.is_class(value) and issubclass(value, AppConfig) and value is not AppConfig:
                            found.append(value)
                    if len(found) == 1:
                        config = found[0](entry)
            elif '.' in entry:
                module_name, class_name = entry.rsplit('.', 1)
                if not _dockersim.module_exists(module_name):
                    raise ModuleNotFoundError("No module named '%s'" % entry.split('.')[0])
                cls = _dockersim.module_vars(_dockersim.import_module(module_name)).get(class_name)
                if cls is None:
                    raise ImportError("Module '%s' does not contain a '%s' class." % (module_name, class_name))
                config = cls()
            else:
                raise ModuleNotFoundError("No module named '%s'" % entry)
            self.app_configs.append(config)
        for config in self.app_configs:
            if config.name in BUILTIN_LABELS:
                continue
            models_module = config.name + '.models'
            if not _dockersim.module_exists(models_module):
                continue
            mod = _dockersim.import_module(models_module)
            found = []
            for value in _dockersim.module_vars(mod).values():
                if (_dockersim.is_class(value) and issubclass(value, models.Model) and value is not models.Model
                        and _dockersim.class_module(value) == models_module):
                    found.append(value)
            found.sort(key=_model_order)
            for cls in found:
                cls._meta = models.Options(cls, config.label)
                cls.objects = models.Manager(cls)
                config.models.append(cls)
        self.ready = True

    def get_app_configs(self):
        return list(self.app_configs)

    def get_app_config(self, label):
        for config in self.app_configs:
            if config.label == label:
                return config
        raise LookupError("No installed app with label '%s'." % label)

    def is_installed(self, name):
        return any([c.name == name for c in self.app_configs])


def _model_order(cls):
    counters = [f.creation_counter for name, f in _dockersim.class_fields(cls)]
    return min(counters) if counters else 0


apps = Apps()
