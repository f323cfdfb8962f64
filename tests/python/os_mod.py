import os
print(os.path.join("/app", "data", "x.txt"), os.path.join("a", "/abs"), os.path.basename("/a/b.py"), os.path.dirname("/a/b.py"))
print(os.path.splitext("/x/archive.tar.gz"), os.path.split("/a/b"), os.sep, os.name)
print(os.environ.get("NOPE_NOT_SET", "fallback"), os.getenv("NOPE_NOT_SET"), "NOPE_NOT_SET" in os.environ)
print(os.path.exists("/definitely/not/here"), os.path.isdir("/"))
