"""One request through the project: ALLOWED_HOSTS, URL resolving,
APPEND_SLASH, the view, and Django's debug and production error pages."""
import os
import sys
import _dockersim
import django
from django.conf import settings
from django.http import HttpRequest, HttpResponse, Http404, as_text
from django.urls import get_resolver, URLResolver


def _chains(resolver, path):
    """The patterns tried, each as the chain of (pattern, name) from the URLconf down."""
    out = []
    for chain in resolver.tried(path):
        out.append([(p.pattern.describe(), getattr(p, 'name', None) or '') for p in chain])
    return out


def _debug_404(request, resolver, reason=None, raised_by=None, tried=None):
    return _dockersim.page('404_debug', {
        'path': _dockersim.html_escape(request.path[1:]),
        'request_path': _dockersim.html_escape(request.path),
        'method': request.method,
        'url': _dockersim.html_escape(request.build_absolute_uri()),
        'urlconf': settings.ROOT_URLCONF,
        'tried': tried if tried is not None else _chains(resolver, request.path),
        'reason': reason,
        'raised_by': raised_by,
    })


def _not_found(request, resolver, reason=None, raised_by=None, tried=None):
    if settings.DEBUG:
        sys.stderr.write('Not Found: %s\n' % request.path)
        return HttpResponse(_debug_404(request, resolver, reason, raised_by, tried), status=404)
    return HttpResponse(_dockersim.page('404', {'path': _dockersim.html_escape(request.path)}), status=404)


def _server_error(request, exc_text, title, message):
    if settings.DEBUG:
        sys.stderr.write('Internal Server Error: %s\n%s' % (request.path, exc_text))
        return HttpResponse(_dockersim.page('500_debug', {'title': _dockersim.html_escape(title),
                                                          'message': _dockersim.html_escape(message),
                                                          'traceback': _dockersim.html_escape(exc_text)}),
                            status=500)
    return HttpResponse(_dockersim.page('500', {}), status=500)


def _default_urlconf_only(resolver):
    patterns = resolver.url_patterns
    if not patterns:
        return True
    if len(patterns) == 1 and isinstance(patterns[0], URLResolver) and patterns[0].app_name == 'admin':
        return True
    return False


STATIC_TYPES = {
    'css': 'text/css', 'js': 'text/javascript', 'mjs': 'text/javascript', 'html': 'text/html', 'htm': 'text/html',
    'txt': 'text/plain', 'json': 'application/json', 'svg': 'image/svg+xml', 'png': 'image/png', 'jpg': 'image/jpeg',
    'jpeg': 'image/jpeg', 'gif': 'image/gif', 'ico': 'image/vnd.microsoft.icon', 'webp': 'image/webp',
    'map': 'application/json', 'xml': 'application/xml',
}


def _static(request, path):
    """runserver's static files (DEBUG, with django.contrib.staticfiles):
    STATICFILES_DIRS, then each installed app's static/ directory."""
    if not settings.DEBUG or 'django.contrib.staticfiles' not in settings.INSTALLED_APPS or not settings.STATIC_URL:
        return None
    prefix = settings.STATIC_URL
    if '://' in prefix:
        return None
    if not prefix.startswith('/'):
        prefix = '/' + prefix
    if not path.startswith(prefix):
        return None
    rel = path[len(prefix):]
    dirs = [str(d) for d in settings.STATICFILES_DIRS]
    from django.apps import apps
    for config in apps.get_app_configs():
        if config.path:
            dirs.append(config.path + '/static')
    for d in dirs:
        full = d.rstrip('/') + '/' + rel
        if rel and os.path.isfile(full):
            with open(full) as f:
                content = f.read()
            ext = rel.rsplit('.', 1)[-1].lower() if '.' in rel else ''
            response = HttpResponse(content, content_type=STATIC_TYPES.get(ext, 'application/octet-stream'))
            # FileResponse's headers, then serve()'s Last-Modified.
            response.headers['Content-Length'] = str(len(content.encode()))
            response.headers['Content-Disposition'] = 'inline; filename="%s"' % rel.rsplit('/', 1)[-1]
            response.headers['Last-Modified'] = _dockersim.file_http_date(full)
            return response
    page = _dockersim.page('404_debug', {
        'request_path': _dockersim.html_escape(request.path),
        'method': request.method,
        'url': _dockersim.html_escape(request.build_absolute_uri()),
        'reason': "'%s' could not be found" % rel,
        'no_patterns': True,
    })
    return HttpResponse(page, status=404)


