#!/usr/bin/env python3
"""Fills a release's column of scripts/pkgindex/apt.txt from the release's
real apt `Packages` indexes (downloaded by hand from the distribution's
archive: every pocket an image's sources name, e.g. bookworm,
bookworm-updates and bookworm-security; Ubuntu's main and universe).

  python3 scripts/pkgindex-apt-sync.py RELEASE=PACKAGES[,PACKAGES...]... [--report]

For each package of the table it writes the newest version the files hold
with its Installed-Size (`VERSION/KIB`, `*VERSION/KIB` when it is part of
every image of the release: required, essential, apt and what they need); a package the release does not
have becomes `!REPLACERS` when another package of the release names it (apt
then says it "has no installation candidate", listing what replaces it) and
`-` when nothing does (apt: "Unable to locate package"). --report prints,
instead of writing, where DEPS disagrees with the release's real Depends
and Pre-Depends (restricted to the table's packages; `A|V` when
an alternative V is a virtual package, `=V` for a package that provides V) and the dependencies
that look like a renamed table package (libssl3t64 for libssl3).
Then run scripts/pkgindex-gen.py.
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TABLE = os.path.join(ROOT, "scripts", "pkgindex", "apt.txt")
RELEASES = ["bullseye", "bookworm", "trixie", "focal", "jammy", "noble"]


def order(c):
    if c == "~":
        return -1
    if c.isalpha():
        return ord(c)
    return ord(c) + 256


def cmp_part(a, b):
    """dpkg's comparison of an upstream version or revision."""
    while a or b:
        ea = re.match(r"[^0-9]*", a).group()
        eb = re.match(r"[^0-9]*", b).group()
        a, b = a[len(ea):], b[len(eb):]
        for i in range(max(len(ea), len(eb))):
            x = order(ea[i]) if i < len(ea) else 0
            y = order(eb[i]) if i < len(eb) else 0
            if x != y:
                return -1 if x < y else 1
        da = re.match(r"[0-9]*", a).group()
        db = re.match(r"[0-9]*", b).group()
        a, b = a[len(da):], b[len(db):]
        x, y = int(da or 0), int(db or 0)
        if x != y:
            return -1 if x < y else 1
    return 0


def cmp_version(a, b):
    def split(v):
        epoch, _, rest = v.rpartition(":") if ":" in v else ("0", "", v)
        up, _, rev = rest.rpartition("-") if "-" in rest else (rest, "", "0")
        return int(epoch or 0), up, rev
    ea, ua, ra = split(a)
    eb, ub, rb = split(b)
    if ea != eb:
        return -1 if ea < eb else 1
    return cmp_part(ua, ub) or cmp_part(ra, rb)


