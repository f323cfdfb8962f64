from flask import Flask, redirect

app = Flask(__name__)


@app.route("/")
def index():
    return "Hello from Flask!\n"


@app.route("/old")
def old():
    return redirect("/")


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5000)
