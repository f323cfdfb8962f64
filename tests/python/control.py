for i in range(10):
    if i == 2:
        continue
    elif i > 5:
        break
    else:
        print("i", i)
else:
    print("not reached")
n = 0
while n < 3:
    n += 1
else:
    print("while done", n)
for x in []:
    pass
else:
    print("empty for else")
x = 5
print("big" if x > 3 else "small", x > 3 and "yes" or "no", not x, None or "default")
if (y := x * 2) > 8:
    print("walrus", y)
total = 0
for i in range(3):
    for j in range(3):
        if j == i:
            break
        total += j
print(total)
