printf 'RUN apt-get update\nRUN apt-get install -y curl\n' | sed -n 's/^RUN apt-get install -y //p'
