mkdir e f; touch f/x g; : > h; find . -empty | sort
