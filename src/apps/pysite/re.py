"""re for the simulated Python, over the simulator's one regex engine
(POSIX leftmost-longest matching, where Python takes the first alternative)."""
import _dockersim

IGNORECASE = I = 2
MULTILINE = M = 8
DOTALL = S = 16
VERBOSE = X = 64
ASCII = A = 256


class error(Exception):
    pass


class Match:
    def __init__(self, pattern, string, found, pos):
        self.re = pattern
        self.string = string
        self._start, self._end, self._groups, names = found
        self.pos = pos
        self.lastindex = len(self._groups) or None

    def group(self, *which):
        if not which:
            which = (0,)
        out = [self._group(w) for w in which]
        return out[0] if len(out) == 1 else tuple(out)

    def _group(self, which):
        if which == 0:
            return self.string[self._start:self._end]
        if isinstance(which, str):
            which = self.re.groupindex.get(which, -1)
        if which < 0 or which > len(self._groups):
            raise IndexError('no such group')
        return self._groups[which - 1]

    def __getitem__(self, which):
        return self._group(which)

    def groups(self, default=None):
        return tuple([default if g is None else g for g in self._groups])

    def groupdict(self, default=None):
        out = {}
        for name in self.re._names:
            if name:
                g = self._group(name)
                out[name] = default if g is None else g
        return out

    def start(self, which=0):
        return self._start

    def end(self, which=0):
        return self._end

    def span(self, which=0):
        return (self._start, self._end)

    def __bool__(self):
        return True

    def __repr__(self):
        return "<re.Match object; span=(%d, %d), match=%r>" % (self._start, self._end, self.group(0))


def _group_names(pattern):
    names = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == '\\':
            i += 2
            continue
        if c == '(':
            if pattern.startswith('(?P<', i):
                j = pattern.index('>', i)
                names.append(pattern[i + 4:j])
            elif pattern.startswith('(?<', i) and not pattern.startswith('(?<=', i) and not pattern.startswith('(?<!', i):
                j = pattern.index('>', i)
                names.append(pattern[i + 3:j])
            elif pattern.startswith('(?', i):
                pass
            else:
                names.append('')
        i += 1
    return names


class Pattern:
    def __init__(self, pattern, flags=0):
        if isinstance(pattern, Pattern):
            pattern = pattern.pattern
        self.pattern = pattern
        self.flags = flags
        self._names = _group_names(pattern)
        self.groups = len(self._names)
        self.groupindex = {}
        for i, n in enumerate(self._names):
            if n:
                self.groupindex[n] = i + 1

    def _find(self, string, pos, anchored):
        found = _dockersim.re_search(self.pattern, string, pos, anchored, self.flags & 2)
        if found is None:
            return None
        return Match(self, string, found, pos)

    def match(self, string, pos=0):
        return self._find(string, pos, True)

    def fullmatch(self, string, pos=0):
        m = self._find(string, pos, True)
        if m is not None and m.end() == len(string):
            return m
        return None

    def search(self, string, pos=0):
        return self._find(string, pos, False)

    def finditer(self, string):
        out = []
        pos = 0
        while pos <= len(string):
            m = self._find(string, pos, False)
            if m is None:
                break
            out.append(m)
            pos = m.end() + 1 if m.end() == m.start() else m.end()
        return out

    def findall(self, string):
        out = []
        for m in self.finditer(string):
            if self.groups == 0:
                out.append(m.group(0))
            elif self.groups == 1:
                out.append(m.groups('')[0])
            else:
                out.append(m.groups(''))
        return out

    def _expand(self, m, repl):
        if callable(repl):
            return repl(m)
        out = ''
        i = 0
        while i < len(repl):
            c = repl[i]
            if c == '\\' and i + 1 < len(repl):
                n = repl[i + 1]
                if n.isdigit():
                    out += m.group(int(n)) or ''
                    i += 2
                    continue
                if n == 'g' and repl.startswith('<', i + 2):
                    j = repl.index('>', i)
                    name = repl[i + 3:j]
                    out += m.group(int(name) if name.isdigit() else name) or ''
                    i = j + 1
                    continue
                out += {'n': '\n', 't': '\t', '\\': '\\'}.get(n, '\\' + n)
                i += 2
                continue
            out += c
            i += 1
        return out

    def subn(self, repl, string, count=0):
        out = ''
        last = 0
        n = 0
        for m in self.finditer(string):
            if count and n >= count:
                break
            out += string[last:m.start()] + self._expand(m, repl)
            last = m.end()
            n += 1
        return out + string[last:], n

    def sub(self, repl, string, count=0):
        return self.subn(repl, string, count)[0]

    def split(self, string, maxsplit=0):
        out = []
        last = 0
        n = 0
        for m in self.finditer(string):
            if maxsplit and n >= maxsplit:
                break
            if m.end() == m.start():
                continue
            out.append(string[last:m.start()])
            out += list(m.groups())
            last = m.end()
            n += 1
        out.append(string[last:])
        return out

    def __repr__(self):
        return 're.compile(%r)' % self.pattern


def compile(pattern, flags=0):
    return Pattern(pattern, flags)


def match(pattern, string, flags=0):
    return Pattern(pattern, flags).match(string)


def fullmatch(pattern, string, flags=0):
    return Pattern(pattern, flags).fullmatch(string)


def search(pattern, string, flags=0):
    return Pattern(pattern, flags).search(string)


def findall(pattern, string, flags=0):
    return Pattern(pattern, flags).findall(string)


def finditer(pattern, string, flags=0):
    return Pattern(pattern, flags).finditer(string)


def sub(pattern, repl, string, count=0, flags=0):
    return Pattern(pattern, flags).sub(repl, string, count)


def subn(pattern, repl, string, count=0, flags=0):
    return Pattern(pattern, flags).subn(repl, string, count)


def split(pattern, string, maxsplit=0, flags=0):
    return Pattern(pattern, flags).split(string, maxsplit)


def escape(pattern):
    out = ''
    for c in pattern:
        if not (c.isalnum() or c == '_'):
            out += '\\'
        out += c
    return out
