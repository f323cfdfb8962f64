class Animal:
    kind = "animal"
    def __init__(self, name, sound="..."):
        self.name = name
        self.sound = sound
    def speak(self):
        return f"{self.name} says {self.sound}"
    def __repr__(self):
        return f"Animal({self.name!r})"
class Dog(Animal):
    kind = "dog"
    def __init__(self, name):
        super().__init__(name, "woof")
        self.tricks = []
    def add_trick(self, t):
        self.tricks.append(t)
        return self
    def speak(self):
        return super().speak() + "!"
    def __str__(self):
        return f"Dog {self.name}"
a = Animal("cat", "meow"); d = Dog("rex")
print(a.speak(), d.speak(), a.kind, d.kind, Animal.kind)
print(d.add_trick("sit").add_trick("roll").tricks, str(d), repr(a), [a])
print(isinstance(d, Animal), isinstance(a, Dog), issubclass(Dog, Animal), type(d).__name__, type(3) is int)
class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __eq__(self, o):
        return self.x == o.x and self.y == o.y
    def __add__(self, o):
        return Point(self.x + o.x, self.y + o.y)
    def __len__(self):
        return 2
    @staticmethod
    def origin():
        return Point(0, 0)
    @classmethod
    def make(cls, v):
        return cls(v, v)
    @property
    def norm1(self):
        return abs(self.x) + abs(self.y)
p = Point(1, 2) + Point(3, 4)
print(p.x, p.y, p == Point(4, 6), len(p), Point.origin().x, Point.make(5).y, p.norm1)
print(hasattr(p, "x"), getattr(p, "z", "none"), type(p).__name__)
class Stack:
    def __init__(self):
        self.items = []
    def push(self, x):
        self.items.append(x)
    def __iter__(self):
        return iter(self.items)
s = Stack(); s.push(1); s.push(2); print(list(s), [x * 2 for x in s])
