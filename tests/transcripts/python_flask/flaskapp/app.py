import os
import socket

from flask import Flask, jsonify, request, render_template

app = Flask(__name__)
visits = 0


@app.route("/")
def index():
    return f"Hello from {socket.gethostname()}!\n"


@app.route("/hello/<name>")
def hello(name):
    greeting = request.args.get("greeting", "Hello")
    return f"{greeting}, {name.title()}!\n"


@app.route("/api/items/<int:item_id>")
def item(item_id):
    if item_id > 3:
        return jsonify(error="not found", id=item_id), 404
    return jsonify({"id": item_id, "name": f"item-{item_id}", "tags": ["a", "b"]})


@app.route("/env")
def env():
    return {"mode": os.environ.get("APP_MODE", "dev"), "python": os.environ["PYTHON_VERSION"]}


@app.route("/page")
def page():
    return render_template("index.html", title="Docker", items=["build", "ship", "run"])


@app.route("/boom")
def boom():
    return {"ratio": 1 / 0}


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5000)
