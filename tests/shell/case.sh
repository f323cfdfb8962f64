for f in app.js style.css README; do case $f in *.js) echo "$f: script";; *.css|*.scss) echo "$f: style";; *) echo "$f: other";; esac; done
