printf 'host=${HOST}\nport=${PORT}\n' | sed -e 's/${HOST}/db/' -e 's/${PORT}/5432/'
