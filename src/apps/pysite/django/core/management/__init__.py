"""manage.py and django-admin: the commands tutorials type."""
import os
import sys
import _dockersim
import django
from django.core.exceptions import ImproperlyConfigured
from django.core.management import migration


class CommandError(Exception):
    def __init__(self, *args, returncode=1):
        super().__init__(*args)
        self.returncode = returncode


class BaseCommand:
    help = ''

    def add_arguments(self, parser):
        pass

    def handle(self, *args, **options):
        raise NotImplementedError('subclasses of BaseCommand must provide a handle() method')


CORE = ['check', 'compilemessages', 'createcachetable', 'dbshell', 'diffsettings', 'dumpdata', 'flush', 'inspectdb',
        'loaddata', 'makemessages', 'makemigrations', 'migrate', 'optimizemigration', 'runserver', 'sendtestemail',
        'shell', 'showmigrations', 'sqlflush', 'sqlmigrate', 'sqlsequencereset', 'squashmigrations', 'startapp',
        'startproject', 'test', 'testserver']
APP_COMMANDS = [
    ('django.contrib.auth', 'auth', ['changepassword', 'createsuperuser']),
    ('django.contrib.contenttypes', 'contenttypes', ['remove_stale_contenttypes']),
    ('django.contrib.sessions', 'sessions', ['clearsessions']),
    ('django.contrib.staticfiles', 'staticfiles', ['collectstatic', 'findstatic', 'runserver']),
]


def _version_tuple():
    return tuple([int(p) for p in django.__version__.split('.')[:2]])


def _core_commands():
    if _version_tuple() < (4, 1):
        return [c for c in CORE if c != 'optimizemigration']
    return CORE


def _settings_error():
    """Why settings cannot be loaded, or None."""
    from django.conf import settings
    try:
        settings.INSTALLED_APPS
    except ImproperlyConfigured as e:
        return str(e)
    return None


def _write(text):
    sys.stdout.write(text + '\n')


def _err(text):
    sys.stderr.write(text + '\n')


def main_help(prog):
    from django.conf import settings
    lines = ['', "Type '%s help <subcommand>' for help on a specific subcommand." % prog, '', 'Available subcommands:', '']
    problem = _settings_error()
    groups = {'django': list(_core_commands())}
    if problem is None:
        for app, label, commands in APP_COMMANDS:
            if app in settings.INSTALLED_APPS:
                groups[label] = list(commands)
                for c in commands:
                    if c in groups['django']:
                        groups['django'].remove(c)
    for label in sorted(groups):
        lines.append('[%s]' % label)
        for c in groups[label]:
            lines.append('    %s' % c)
        lines.append('')
    if problem is not None:
        lines.append('Note that only Django core commands are listed as settings are not properly configured '
                     '(error: %s).' % problem)
    else:
        lines.pop()
    _write('\n'.join(lines))


def execute_from_command_line(argv=None):
    argv = list(argv if argv is not None else sys.argv)
    prog = os.path.basename(argv[0]) if argv else 'django-admin'
    if prog == '__main__.py':
        prog = 'python -m django'
    try:
        code = _run(prog, argv[1:])
    except CommandError as e:
        _err('CommandError: %s' % e)
        code = e.returncode
    if code:
        sys.exit(code)


def _run(prog, args):
    if not args or args[0] in ('help', '--help', '-h'):
        if len(args) > 1 and args[0] == 'help':
            return _command_help(prog, args[1])
        main_help(prog)
        return 0
    if args[0] in ('version', '--version'):
        _write(django.__version__)
        return 0
    command, rest = args[0], args[1:]
    options = [a for a in rest if a.startswith('-')]
    positional = [a for a in rest if not a.startswith('-')]
    for o in options:
        if o.startswith('--settings='):
            os.environ['DJANGO_SETTINGS_MODULE'] = o.split('=', 1)[1]
    if '--settings' in rest:
        i = rest.index('--settings')
        if i + 1 < len(rest):
            os.environ['DJANGO_SETTINGS_MODULE'] = rest[i + 1]
            positional = [a for a in positional if a != rest[i + 1]]
    if '-h' in options or '--help' in options:
        return _command_help(prog, command)
    if command == 'startproject':
        return startproject(positional)
    if command == 'startapp':
        return startapp(positional)
    known = set(_core_commands())
    problem = _settings_error()
    if problem is None:
        from django.conf import settings
        for app, label, commands in APP_COMMANDS:
            if app in settings.INSTALLED_APPS:
                known.update(commands)
    if command not in known:
        if problem is not None and command in ('changepassword', 'createsuperuser', 'collectstatic', 'findstatic',
                                               'clearsessions', 'remove_stale_contenttypes'):
            raise ImproperlyConfigured(problem)
        _err("Unknown command: '%s'" % command)
        _err("Type '%s help' for usage." % prog)
        return 1
    if problem is not None:
        raise ImproperlyConfigured(problem)
    django.setup()
    if command == 'check':
        return check(options)
    if command == 'runserver':
        return runserver(positional, options)
    if command == 'migrate':
        return migration.migrate(positional, options)
    if command == 'makemigrations':
        return migration.makemigrations(positional, options)
    if command == 'showmigrations':
        return migration.showmigrations(positional, options)
    if command == 'sqlmigrate':
        return migration.sqlmigrate(positional, options)
    if command == 'createsuperuser':
        return migration.createsuperuser(positional, options)
    _err("dockersim: '%s %s' is not simulated" % (prog, command))
    return 1


