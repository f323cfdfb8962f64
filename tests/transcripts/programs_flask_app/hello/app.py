import os
import socket

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/")
def index():
    name = request.args.get("name", "World")
    return f"Hello, {name}! This is {socket.gethostname()}.\n"


@app.route("/api/items/<int:item_id>")
def item(item_id):
    return jsonify({"id": item_id, "name": "item {}".format(item_id), "in_stock": True})


@app.get("/config")
def config():
    return {"env": os.environ.get("APP_ENV", "development"), "debug": False}


@app.route("/about")
def about():
    return render_template("about.html")


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", 8000)))
