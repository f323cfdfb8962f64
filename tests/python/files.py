with open("notes.txt", "w") as f:
    f.write("line one\n")
    f.write("line two\n")
with open("notes.txt") as f:
    print(repr(f.read()))
with open("notes.txt") as f:
    for line in f:
        print(line.strip())
f = open("notes.txt", "a"); f.write("three\n"); f.close()
print(open("notes.txt").readlines())
try:
    open("missing.txt")
except FileNotFoundError as e:
    print(e)
