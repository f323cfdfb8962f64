echo 'hello world' | awk '{print toupper($0)}'
