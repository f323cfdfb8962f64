"""Finding templates: the TEMPLATES setting's DIRS, then each installed app's templates/."""
import os
import _dockersim
from django.template import Template, TemplateDoesNotExist


def _dirs():
    from django.conf import settings
    out = []
    app_dirs = False
    for conf in settings.TEMPLATES:
        for d in conf.get('DIRS', []):
            out.append(str(d))
        app_dirs = app_dirs or conf.get('APP_DIRS', False)
    if app_dirs:
        for app in settings.INSTALLED_APPS:
            path = _dockersim.package_dir(app)
            if path:
                out.append(path + '/templates')
    return out


def get_template(template_name, using=None):
    tried = []
    for d in _dirs():
        path = d.rstrip('/') + '/' + template_name
        if os.path.isfile(path):
            with open(path) as f:
                return Template(f.read(), name=template_name)
        tried.append(path)
    raise TemplateDoesNotExist(template_name)


def select_template(template_name_list, using=None):
    for name in template_name_list:
        try:
            return get_template(name)
        except TemplateDoesNotExist:
            pass
    raise TemplateDoesNotExist(', '.join(template_name_list))


def render_to_string(template_name, context=None, request=None, using=None):
    if isinstance(template_name, (list, tuple)):
        template = select_template(template_name)
    else:
        template = get_template(template_name)
    return template.render(context or {}, request)
