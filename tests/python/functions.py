def greet(name, greeting="Hello", *args, punct="!", **kw):
    return f"{greeting}, {name}{punct} {args} {kw}"
print(greet("Ada"))
print(greet("Bob", "Hi", 1, 2, punct="?", extra=True))
print(greet(greeting="Yo", name="Cy"))
def counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc
c = counter(); c(); c(); print(c())
total = 0
def add(n):
    global total
    total += n
add(5); add(6); print(total)
square = lambda x: x * x
print(square(7), (lambda *a: sum(a))(1, 2, 3), sorted([(1, "b"), (0, "a")], key=lambda p: p[1]))
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print([fib(i) for i in range(12)])
def apply(f, *args, **kwargs):
    return f(*args, **kwargs)
print(apply(greet, "Dee", punct="."))
def gen(n):
    for i in range(n):
        yield i * 10
print(list(gen(3)), sum(gen(4)))
def deco(f):
    def wrapper(*a):
        return "<" + f(*a) + ">"
    return wrapper
@deco
def shout(s):
    return s.upper()
print(shout("hey"), shout.__name__ if False else "ok")
def no_return():
    pass
print(no_return())
