printf 'cat\ndog\nbird\n' | awk '/cat|dog/'
