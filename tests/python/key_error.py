config = {"host": "db"}
print(config["port"])
