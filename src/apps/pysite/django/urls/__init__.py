"""django.urls: path(), re_path(), include(), resolving and reversing."""
import _dockersim
from django.core.exceptions import ImproperlyConfigured


class Resolver404(Exception):
    pass


class NoReverseMatch(Exception):
    pass


CONVERTERS = ('int', 'str', 'slug', 'path', 'uuid')


def _parse_route(route):
    """A route as literal text and converters: [('lit', 'polls/'), ('int', 'id'), …]."""
    parts = []
    rest = route
    while '<' in rest:
        i = rest.index('<')
        j = rest.find('>', i)
        if j < 0:
            break
        if i:
            parts.append(('lit', rest[:i]))
        inner = rest[i + 1:j]
        if ':' in inner:
            conv, name = inner.split(':', 1)
        else:
            conv, name = 'str', inner
        if conv not in CONVERTERS:
            raise ImproperlyConfigured(
                "URL route '%s' uses invalid converter '%s'." % (route, conv))
        parts.append((conv, name))
        rest = rest[j + 1:]
    if rest:
        parts.append(('lit', rest))
    return parts


def _takes(conv, ch):
    if conv == 'int':
        return ch.isdigit()
    if conv == 'str':
        return ch != '/'
    if conv == 'slug':
        return ch.isalnum() or ch in '-_'
    if conv == 'uuid':
        return ch in '0123456789abcdef-'
    return True


def _match_parts(parts, i, text, pos, endpoint, found):
    if i == len(parts):
        if endpoint and pos != len(text):
            return None
        return pos
    kind, value = parts[i]
    if kind == 'lit':
        if text[pos:pos + len(value)] == value:
            return _match_parts(parts, i + 1, text, pos + len(value), endpoint, found)
        return None
    end = pos
    while end < len(text) and _takes(kind, text[end]):
        end += 1
    while end > pos:
        piece = text[pos:end]
        found[value] = int(piece) if kind == 'int' else piece
        got = _match_parts(parts, i + 1, text, end, endpoint, found)
        if got is not None:
            return got
        end -= 1
    found.pop(value, None)
    return None


class RoutePattern:
    def __init__(self, route, name=None, is_endpoint=False):
        self._route = route
        self.name = name
        self._is_endpoint = is_endpoint
        self._parts = _parse_route(str(route))

    def match(self, path):
        found = {}
        end = _match_parts(self._parts, 0, path, 0, self._is_endpoint, found)
        if end is None:
            return None
        return path[end:], (), found

    def describe(self):
        return str(self._route)

    def __str__(self):
        return str(self._route)

    def reverse(self, args, kwargs):
        out = ''
        given = list(args)
        for kind, value in self._parts:
            if kind == 'lit':
                out += value
            elif value in kwargs:
                out += str(kwargs[value])
            elif given:
                out += str(given.pop(0))
            else:
                return None
        return out


class RegexPattern:
    def __init__(self, regex, name=None, is_endpoint=False):
        self._regex = regex
        self.name = name
        self._is_endpoint = is_endpoint

    def match(self, path):
        got = _dockersim.re_match(self._regex, path)
        if got is None:
            return None
        end, groups, named = got
        if self._is_endpoint and not self._regex.endswith('$') and end != len(path):
            return None
        if named:
            return path[end:], (), named
        return path[end:], tuple(groups), {}

    def describe(self):
        return self._regex

    def __str__(self):
        return self._regex

    def reverse(self, args, kwargs):
        return None


class URLPattern:
    def __init__(self, pattern, callback, default_args=None, name=None):
        self.pattern = pattern
        self.callback = callback
        self.default_args = default_args or {}
        self.name = name

    def resolve(self, path):
        m = self.pattern.match(path)
        if m is None:
            return None
        rest, args, kwargs = m
        kwargs = dict(kwargs)
        kwargs.update(self.default_args)
        return ResolverMatch(self.callback, args, kwargs, self.name, [self.pattern.describe()])

    def __repr__(self):
        return '<URLPattern %s%s>' % (self.pattern.describe(), (" [name='%s']" % self.name) if self.name else '')


