"""The Flask half of the shared-login example: a login form that keeps the user in Flask's
session. `examples/flask_shared.rs` is the Rust half, which reads the same session.

    python examples/flask_login/app.py        # PORT (5000), FLASK_SECRET_KEY
"""

import os

from flask import Flask, redirect, request, session
from markupsafe import escape

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ.get(
    "FLASK_SECRET_KEY", "development key shared with the Rust app"
)
RUST = os.environ.get("RUST_URL", "http://127.0.0.1:3001/")


@app.get("/")
def home():
    user = session.get("user")
    if user is None:
        return (
            '<p id="anonymous">Flask: not logged in.</p>'
            '<form method="post" action="/login">'
            '<input id="user" name="user"><button id="login">Log in</button></form>'
        )
    return (
        f'<p id="greeting">Flask: hello, {escape(user)}.</p>'
        f'<a id="rust" href="{escape(RUST)}">The Rust page</a>'
    )


@app.post("/login")
def login():
    session["user"] = request.form["user"]
    session["visits"] = (1, "from flask")
    return redirect("/")


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(os.environ.get("PORT", "5000")))
