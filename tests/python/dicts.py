d = {"b": 2, "a": 1}
d["c"] = 3
print(d, d["a"], d.get("z"), d.get("z", 0), len(d), "a" in d, list(d))
print(list(d.keys()), list(d.values()), list(d.items()))
for k, v in d.items():
    print(k, "->", v)
d.update({"a": 10, "e": 5}); print(d)
print(d.pop("b"), d.setdefault("f", 6), d)
del d["f"]; print(d, sorted(d), {k: v * 2 for k, v in d.items() if v > 3})
counts = {}
for w in "the cat the hat the end".split():
    counts[w] = counts.get(w, 0) + 1
print(counts, max(counts, key=counts.get))
nested = {"user": {"name": "ada", "tags": ["x", "y"]}}
print(nested["user"]["tags"][1], {**d, "z": 0}, dict(a=1, b=2), dict([("k", "v")]), d | {"q": 1})
s = {3, 1, 2}; s.add(2); s.add(4)
print(len(s), 4 in s, sorted(s), {1, 2} | {2, 3} == {1, 2, 3}, sorted({1, 2} & {2, 3}), sorted({1, 2} - {2}), set())
print(sorted({x % 3 for x in range(10)}), {1: "a"}.items(), tuple(sorted({"b": 1, "a": 2}.items())))
