"""The Django template language: variables with filters, and the tags
tutorials use (if, for/empty, url, static, csrf_token, extends/block,
include, with, comment, load)."""
import os
import _dockersim


class TemplateDoesNotExist(Exception):
    pass


class TemplateSyntaxError(Exception):
    pass


class VariableDoesNotExist(Exception):
    pass


def escape(text):
    return (text.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')
            .replace('"', '&quot;').replace("'", '&#x27;'))


class SafeString:
    """Text autoescaping leaves alone."""

    def __init__(self, text):
        self.text = text

    def __str__(self):
        return self.text

    def __len__(self):
        return len(self.text)

    def __eq__(self, other):
        return str(other) == self.text

    def __bool__(self):
        return bool(self.text)


def mark_safe(text):
    return SafeString(str(text))


def _tokens(text):
    out = []
    pos = 0
    while pos < len(text):
        starts = [i for i in [text.find('{{', pos), text.find('{%', pos), text.find('{#', pos)] if i >= 0]
        if not starts:
            out.append(('text', text[pos:]))
            break
        i = min(starts)
        if i > pos:
            out.append(('text', text[pos:i]))
        opener = text[i:i + 2]
        closer = {'{{': '}}', '{%': '%}', '{#': '#}'}[opener]
        j = text.find(closer, i + 2)
        if j < 0:
            out.append(('text', text[i:]))
            break
        inner = text[i + 2:j].strip()
        if opener == '{{':
            out.append(('var', inner))
        elif opener == '{%':
            out.append(('tag', inner))
        pos = j + 2
    return out


def _split_outside_quotes(text, sep):
    """Splits on `sep` where it is not inside quotes; empty pieces are kept."""
    parts = []
    cur = ''
    quote = None
    for ch in text:
        if quote:
            cur += ch
            if ch == quote:
                quote = None
        elif ch in '"\'':
            quote = ch
            cur += ch
        elif ch == sep:
            parts.append(cur)
            cur = ''
        else:
            cur += ch
    parts.append(cur)
    return parts


def _split(text):
    """Splits a tag's contents on spaces outside quotes."""
    return [p for p in _split_outside_quotes(text, ' ') if p]


class Node:
    pass


def _parse(tokens, pos, ends, name):
    """Parses until one of `ends`; returns (nodes, position, ending tag)."""
    nodes = []
    while pos < len(tokens):
        kind, value = tokens[pos]
        pos += 1
        if kind != 'tag':
            nodes.append((kind, value))
            continue
        bits = _split(value)
        if not bits:
            raise TemplateSyntaxError('Empty block tag on line 1')
        word = bits[0]
        if word in ends:
            return nodes, pos, value
        if word == 'if':
            branches = []
            cond = ' '.join(bits[1:])
            while True:
                body, pos, end = _parse(tokens, pos, ('elif', 'else', 'endif'), name)
                branches.append((cond, body))
                eb = _split(end)
                if eb[0] == 'elif':
                    cond = ' '.join(eb[1:])
                elif eb[0] == 'else':
                    body, pos, end = _parse(tokens, pos, ('endif',), name)
                    branches.append((None, body))
                    break
                else:
                    break
            nodes.append(('if', branches))
        elif word == 'for':
            if len(bits) < 4 or 'in' not in bits:
                raise TemplateSyntaxError("'for' statements should use the format 'for x in y': %s" % value)
            k = bits.index('in')
            names = [n.strip() for n in ' '.join(bits[1:k]).split(',') if n.strip()]
            reverse = bits[-1] == 'reversed'
            seq = ' '.join(bits[k + 1:len(bits) - (1 if reverse else 0)])
            body, pos, end = _parse(tokens, pos, ('empty', 'endfor'), name)
            empty = []
            if _split(end)[0] == 'empty':
                empty, pos, end = _parse(tokens, pos, ('endfor',), name)
            nodes.append(('for', (names, seq, reverse, body, empty)))
        elif word == 'block':
            body, pos, end = _parse(tokens, pos, ('endblock',), name)
            nodes.append(('block', (bits[1] if len(bits) > 1 else '', body)))
        elif word == 'with':
            body, pos, end = _parse(tokens, pos, ('endwith',), name)
            nodes.append(('with', (bits[1:], body)))
        elif word == 'comment':
            body, pos, end = _parse(tokens, pos, ('endcomment',), name)
        elif word == 'spaceless' or word == 'autoescape':
            body, pos, end = _parse(tokens, pos, ('end' + word,), name)
            nodes.append(('group', (word, bits[1:], body)))
        elif word in ('extends', 'include', 'url', 'static', 'csrf_token', 'load', 'now', 'cycle', 'firstof',
                      'verbatim', 'get_static_prefix'):
            nodes.append(('simple', bits))
        else:
            raise TemplateSyntaxError(
                "Invalid block tag on line %d: '%s'. Did you forget to register or load this tag?"
                % (1 + sum([t[1].count('\n') for t in tokens[:pos - 1] if t[0] == 'text']), word))
    if ends:
        raise TemplateSyntaxError("Unclosed tag on line 1: '%s'. Looking for one of: %s." % (name, ', '.join(ends)))
    return nodes, pos, None