class URLResolver:
    def __init__(self, pattern, urlconf_name, default_kwargs=None, app_name=None, namespace=None):
        self.pattern = pattern
        self.urlconf_name = urlconf_name
        self.default_kwargs = default_kwargs or {}
        self.app_name = app_name
        self.namespace = namespace

    @property
    def urlconf_module(self):
        if isinstance(self.urlconf_name, str):
            return _dockersim.import_module(self.urlconf_name)
        return self.urlconf_name

    @property
    def url_patterns(self):
        mod = self.urlconf_module
        if isinstance(mod, (list, tuple)):
            return list(mod)
        patterns = _dockersim.module_vars(mod).get('urlpatterns')
        if patterns is None:
            raise ImproperlyConfigured(
                "The included URLconf '%s' does not appear to have any patterns in it. If you see the "
                "'urlpatterns' variable with valid patterns in the file then the issue is probably caused "
                "by a circular import." % self.urlconf_name)
        return list(patterns)

    def resolve(self, path, tried=None):
        m = self.pattern.match(path)
        if m is None:
            return None
        rest, args, kwargs = m
        for sub in self.url_patterns:
            if isinstance(sub, URLResolver):
                got = sub.resolve(rest, tried)
            else:
                got = sub.resolve(rest)
            if got is not None:
                merged = dict(kwargs)
                merged.update(self.default_kwargs)
                merged.update(got.kwargs)
                route = [self.pattern.describe()] + got.route_parts
                ns = ([self.namespace] if self.namespace else []) + got.namespaces
                return ResolverMatch(got.func, args + got.args, merged, got.url_name, route, ns)
        return None

    def tried(self, path):
        """The patterns Django tries for `path`, in order, for the debug 404
        page: an include whose prefix does not match counts as one."""
        m = self.pattern.match(path)
        if m is None:
            return [[self]]
        out = []
        for sub in self.url_patterns:
            if isinstance(sub, URLResolver) and sub.pattern.match(m[0]) is not None:
                for chain in sub.tried(m[0]):
                    out.append([sub] + chain)
            else:
                out.append([sub])
        return out

    def reverse(self, viewname, args, kwargs, namespaces):
        for sub in self.url_patterns:
            if isinstance(sub, URLResolver):
                if namespaces:
                    if sub.namespace != namespaces[0] and sub.app_name != namespaces[0]:
                        continue
                    got = sub.reverse(viewname, args, kwargs, namespaces[1:])
                elif sub.namespace:
                    continue
                else:
                    got = sub.reverse(viewname, args, kwargs, namespaces)
                if got is not None:
                    prefix = sub.pattern.reverse((), kwargs)
                    if prefix is None:
                        continue
                    return prefix + got
            elif not namespaces and sub.name == viewname:
                got = sub.pattern.reverse(args, kwargs)
                if got is not None:
                    return got
            elif not namespaces and callable(viewname) and sub.callback is viewname:
                got = sub.pattern.reverse(args, kwargs)
                if got is not None:
                    return got
        return None


class ResolverMatch:
    def __init__(self, func, args, kwargs, url_name=None, route_parts=None, namespaces=None):
        self.func = func
        self.args = args
        self.kwargs = kwargs
        self.url_name = url_name
        self.route_parts = route_parts or []
        self.namespaces = namespaces or []
        self.namespace = ':'.join(self.namespaces)
        self.route = ''.join(self.route_parts)
        self.view_name = ':'.join(self.namespaces + [url_name]) if url_name else None


def include(arg, namespace=None):
    app_name = None
    if isinstance(arg, tuple):
        if len(arg) == 3:
            urlconf, app_name, ns = arg
            return (urlconf, app_name, namespace or ns)
        urlconf, app_name = arg
    else:
        urlconf = arg
    if isinstance(urlconf, str):
        module = _dockersim.import_module(urlconf)
    else:
        module = urlconf
    if app_name is None and not isinstance(module, (list, tuple)):
        app_name = _dockersim.module_vars(module).get('app_name')
    if namespace and not app_name:
        raise ImproperlyConfigured(
            'Specifying a namespace in include() without providing an app_name is not supported. Set the '
            'app_name attribute in the included module, or pass a 2-tuple containing the list of patterns '
            'and app_name instead.')
    return (module, app_name, namespace or app_name)


def _path(route, view, kwargs, name, Pattern):
    if isinstance(view, (list, tuple)):
        urlconf, app_name, namespace = view
        return URLResolver(Pattern(route, is_endpoint=False), urlconf, kwargs, app_name, namespace)
    if callable(view):
        return URLPattern(Pattern(route, name=name, is_endpoint=True), view, kwargs, name)
    raise TypeError('view must be a callable or a list/tuple in the case of include().')


def path(route, view, kwargs=None, name=None):
    return _path(route, view, kwargs, name, RoutePattern)


def re_path(route, view, kwargs=None, name=None):
    return _path(route, view, kwargs, name, RegexPattern)


def get_resolver(urlconf=None):
    from django.conf import settings
    return URLResolver(RoutePattern('/'), urlconf or settings.ROOT_URLCONF)


def resolve(path, urlconf=None):
    got = get_resolver(urlconf).resolve(path)
    if got is None:
        raise Resolver404({'path': path})
    return got


def reverse(viewname, urlconf=None, args=None, kwargs=None, current_app=None):
    namespaces = []
    if isinstance(viewname, str) and ':' in viewname:
        parts = viewname.split(':')
        namespaces = parts[:-1]
        viewname = parts[-1]
    got = get_resolver(urlconf).reverse(viewname, list(args or ()), dict(kwargs or {}), namespaces)
    if got is None:
        shown = ':'.join(namespaces + [viewname]) if isinstance(viewname, str) else getattr(viewname, '__name__', viewname)
        if namespaces:
            raise NoReverseMatch("'%s' is not a registered namespace" % namespaces[0])
        raise NoReverseMatch(
            "Reverse for '%s' not found. '%s' is not a valid view function or pattern name." % (shown, shown))
    return '/' + got


def reverse_lazy(viewname, urlconf=None, args=None, kwargs=None, current_app=None):
    return reverse(viewname, urlconf, args, kwargs, current_app)
