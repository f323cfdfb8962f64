import sys
import json

def main(args):
    names = args or ["world"]
    for n in names:
        print(f"Hello, {n}!")
    print(json.dumps({"count": len(names)}))
    return 0 if names else 1

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
