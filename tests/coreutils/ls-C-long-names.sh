for n in a-rather-long-file-name another-quite-long-name third-one-with-a-long-name x y z; do touch $n; done; ls -C
