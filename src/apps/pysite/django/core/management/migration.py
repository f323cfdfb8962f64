"""migrate, makemigrations, showmigrations and sqlmigrate over the project's
database file: applied migrations are kept in its django_migrations table."""
import os
import sys
import _dockersim
import django

BUILTIN = {
    'contenttypes': ['0001_initial', '0002_remove_content_type_name'],
    'auth': ['0001_initial', '0002_alter_permission_name_max_length', '0003_alter_user_email_max_length',
             '0004_alter_user_username_opts', '0005_alter_user_last_login_null', '0006_require_contenttypes_0002',
             '0007_alter_validators_add_error_messages', '0008_alter_user_username_max_length',
             '0009_alter_user_last_name_max_length', '0010_alter_group_name_max_length',
             '0011_update_proxy_permissions', '0012_alter_user_first_name_max_length'],
    'admin': ['0001_initial', '0002_logentry_remove_auto_add', '0003_logentry_add_action_flag_choices'],
    'sessions': ['0001_initial'],
}
EXTRA_DEPS = {
    ('auth', '0001_initial'): [('contenttypes', '0001_initial')],
    ('auth', '0006_require_contenttypes_0002'): [('contenttypes', '0002_remove_content_type_name')],
    ('admin', '0001_initial'): [('auth', '0001_initial'), ('contenttypes', '0001_initial')],
}


def _write(text):
    sys.stdout.write(text + '\n')


def _apps():
    from django.apps import apps
    return apps.get_app_configs()


def _local_migrations(config):
    if not config.path:
        return []
    folder = config.path + '/migrations'
    if not os.path.isdir(folder):
        return []
    names = []
    for f in sorted(os.listdir(folder)):
        if f.endswith('.py') and f != '__init__.py' and f[:4].isdigit():
            names.append(f[:-3])
    return names


def _load(config, name):
    return _dockersim.module_vars(_dockersim.import_module('%s.migrations.%s' % (config.name, name)))['Migration']


class Graph:
    def __init__(self):
        self.nodes = {}
        self.labels = []

    def build(self):
        for config in _apps():
            label = config.label
            if label in BUILTIN:
                names = BUILTIN[label]
                for i, name in enumerate(names):
                    deps = [(label, names[i - 1])] if i else []
                    deps = deps + EXTRA_DEPS.get((label, name), [])
                    self.nodes[(label, name)] = deps
                self.labels.append(label)
            elif config.path:
                names = _local_migrations(config)
                if names:
                    self.labels.append(label)
                for name in names:
                    self.nodes[(label, name)] = self._deps_of(config, name)
        for key in list(self.nodes):
            self.nodes[key] = [d for d in [self._resolve(d) for d in self.nodes[key]] if d is not None]
        return self

    def _deps_of(self, config, name):
        migration = _load(config, name)
        return [tuple(d) for d in getattr(migration, 'dependencies', [])]

    def _resolve(self, dep):
        app, name = dep
        names = sorted([n for (a, n) in self.nodes if a == app])
        if not names:
            return None
        if name == '__first__':
            return (app, names[0])
        if name == '__latest__':
            return (app, names[-1])
        return (app, name)

    def leaves(self):
        out = []
        for label in sorted(self.labels):
            names = sorted([n for (a, n) in self.nodes if a == label])
            if names:
                out.append((label, names[-1]))
        return out

    def forwards_plan(self, target):
        visited = []
        seen = set()
        stack = [(target, False)]
        while stack:
            node, processed = stack.pop()
            if node in seen:
                continue
            if processed:
                seen.add(node)
                visited.append(node)
            else:
                stack.append((node, True))
                stack += [(p, False) for p in sorted(self.nodes.get(node, []))]
        return visited

    def full_plan(self):
        plan = []
        for leaf in self.leaves():
            for node in self.forwards_plan(leaf):
                if node not in plan:
                    plan.append(node)
        return plan


def _database():
    from django.conf import settings
    db = settings.DATABASES.get('default', {})
    return db.get('ENGINE', ''), str(db.get('NAME', ''))


def _applied():
    engine, name = _database()
    if not engine.endswith('sqlite3'):
        return []
    rows = _dockersim.sqlite_rows(name, 'django_migrations')
    return [(r[1], r[2]) for r in rows]


