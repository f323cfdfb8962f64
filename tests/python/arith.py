print(1 + 2 * 3, 7 // 2, -7 // 2, 7 % 3, -7 % 3, 2 ** 10, 2 ** -1, 7 / 2)
print(0.1 + 0.2, 1e16, 1.5e-7, 3.0, -0.0, 1/3, 2.5 * 4, 10 / 5)
print(abs(-3), round(2.5), round(3.5), round(2.675, 2), divmod(17, 5), pow(3, 4, 5))
print(int("42") + 1, int(3.9), float("1.5"), int("ff", 16), hex(255), bin(5), oct(8))
print(True + True, 5 & 3, 5 | 3, 5 ^ 3, ~5, 1 << 10, 1024 >> 3)
print(max(3, 1, 2), min([4, 2, 8]), sum([1.5, 2.5]), max("abc", key=len), min([], default=0))
print(1 < 2 < 3, 1 < 3 < 2, 1 == 1.0, "a" < "b", [1, 2] < [1, 3], (1, 2) == (1, 2))
import math
print(math.sqrt(16), math.pi, math.floor(-2.5), math.ceil(2.1), math.gcd(12, 18), math.factorial(10))