class Context:
    def __init__(self, dict_=None):
        self.dicts = [dict(dict_ or {})]

    def push(self, values=None):
        self.dicts.append(dict(values or {}))

    def pop(self):
        self.dicts.pop()

    def __contains__(self, key):
        return any([key in d for d in self.dicts])

    def get(self, key, default=None):
        for d in reversed(self.dicts):
            if key in d:
                return d[key]
        return default

    def __getitem__(self, key):
        for d in reversed(self.dicts):
            if key in d:
                return d[key]
        raise KeyError(key)

    def __setitem__(self, key, value):
        self.dicts[-1][key] = value

    def flatten(self):
        out = {}
        for d in self.dicts:
            out.update(d)
        return out


MISSING = object()


def _literal(token):
    if len(token) >= 2 and token[0] == token[-1] and token[0] in '"\'':
        return token[1:-1]
    try:
        return int(token)
    except ValueError:
        pass
    try:
        return float(token)
    except ValueError:
        return MISSING


def _lookup(context, dotted):
    lit = _literal(dotted)
    if lit is not MISSING:
        return lit
    if dotted in ('True', 'False', 'None'):
        return {'True': True, 'False': False, 'None': None}[dotted]
    parts = dotted.split('.')
    if parts[0] not in context:
        return MISSING
    value = context[parts[0]]
    for part in parts[1:]:
        value = _step(value, part)
        if value is MISSING:
            return MISSING
    return value


def _step(value, part):
    if isinstance(value, dict):
        if part in value:
            return _call(value[part])
    if isinstance(value, (list, tuple, str)) and part.isdigit():
        i = int(part)
        return value[i] if i < len(value) else MISSING
    if hasattr(value, part):
        return _call(getattr(value, part))
    return MISSING


def _call(value):
    if callable(value) and not _dockersim.is_class(value) and not getattr(value, 'do_not_call_in_templates', False):
        return value()
    return value


def _filter(value, name, arg, context):
    if name == 'upper':
        return str(value).upper()
    if name == 'lower':
        return str(value).lower()
    if name == 'title':
        return str(value).title()
    if name == 'capfirst':
        text = str(value)
        return text[:1].upper() + text[1:]
    if name == 'length':
        try:
            return len(value)
        except TypeError:
            return 0
    if name == 'default':
        return value if value else arg
    if name == 'default_if_none':
        return arg if value is None else value
    if name == 'safe':
        return mark_safe(str(value))
    if name == 'escape':
        return mark_safe(escape(str(value)))
    if name == 'linebreaksbr':
        return mark_safe(escape(str(value)).replace('\n', '<br>'))
    if name == 'join':
        return str(arg).join([str(v) for v in value])
    if name == 'add':
        try:
            return int(value) + int(arg)
        except (ValueError, TypeError):
            return value + arg
    if name == 'pluralize':
        suffixes = str(arg).split(',') if arg is not None else ['s']
        single, plural = ('', suffixes[0]) if len(suffixes) == 1 else (suffixes[0], suffixes[1])
        try:
            n = len(value) if isinstance(value, (list, tuple, dict)) else int(value)
        except (ValueError, TypeError):
            return ''
        return single if n == 1 else plural
    if name == 'truncatechars':
        n = int(arg)
        text = str(value)
        return text if len(text) <= n else text[:n - 1] + '…'
    if name == 'truncatewords':
        words = str(value).split()
        n = int(arg)
        return ' '.join(words) if len(words) <= n else ' '.join(words[:n]) + ' …'
    if name == 'first':
        return value[0] if value else ''
    if name == 'last':
        return value[-1] if value else ''
    if name == 'slugify':
        return '-'.join(''.join([c for c in str(value).lower() if c.isalnum() or c in ' -_']).split())
    if name == 'floatformat':
        places = int(arg) if arg is not None else -1
        f = float(value)
        if places < 0 and f == int(f):
            return str(int(f))
        return ('%.' + str(abs(places)) + 'f') % f
    if name == 'yesno':
        options = str(arg or 'yes,no,maybe').split(',')
        if value is None and len(options) > 2:
            return options[2]
        return options[0] if value else options[1]
    if name == 'date' or name == 'time':
        return str(value)
    if name == 'urlencode':
        return str(value).replace(' ', '%20')
    raise TemplateSyntaxError("Invalid filter: '%s'" % name)


