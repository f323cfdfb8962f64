try:
    1 / 0
except ZeroDivisionError as e:
    print("caught", e, type(e).__name__)
try:
    [][1]
except (KeyError, IndexError) as e:
    print("lookup", e)
try:
    {}["k"]
except KeyError as e:
    print("key", e, repr(e))
finally:
    print("finally")
class AppError(Exception):
    def __init__(self, msg, code):
        super().__init__(msg)
        self.code = code
try:
    raise AppError("bad thing", 42)
except Exception as e:
    print(e, e.code, e.args, isinstance(e, AppError))
def f():
    try:
        return "try"
    finally:
        print("cleanup")
print(f())
try:
    int("x")
except ValueError as e:
    print(e)
try:
    try:
        raise ValueError("inner")
    except ValueError:
        raise
except ValueError as e:
    print("reraised", e)
try:
    undefined_name
except NameError as e:
    print(e)
try:
    None.foo
except AttributeError as e:
    print(e)
try:
    "a" + 1
except TypeError as e:
    print(e)
try:
    len(5)
except TypeError as e:
    print(e)
try:
    assert 1 == 2, "math broke"
except AssertionError as e:
    print("assert", e)
try:
    pass
except Exception:
    print("no")
else:
    print("else ran")
