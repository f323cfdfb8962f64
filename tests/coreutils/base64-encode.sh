printf 'hello world' | base64