def handle(method, target, body, host):
    django.setup()
    path, _, query = target.partition('?')
    request = HttpRequest(method, path, query, body, host)
    static = _static(request, path)
    if static is not None:
        return _finish(request, static, None)
    allowed = list(settings.ALLOWED_HOSTS)
    if settings.DEBUG and not allowed:
        allowed = ['.localhost', '127.0.0.1', '[::1]']
    hostname = host.rsplit(':', 1)[0] if not host.endswith(']') else host
    ok = False
    for pattern in allowed:
        if pattern == '*' or pattern == hostname or (pattern.startswith('.') and (hostname.endswith(pattern) or hostname == pattern[1:])):
            ok = True
    if not ok:
        message = "Invalid HTTP_HOST header: '%s'. You may need to add '%s' to ALLOWED_HOSTS." % (host, hostname)
        if settings.DEBUG:
            sys.stderr.write('Invalid HTTP_HOST header: \'%s\'. You may need to add \'%s\' to ALLOWED_HOSTS.\n' % (host, hostname))
            sys.stderr.write('Bad Request: %s\n' % path)
            return _finish(request, _server_error_page(request, 'DisallowedHost', message, 400))
        return _finish(request, HttpResponse(_dockersim.page('400', {}), status=400))
    resolver = get_resolver()
    if settings.DEBUG and path == '/' and _default_urlconf_only(resolver):
        return _finish(request, HttpResponse(_dockersim.page('welcome', {})))
    match = resolver.resolve(path)
    if match is None and settings.APPEND_SLASH and not path.endswith('/') and resolver.resolve(path + '/') is not None:
        from django.http import HttpResponsePermanentRedirect
        location = path + '/' + ('?' + query if query else '')
        return _finish(request, HttpResponsePermanentRedirect(location), 'django.middleware.common.CommonMiddleware')
    if match is None:
        return _finish(request, _not_found(request, resolver))
    request.resolver_match = match
    match.path = path
    response, exc, text = _dockersim.call_view(match.func, request, match.args, match.kwargs)
    if exc is not None:
        if isinstance(exc, Http404):
            view = '%s.%s' % (_dockersim.function_module(match.func), getattr(match.func, '__name__', 'view'))
            return _finish(request, _not_found(request, resolver, str(exc), view, _tried_until(resolver, match)))
        return _finish(request, _server_error(request, text, '%s at %s' % (type(exc).__name__, path), str(exc)))
    if response is None:
        name = getattr(match.func, '__name__', 'view')
        module = _dockersim.function_module(match.func)
        message = "The view %s.%s didn't return an HttpResponse object. It returned None instead." % (module, name)
        text = 'Traceback (most recent call last):\nValueError: %s\n' % message
        return _finish(request, _server_error(request, text, 'ValueError at %s' % path, message))
    return _finish(request, response)


def _tried_until(resolver, match):
    """The patterns Django had tried when a view raised Http404: those before it, and it."""
    out = []
    for chain in _chains(resolver, match.path):
        out.append(chain)
        if '/' + ''.join([p for p, n in chain]) == match.route:
            break
    return out


def _server_error_page(request, kind, message, status):
    return HttpResponse(_dockersim.page('500_debug', {'title': _dockersim.html_escape('%s at %s' % (kind, request.path)),
                                                      'message': _dockersim.html_escape(message),
                                                      'traceback': ''}), status=status)


def _finish(request, response, after=''):
    """The answer as (status, content type, text, headers): the headers the
    response middleware adds, in the order they run (the MIDDLEWARE list
    backwards; `after`: only those after that one, None: none)."""
    content = as_text(response.content)
    headers = []
    for k, v in response.headers.items():
        headers.append((k, str(v)))
    if after is not None:
        headers = _middleware_headers(headers, content, after, getattr(response, 'vary_cookie', False))
    headers = _server_headers(request, headers)
    return (response.status_code, response.headers.get('Content-Type', 'text/html; charset=utf-8'), content, headers)


def _server_headers(request, headers):
    """runserver's ServerHandler.cleanup_headers: HEAD answers lose their
    Content-Length (4.x; 5.x only a zero one), and an answer of unknown
    length closes the connection."""
    version = django.VERSION[:2]
    head = request.method == 'HEAD'
    length = None
    for k, v in headers:
        if k.lower() == 'content-length':
            length = v
    if head and length is not None and (version >= (5, 0) and length == '0' or (4, 1) <= version < (5, 0)):
        headers = [(k, v) for k, v in headers if k.lower() != 'content-length']
        length = None
    if length is None and (not head or version < (4, 1)):
        headers.append(('Connection', 'close'))
    return headers


def _middleware_headers(headers, content, after, vary_cookie=False):
    names = [k.lower() for k, v in headers]
    out = list(headers)

    def add(key, value):
        if key.lower() not in names and value:
            names.append(key.lower())
            out.append((key, value))
    chain = list(reversed(list(getattr(settings, 'MIDDLEWARE', None) or [])))
    if after:
        chain = chain[chain.index(after) + 1:] if after in chain else []
    for m in chain:
        if m == 'django.middleware.clickjacking.XFrameOptionsMiddleware':
            add('X-Frame-Options', str(getattr(settings, 'X_FRAME_OPTIONS', 'DENY')).upper())
        elif m == 'django.middleware.common.CommonMiddleware':
            add('Content-Length', str(len(content.encode())))
        elif m == 'django.contrib.sessions.middleware.SessionMiddleware' and vary_cookie:
            add('Vary', 'Cookie')
        elif m == 'django.middleware.security.SecurityMiddleware':
            if getattr(settings, 'SECURE_CONTENT_TYPE_NOSNIFF', True):
                add('X-Content-Type-Options', 'nosniff')
            add('Referrer-Policy', getattr(settings, 'SECURE_REFERRER_POLICY', 'same-origin'))
            if django.VERSION[:2] >= (4, 0):
                add('Cross-Origin-Opener-Policy', getattr(settings, 'SECURE_CROSS_ORIGIN_OPENER_POLICY', 'same-origin'))
    return out


class WSGIHandler:
    def __call__(self, environ, start_response):
        return []