def _split_filters(expr):
    return [p.strip() for p in _split_outside_quotes(expr, '|')]


def _resolve(expr, context):
    """A variable with its filters; (value, safe)."""
    parts = _split_filters(expr)
    value = _lookup(context, parts[0])
    if value is MISSING:
        value = ''
    safe = isinstance(value, SafeString)
    for f in parts[1:]:
        if ':' in f:
            name, arg = f.split(':', 1)
            argv = _lookup(context, arg)
            arg = '' if argv is MISSING else argv
        else:
            name, arg = f, None
        value = _filter(value, name, arg, context)
        safe = isinstance(value, SafeString) or (safe and name not in ('escape',))
    return value, safe


def _truth(bits, context):
    """`if` conditions: or, and, not, comparisons, in."""
    if 'or' in bits:
        i = bits.index('or')
        return _truth(bits[:i], context) or _truth(bits[i + 1:], context)
    if 'and' in bits:
        i = bits.index('and')
        return _truth(bits[:i], context) and _truth(bits[i + 1:], context)
    if bits and bits[0] == 'not':
        return not _truth(bits[1:], context)
    for op in ('==', '!=', '<=', '>=', '<', '>', 'in'):
        if op in bits:
            i = bits.index(op)
            a = _resolve(' '.join(bits[:i]), context)[0]
            b = _resolve(' '.join(bits[i + 1:]), context)[0]
            if op == '==':
                return a == b
            if op == '!=':
                return a != b
            if op == 'in':
                try:
                    return a in b
                except TypeError:
                    return False
            try:
                if op == '<':
                    return a < b
                if op == '>':
                    return a > b
                if op == '<=':
                    return a <= b
                return a >= b
            except TypeError:
                return False
    if len(bits) >= 2 and bits[-2] == 'not' and bits[-1] == 'in':
        return False
    value = _resolve(' '.join(bits), context)[0]
    return bool(value)


class Template:
    def __init__(self, template_string, origin=None, name=None, engine=None):
        self.source = template_string
        self.name = name
        self.nodelist = _parse(_tokens(template_string), 0, (), name)[0]

    def render(self, context=None, request=None):
        if context is None:
            context = Context()
        elif isinstance(context, dict):
            context = Context(context)
        if request is not None and 'request' not in context:
            context['request'] = request
        return _render(self, context, {})


def _parent_of(nodes, context):
    for kind, value in nodes:
        if kind == 'simple' and value[0] == 'extends':
            name = _resolve(value[1], context)[0]
            from django.template.loader import get_template
            return get_template(name)
        if kind == 'text' and value.strip() == '':
            continue
        if kind == 'simple' and value[0] == 'load':
            continue
        break
    return None


def _blocks(nodes, out):
    for kind, value in nodes:
        if kind == 'block':
            out.setdefault(value[0], value[1])
            _blocks(value[1], out)
        elif kind == 'if':
            for cond, body in value:
                _blocks(body, out)
        elif kind == 'for':
            _blocks(value[3], out)
            _blocks(value[4], out)
        elif kind in ('with', 'group'):
            _blocks(value[-1], out)
    return out


