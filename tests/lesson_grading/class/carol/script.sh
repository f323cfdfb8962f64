docker build -t site .