def _command_help(prog, command):
    _err("dockersim: '%s help %s' is not simulated" % (prog, command))
    return 1


def _check_messages():
    """System checks: (level, id, message) for what tutorials get wrong."""
    return []


def check(options):
    _write('System check identified no issues (0 silenced).')
    return 0


def _validate_name(name, kind):
    if not name:
        raise CommandError('you must provide %s %s name' % ('an' if kind == 'app' else 'a', kind))
    if not name.isidentifier():
        raise CommandError("'%s' is not a valid %s name. Please make sure the name is a valid identifier." % (name, kind))
    if _dockersim.module_exists(name):
        raise CommandError(
            "'%s' conflicts with the name of an existing Python module and cannot be used as %s %s name. "
            "Please try another name." % (name, 'an' if kind == 'app' else 'a', kind))


def _secret_key():
    chars = 'abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)'
    return 'django-insecure-' + _dockersim.random_string(50, chars)


def _fill(text, values):
    for key, value in values.items():
        text = text.replace('{{ %s }}' % key, value)
    return text


def _create(kind, positional, files, values):
    name = positional[0] if positional else ''
    _validate_name(name, kind)
    if len(positional) > 1:
        top = os.path.abspath(os.path.expanduser(positional[1]))
        if not os.path.exists(top):
            raise CommandError("Destination directory '%s' does not exist, please create it first." % top)
    else:
        top = os.path.join(os.getcwd(), name)
        if os.path.exists(top):
            raise CommandError("'%s' already exists" % top)
    for rel in sorted(files):
        target = os.path.join(top, rel.replace('project_name', name))
        if os.path.exists(target):
            raise CommandError(
                "%s already exists. Overlaying %s %s into an existing directory won't replace conflicting files."
                % (target, 'an' if kind == 'app' else 'a', kind))
    for rel in sorted(files):
        target = os.path.join(top, rel.replace('project_name', name))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, 'w') as f:
            f.write(_fill(_adjust(rel, files[rel]), values))
        if rel == 'manage.py':
            os.chmod(target, 0o755)
    return 0


def _adjust(rel, text):
    """Django before 4.2 wrote a few lines of the templates differently."""
    v = _version_tuple()
    if rel.endswith('urls.py') and v < (4, 2):
        text = text.replace('"""\nURL configuration for {{ project_name }} project.\n', '"""{{ project_name }} URL Configuration\n')
    if rel.endswith('settings.py') and v < (4, 0):
        text = text.replace("USE_I18N = True\n\nUSE_TZ = True", "USE_I18N = True\n\nUSE_L10N = True\n\nUSE_TZ = True")
        text = text.replace("STATIC_URL = 'static/'", "STATIC_URL = '/static/'")
    return text


def _values(name):
    v = django.__version__
    return {'django_version': v, 'docs_version': '.'.join(v.split('.')[:2])}


def startproject(positional):
    from django.conf import templates
    values = _values(positional[0] if positional else '')
    values['project_name'] = positional[0] if positional else ''
    values['secret_key'] = _secret_key()
    return _create('project', positional, templates.PROJECT, values)


def startapp(positional):
    from django.conf import templates
    name = positional[0] if positional else ''
    values = _values(name)
    values['app_name'] = name
    values['camel_case_app_name'] = ''.join([p.capitalize() for p in name.split('_')])
    return _create('app', positional, templates.APP, values)


def _addrport(positional):
    addr, port = '127.0.0.1', '8000'
    if positional:
        text = positional[0]
        if ':' in text:
            addr, port = text.rsplit(':', 1)
            if addr.startswith('[') and addr.endswith(']'):
                addr = addr[1:-1]
        else:
            port = text
        if not port.isdigit():
            raise CommandError('"%s" is not a valid port number or address:port pair.' % text)
        if addr == '':
            addr = '127.0.0.1'
    return addr, int(port)


def runserver(positional, options):
    from django.conf import settings
    if not settings.DEBUG and not settings.ALLOWED_HOSTS:
        raise CommandError('You must set settings.ALLOWED_HOSTS if DEBUG is False.')
    addr, port = _addrport(positional)
    out = []
    if '--noreload' not in options:
        out.append((2, 'Watching for file changes with StatReloader'))
    out.append((1, 'Performing system checks...'))
    out.append((1, ''))
    out.append((1, 'System check identified no issues (0 silenced).'))
    warning = migration.unapplied_warning()
    if warning:
        out.append((1, ''))
        for line in warning:
            out.append((1, line))
    out.append((1, _dockersim.now_format('F d, Y - H:i:s')))
    out.append((1, "Django version %s, using settings '%s'" % (django.__version__, settings.SETTINGS_MODULE)))
    shown = '[%s]' % addr if ':' in addr else addr
    out.append((1, 'Starting development server at http://%s:%d/' % (shown, port)))
    out.append((1, 'Quit the server with CONTROL-C.'))
    if _version_tuple() >= (4, 0):
        out.append((1, ''))
    _dockersim.serve(addr, port, out, settings.SETTINGS_MODULE)
    return 0