def _record(nodes):
    engine, name = _database()
    if not engine.endswith('sqlite3'):
        sys.stderr.write('dockersim: the %s database is not kept by the simulator: Django applied the migrations, but '
                         'they are not recorded\n' % engine.rsplit('.', 1)[-1])
        return
    stamp = _dockersim.now_format('Y-m-d H:i:s.u')
    _dockersim.sqlite_insert(name, 'django_migrations', [[app, n, stamp] for (app, n) in nodes])


def unapplied_warning():
    graph = Graph().build()
    applied = _applied()
    pending = [n for n in graph.full_plan() if n not in applied]
    if not pending:
        return []
    apps = sorted(set([a for a, n in pending]))
    if django.VERSION[:2] < (3, 3) and False:
        return []
    return ['You have %d unapplied migration(s). Your project may not work properly until you apply the migrations '
            'for app(s): %s.' % (len(pending), ', '.join(apps)),
            "Run 'python manage.py migrate' to apply them."]


def migrate(positional, options):
    graph = Graph().build()
    applied = _applied()
    labels = sorted(graph.labels)
    if positional:
        app = positional[0]
        if app not in [c.label for c in _apps()]:
            from django.core.management import CommandError
            raise CommandError("No installed app with label '%s'." % app)
        if app not in graph.labels:
            from django.core.management import CommandError
            raise CommandError("App '%s' does not have migrations." % app)
        target = [n for n in graph.leaves() if n[0] == app]
        plan = []
        for leaf in target:
            for node in graph.forwards_plan(leaf):
                if node not in plan:
                    plan.append(node)
        _write('Operations to perform:')
        _write('  Apply all migrations: %s' % app)
    else:
        plan = graph.full_plan()
        _write('Operations to perform:')
        _write('  Apply all migrations: %s' % ', '.join(labels))
    _write('Running migrations:')
    pending = [n for n in plan if n not in applied]
    if not pending:
        _write('  No migrations to apply.')
        changed = _changed_apps()
        if changed:
            _write("  Your models in app(s): %s have changes that are not yet reflected in a migration, and so won't "
                   "be applied." % ', '.join(["'%s'" % a for a in changed]))
            _write("  Run 'manage.py makemigrations' to make new migrations, and then re-run 'manage.py migrate' to "
                   "apply them.")
        return 0
    for app, name in pending:
        _write('  Applying %s.%s... OK' % (app, name))
    _record(pending)
    return 0


def _check_labels(positional):
    labels = [c.label for c in _apps()]
    for label in positional:
        if label not in labels:
            sys.stderr.write("No installed app with label '%s'.\n" % label)
            return 2
    return 0


def showmigrations(positional, options):
    if _check_labels(positional):
        return 2
    graph = Graph().build()
    applied = _applied()
    for config in sorted(_apps(), key=lambda c: c.label):
        label = config.label
        if positional and label not in positional:
            continue
        names = sorted([n for (a, n) in graph.nodes if a == label])
        if label not in graph.labels and config.name in ('django.contrib.messages', 'django.contrib.staticfiles'):
            continue
        _write(label)
        if not names:
            _write(' (no migrations)')
        for n in names:
            _write(' [%s] %s' % ('X' if (label, n) in applied else ' ', n))
    return 0


def sqlmigrate(positional, options):
    sys.stderr.write('dockersim: manage.py sqlmigrate is not simulated\n')
    return 1


def createsuperuser(positional, options):
    env = os.environ
    if '--noinput' in options or '--no-input' in options:
        username = env.get('DJANGO_SUPERUSER_USERNAME')
        if not username:
            from django.core.management import CommandError
            raise CommandError('You must use --username with --noinput.')
        _write('Superuser created successfully.')
        sys.stderr.write('dockersim: the user is not stored (Django\'s database is not simulated)\n')
        return 0
    if not _dockersim.isatty():
        sys.stderr.write('Superuser creation skipped due to not running in a TTY. You can run `manage.py '
                         'createsuperuser` in your project to create one manually.\n')
        return 1
    sys.stderr.write('dockersim: interactive createsuperuser is not simulated\n')
    return 1


# ---------------------------------------------------------------- makemigrations

def _model_state():
    """{app: {model_name: [(field, field_obj)]}} from the models modules."""
    out = {}
    for config in _apps():
        if not config.path:
            continue
        models = {}
        for cls in config.models:
            fields = [(n, f) for n, f in _dockersim.class_fields(cls)]
            fields.sort(key=lambda p: p[1].creation_counter)
            models[cls.__name__] = fields
        out[config.label] = models
    return out