def _render(template, context, overrides):
    parent = _parent_of(template.nodelist, context)
    if parent is not None:
        merged = _blocks(template.nodelist, {})
        merged.update(overrides)
        return _render(parent, context, merged)
    return _render_nodes(template.nodelist, context, overrides)


def _render_nodes(nodes, context, blocks):
    out = ''
    for kind, value in nodes:
        if kind == 'text':
            out += value
        elif kind == 'var':
            v, safe = _resolve(value, context)
            text = '' if v is None and False else str(v)
            out += text if safe else escape(text)
        elif kind == 'if':
            for cond, body in value:
                if cond is None or _truth(_split(cond), context):
                    out += _render_nodes(body, context, blocks)
                    break
        elif kind == 'for':
            names, seq, reverse, body, empty = value
            items = _resolve(seq, context)[0]
            if hasattr(items, 'all') and not isinstance(items, (list, tuple, dict, str)):
                items = items.all()
            items = list(items) if items else []
            if reverse:
                items = list(reversed(items))
            if not items:
                out += _render_nodes(empty, context, blocks)
                continue
            parent_loop = context.get('forloop')
            context.push()
            n = len(items)
            for i, item in enumerate(items):
                context['forloop'] = {'counter': i + 1, 'counter0': i, 'revcounter': n - i, 'revcounter0': n - i - 1,
                                      'first': i == 0, 'last': i == n - 1, 'parentloop': parent_loop}
                if len(names) == 1:
                    context[names[0]] = item
                else:
                    for k, v in zip(names, item):
                        context[k] = v
                out += _render_nodes(body, context, blocks)
            context.pop()
        elif kind == 'block':
            name, body = value
            out += _render_nodes(blocks.get(name, body), context, blocks)
        elif kind == 'with':
            assigns, body = value
            context.push()
            i = 0
            while i < len(assigns):
                if '=' in assigns[i]:
                    k, e = assigns[i].split('=', 1)
                    context[k] = _resolve(e, context)[0]
                    i += 1
                elif i + 2 < len(assigns) and assigns[i + 1] == 'as':
                    context[assigns[i + 2]] = _resolve(assigns[i], context)[0]
                    i += 3
                else:
                    i += 1
            out += _render_nodes(body, context, blocks)
            context.pop()
        elif kind == 'group':
            word, args, body = value
            text = _render_nodes(body, context, blocks)
            if word == 'spaceless':
                text = _dockersim.spaceless(text.strip())
            out += text
        elif kind == 'simple':
            out += _simple(value, context)
    return out


def _simple(bits, context):
    word = bits[0]
    if word in ('load', 'extends'):
        return ''
    if word == 'csrf_token':
        return ('<input type="hidden" name="csrfmiddlewaretoken" value="%s">'
                % _dockersim.csrf_token())
    if word == 'static':
        from django.conf import settings
        target = _resolve(bits[1], context)[0]
        url = (settings.STATIC_URL or '/static/')
        if not url.startswith('/') and '://' not in url:
            url = '/' + url
        return escape(url + str(target))
    if word == 'get_static_prefix':
        from django.conf import settings
        return settings.STATIC_URL or ''
    if word == 'url':
        from django.urls import reverse
        name = _resolve(bits[1], context)[0]
        args = []
        kwargs = {}
        target = None
        rest = bits[2:]
        if len(rest) >= 2 and rest[-2] == 'as':
            target = rest[-1]
            rest = rest[:-2]
        for b in rest:
            if '=' in b:
                k, e = b.split('=', 1)
                kwargs[k] = _resolve(e, context)[0]
            else:
                args.append(_resolve(b, context)[0])
        url = reverse(name, args=args, kwargs=kwargs)
        if target:
            context[target] = url
            return ''
        return escape(url)
    if word == 'include':
        from django.template.loader import get_template
        name = _resolve(bits[1], context)[0]
        return get_template(name).render(context.flatten())
    if word == 'now':
        return _dockersim.now_format(_resolve(bits[1], context)[0])
    if word == 'firstof':
        for b in bits[1:]:
            v = _resolve(b, context)[0]
            if v:
                return escape(str(v))
        return ''
    return ''


class Engine:
    def from_string(self, template_code):
        return Template(template_code)

    def get_template(self, name):
        from django.template.loader import get_template
        return get_template(name)
