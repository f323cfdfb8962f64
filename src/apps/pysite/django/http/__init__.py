"""django.http: requests and responses."""
import json

REASONS = {
    200: 'OK', 201: 'Created', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 304: 'Not Modified',
    400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
    410: 'Gone', 500: 'Internal Server Error',
}


class Http404(Exception):
    pass


class QueryDict:
    """A request's GET or POST parameters."""

    def __init__(self):
        self._data = {}

    def __getitem__(self, key):
        if key not in self._data:
            from django.utils.datastructures import MultiValueDictKeyError
            raise MultiValueDictKeyError(repr(key))
        return self._data[key]

    def __setitem__(self, key, value):
        self._data[key] = value

    def __contains__(self, key):
        return key in self._data

    def __iter__(self):
        return iter(list(self._data))

    def __len__(self):
        return len(self._data)

    def get(self, key, default=None):
        return self._data.get(key, default)

    def getlist(self, key, default=None):
        if key in self._data:
            return [self._data[key]]
        return default if default is not None else []

    def items(self):
        return self._data.items()

    def keys(self):
        return self._data.keys()

    def values(self):
        return self._data.values()

    def dict(self):
        return dict(self._data)

    def __repr__(self):
        return '<QueryDict: %s>' % dict([(k, [v]) for k, v in self._data.items()])


class HttpRequest:
    def __init__(self, method='GET', path='/', query='', body='', host='localhost:8000'):
        self.method = method
        self.path = path
        self.path_info = path
        self.body = body.encode()
        self.GET = _parse_query(query)
        self.POST = _parse_query(body) if method == 'POST' else QueryDict()
        self.COOKIES = {}
        self.FILES = {}
        self.headers = {'Host': host}
        self.META = {'HTTP_HOST': host, 'REQUEST_METHOD': method, 'PATH_INFO': path, 'QUERY_STRING': query,
                     'REMOTE_ADDR': '172.17.0.1', 'SERVER_NAME': 'localhost', 'SERVER_PORT': '8000'}
        self.resolver_match = None
        self.session = {}
        self._query = query
        self._host = host
        from django.contrib.auth.models import AnonymousUser
        self.user = AnonymousUser()

    def get_host(self):
        return self._host

    def get_full_path(self):
        return self.path + ('?' + self._query if self._query else '')

    def build_absolute_uri(self, location=None):
        return 'http://%s%s' % (self._host, location if location is not None else self.get_full_path())

    def is_secure(self):
        return False

    @property
    def scheme(self):
        return 'http'

    def __repr__(self):
        return "<WSGIRequest: %s '%s'>" % (self.method, self.get_full_path())


def _unquote(text):
    text = text.replace('+', ' ')
    out = ''
    i = 0
    while i < len(text):
        if text[i] == '%' and i + 2 < len(text) + 0 and all([c in '0123456789abcdefABCDEF' for c in text[i + 1:i + 3]]) and len(text[i + 1:i + 3]) == 2:
            out += chr(int(text[i + 1:i + 3], 16))
            i += 3
        else:
            out += text[i]
            i += 1
    return out


def _parse_query(text):
    q = QueryDict()
    for pair in text.split('&'):
        if not pair:
            continue
        if '=' in pair:
            k, v = pair.split('=', 1)
        else:
            k, v = pair, ''
        q[_unquote(k)] = _unquote(v)
    return q


class HttpResponseBase:
    status_code = 200

    def __init__(self, content_type=None, status=None, reason=None, charset=None, headers=None):
        if status is not None:
            self.status_code = int(status)
        self.reason_phrase = reason or REASONS.get(self.status_code, 'Unknown Status Code')
        self.charset = charset or 'utf-8'
        self.headers = {}
        if content_type is None:
            content_type = 'text/html; charset=%s' % self.charset
        self.headers['Content-Type'] = content_type
        if headers:
            for k, v in headers.items():
                self.headers[k] = v
        self.cookies = {}

    def __setitem__(self, key, value):
        self.headers[key] = value

    def __getitem__(self, key):
        return self.headers[key]

    def __contains__(self, key):
        return key in self.headers

    def has_header(self, key):
        return key in self.headers

    def get(self, key, default=None):
        return self.headers.get(key, default)

    def set_cookie(self, key, value='', **kwargs):
        self.cookies[key] = value

    def delete_cookie(self, key, **kwargs):
        self.cookies.pop(key, None)


class HttpResponse(HttpResponseBase):
    def __init__(self, content=b'', *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.content = content

    def write(self, content):
        self.content = as_text(self.content) + as_text(content)

    def __repr__(self):
        return '<%s status_code=%d, "%s">' % (type(self).__name__, self.status_code, self.headers['Content-Type'])


def as_text(value):
    """A response's content as text (bytes, str, an iterable of them, or anything str() takes)."""
    if isinstance(value, bytes):
        return value.decode()
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return ''.join([as_text(v) for v in value])
    return str(value)


class StreamingHttpResponse(HttpResponse):
    pass


class HttpResponseRedirectBase(HttpResponse):
    def __init__(self, redirect_to, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self['Location'] = str(redirect_to)
        self.url = str(redirect_to)


class HttpResponseRedirect(HttpResponseRedirectBase):
    status_code = 302


class HttpResponsePermanentRedirect(HttpResponseRedirectBase):
    status_code = 301


class HttpResponseNotModified(HttpResponse):
    status_code = 304


class HttpResponseBadRequest(HttpResponse):
    status_code = 400


class HttpResponseNotFound(HttpResponse):
    status_code = 404


class HttpResponseForbidden(HttpResponse):
    status_code = 403


class HttpResponseNotAllowed(HttpResponse):
    status_code = 405

    def __init__(self, permitted_methods, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self['Allow'] = ', '.join(permitted_methods)


class HttpResponseGone(HttpResponse):
    status_code = 410


class HttpResponseServerError(HttpResponse):
    status_code = 500


class JsonResponse(HttpResponse):
    def __init__(self, data, encoder=None, safe=True, json_dumps_params=None, **kwargs):
        if safe and not isinstance(data, dict):
            raise TypeError('In order to allow non-dict objects to be serialized set the safe parameter to False.')
        kwargs.setdefault('content_type', 'application/json')
        data = json.dumps(data, **(json_dumps_params or {}))
        super().__init__(content=data, **kwargs)
