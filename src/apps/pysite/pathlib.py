"""pathlib for the simulated Python: PosixPath over the container's files."""
import os


def _normalize(text):
    absolute = text.startswith('/')
    parts = []
    for part in text.split('/'):
        if part == '' or part == '.':
            continue
        parts.append(part)
    body = '/'.join(parts)
    if absolute:
        return '/' + body
    return body or '.'


class PurePath:
    def __init__(self, *segments):
        text = ''
        for seg in segments:
            seg = os.fspath(seg)
            if seg.startswith('/') or text == '':
                text = seg
            else:
                text = text.rstrip('/') + '/' + seg
        self._text = _normalize(text) if text else '.'

    def __str__(self):
        return self._text

    def __fspath__(self):
        return self._text

    def __repr__(self):
        return "%s('%s')" % (type(self).__name__, self._text)

    def __eq__(self, other):
        return isinstance(other, PurePath) and self._text == other._text

    def __hash__(self):
        return hash(self._text)

    def __truediv__(self, other):
        return type(self)(self._text, other)

    def __rtruediv__(self, other):
        return type(self)(other, self._text)

    def joinpath(self, *others):
        return type(self)(self._text, *others)

    @property
    def name(self):
        if self._text in ('/', '.'):
            return ''
        return self._text.rsplit('/', 1)[-1]

    @property
    def suffix(self):
        name = self.name
        i = name.rfind('.')
        if 0 < i < len(name) - 1:
            return name[i:]
        return ''

    @property
    def stem(self):
        name = self.name
        suffix = self.suffix
        return name[:len(name) - len(suffix)] if suffix else name

    @property
    def parent(self):
        text = self._text
        if text in ('/', '.'):
            return type(self)(text)
        if '/' not in text:
            return type(self)('.')
        head = text.rsplit('/', 1)[0]
        return type(self)(head or '/')

    @property
    def parents(self):
        out = []
        p = self.parent
        while True:
            out.append(p)
            if p._text in ('/', '.'):
                break
            p = p.parent
        return out

    @property
    def parts(self):
        if self._text.startswith('/'):
            return tuple(['/'] + [p for p in self._text.split('/') if p])
        return tuple([p for p in self._text.split('/') if p and p != '.'])

    def with_suffix(self, suffix):
        return self.parent / (self.stem + suffix)

    def with_name(self, name):
        return self.parent / name

    def is_absolute(self):
        return self._text.startswith('/')

    def as_posix(self):
        return self._text


class PosixPath(PurePath):
    @classmethod
    def cwd(cls):
        return cls(os.getcwd())

    @classmethod
    def home(cls):
        return cls(os.path.expanduser('~'))

    def absolute(self):
        if self.is_absolute():
            return self
        return type(self)(os.getcwd(), self._text)

    def resolve(self, strict=False):
        return type(self)(os.path.realpath(self.absolute()._text))

    def expanduser(self):
        return type(self)(os.path.expanduser(self._text))

    def exists(self):
        return os.path.exists(self._text)

    def is_file(self):
        return os.path.isfile(self._text)

    def is_dir(self):
        return os.path.isdir(self._text)

    def iterdir(self):
        return [self / n for n in sorted(os.listdir(self._text))]

    def read_text(self, encoding=None):
        with open(self._text) as f:
            return f.read()

    def write_text(self, data, encoding=None):
        with open(self._text, 'w') as f:
            f.write(data)
        return len(data)

    def mkdir(self, mode=0o777, parents=False, exist_ok=False):
        if os.path.exists(self._text):
            if exist_ok:
                return
            raise FileExistsError("[Errno 17] File exists: '%s'" % self._text)
        if parents:
            os.makedirs(self._text, exist_ok=True)
        else:
            os.mkdir(self._text)


PurePosixPath = PurePath
Path = PosixPath
