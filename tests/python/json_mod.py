import json
data = {"name": "app", "ports": [80, 443], "debug": False, "ratio": 0.5, "none": None}
print(json.dumps(data))
print(json.dumps(data, indent=2, sort_keys=True))
print(json.dumps([1, "é"]), json.dumps({"a": 1}, separators=(",", ":")), json.dumps("x\ny"))
back = json.loads('{"b": [1, 2.5, true, null], "a": "s"}')
print(back, back["b"][1], type(back["a"]).__name__)
try:
    json.loads("not json")
except json.JSONDecodeError as e:
    print("bad json", e)