def _migrated_state(config):
    """{model_name: [field names]} after the app's migrations."""
    models = {}
    for name in _local_migrations(config):
        migration = _load(config, name)
        for op in getattr(migration, 'operations', []):
            kind = type(op).__name__
            if kind == 'CreateModel':
                models[op.name] = [f[0] for f in op.fields]
            elif kind == 'DeleteModel':
                models = {k: v for k, v in models.items() if k.lower() != op.name.lower()}
            elif kind in ('AddField', 'RemoveField', 'RenameField'):
                for k in models:
                    if k.lower() == op.model_name.lower():
                        if kind == 'AddField':
                            models[k].append(op.name)
                        elif kind == 'RemoveField':
                            models[k] = [f for f in models[k] if f != op.name]
                        else:
                            models[k] = [op.name if f == op.old_name else f for f in models[k]]
            elif kind == 'RenameModel':
                models = {(op.name if k == op.old_name else k): v for k, v in models.items()}
    return models


def _changes(config, state):
    """The operations makemigrations would write for one app: (symbol, text, kind, model, field)."""
    before = _migrated_state(config)
    ops = []
    for model, fields in state.items():
        match = [k for k in before if k.lower() == model.lower()]
        if not match:
            ops.append(('+', 'Create model %s' % model, 'create', model, fields))
            continue
        old = before[match[0]]
        for fname, f in fields:
            if fname not in old:
                ops.append(('+', 'Add field %s to %s' % (fname, model.lower()), 'add', model, (fname, f)))
        for fname in old:
            if fname != 'id' and fname not in [n for n, f in fields]:
                ops.append(('-', 'Remove field %s from %s' % (fname, model.lower()), 'remove', model, fname))
    for model in before:
        if model.lower() not in [m.lower() for m in state]:
            ops.append(('-', 'Delete model %s' % model, 'delete', model, None))
    return ops


def _changed_apps():
    state = _model_state()
    out = []
    for config in _apps():
        if config.label in state and _changes(config, state[config.label]):
            out.append(config.label)
    return out


def _serialize(value, imports):
    if isinstance(value, str):
        return repr(value)
    if value is None or isinstance(value, (bool, int, float)):
        return repr(value)
    if isinstance(value, (list, tuple)):
        inner = ', '.join([_serialize(v, imports) for v in value])
        return '[%s]' % inner if isinstance(value, list) else '(%s)' % (inner + (',' if len(value) == 1 else ''))
    if isinstance(value, dict):
        return '{%s}' % ', '.join(['%s: %s' % (_serialize(k, imports), _serialize(v, imports)) for k, v in value.items()])
    path = getattr(value, 'path', None)
    if path:
        imports.add('import ' + path.rsplit('.', 1)[0])
        return path
    name = getattr(value, '__name__', None)
    if name == 'now':
        imports.add('import django.utils.timezone')
        return 'django.utils.timezone.now'
    return repr(value)


def _field_code(config, field, imports):
    kwargs = dict(field.deconstruct_kwargs())
    if field.relation:
        to = field.to
        if isinstance(to, str):
            target = to if '.' in to else '%s.%s' % (config.label, to)
            if to == 'settings.AUTH_USER_MODEL' or to == 'auth.User':
                target = None
        else:
            target = '%s.%s' % (getattr(to, '_meta').app_label, to.__name__)
        if target is None:
            imports.add('from django.conf import settings')
            kwargs['to'] = _Raw('settings.AUTH_USER_MODEL')
        else:
            kwargs['to'] = target.split('.')[0] + '.' + target.split('.')[1].lower()
        if field.on_delete is not None:
            kwargs['on_delete'] = field.on_delete
    parts = []
    for key in sorted(kwargs):
        value = kwargs[key]
        parts.append('%s=%s' % (key, value.text if isinstance(value, _Raw) else _serialize(value, imports)))
    return 'models.%s(%s)' % (type(field).__name__, ', '.join(parts))


class _Raw:
    def __init__(self, text):
        self.text = text


def _auto_field(config):
    from django.conf import settings
    name = getattr(config, 'default_auto_field', None) or settings.DEFAULT_AUTO_FIELD
    return name.rsplit('.', 1)[-1]