def stanzas(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        fields, last = {}, None
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if fields:
                    yield fields
                fields, last = {}, None
            elif line[0] in " \t":
                if last:
                    fields[last] += " " + line.strip()
            else:
                k, _, v = line.partition(":")
                fields[k], last = v.strip(), k
        if fields:
            yield fields


def names(rel):
    """`a (>= 1), b | c` -> [[a], [b, c]] (names only)."""
    if not rel:
        return []
    return [[re.sub(r"[ (:].*", "", alt.strip()) for alt in group.split("|")] for group in rel.split(",")]


def load(paths):
    best, referred, replaces = {}, set(), {}
    for p in paths:
        for s in stanzas(p):
            name = s.get("Package")
            if not name:
                continue
            if name not in best or cmp_version(s["Version"], best[name]["Version"]) > 0:
                best[name] = s
    for name, s in best.items():
        for field in ("Depends", "Pre-Depends", "Recommends", "Suggests", "Enhances", "Conflicts", "Breaks", "Replaces", "Provides"):
            for group in names(s.get(field, "")):
                referred.update(group)
        for group in names(s.get("Replaces", "")):
            for r in group:
                replaces.setdefault(r, []).append(name)
    return best, referred, replaces


def read_table():
    rows = []
    with open(TABLE) as f:
        for line in f.read().splitlines():
            body = line.split("#", 1)[0].strip()
            rows.append((line, body.split() if body else None))
    return rows


def base_system(best):
    """What every image of the release has: the required and essential
    packages, apt, and what they depend on (debootstrap's minbase)."""
    todo = [n for n, s in best.items() if s.get("Priority") == "required" or s.get("Essential") == "yes"] + ["apt"]
    seen = set()
    while todo:
        n = todo.pop()
        if n in seen or n not in best:
            continue
        seen.add(n)
        for group in names(best[n].get("Pre-Depends", "")) + names(best[n].get("Depends", "")):
            # Of alternatives, a required one, else the first there is (the
            # images are built merged: usr-is-merged, not usrmerge).
            there = [a for a in group if a in best and a != "usrmerge"] or group
            todo.append(next((a for a in there if best.get(a, {}).get("Priority") == "required"), there[0]))
    return seen


def cell(best, referred, replaces, name, table, base=()):
    """A release's cell for `name` and its real dependencies in the table."""
    if name in best:
        s = best[name]
        deps = []
        for group in names(s.get("Pre-Depends", "")) + names(s.get("Depends", "")):
            # apt takes the first alternative (one the table lacks is not
            # shown) unless a package being installed provides another:
            # `default-jre-headless|java7-runtime-headless`.
            if group[0] in table and group[0] != name and not any(d.split("|")[0] == group[0] for d in deps):
                deps.append("|".join([group[0]] + [a for a in group[1:] if a not in table]))
        mark = "*" if name in base else ""
        return f"{mark}{s['Version']}/{s.get('Installed-Size', '0')}", deps
    if name in referred:
        return "!" + ",".join(sorted(set(replaces.get(name, [])))), None
    return "-", None


def stem(n):
    return re.sub(r"(t64|[0-9.]+[a-z]?)+$", "", n)


def main():
    report = "--report" in sys.argv
    keep_old = "--keep-old" in sys.argv
    sources = {}
    for a in sys.argv[1:]:
        if not a.startswith("--"):
            rel, _, files = a.partition("=")
            if rel not in RELEASES or not files:
                sys.exit(__doc__)
            sources[rel] = files.split(",")
    if not sources:
        sys.exit(__doc__)
    loaded = {rel: load(files) for rel, files in sources.items()}
    bases = {rel: base_system(best) for rel, (best, _, _) in loaded.items()}
    rows = read_table()
    table = {cols[0] for _, cols in rows if cols}
    stems = {stem(t) for t in table}
    # The virtual packages alternatives name, and which table packages provide them.
    virtuals = set()
    for _, cols in rows:
        for rel, (best, referred, replaces) in (loaded.items() if cols else ()):
            deps = cell(best, referred, replaces, cols[0], table)[1] or []
            for d in deps:
                virtuals.update(d.split("|")[1:])
    out = []
    for line, cols in rows:
        if not cols:
            out.append(line)
            continue
        name = cols[0]
        old = [] if cols[-2] == "-" else cols[-2].split(",")
        hand = [d for d in old if d.startswith("+")]
        real = {}
        for rel, (best, referred, replaces) in loaded.items():
            text, deps = cell(best, referred, replaces, name, table, bases[rel])
            cols[1 + RELEASES.index(rel)] = text
            if deps is not None:
                real[rel] = deps
            if report and name in best:
                for group in names(best[name].get("Depends", "")):
                    for n in group:
                        if n not in table and len(stem(n)) > 3 and stem(n) in stems:
                            print(f"{rel}: {name} depends on {n} (not in the table)")
        # DEPS: the union of the releases' real ones (then the hand-kept `+NAME`).
        union = []
        for rel in RELEASES:
            for d in real.get(rel, []):
                if d not in union:
                    union.append(d)
        provides = []
        for rel in RELEASES:
            if rel in loaded and name in loaded[rel][0]:
                for group in names(loaded[rel][0][name].get("Provides", "")):
                    if group[0] in virtuals and "=" + group[0] not in provides:
                        provides.append("=" + group[0])
        union += sorted(provides)
        if keep_old:
            hand += ["+" + d for d in old if not d.startswith("+") and d not in union and "+" + d not in hand]
        cols[-2] = ",".join(union + hand) or "-"
        # A release whose real list is not the union less what it lacks says its own.
        for rel, deps in real.items():
            best = loaded[rel][0]
            if [d for d in union if d.split("|")[0] in best] != deps:
                cols[1 + RELEASES.index(rel)] += "/" + (",".join(deps) or "-")
        out.append(" ".join(cols))
    if report:
        return
    with open(TABLE, "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
