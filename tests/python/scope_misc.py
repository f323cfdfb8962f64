x = 10
def show():
    return x
def shadow():
    x = 5
    return x
print(show(), shadow(), x)
items = ["a", "b"]
for i, item in enumerate(items):
    print(i, item)
print(type(None).__name__, type([]).__name__, type({}).__name__, type(1.0).__name__, type("").__name__)
print(bool([]), bool([0]), bool(""), bool(0.0), None is None, [] == [], [] is [])
a = b = [1]
b.append(2)
print(a, a is b)
print(isinstance(True, int), isinstance(1, (str, int)), callable(print), str(None), int(True))
print(list("abc"), tuple("ab"), set("aab") == {"a", "b"}, sorted("cba"), "".join(sorted("cba")))
i = 0
while True:
    i += 1
    if i >= 3:
        break
print(i, 3 // 2 * 2, -3 ** 2, (-3) ** 2, 10 - 2 - 3, 2 ** 3 ** 2)
