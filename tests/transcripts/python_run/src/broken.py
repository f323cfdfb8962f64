def load(path):
    with open(path) as f:
        return f.read()

print(load("/etc/missing.conf"))
