status: 0
--- stdout
app.js: script
style.css: style
README: other
--- stderr