def _migration_file(config, name, ops, initial, deps):
    imports = set()
    lines = []
    for symbol, text, kind, model, data in ops:
        if kind == 'create':
            fields = ["                ('id', models.%s(auto_created=True, primary_key=True, serialize=False, "
                      "verbose_name='ID'))," % _auto_field(config)]
            plain = [(n, f) for n, f in data if not f.relation]
            related = [(n, f) for n, f in data if f.relation]
            for n, f in plain + related:
                fields.append("                ('%s', %s)," % (n, _field_code(config, f, imports)))
            lines.append('        migrations.CreateModel(\n'
                         "            name='%s',\n"
                         '            fields=[\n%s\n            ],\n'
                         '        ),' % (model, '\n'.join(fields)))
        elif kind == 'add':
            fname, f = data
            lines.append('        migrations.AddField(\n'
                         "            model_name='%s',\n"
                         "            name='%s',\n"
                         '            field=%s,\n'
                         '        ),' % (model.lower(), fname, _field_code(config, f, imports)))
        elif kind == 'remove':
            lines.append('        migrations.RemoveField(\n'
                         "            model_name='%s',\n"
                         "            name='%s',\n"
                         '        ),' % (model.lower(), data))
        elif kind == 'delete':
            lines.append('        migrations.DeleteModel(\n'
                         "            name='%s',\n"
                         '        ),' % model)
    imports.add('from django.db import migrations, models')
    if django.VERSION[:2] >= (5, 0):
        ordered = sorted(imports, key=lambda i: (i.split()[0] == 'from', i.split()[1]))
    else:
        ordered = sorted(imports, key=lambda i: i.split()[1])
    stamp = _dockersim.now_format('Y-m-d H:i')
    head = '# Generated by Django %s on %s\n\n%s\n\n\n' % (django.__version__, stamp, '\n'.join(ordered))
    body = 'class Migration(migrations.Migration):\n\n'
    if initial:
        body += '    initial = True\n\n'
    body += '    dependencies = [\n%s    ]\n\n' % ''.join(['        %s,\n' % d for d in deps])
    body += '    operations = [\n%s\n    ]\n' % '\n'.join(lines)
    return head + body


def _suggest_name(ops, initial):
    if initial:
        return 'initial'
    fragments = []
    for symbol, text, kind, model, data in ops:
        if kind == 'create':
            fragments.append(model.lower())
        elif kind == 'add':
            fragments.append('%s_%s' % (model.lower(), data[0]))
        elif kind == 'remove':
            fragments.append('remove_%s_%s' % (model.lower(), data))
        elif kind == 'delete':
            fragments.append('delete_%s' % model.lower())
    name = '_'.join(sorted(fragments)) if len(fragments) > 1 else fragments[0]
    if len(name) > 52:
        name = name[:52] + '_and_more'
    return name


def makemigrations(positional, options):
    state = _model_state()
    configs = [c for c in _apps() if c.label in state]
    if positional:
        for label in positional:
            if label not in [c.label for c in _apps()]:
                sys.stderr.write("No installed app with label '%s'.\n" % label)
                return 2
        configs = [c for c in configs if c.label in positional]
    wrote = False
    symbol_new = django.VERSION[:2] >= (5, 0)
    for config in configs:
        ops = _changes(config, state[config.label])
        if not ops:
            continue
        existing = _local_migrations(config)
        initial = not existing
        number = (int(existing[-1][:4]) + 1) if existing else 1
        name = '%04d_%s' % (number, _suggest_name(ops, initial))
        deps = []
        if existing:
            deps.append("('%s', '%s')" % (config.label, existing[-1]))
        for symbol, text, kind, model, data in ops:
            fields = data if kind == 'create' else ([data] if kind == 'add' else [])
            for n, f in fields:
                if f.relation and (f.to in ('settings.AUTH_USER_MODEL', 'auth.User')):
                    dep = 'migrations.swappable_dependency(settings.AUTH_USER_MODEL)'
                    if dep not in deps:
                        deps.insert(0, dep)
        rel = '%s/migrations/%s.py' % (config.name.replace('.', '/'), name)
        folder = config.path + '/migrations'
        if not os.path.isdir(folder):
            os.makedirs(folder, exist_ok=True)
            with open(folder + '/__init__.py', 'w') as f:
                f.write('')
        with open('%s/%s.py' % (folder, name), 'w') as f:
            f.write(_migration_file(config, name, ops, initial, deps))
        _write("Migrations for '%s':" % config.label)
        _write('  %s' % rel)
        for symbol, text, kind, model, data in ops:
            _write('    %s %s' % (symbol if symbol_new else '-', text))
        wrote = True
    if not wrote:
        if positional and len(positional) == 1:
            _write("No changes detected in app '%s'" % positional[0])
        elif positional:
            _write("No changes detected in apps '%s'" % "', '".join(positional))
        else:
            _write('No changes detected')
    return 0
