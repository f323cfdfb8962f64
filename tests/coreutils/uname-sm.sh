uname -sm; uname -ms
